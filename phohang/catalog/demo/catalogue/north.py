"""Demo sellers of the North and the North Central Coast, from Hà Nội to Hà Tĩnh, with their lines."""

from .goods import (
    COOPERATIVE,
    ENTERPRISE,
    HOUSEHOLD,
    INDIVIDUAL,
    DemoSeller,
    L,
    Line,
    Variant,
    bottles,
    crates,
    packs,
    pieces,
    rounded,
)

# Bát Tràng: each shape in the glazes the workshop fires it in; sizes are variants.
_SHAPES = [
    # (shape, unit, [(size, price factor, weight)], base price, pictures by glaze family)
    ("Bình hoa", "piece", [("Cao 25 cm", 1.0, 1400), ("Cao 35 cm", 1.7, 2600)], 320_000, "vase"),
    ("Bình hút lộc", "piece", [("Cao 30 cm", 1.0, 2200), ("Cao 40 cm", 1.6, 3600)], 650_000, "vase"),
    ("Bộ ấm chén", "set", [("Ấm và 6 chén", 1.0, 1600), ("Ấm, 6 chén và khay", 1.45, 2600)], 480_000, "teaset"),
    ("Bộ bát đĩa", "set", [("Bộ 6 người", 1.0, 5200), ("Bộ 10 người", 1.55, 8400)], 1_150_000, "bowl"),
    ("Bát ăn cơm", "set", [("Bộ 6 chiếc", 1.0, 1500), ("Bộ 10 chiếc", 1.6, 2500)], 180_000, "bowl"),
    ("Đĩa trang trí", "piece", [("Đường kính 30 cm", 1.0, 1300), ("Đường kính 40 cm", 1.8, 2400)], 280_000, "bowl"),
    ("Chum ngâm rượu", "piece", [("Chum 10 lít", 1.0, 5500), ("Chum 20 lít", 1.65, 9500)], 520_000, "vase"),
]  # fmt: skip
_GLAZES = [
    # (glaze, picture family suffix)
    ("men lam vẽ sen", "blue"),
    ("men rạn cổ", "crackle"),
    ("men ngọc", "green"),
    ("men nâu da lươn", "brown"),
    ("men hỏa biến", "green"),
]
_PICTURE = {
    ("vase", "blue"): "vase-blue", ("vase", "crackle"): "vase-crackle", ("vase", "green"): "vase-green",
    ("vase", "brown"): "vase-brown", ("teaset", "brown"): "teaset-brown", ("teaset", "crackle"): "teaset-brown",
}  # fmt: skip


def _bat_trang() -> list[Line]:
    lines = []
    for shape, unit, sizes, base, family in _SHAPES:
        for glaze_index, (glaze, tone) in enumerate(_GLAZES):
            # Not every shape in every glaze: a workshop's real range has gaps.
            if (len(shape) + glaze_index) % 5 == 4:
                continue
            picture = _PICTURE.get((family, tone), "teaset" if family == "teaset" else "bowl")
            if family == "vase":
                picture = _PICTURE[(family, tone)]
            price = base * (1.0 + 0.15 * glaze_index)
            variants = tuple(
                Variant(size, rounded(price * factor), weight) for size, factor, weight in sizes
            )
            lines.append(Line(f"{shape} {glaze} Bát Tràng", "gom-su", picture, unit, variants))
    return lines


