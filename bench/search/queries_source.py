"""Source of queries.tsv: each query with its tag and the judging criteria for grades 3, 2 and 1.

Criteria are written by hand from what a shopper typing the query wants, independently of the
engine: clauses joined by " & " must all hold; "a|b" means either; a leading "!" negates; a
"c:", "b:" or "p:" prefix reads category, brand or province instead of the title. Text is folded.
Run `python queries_source.py` to rewrite queries.tsv, then make_qrels.py for qrels.tsv.
"""

QUERIES = [
    # exact: typed with full, correct diacritics
    ("exact", "cà phê buôn ma thuột", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("exact", "chè thái nguyên", "che|tra & thai nguyen", "che|tra & !lam & !kem|bot|bup be", ""),
    ("exact", "nước mắm phú quốc", "nuoc mam & phu quoc", "nuoc mam", ""),
    ("exact", "gạo ST25", "gao & st25", "gao", ""),
    ("exact", "áo thun nam", "ao thun|ao phong & nam & !nu", "ao thun|ao phong", "ao polo|ao ba lo"),
    ("exact", "kem chống nắng", "kem chong nang", "chong nang & !ao|o|du|mu|non|gang|khau trang|tat", ""),
    ("exact", "ổ cứng SSD", "o cung & ssd", "ssd", "o cung"),
    ("exact", "giày cao gót", "giay cao got", "cao got", "giay bup be"),
    ("exact", "ba lô leo núi", "ba lo|balo & leo nui", "ba lo|balo & du lich|da ngoai|trekking|phuot", "ba lo|balo"),
    ("exact", "bánh quy bơ", "banh quy|cookie & bo", "banh quy|cookie", ""),
    ("exact", "hộp mực máy in", "hop muc & may in|in", "muc in|hop muc|cartridge", "may in"),
    ("exact", "mật ong rừng", "mat ong & rung", "mat ong", ""),
    ("exact", "dầu gội đầu", "dau goi", "dau xa|sua tam", ""),
    ("exact", "chân váy", "chan vay", "vay & !dam", "dam"),
    # no-diacritics: the same needs typed without any mark
    ("no-diacritics", "ca phe buon ma thuot", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("no-diacritics", "nuoc mam", "nuoc mam", "mam", ""),
    ("no-diacritics", "sua rua mat", "sua rua mat", "rua mat", "tay trang"),
    ("no-diacritics", "ao khoac nu", "ao khoac & nu & !nam", "ao khoac", ""),
    ("no-diacritics", "dien thoai samsung", "dien thoai & samsung|galaxy", "samsung galaxy", "dien thoai"),
    ("no-diacritics", "quan jean nam", "quan jean|quan jeans|quan bo & nam & !nu", "quan jean|quan jeans|quan bo", "jean"),
    ("no-diacritics", "giay chay bo", "giay chay bo|giay chay", "giay the thao & chay", "giay the thao"),
    ("no-diacritics", "keo dua ben tre", "keo dua & ben tre|p:vinh long", "keo dua", "keo"),
    ("no-diacritics", "tui ngu", "tui ngu", "", ""),
    ("no-diacritics", "banh trang", "banh trang", "", ""),
    ("no-diacritics", "vai thieu luc ngan", "vai thieu", "", ""),
    ("no-diacritics", "mat ong", "mat ong", "", ""),
    ("no-diacritics", "son duong moi", "son duong", "son & moi", "duong moi"),
    ("no-diacritics", "ghe gap", "ghe & gap", "ghe", ""),
    # partial-diacritics: some marks typed, some not
    ("partial-diacritics", "cà phe buôn ma thuot", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("partial-diacritics", "nươc mam phu quốc", "nuoc mam & phu quoc", "nuoc mam", ""),
    ("partial-diacritics", "ao khoác nam", "ao khoac & nam & !nu", "ao khoac", ""),
    ("partial-diacritics", "giày thê thao nu", "giay the thao & nu|nu & !nam", "giay the thao|giay chay", "giay"),
    ("partial-diacritics", "kem chông nắng", "kem chong nang", "chong nang & !ao|o|du|mu|non|gang|khau trang|tat", ""),
    ("partial-diacritics", "bánh quy bo", "banh quy|cookie & bo", "banh quy|cookie", ""),
    ("partial-diacritics", "ô cứng di đong", "o cung & di dong|gan ngoai|portable", "o cung", "ssd"),
    ("partial-diacritics", "chè thai nguyen", "che|tra & thai nguyen", "che|tra & !lam & !kem|bot|bup be", ""),
    ("partial-diacritics", "mât ong hà giang", "mat ong & ha giang|p:tuyen quang", "mat ong", ""),
    ("partial-diacritics", "quân kaki nam", "quan kaki & nam", "quan kaki|kaki", ""),
    ("partial-diacritics", "dầu goi", "dau goi", "dau xa", ""),
    ("partial-diacritics", "áo sơ mi nư", "ao so mi & nu", "ao so mi", "so mi"),
    # tone-placement: old-style tone position (hoà, thuỷ, khoẻ)
    ("tone-placement", "xoài cát hoà lộc", "xoai & hoa loc", "xoai", ""),
    ("tone-placement", "bánh đậu xanh hải dương hoà", "banh dau xanh & hai duong", "banh dau xanh", ""),
    ("tone-placement", "sữa hoà tan", "hoa tan", "sua bot|sua", ""),
    ("tone-placement", "cafe sữa hoà tan", "ca phe|cafe & hoa tan", "ca phe|cafe", ""),
    ("tone-placement", "kem dưỡng ẩm khoẻ da", "kem duong & am|khoe", "kem duong", "duong am"),
    ("tone-placement", "đồ thuỷ tinh", "thuy tinh", "", ""),
    ("tone-placement", "hộp thuỷ tinh", "hop & thuy tinh", "thuy tinh", "hop"),
    ("tone-placement", "thuỷ tinh chịu nhiệt", "thuy tinh & chiu nhiet", "thuy tinh", ""),
    ("tone-placement", "khoẻ khoắn năng động", "khoe khoan|nang dong", "", ""),
    ("tone-placement", "bình thuỷ tinh", "binh & thuy tinh", "thuy tinh", ""),
    ("tone-placement", "áo thun hoạ tiết", "ao thun|ao phong & hoa tiet", "hoa tiet", "ao thun"),
    ("tone-placement", "quần lót nam thoáng khí hoà", "quan lot & nam", "quan lot", ""),
    # nfd: decomposed Unicode as some keyboards and copy-paste produce
    ("nfd", "NFD:cà phê", "ca phe|cafe & !cocoon|tay da chet|son|moi|may|binh|coc|ly", "ca phe|cafe", ""),
    ("nfd", "NFD:nước mắm", "nuoc mam", "", ""),
    ("nfd", "NFD:áo khoác", "ao khoac", "", ""),
    ("nfd", "NFD:bánh quy", "banh quy|cookie", "banh", ""),
    ("nfd", "NFD:ổ cứng", "o cung", "ssd|hdd", ""),
    ("nfd", "NFD:chè thái nguyên", "che|tra & thai nguyen", "che|tra & !lam & !kem|bot|bup be", ""),
    ("nfd", "NFD:giày thể thao", "giay the thao", "giay chay|sneaker", "giay"),
    ("nfd", "NFD:sữa rửa mặt", "sua rua mat", "rua mat", ""),
    ("nfd", "NFD:điện thoại", "dien thoai & !op|cuong luc|sac|gia do|dan", "dien thoai", ""),
    ("nfd", "NFD:kem chống nắng", "kem chong nang", "chong nang & !ao|o|du|mu|non|gang|khau trang|tat", ""),
    ("nfd", "NFD:đầm dự tiệc", "dam & du tiec", "dam|vay & du tiec", "dam"),
    ("nfd", "NFD:dầu gội", "dau goi", "dau xa", ""),
    # typo: a slip of the finger
    ("typo", "ca phê buon ma thuôt", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("typo", "ca phe buon ma thuoot", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("typo", "dien thaoi samsung", "dien thoai & samsung|galaxy", "samsung galaxy", "dien thoai"),
    ("typo", "kem chong nanng", "kem chong nang", "chong nang & !ao|o|du|mu|non|gang|khau trang|tat", ""),
    ("typo", "banh quyy", "banh quy|cookie", "banh", ""),
    ("typo", "giay the thoa", "giay the thao", "giay chay|sneaker", "giay"),
    ("typo", "nuoc mamm", "nuoc mam", "", ""),
    ("typo", "samsnug galaxy", "samsung galaxy|samsung & galaxy", "samsung", ""),
    ("typo", "xiaomi remdi", "xiaomi & redmi", "xiaomi", ""),
    ("typo", "ao khaoc", "ao khoac", "", ""),
    ("typo", "dau goii", "dau goi", "dau xa", ""),
    ("typo", "tui nguu", "tui ngu", "", ""),
    ("typo", "balo leo nuii", "ba lo|balo & leo nui", "ba lo|balo & du lich|da ngoai|trekking|phuot", "ba lo|balo"),
    # abbreviation
    ("abbreviation", "cà phe BMT", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak|dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("abbreviation", "giò lụa HN", "gio lua", "gio", ""),
    ("abbreviation", "bánh cốm HN", "banh com", "com", ""),
    ("abbreviation", "đặc sản HCM", "p:ho chi minh", "", ""),
    ("abbreviation", "trà sen HN", "tra sen|sen tay ho", "tra|che & p:ha noi", ""),
    ("abbreviation", "đậu phộng TP HCM", "dau phong|lac & p:ho chi minh", "dau phong|lac", ""),
    ("abbreviation", "mít sấy TPHCM", "mit & say", "say", ""),
    ("abbreviation", "cafe sữa BMT", "ca phe|cafe & sua & p:dak lak", "ca phe|cafe & p:dak lak", "ca phe|cafe"),
    ("abbreviation", "usb 3.0", "usb & 3 0", "usb", ""),
    ("abbreviation", "ssd 1tb", "ssd & 1tb", "ssd", "o cung"),
    ("abbreviation", "đt samsung", "dien thoai & samsung|galaxy", "samsung galaxy", "samsung"),
    ("abbreviation", "HN chả cá", "cha ca", "", ""),
    # synonym and regional words
    ("synonym", "trà thái nguyên", "che|tra & thai nguyen", "che|tra & !lam & !kem|bot|bup be", ""),
    ("synonym", "caphe buôn mê thuột", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("synonym", "cafe daklak", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak|dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("synonym", "thịt lợn gác bếp", "thit & heo|lon & gac bep", "gac bep", ""),
    ("synonym", "bắp nếp", "bap|ngo & nep", "bap|ngo", ""),
    ("synonym", "ngô ngọt", "bap|ngo & ngot|my", "bap|ngo", ""),
    ("synonym", "lạc rang", "lac|dau phong & rang", "lac|dau phong", ""),
    ("synonym", "đậu phộng", "lac|dau phong & !dau lac", "lac|dau phong", ""),
    ("synonym", "thơm cầu đúc", "thom|khom|dua & cau duc", "thom|khom|dua", ""),
    ("synonym", "khóm", "khom|dua|thom & !thom mat|huong thom|thom ngon", "", ""),
    ("synonym", "coffee", "ca phe|cafe|coffee & !cocoon|tay da chet|son|moi|may|binh|coc|ly", "ca phe|cafe|coffee", ""),
    ("synonym", "áo phông nam", "ao thun|ao phong & nam & !nu", "ao thun|ao phong", "ao polo"),
    ("synonym", "mì quảng", "mi|my & quang", "mi|my", ""),
    ("synonym", "heo quay", "heo|lon & quay", "heo|lon", ""),
    # province+product: place names, current and pre-2025
    ("province+product", "vải thiều bắc giang", "vai thieu", "", ""),
    ("province+product", "đặc sản bắc ninh", "p:bac ninh", "", ""),
    ("province+product", "mật ong hà giang", "mat ong & ha giang|p:tuyen quang", "mat ong", ""),
    ("province+product", "trà tuyên quang", "che|tra & p:tuyen quang", "che|tra", ""),
    ("province+product", "nước mắm phan thiết", "nuoc mam & phan thiet", "nuoc mam", ""),
    ("province+product", "gạo sóc trăng", "gao & soc trang|st25", "gao", ""),
    ("province+product", "gạo cần thơ", "gao & p:can tho", "gao", ""),
    ("province+product", "bưởi bến tre", "buoi & ben tre|p:vinh long", "buoi", ""),
    ("province+product", "kẹo dừa vĩnh long", "keo dua & p:vinh long", "keo dua", ""),
    ("province+product", "xoài tiền giang", "xoai & p:dong thap|tien giang", "xoai", ""),
    ("province+product", "bánh pía sóc trăng", "banh pia", "", ""),
    ("province+product", "thanh long bình thuận", "thanh long", "", ""),
    ("province+product", "tỏi lý sơn", "toi & ly son", "toi & !toi tay", ""),
    ("province+product", "quế quảng nam", "que & quang nam|tra my", "que & !que dien|huong que", ""),
    ("province+product", "sâm kon tum", "sam & kon tum|ngoc linh", "sam", ""),
    ("province+product", "cá bò phú yên", "ca bo", "p:dak lak & kho|mot nang", ""),
    ("province+product", "cà phê đắk lắk", "ca phe|cafe & buon ma thuot|buon me thuot|p:dak lak|dak lak", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("province+product", "đặc sản đà lạt", "da lat", "p:lam dong", ""),
    ("province+product", "rượu bình định", "ruou & binh dinh|p:gia lai", "ruou", ""),
    ("province+product", "nem chua thanh hoá", "nem chua & thanh hoa", "nem", ""),
    ("province+product", "miến bắc kạn", "mien & bac kan|p:thai nguyen", "mien", ""),
    ("province+product", "tiêu gia lai", "tieu & p:gia lai", "tieu|ho tieu", ""),
    # units: weights and volumes written with or without a space
    ("units", "gạo 5 kg", "gao & 5kg", "gao", ""),
    ("units", "gao st25 5kg", "gao & st25 & 5kg", "gao & st25", "gao"),
    ("units", "nước mắm 500 ml", "nuoc mam & 500ml", "nuoc mam", ""),
    ("units", "cà phê 500 gr", "ca phe|cafe & 500g & !cocoon|tay da chet|son|moi", "ca phe|cafe & !cocoon|tay da chet|son|moi", "ca phe|cafe"),
    ("units", "mật ong 1 lít", "mat ong & 1l", "mat ong", ""),
    ("units", "hạt điều 500g", "hat dieu & 500g", "hat dieu", ""),
    ("units", "trà 100 gram", "che|tra & 100g", "che|tra & !lam & !kem|bot|bup be", ""),
    ("units", "vải thiều 5 ký", "vai thieu & 5kg", "vai thieu", ""),
    ("units", "ổ cứng 1 TB", "o cung|ssd|hdd & 1tb", "o cung", ""),
    ("units", "sữa tươi 1 lít", "sua tuoi & 1l", "sua tuoi", "sua"),
    ("units", "ssd 512 gb", "ssd & 512gb", "ssd", "o cung"),
    ("units", "dầu gội 500 ml", "dau goi & 500ml", "dau goi", ""),
]


def main() -> None:
    import unicodedata
    from pathlib import Path

    lines = ["query_id\tquery\ttag\tgrade3\tgrade2\tgrade1"]
    for number, (tag, query, grade3, grade2, grade1) in enumerate(QUERIES, 1):
        if query.startswith("NFD:"):
            query = unicodedata.normalize("NFD", query[4:])
        lines.append(f"q{number:03d}\t{query}\t{tag}\t{grade3}\t{grade2}\t{grade1}")
    Path(__file__).with_name("queries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(QUERIES)} queries")


if __name__ == "__main__":
    main()