SELLERS: list[DemoSeller] = [
    # ---- Hà Nội --------------------------------------------------------------------------------
    DemoSeller("Xưởng gốm Minh Đức", HOUSEHOLD, "01", "Lê Minh Đức", "pottery",
               "Gốm men lam, men rạn, men ngọc Bát Tràng làm tay qua ba đời.",
               _bat_trang(), email="ho.gombattrang@phohang.vn"),
    DemoSeller("Công ty TNHH Lụa Vạn Phúc", ENTERPRISE, "01", "Triệu Thị Hằng", "silk",
               "Lụa tơ tằm dệt tại làng Vạn Phúc, Hà Đông.", [
        L("Khăn lụa tơ tằm vẽ tay hoa sen", "lua-to-tam", "silk", "piece",
          pieces(("Khổ 50×180 cm", 450_000, 120), ("Khổ 90×90 cm", 520_000, 130)), stars=4),
        L("Khăn lụa vân hoa chanh Vạn Phúc", "lua-to-tam", "silk-blue", "piece",
          pieces(("Khổ 45×160 cm", 380_000, 110), ("Khổ 70×180 cm", 490_000, 140))),
        L("Vải lụa tơ tằm trơn Vạn Phúc", "lua-to-tam", "silk", "m",
          pieces(("Khổ 90 cm, 1 mét", 320_000, 120), ("Khổ 110 cm, 1 mét", 390_000, 150))),
        L("Vải lụa tơ tằm dệt vân rồng", "lua-to-tam", "silk-blue", "m",
          pieces(("Khổ 90 cm, 1 mét", 420_000, 130), ("Khổ 90 cm, 3 mét may áo dài", 1_200_000, 380))),
        L("Áo dài lụa tơ tằm may sẵn", "thoi-trang", "silk", "piece",
          pieces(("Cỡ S", 2_450_000, 450), ("Cỡ M", 2_450_000, 470), ("Cỡ L", 2_550_000, 500))),
        L("Cà vạt lụa tơ tằm Hà Đông", "thoi-trang", "silk-black", "piece",
          pieces(("Màu xanh than", 290_000, 80), ("Màu đỏ đô", 290_000, 80))),
        L("Vỏ gối lụa tơ tằm", "lua-to-tam", "silk", "piece",
          pieces(("Cỡ 50×70 cm", 350_000, 150), ("Đôi 50×70 cm", 650_000, 300))),
        L("Khăn lụa tơ tằm in hoa sen hộp quà", "lua-to-tam", "silk", "box",
          pieces(("Hộp 1 khăn", 690_000, 400), ("Hộp 2 khăn", 1_290_000, 650))),
    ]),
    DemoSeller("Nguyễn Thị Hoa (Mây tre đan Phú Vinh)", INDIVIDUAL, "01", "Nguyễn Thị Hoa", "weaving",
               "Đồ mây tre đan làng Phú Vinh, Chương Mỹ, đan tay từng chiếc.", [
        L("Giỏ mây đựng hoa quả", "may-tre-dan", "basket", "piece",
          pieces(("Đường kính 25 cm", 145_000, 400), ("Đường kính 35 cm", 215_000, 650))),
        L("Làn mây đi chợ có quai", "may-tre-dan", "basket", "piece",
          pieces(("Cỡ vừa", 260_000, 600), ("Cỡ lớn", 340_000, 850))),
        L("Khay mây chữ nhật hai quai", "may-tre-dan", "bamboo", "piece",
          pieces(("30×20 cm", 160_000, 500), ("40×28 cm", 230_000, 750))),
        L("Hộp mây có nắp đựng đồ", "may-tre-dan", "basket", "piece",
          pieces(("Cỡ 20 cm", 190_000, 450), ("Cỡ 30 cm", 290_000, 800))),
        L("Chao đèn mây thả trần", "may-tre-dan", "bamboo", "piece",
          pieces(("Đường kính 30 cm", 380_000, 700), ("Đường kính 45 cm", 560_000, 1100))),
        L("Giỏ tre đan đựng đồ giặt", "may-tre-dan", "bamboo", "piece",
          pieces(("Cao 45 cm", 240_000, 900),)),
    ]),
    DemoSeller("Công ty CP Sữa Ba Vì Xanh", ENTERPRISE, "01", "Đỗ Văn Sơn", "dairy",
               "Sữa bò, sữa chua và bánh sữa từ trang trại dưới chân núi Ba Vì.", [
        L("Sữa tươi thanh trùng Ba Vì", "nuoc-giai-khat", "milk", "bottle",
          bottles(38_000, 500, 1000, density=1.03)),
        L("Sữa chua uống men sống Ba Vì", "nuoc-giai-khat", "milk", "bottle",
          bottles(56_000, 250, 1000, density=1.04)),
        L("Bánh sữa Ba Vì", "banh-keo-mut", "sweets", "box",
          packs(240_000, 200, 500, noun="Hộp", gift=(500, 40_000)), stars=3),
    ]),
    DemoSeller("Hợp tác xã Bưởi Diễn Phú Thượng", COOPERATIVE, "01", "Nguyễn Văn Diễn", "orchard",
               "Bưởi Diễn trồng trên đất bãi Phú Thượng, thu hoạch tháng 11 đến Tết.", [
        L("Bưởi Diễn Phú Thượng", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (1–1,2 kg)", 75_000, 1300), ("Hộp quà 4 quả", 330_000, 5400)),
          stars=4, certs=["vietgap"]),
        L("Mứt vỏ bưởi Diễn", "banh-keo-mut", "sweets", "jar", packs(300_000, 200, 500, noun="Hũ")),
        L("Tinh dầu vỏ bưởi Diễn", "tinh-dau", "essential-oil", "bottle",
          bottles(2_400_000, 10, 50, noun="Lọ", density=0.9)),
    ]),
    DemoSeller("Hộ kinh doanh Bánh cốm Hàng Than", HOUSEHOLD, "01", "Nguyễn Thị Cốm", "sweets",
               "Bánh cốm, cốm làng Vòng và mứt sen theo công thức gia truyền phố Hàng Than.", [
        L("Bánh cốm Hàng Than nhân đậu xanh dừa", "banh-keo-mut", "green-cake", "box",
          pieces(("Hộp 5 chiếc", 95_000, 450), ("Hộp 10 chiếc", 180_000, 850)), stars=4),
        L("Cốm làng Vòng", "banh-keo-mut", "com", "pack", packs(360_000, 200, 500)),
        L("Bánh phu thê Hàng Than", "banh-keo-mut", "green-cake", "box",
          pieces(("Hộp 10 chiếc", 90_000, 700), ("Tráp cưới 50 chiếc", 470_000, 3600))),
        L("Mứt sen trần Hà Nội", "banh-keo-mut", "lotus-seed", "box",
          packs(420_000, 250, 500, noun="Hộp", gift=(500, 70_000))),
    ]),
    DemoSeller("Hộ kinh doanh Trà sen Quảng An", HOUSEHOLD, "01", "Đinh Thị Ngọc", "tea",
               "Trà ướp hoa sen Bách Diệp Hồ Tây và trà nhài, ướp thủ công theo mẻ.", [
        L("Trà ướp sen Bách Diệp Tây Hồ", "che-tra", "lotus-tea", "box",
          packs(8_000_000, 100, 200, noun="Hộp", packaging=150), stars=5),
        L("Trà nhài Hà Nội", "che-tra", "tea", "pack", packs(560_000, 100, 250, gift=(250, 90_000))),
        L("Trà sen gạo lứt túi lọc", "che-tra", "herbal-tea", "box",
          pieces(("Hộp 25 túi", 85_000, 200), ("Hộp 50 túi", 155_000, 380))),
    ]),
    # ---- Cao Bằng ------------------------------------------------------------------------------
    DemoSeller("Hợp tác xã Đặc sản Trùng Khánh", COOPERATIVE, "04", "Nông Văn Khánh", "specialties",
               "Hạt dẻ, miến dong và thạch đen của bà con Tày, Nùng Trùng Khánh.", [
        L("Hạt dẻ Trùng Khánh", "dac-san-kho", "chestnut", "kg", packs(190_000, 500, 1000, 2000, noun="Túi"),
          stars=3),
        L("Miến dong Phia Đén", "dac-san-kho", "noodles", "pack", packs(95_000, 500, 1000)),
        L("Thạch đen Thạch An sợi khô", "dac-san-kho", "herbal-tea", "pack", packs(130_000, 500, 1000)),
        L("Lạp sườn hun khói Cao Bằng", "thit-hai-san-che-bien", "beef-roll", "pack",
          packs(360_000, 500, 1000)),
    ]),
    # ---- Tuyên Quang (with Hà Giang) -------------------------------------------------------------
    DemoSeller("Hợp tác xã Mật ong bạc hà Mèo Vạc", COOPERATIVE, "08", "Sùng Mí Páo", "honey",
               "Mật ong hoa bạc hà cao nguyên đá Đồng Văn, thu tháng 11–12.", [
        L("Mật ong hoa bạc hà Mèo Vạc", "mat-ong", "honey-bottle", "bottle",
          bottles(620_000, 500, 1000, density=1.4, gift=(500, 60_000)), stars=4),
        L("Mật ong bạc hà nguyên sáp", "mat-ong", "honey", "jar", packs(900_000, 500, noun="Hũ")),
        L("Phấn hoa bạc hà Đồng Văn", "mat-ong", "honey", "jar", packs(560_000, 250, 500, noun="Hũ")),
    ]),
    DemoSeller("Hợp tác xã Chè Shan tuyết Hoàng Su Phì", COOPERATIVE, "08", "Lù Văn Sinh", "tea",
               "Chè Shan tuyết từ cây chè cổ thụ trên núi Chiêu Lầu Thi.", [
        L("Chè Shan tuyết cổ thụ Hoàng Su Phì", "che-tra", "tea", "pack",
          packs(900_000, 100, 200, 500, gift=(200, 90_000)), stars=4),
        L("Hồng trà Shan tuyết", "che-tra", "oolong", "pack", packs(1_100_000, 100, 250)),
        L("Bạch trà Shan tuyết búp bạc", "che-tra", "herbal-tea", "box",
          packs(3_600_000, 50, 100, noun="Hộp", packaging=120)),
    ]),
    DemoSeller("Hợp tác xã Cam sành Hàm Yên", COOPERATIVE, "08", "Hoàng Văn Yên", "orchard",
               "Cam sành Hàm Yên chín cây, thu từ tháng 11 đến tháng 2.", [
        L("Cam sành Hàm Yên", "trai-cay", "green-orange", "kg", crates(32_000, 5, 10), stars=4,
          certs=["vietgap"]),
    ]),
    # ---- Điện Biên -----------------------------------------------------------------------------
    DemoSeller("Công ty CP Đặc sản Điện Biên", ENTERPRISE, "11", "Lò Thị Xuân", "specialties",
               "Gạo cánh đồng Mường Thanh, thịt trâu gác bếp và cà phê Mường Ảng.", [
        L("Gạo tám thơm Điện Biên", "gao-ngu-coc", "rice", "bag", packs(30_000, 2000, 5000, 10000, noun="Túi"),
          stars=4, certs=["vietgap"]),
        L("Gạo nếp nương Điện Biên", "gao-ngu-coc", "sticky-rice", "bag", packs(42_000, 2000, 5000, noun="Túi")),
        L("Thịt trâu gác bếp Điện Biên", "thit-hai-san-che-bien", "jerky", "pack",
          packs(1_150_000, 250, 500, gift=(500, 60_000)), stars=3),
        L("Cà phê Arabica Mường Ảng rang mộc", "ca-phe", "coffee", "pack", packs(360_000, 250, 500, 1000)),
        L("Măng khô Điện Biên", "dac-san-kho", "roots", "pack", packs(280_000, 500, 1000)),
    ]),
    # ---- Lai Châu ------------------------------------------------------------------------------
    DemoSeller("Hợp tác xã Chè Tam Đường", COOPERATIVE, "12", "Tẩn Láo Sử", "tea",
               "Chè xanh và hồng trà vùng cao Tam Đường, hái một tôm hai lá.", [
        L("Chè xanh Tam Đường", "che-tra", "tea", "pack", packs(320_000, 200, 500)),
        L("Hồng trà Tam Đường", "che-tra", "oolong", "pack", packs(450_000, 200, 500)),
        L("Chè Shan tuyết Sìn Hồ", "che-tra", "tea", "pack", packs(700_000, 100, 250)),
    ]),
    # ---- Sơn La --------------------------------------------------------------------------------
    DemoSeller("Hợp tác xã Nông sản sạch Mộc Châu", COOPERATIVE, "14", "Lò Văn Pản", "orchard",
               "Mận hậu, xoài tròn Yên Châu và rượu mận của cao nguyên Mộc Châu.", [
        L("Mận hậu Mộc Châu", "trai-cay", "plum", "kg", crates(38_000, 3, 5), certs=["vietgap"]),
        L("Xoài tròn Yên Châu", "trai-cay", "mango", "kg", crates(45_000, 3, 5)),
        L("Mận sấy dẻo Mộc Châu", "dac-san-kho", "jerky", "pack", packs(260_000, 250, 500)),
        L("Rượu mận Mộc Châu", "ruou-dac-san", "fruit-wine", "bottle", bottles(160_000, 500, 1000)),
    ]),
    DemoSeller("Hợp tác xã Chè Ô long Chiềng Đi", COOPERATIVE, "14", "Vì Văn Chiến", "tea",
               "Chè Ô long trồng trên đồi chè Mộc Châu, chế biến theo kỹ thuật Đài Loan.", [
        L("Chè Ô long Mộc Châu", "che-tra", "oolong", "pack", packs(600_000, 200, 500, gift=(200, 90_000)),
          stars=4),
        L("Trà xanh Mộc Châu sao sấy", "che-tra", "tea", "pack", packs(280_000, 200, 500)),
    ]),
    # ---- Lào Cai (with Yên Bái) ----------------------------------------------------------------
    DemoSeller("Hoàng Thị Mai (Thổ cẩm Sa Pa)", INDIVIDUAL, "15", "Hoàng Thị Mai", "brocade",
               "Thổ cẩm H'Mông, Dao đỏ dệt và nhuộm chàm bằng tay ở Tả Van.", [
        L("Túi đeo chéo thổ cẩm H'Mông", "tho-cam", "brocade", "piece",
          pieces(("Cỡ nhỏ", 220_000, 250), ("Cỡ lớn", 320_000, 380))),
        L("Khăn choàng thổ cẩm Dao đỏ", "tho-cam", "brocade-red", "piece", pieces(("Khổ 60×180 cm", 350_000, 300),)),
        L("Ví cầm tay thổ cẩm", "tho-cam", "brocade-red", "piece", pieces(("Ví dài", 120_000, 100), ("Ví ngắn", 90_000, 80))),
        L("Váy xòe H'Mông thêu tay", "thoi-trang", "brocade", "piece",
          pieces(("Cỡ S", 1_450_000, 900), ("Cỡ M", 1_450_000, 950))),
        L("Vỏ gối thổ cẩm nhuộm chàm", "tho-cam", "brocade", "piece", pieces(("Cỡ 45×45 cm", 180_000, 200),)),
    ]),
    DemoSeller("Hợp tác xã Quế Văn Yên", COOPERATIVE, "15", "Triệu Văn Quế", "spices",
               "Quế Văn Yên bóc vỏ, phơi khô và chưng cất tinh dầu tại xưởng hợp tác xã.", [
        L("Quế thanh Văn Yên", "nuoc-mam-gia-vi", "cinnamon", "pack", packs(160_000, 250, 500, 1000), stars=4),
        L("Bột quế Văn Yên nguyên chất", "nuoc-mam-gia-vi", "pepper", "pack", packs(240_000, 100, 250)),
        L("Tinh dầu quế Văn Yên", "tinh-dau", "essential-oil", "bottle",
          bottles(4_500_000, 10, 30, 100, noun="Lọ", density=1.05)),
    ]),
    # ---- Thái Nguyên (with Bắc Kạn) ------------------------------------------------------------
    DemoSeller("Hợp tác xã Chè Tân Cương", COOPERATIVE, "19", "Nguyễn Văn Thắng", "tea",
               "Chè búp Tân Cương sao suốt thủ công, đạt OCOP 4 sao.", [
        L("Chè búp Tân Cương", "che-tra", "tea", "pack", packs(420_000, 200, 500, 1000), stars=4,
          certs=["vietgap"]),
        L("Chè móc câu Tân Cương đặc biệt", "che-tra", "tea", "pack", packs(850_000, 200, 500, gift=(500, 120_000)),
          stars=4),
        L("Chè nõn tôm Tân Cương", "che-tra", "tea", "pack", packs(1_600_000, 100, 250, gift=(250, 120_000))),
        L("Trà đinh Tân Cương", "che-tra", "tea-gift", "box", packs(4_200_000, 100, 200, noun="Hộp", packaging=150),
          stars=5),
    ], email="htx.chetancuong@phohang.vn"),
    DemoSeller("Công ty TNHH Thực phẩm Bắc Kạn Xanh", ENTERPRISE, "19", "Ma Thị Lan", "specialties",
               "Miến dong Na Rì, hồng không hạt Ba Bể và gạo Bao thai Chợ Đồn.", [
        L("Miến dong Na Rì", "dac-san-kho", "noodles", "pack", packs(90_000, 500, 1000), stars=4),
        L("Hồng sấy không hạt Ba Bể", "dac-san-kho", "sweet-potato", "pack", packs(340_000, 250, 500)),
        L("Gạo Bao thai Chợ Đồn", "gao-ngu-coc", "rice", "bag", packs(24_000, 5000, 10000, noun="Túi")),
    ]),
    # ---- Lạng Sơn ------------------------------------------------------------------------------
    DemoSeller("Công ty TNHH Hồi quế Lạng Sơn", ENTERPRISE, "20", "Hoàng Văn Hồi", "spices",
               "Hoa hồi Văn Quan, Bình Gia phơi khô và tinh dầu hồi chưng cất.", [
        L("Hoa hồi khô Văn Quan", "nuoc-mam-gia-vi", "star-anise", "pack", packs(180_000, 250, 500, 1000), stars=4),
        L("Tinh dầu hồi Lạng Sơn", "tinh-dau", "essential-oil", "bottle",
          bottles(3_800_000, 10, 30, 100, noun="Lọ", density=0.98)),
        L("Bột ngũ vị hương Lạng Sơn", "nuoc-mam-gia-vi", "pepper", "pack", packs(220_000, 100, 250)),
    ]),
    DemoSeller("Hợp tác xã Na Chi Lăng", COOPERATIVE, "20", "Vy Văn Na", "orchard",
               "Na dai Chi Lăng trên núi đá vôi, mùa tháng 7–9.", [
        L("Na dai Chi Lăng", "trai-cay", "custard-apple", "kg", crates(65_000, 2, 5), stars=4, certs=["vietgap"]),
        L("Hồng vành khuyên Văn Lãng", "trai-cay", "orange", "kg", crates(55_000, 2, 5)),
    ]),
    # ---- Quảng Ninh ----------------------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Sá sùng Quan Lạn", HOUSEHOLD, "22", "Phạm Văn Biển", "seafood",
               "Sá sùng khô Quan Lạn, chả mực giã tay và mực khô Vân Đồn.", [
        L("Sá sùng khô Quan Lạn", "dac-san-kho", "sea-worm", "pack", packs(6_200_000, 100, 250), stars=4),
        L("Chả mực giã tay Hạ Long", "thit-hai-san-che-bien", "squid-cake", "kg",
          packs(420_000, 500, 1000, noun="Túi"), stars=4),
        L("Mực khô Vân Đồn", "dac-san-kho", "dried-fish", "pack", packs(1_450_000, 250, 500)),
        L("Tôm he khô Cô Tô", "dac-san-kho", "dried-shrimp", "pack", packs(1_300_000, 250, 500)),
    ]),
    # ---- Bắc Ninh (with Bắc Giang) -------------------------------------------------------------
    DemoSeller("Hợp tác xã Vải thiều Lục Ngạn", COOPERATIVE, "24", "Hoàng Văn Quý", "orchard",
               "Vải thiều VietGAP, mùa vụ tháng 6–7; vải sấy và mật ong hoa vải quanh năm.", [
        L("Vải thiều Lục Ngạn", "trai-cay", "lychee", "kg", crates(45_000, 2, 5, 10), stars=4, certs=["vietgap"]),
        L("Vải sấy khô Lục Ngạn", "dac-san-kho", "longan", "pack", packs(170_000, 500, 1000, noun="Túi")),
        L("Mật ong hoa vải Lục Ngạn", "mat-ong", "honey-bottle", "bottle", bottles(280_000, 500, 1000, density=1.4)),
    ]),
    DemoSeller("Xưởng tranh dân gian Đông Hồ Thanh Mai", HOUSEHOLD, "24", "Nguyễn Thị Thanh Mai", "folk-craft",
               "Tranh khắc gỗ in tay trên giấy điệp, làng Đông Hồ, Thuận Thành.", [
        L("Tranh Đông Hồ Lợn đàn", "luu-niem-noi-that", "woodblock", "piece",
          pieces(("Tranh rời 30×40 cm", 80_000, 100), ("Đóng khung gỗ", 320_000, 1100))),
        L("Tranh Đông Hồ Đám cưới chuột", "luu-niem-noi-that", "woodblock", "piece",
          pieces(("Tranh rời 30×40 cm", 80_000, 100), ("Đóng khung gỗ", 320_000, 1100))),
        L("Tranh Đông Hồ Vinh hoa Phú quý bộ đôi", "luu-niem-noi-that", "woodblock", "set",
          pieces(("Bộ 2 tranh rời", 150_000, 200), ("Bộ 2 tranh đóng khung", 620_000, 2200))),
        L("Tranh Đông Hồ Gà đàn", "luu-niem-noi-that", "woodblock", "piece",
          pieces(("Tranh rời 30×40 cm", 80_000, 100),)),
    ]),
    # ---- Phú Thọ (with Vĩnh Phúc, Hòa Bình) ----------------------------------------------------
    DemoSeller("Hợp tác xã Bưởi Đoan Hùng", COOPERATIVE, "25", "Hà Văn Hùng", "orchard",
               "Bưởi Sửu Chí Đám và bưởi Bằng Luân, chỉ dẫn địa lý Đoan Hùng.", [
        L("Bưởi Sửu Chí Đám Đoan Hùng", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (0,9–1,1 kg)", 60_000, 1200), ("Thùng 6 quả", 340_000, 7000)), stars=4),
        L("Bưởi Bằng Luân", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (0,8–1 kg)", 50_000, 1100), ("Thùng 6 quả", 280_000, 6500))),
    ]),
    DemoSeller("Hợp tác xã Cam Cao Phong", COOPERATIVE, "25", "Bùi Văn Phong", "orchard",
               "Cam và quýt Cao Phong, trồng trên đồi đất đỏ ven hồ Hòa Bình.", [
        L("Cam Cao Phong", "trai-cay", "orange", "kg", crates(40_000, 5, 10), stars=4, certs=["vietgap"]),
        L("Quýt ngọt Cao Phong", "trai-cay", "orange", "kg", crates(48_000, 3, 5)),
    ]),
    DemoSeller("Hợp tác xã Dệt thổ cẩm Bản Lác", COOPERATIVE, "25", "Hà Thị Lác", "brocade",
               "Thổ cẩm Thái trắng Mai Châu dệt khung gỗ truyền thống.", [
        L("Khăn piêu thổ cẩm Mai Châu", "tho-cam", "brocade-red", "piece", pieces(("Khổ 40×150 cm", 280_000, 200),)),
        L("Túi xách thổ cẩm Thái trắng", "tho-cam", "brocade", "piece",
          pieces(("Cỡ vừa", 260_000, 350), ("Cỡ lớn", 340_000, 450))),
        L("Khăn trải bàn thổ cẩm", "tho-cam", "brocade-red", "piece",
          pieces(("Bàn 4 người", 420_000, 600), ("Bàn 6 người", 560_000, 800))),
    ]),
    # ---- Hải Phòng (with Hải Dương) ------------------------------------------------------------
    DemoSeller("Công ty CP Nước mắm Cát Hải", ENTERPRISE, "31", "Vũ Đức Hải", "fish-sauce",
               "Nước mắm cá cơm ủ chượp trong thùng gỗ trên đảo Cát Hải.", [
        L("Nước mắm cốt Cát Hải 35 độ đạm", "nuoc-mam-gia-vi", "fish-sauce", "bottle",
          bottles(190_000, 500, 1000, density=1.2, gift=(500, 50_000)), stars=4),
        L("Nước mắm truyền thống Cát Hải 20 độ đạm", "nuoc-mam-gia-vi", "fish-sauce", "bottle",
          bottles(75_000, 1000, 2000, density=1.2)),
        L("Mắm tôm Cát Hải", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(120_000, 250, 500, noun="Hũ")),
    ]),
    DemoSeller("Hộ kinh doanh Bánh đậu xanh Rồng Vàng", HOUSEHOLD, "31", "Phạm Thị Nga", "sweets",
               "Bánh đậu xanh Hải Dương và bánh khảo làm theo lối cổ.", [
        L("Bánh đậu xanh Hải Dương", "banh-keo-mut", "cake-box", "box",
          packs(190_000, 250, 500, noun="Hộp", gift=(500, 55_000)), stars=3),
        L("Bánh khảo nhân đường Gia Lộc", "banh-keo-mut", "sweets", "box", packs(170_000, 300, 600, noun="Hộp")),
    ]),
    # ---- Hưng Yên (with Thái Bình) -------------------------------------------------------------
    DemoSeller("Hợp tác xã Nhãn lồng Phố Hiến", COOPERATIVE, "33", "Đào Văn Hiến", "orchard",
               "Nhãn lồng Hưng Yên, mùa tháng 7–8; long nhãn sấy quanh năm.", [
        L("Nhãn lồng Hưng Yên", "trai-cay", "longan", "kg", crates(50_000, 2, 5), stars=4, certs=["vietgap"]),
        L("Long nhãn sấy khô", "dac-san-kho", "longan", "pack", packs(380_000, 250, 500, noun="Túi")),
    ]),
    DemoSeller("Hợp tác xã Gạo nếp cái hoa vàng Thái Bình", COOPERATIVE, "33", "Trần Văn Nếp", "rice",
               "Nếp cái hoa vàng, gạo tám xoan và bánh cáy làng Nguyễn.", [
        L("Gạo nếp cái hoa vàng Thái Bình", "gao-ngu-coc", "sticky-rice", "bag",
          packs(45_000, 2000, 5000, noun="Túi"), stars=3),
        L("Gạo tám xoan Thái Bình", "gao-ngu-coc", "rice", "bag", packs(32_000, 5000, 10000, noun="Túi")),
        L("Bánh cáy làng Nguyễn", "banh-keo-mut", "sweets", "box", packs(200_000, 300, 600, noun="Hộp")),
    ]),
    # ---- Ninh Bình (with Nam Định, Hà Nam) -----------------------------------------------------
    DemoSeller("Hợp tác xã Cói Kim Sơn", COOPERATIVE, "37", "Phạm Văn Cói", "weaving",
               "Chiếu, thảm và túi cói Kim Sơn dệt từ cói vùng bãi bồi ven biển.", [
        L("Chiếu cói Kim Sơn dệt hoa", "may-tre-dan", "sedge", "piece",
          pieces(("Khổ 1,6 m", 260_000, 1800), ("Khổ 1,8 m", 310_000, 2100))),
        L("Thảm cói tròn trải sàn", "may-tre-dan", "sedge", "piece",
          pieces(("Đường kính 90 cm", 240_000, 1400), ("Đường kính 120 cm", 390_000, 2300))),
        L("Túi cói thêu hoa đi biển", "may-tre-dan", "basket", "piece", pieces(("Cỡ 35×30 cm", 180_000, 350),)),
        L("Giỏ cói đựng đồ có quai", "may-tre-dan", "basket", "piece",
          pieces(("Cỡ nhỏ", 95_000, 250), ("Cỡ lớn", 160_000, 450))),
    ]),
    DemoSeller("Hộ kinh doanh Kẹo sìu châu Nam Định", HOUSEHOLD, "37", "Vũ Thị Hạnh", "sweets",
               "Kẹo sìu châu và bánh nhãn Hải Hậu làm tay.", [
        L("Kẹo sìu châu Nam Định", "banh-keo-mut", "sweets", "box", packs(220_000, 250, 500, noun="Hộp")),
        L("Bánh nhãn Hải Hậu", "banh-keo-mut", "cake-box", "pack", packs(160_000, 300, 500)),
    ]),
    # ---- Thanh Hóa -----------------------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Nem chua Thanh Hóa Bà Hương", HOUSEHOLD, "38", "Lê Thị Hương", "meat",
               "Nem chua lá chùm ruột, chả tôm và mắm tép xứ Thanh.", [
        L("Nem chua Thanh Hóa", "thit-hai-san-che-bien", "nem", "pack",
          pieces(("Chục 10 cái", 55_000, 450), ("Chục 20 cái", 105_000, 900), ("Túi 50 cái", 250_000, 2200)), stars=3),
        L("Chả tôm Thanh Hóa", "thit-hai-san-che-bien", "squid-cake", "pack", packs(380_000, 500, 1000)),
        L("Mắm tép Hà Yên", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(140_000, 250, 500, noun="Hũ")),
    ]),
    # ---- Nghệ An -------------------------------------------------------------------------------
    DemoSeller("Hợp tác xã Cam Vinh Nghi Lộc", COOPERATIVE, "40", "Nguyễn Đình Cường", "orchard",
               "Cam Vinh chỉ dẫn địa lý, cam xã Đoài chín cây vụ Tết.", [
        L("Cam Vinh", "trai-cay", "orange", "kg", crates(42_000, 5, 10), stars=4, certs=["vietgap"]),
        L("Cam xã Đoài Nghi Diên", "trai-cay", "green-orange", "kg", crates(65_000, 3, 5)),
    ]),
    # ---- Hà Tĩnh -------------------------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Kẹo cu đơ Thọ Tường", HOUSEHOLD, "42", "Trần Văn Tường", "sweets",
               "Kẹo cu đơ mật mía gừng tươi và bánh đa vừng Hà Tĩnh.", [
        L("Kẹo cu đơ Hà Tĩnh", "banh-keo-mut", "sweets", "box", packs(150_000, 250, 500, noun="Hộp"), stars=3),
        L("Bánh đa vừng Hà Tĩnh", "dac-san-kho", "rice-paper", "pack",
          pieces(("Xấp 10 chiếc", 40_000, 450), ("Xấp 20 chiếc", 75_000, 900))),
    ]),
    DemoSeller("Hợp tác xã Bưởi Phúc Trạch", COOPERATIVE, "42", "Phan Văn Trạch", "orchard",
               "Bưởi Phúc Trạch Hương Khê, múi hồng, ngọt thanh.", [
        L("Bưởi Phúc Trạch Hương Khê", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (1,3–1,6 kg)", 85_000, 1700), ("Thùng 4 quả", 320_000, 6800)), stars=4),
    ]),
]  # fmt: skip
