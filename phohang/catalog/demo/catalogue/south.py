"""Demo sellers from Quảng Trị southwards: the central coast, the Central Highlands, the South East
and the Mekong Delta, with their lines."""

from .goods import (
    COOPERATIVE,
    ENTERPRISE,
    HOUSEHOLD,
    INDIVIDUAL,
    DemoSeller,
    L,
    bottles,
    crates,
    packs,
    pieces,
)

SELLERS: list[DemoSeller] = [
    # ---- Quảng Trị (with Quảng Bình) -----------------------------------------------------------
    DemoSeller("Hợp tác xã Cà phê Khe Sanh", COOPERATIVE, "44", "Hồ Văn Sanh", "coffee",
               "Cà phê Arabica và Robusta vùng đất đỏ Khe Sanh, Hướng Hóa.", [
        L("Cà phê Arabica Khe Sanh rang mộc", "ca-phe", "coffee", "pack", packs(380_000, 250, 500, 1000), stars=3),
        L("Cà phê nhân xanh Khe Sanh", "ca-phe", "coffee-green", "kg", packs(150_000, 1000, 5000, noun="Bao")),
        L("Cà phê phin giấy Khe Sanh", "ca-phe", "coffee", "box",
          pieces(("Hộp 10 gói", 95_000, 250), ("Hộp 30 gói", 260_000, 650))),
    ]),
    DemoSeller("Hộ kinh doanh Khoai deo Quảng Bình", HOUSEHOLD, "44", "Đặng Thị Deo", "sweets",
               "Khoai deo phơi gió Lào và tiêu Cồn Tiên.", [
        L("Khoai deo Quảng Bình", "dac-san-kho", "sweet-potato", "pack", packs(170_000, 500, 1000), stars=3),
        L("Khoai lang dẻo sấy Lệ Thủy", "dac-san-kho", "sweet-potato", "pack", packs(150_000, 250, 500)),
    ]),
    # ---- Huế -----------------------------------------------------------------------------------
    DemoSeller("Công ty TNHH Đặc sản Cố đô", ENTERPRISE, "46", "Tôn Nữ Thu Hà", "specialties",
               "Mè xửng, tôm chua, mắm ruốc và trà cung đình xứ Huế.", [
        L("Mè xửng dẻo Huế", "banh-keo-mut", "sweets", "box", packs(180_000, 250, 500, noun="Hộp", gift=(500, 45_000)),
          stars=4),
        L("Tôm chua Huế", "nuoc-mam-gia-vi", "shrimp-salt", "jar", packs(300_000, 250, 500, noun="Hũ")),
        L("Mắm ruốc Huế", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(110_000, 250, 500, noun="Hũ")),
        L("Trà cung đình Huế", "che-tra", "herbal-tea", "box",
          pieces(("Hộp 20 túi", 65_000, 200), ("Hộp 50 túi", 145_000, 450))),
        L("Tinh dầu tràm Huế", "tinh-dau", "essential-oil", "bottle", bottles(1_000_000, 50, 100, noun="Lọ", density=0.9)),
    ]),
    DemoSeller("Hộ kinh doanh Nón lá Tây Hồ Phú Vang", HOUSEHOLD, "46", "Lê Thị Nón", "folk-craft",
               "Nón lá làng Tây Hồ, Phú Vang: chằm tay 16 vành.", [
        L("Nón bài thơ Huế", "luu-niem-noi-that", "conical-hat", "piece",
          pieces(("Nón trơn", 110_000, 300), ("Nón vẽ tay", 180_000, 320))),
        L("Nón lá chằm 16 vành", "luu-niem-noi-that", "conical-hat", "piece", pieces(("Nón trơn", 80_000, 280),)),
    ]),
    # ---- Đà Nẵng (with Quảng Nam) --------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Chả bò Đà Nẵng Cô Lan", HOUSEHOLD, "48", "Phan Thị Lan", "meat",
               "Chả bò, tré và mắm nêm Đà Nẵng.", [
        L("Chả bò Đà Nẵng", "thit-hai-san-che-bien", "beef-roll", "pack",
          packs(340_000, 500, 1000, noun="Cây"), stars=3),
        L("Tré Bà Đệ Đà Nẵng", "thit-hai-san-che-bien", "nem", "pack", pieces(("Chục 10 cái", 90_000, 600),)),
        L("Mắm nêm Đà Nẵng", "nuoc-mam-gia-vi", "fermented-fish", "jar", bottles(70_000, 500, 1000, density=1.2)),
        L("Bò khô Đà Nẵng", "thit-hai-san-che-bien", "jerky", "pack", packs(900_000, 250, 500)),
    ]),
    DemoSeller("Hộ kinh doanh Gốm Thanh Hà", HOUSEHOLD, "48", "Nguyễn Văn Thanh", "pottery",
               "Gốm đất nung làng Thanh Hà, Hội An, nặn tay trên bàn xoay.", [
        L("Bình gốm đất nung Thanh Hà", "gom-su", "vase-brown", "piece",
          pieces(("Cao 20 cm", 180_000, 900), ("Cao 30 cm", 290_000, 1700))),
        L("Bộ ấm trà đất nung Hội An", "gom-su", "teaset-brown", "set", pieces(("Ấm và 4 chén", 260_000, 1300),)),
        L("Chậu trồng cây đất nung Thanh Hà", "gom-su", "bowl", "piece",
          pieces(("Đường kính 20 cm", 90_000, 1200), ("Đường kính 30 cm", 160_000, 2500))),
    ]),
    # ---- Quảng Ngãi (with Kon Tum) -------------------------------------------------------------
    DemoSeller("Hợp tác xã Tỏi Lý Sơn", COOPERATIVE, "51", "Võ Văn Thành", "spices",
               "Tỏi và hành tím trồng trên cát núi lửa đảo Lý Sơn.", [
        L("Tỏi cô đơn Lý Sơn", "nuoc-mam-gia-vi", "garlic", "kg", packs(320_000, 500, 1000, noun="Túi"), stars=4),
        L("Tỏi nhiều tép Lý Sơn", "nuoc-mam-gia-vi", "garlic", "kg", packs(140_000, 500, 1000, 2000, noun="Túi")),
        L("Hành tím Lý Sơn", "nuoc-mam-gia-vi", "garlic", "kg", packs(80_000, 1000, 2000, noun="Túi")),
    ]),
    DemoSeller("Trần Văn Bình (Mật mía Quảng Ngãi)", INDIVIDUAL, "51", "Trần Văn Bình", "sweets",
               "Đường phổi, đường phèn và mạch nha nấu từ mía Quảng Ngãi.", [
        L("Đường phổi Quảng Ngãi", "banh-keo-mut", "sugar", "box", packs(110_000, 500, 1000, noun="Hộp"), stars=3),
        L("Đường phèn kết tinh Quảng Ngãi", "banh-keo-mut", "sugar", "pack", packs(70_000, 500, 1000)),
        L("Mạch nha Thu Xà", "banh-keo-mut", "malt", "jar", packs(130_000, 500, 1000, noun="Hũ")),
    ]),
    DemoSeller("Hợp tác xã Cà phê Đăk Hà", COOPERATIVE, "51", "A Thút", "coffee",
               "Cà phê Robusta Đăk Hà, Kon Tum, hái chín đỏ.", [
        L("Cà phê Robusta Đăk Hà rang xay", "ca-phe", "coffee", "pack", packs(260_000, 250, 500, 1000)),
        L("Cà phê hạt Culi Kon Tum", "ca-phe", "coffee", "pack", packs(320_000, 500, 1000)),
    ]),
    # ---- Gia Lai (with Bình Định) --------------------------------------------------------------
    DemoSeller("Hợp tác xã Hồ tiêu Chư Sê", COOPERATIVE, "52", "Rơ Châm Ly", "spices",
               "Hồ tiêu Chư Sê chỉ dẫn địa lý, phơi trên sân gạch.", [
        L("Hồ tiêu đen Chư Sê", "nuoc-mam-gia-vi", "pepper", "pack", packs(250_000, 250, 500, 1000), stars=4),
        L("Tiêu sọ trắng Chư Sê", "nuoc-mam-gia-vi", "pepper", "pack", packs(390_000, 250, 500)),
        L("Tiêu xanh ngâm nước mắm", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(210_000, 300, noun="Hũ")),
    ]),
    DemoSeller("Hộ kinh doanh Đặc sản Tam Quan", HOUSEHOLD, "52", "Nguyễn Thị Quan", "specialties",
               "Bánh tráng nước dừa, nem chợ Huyện và rượu Bàu Đá đất Bình Định.", [
        L("Bánh tráng nước dừa Tam Quan", "dac-san-kho", "rice-paper", "pack",
          pieces(("Xấp 10 lá", 35_000, 400), ("Xấp 20 lá", 65_000, 800))),
        L("Nem chợ Huyện Bình Định", "thit-hai-san-che-bien", "nem", "pack", pieces(("Chục 10 cái", 60_000, 300),)),
        L("Rượu Bàu Đá An Nhơn", "ruou-dac-san", "spirit", "bottle", bottles(140_000, 500, 1000), stars=3),
        L("Bánh ít lá gai Bình Định", "banh-keo-mut", "black-cake", "pack", pieces(("Chục 10 cái", 70_000, 700),)),
    ]),
    # ---- Khánh Hòa (with Ninh Thuận) -----------------------------------------------------------
    DemoSeller("Công ty CP Yến sào Khánh Hòa Việt", ENTERPRISE, "56", "Đặng Minh Tuấn", "bird-nest",
               "Yến sào đảo thiên nhiên và yến nhà, làm sạch bằng tay tại Nha Trang.", [
        L("Yến sào tinh chế Khánh Hòa", "dac-san-kho", "bird-nest", "box",
          packs(42_000_000, 50, 100, noun="Hộp", packaging=200), stars=5),
        L("Tổ yến thô còn lông", "dac-san-kho", "bird-nest", "box", packs(26_000_000, 50, 100, noun="Hộp", packaging=200)),
        L("Nước yến sào đường phèn", "nuoc-giai-khat", "milk", "box",
          pieces(("Hộp 6 lọ 70 ml", 220_000, 900), ("Thùng 30 lọ 70 ml", 1_050_000, 4500))),
    ]),
    DemoSeller("Hợp tác xã Nho Thái An", COOPERATIVE, "56", "Chamaléa Thị Hòa", "orchard",
               "Nho đỏ, nho xanh và táo Ninh Thuận trên đất nắng gió Phan Rang.", [
        L("Nho đỏ Phan Rang", "trai-cay", "grape", "kg", crates(60_000, 2, 5), certs=["vietgap"]),
        L("Nho xanh NH01 Ninh Thuận", "trai-cay", "grape", "kg", crates(85_000, 2, 5)),
        L("Rượu vang nho Phan Rang", "ruou-dac-san", "fruit-wine", "bottle", bottles(220_000, 750, 1500)),
        L("Nho sấy khô Ninh Thuận", "dac-san-kho", "longan", "pack", packs(260_000, 250, 500)),
    ]),
    # ---- Đắk Lắk (with Phú Yên) ----------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Cà phê Ea Tu", HOUSEHOLD, "66", "Y Bih Niê", "coffee",
               "Cà phê Robusta Buôn Ma Thuột hái chín, rang mộc tại vườn.", [
        L("Cà phê Robusta Buôn Ma Thuột rang mộc", "ca-phe", "coffee", "pack",
          packs(300_000, 250, 500, 1000, gift=(500, 70_000)), stars=4),
        L("Cà phê Fine Robusta Ea Tu", "ca-phe", "coffee", "pack", packs(480_000, 250, 500)),
        L("Cà phê Culi Buôn Ma Thuột", "ca-phe", "coffee", "pack", packs(340_000, 500, 1000)),
    ]),
    DemoSeller("Hợp tác xã Sầu riêng Krông Pắc", COOPERATIVE, "66", "Nguyễn Văn Pắc", "orchard",
               "Sầu riêng Ri6 và Dona Krông Pắc, mã vùng trồng xuất khẩu.", [
        L("Sầu riêng Ri6 Krông Pắc", "trai-cay", "durian", "piece",
          pieces(("Quả 2,5–3 kg", 310_000, 3200), ("Quả 3,5–4 kg", 420_000, 4300)), certs=["globalgap"]),
        L("Sầu riêng Dona Đắk Lắk", "trai-cay", "durian", "piece", pieces(("Quả 3–3,5 kg", 360_000, 3700),)),
    ]),
    # ---- Lâm Đồng (with Bình Thuận, Đắk Nông) --------------------------------------------------
    DemoSeller("Hộ kinh doanh Trà Atiso Đà Lạt Thu Sương", HOUSEHOLD, "68", "Nguyễn Thu Sương", "herbs",
               "Trà và cao atiso, dâu tây và mứt dâu Đà Lạt.", [
        L("Trà atiso Đà Lạt túi lọc", "che-tra", "herbal-tea", "box",
          pieces(("Hộp 20 túi", 45_000, 150), ("Hộp 100 túi", 190_000, 600)), stars=4),
        L("Cao atiso Đà Lạt", "duoc-lieu", "malt", "jar", packs(700_000, 200, 500, noun="Hũ")),
        L("Dâu tây tươi Đà Lạt", "trai-cay", "strawberry", "kg", crates(210_000, 0.5, 1, noun="Hộp")),
        L("Mứt dâu tây Đà Lạt", "banh-keo-mut", "shrimp-salt", "jar", packs(260_000, 250, 500, noun="Hũ")),
    ]),
    DemoSeller("Hợp tác xã Chè Cầu Đất", COOPERATIVE, "68", "Trần Văn Đất", "tea",
               "Chè Ô long Cầu Đất trên độ cao 1.600 m và nhà nghỉ giữa đồi chè.", [
        L("Trà Ô long Cầu Đất", "che-tra", "oolong", "pack", packs(700_000, 200, 500)),
        L("Trà xanh Bảo Lộc", "che-tra", "tea", "pack", packs(260_000, 250, 500)),
        L("Homestay đồi chè Cầu Đất", "homestay", "homestay", "tour",
          pieces(("1 đêm, phòng 2 người", 950_000, 0), ("2 đêm, phòng gia đình 4 người", 2_900_000, 0))),
    ]),
    DemoSeller("Hợp tác xã Thanh long Hàm Thuận Nam", COOPERATIVE, "68", "Lê Văn Thuận", "orchard",
               "Thanh long Bình Thuận ruột trắng, ruột đỏ; mã vùng trồng VietGAP.", [
        L("Thanh long ruột đỏ Bình Thuận", "trai-cay", "dragon-fruit", "kg", crates(35_000, 3, 5, 10), certs=["vietgap"]),
        L("Thanh long ruột trắng Hàm Thuận", "trai-cay", "dragon-fruit", "kg", crates(22_000, 5, 10)),
    ]),
    DemoSeller("Công ty TNHH Nước mắm Phan Thiết Mũi Né", ENTERPRISE, "68", "Huỳnh Văn Né", "fish-sauce",
               "Nước mắm nhĩ cá cơm than Phan Thiết, ủ chượp 12–18 tháng.", [
        L("Nước mắm nhĩ cá cơm than Phan Thiết", "nuoc-mam-gia-vi", "fish-sauce", "bottle",
          bottles(260_000, 250, 500, gift=(500, 60_000), density=1.2), stars=4),
        L("Nước mắm Phan Thiết 30 độ đạm", "nuoc-mam-gia-vi", "fish-sauce", "bottle", bottles(110_000, 500, 1000, 2000, density=1.2)),
        L("Mực một nắng Phan Thiết", "dac-san-kho", "dried-fish", "pack", packs(650_000, 500, 1000)),
    ]),
    # ---- Đồng Nai (with Bình Phước) ------------------------------------------------------------
    DemoSeller("Hợp tác xã Điều Bình Phước", COOPERATIVE, "75", "Lâm Văn Phúc", "nuts",
               "Hạt điều Bình Phước rang củi, còn vỏ lụa.", [
        L("Hạt điều rang muối Bình Phước", "dac-san-kho", "nuts", "pack", packs(340_000, 250, 500, 1000, gift=(500, 60_000)),
          stars=4),
        L("Hạt điều tươi tách vỏ lụa", "dac-san-kho", "nuts", "pack", packs(300_000, 500, 1000)),
        L("Hạt điều rang mật ong", "dac-san-kho", "nuts", "jar", packs(400_000, 250, 500, noun="Hũ")),
    ]),
    DemoSeller("Hộ kinh doanh Gốm Biên Hòa Tân Vạn", HOUSEHOLD, "75", "Trương Văn Vạn", "pottery",
               "Gốm men xanh đồng trổ Biên Hòa, chậu cảnh và bình trang trí.", [
        L("Chậu gốm men xanh đồng trổ Biên Hòa", "gom-su", "vase-green", "piece",
          pieces(("Đường kính 30 cm", 420_000, 4500), ("Đường kính 45 cm", 780_000, 9000))),
        L("Bình gốm đắp nổi hoa sen Biên Hòa", "gom-su", "vase-green", "piece", pieces(("Cao 40 cm", 950_000, 4200),)),
    ]),
    # ---- TP Hồ Chí Minh (with Bình Dương, Bà Rịa–Vũng Tàu) -------------------------------------
    DemoSeller("Công ty TNHH Sơn mài Tương Bình Hiệp", ENTERPRISE, "79", "Nguyễn Văn Hiệp", "lacquer",
               "Tranh và đồ sơn mài làng Tương Bình Hiệp, Thủ Dầu Một.", [
        L("Tranh sơn mài phong cảnh làng quê", "son-mai", "lacquer", "piece",
          pieces(("Khổ 40×60 cm", 1_900_000, 2500), ("Khổ 60×90 cm", 3_800_000, 5000))),
        L("Tranh sơn mài hoa sen khảm vỏ trứng", "son-mai", "lacquer", "piece", pieces(("Khổ 40×60 cm", 2_400_000, 2500),)),
        L("Hộp sơn mài khảm trai", "son-mai", "lacquer", "piece",
          pieces(("Hộp 15 cm", 320_000, 400), ("Hộp 25 cm", 560_000, 800))),
        L("Khay sơn mài chữ nhật", "son-mai", "lacquer", "piece", pieces(("Khay 30×40 cm", 450_000, 900),)),
    ]),
    DemoSeller("Hộ kinh doanh Hải sản khô Vũng Tàu Cô Ba", HOUSEHOLD, "79", "Lâm Thị Ba", "seafood",
               "Khô cá, khô mực và tôm khô phơi tại Phước Tỉnh.", [
        L("Khô cá dứa một nắng Vũng Tàu", "dac-san-kho", "dried-fish", "pack", packs(420_000, 500, 1000)),
        L("Khô mực câu Phước Tỉnh", "dac-san-kho", "dried-fish", "pack", packs(1_350_000, 250, 500)),
        L("Tôm khô Long Hải", "dac-san-kho", "dried-shrimp", "pack", packs(1_100_000, 250, 500)),
    ]),
    # ---- Tây Ninh (with Long An) ---------------------------------------------------------------
    DemoSeller("Hộ kinh doanh Bánh tráng Trảng Bàng", HOUSEHOLD, "80", "Võ Thị Bàng", "specialties",
               "Bánh tráng phơi sương và muối tôm Tây Ninh.", [
        L("Bánh tráng phơi sương Trảng Bàng", "dac-san-kho", "rice-paper", "pack",
          pieces(("Xấp 500 g", 55_000, 550), ("Xấp 1 kg", 100_000, 1050)), stars=4),
        L("Muối tôm Tây Ninh", "nuoc-mam-gia-vi", "shrimp-salt", "jar", packs(170_000, 250, 500, noun="Hũ")),
        L("Bánh canh Trảng Bàng sợi khô", "dac-san-kho", "rice-noodles", "pack", packs(70_000, 500, 1000)),
    ]),
    DemoSeller("Hợp tác xã Gạo nàng thơm Chợ Đào", COOPERATIVE, "80", "Nguyễn Văn Đào", "rice",
               "Gạo nàng thơm Chợ Đào, Cần Đước, chỉ dẫn địa lý.", [
        L("Gạo nàng thơm Chợ Đào", "gao-ngu-coc", "rice", "bag", packs(34_000, 5000, 10000, noun="Túi"), stars=4),
    ]),
    # ---- Đồng Tháp (with Tiền Giang) -----------------------------------------------------------
    DemoSeller("Hợp tác xã Xoài cát Hòa Lộc", COOPERATIVE, "82", "Trần Văn Lộc", "orchard",
               "Xoài cát Hòa Lộc Cái Bè chỉ dẫn địa lý và xoài cát Chu Cao Lãnh.", [
        L("Xoài cát Hòa Lộc", "trai-cay", "mango", "kg", crates(85_000, 2, 5), stars=4, certs=["vietgap"]),
        L("Xoài cát Chu Cao Lãnh", "trai-cay", "mango", "kg", crates(38_000, 5, 10)),
        L("Xoài sấy dẻo Cao Lãnh", "dac-san-kho", "sweet-potato", "pack", packs(330_000, 250, 500)),
    ]),
    DemoSeller("Hợp tác xã Sen Tháp Mười", COOPERATIVE, "82", "Lê Thị Sen", "lotus",
               "Hạt sen, trà tim sen và mứt sen đồng Tháp Mười.", [
        L("Hạt sen khô Tháp Mười", "dac-san-kho", "lotus-seed", "pack", packs(380_000, 250, 500, 1000), stars=4),
        L("Trà tim sen Đồng Tháp", "che-tra", "herbal-tea", "pack", packs(420_000, 100, 250)),
        L("Mứt hạt sen Sa Đéc", "banh-keo-mut", "lotus-seed", "box", packs(300_000, 250, 500, noun="Hộp")),
        L("Hủ tiếu Sa Đéc", "dac-san-kho", "rice-noodles", "pack", packs(60_000, 500, 1000)),
    ]),
    # ---- Vĩnh Long (with Bến Tre, Trà Vinh) ----------------------------------------------------
    DemoSeller("Công ty TNHH Kẹo dừa Bến Tre Thanh Long", ENTERPRISE, "86", "Huỳnh Thanh Long", "coconut",
               "Kẹo dừa, bánh tráng sữa, dầu dừa và đồ gáo dừa xứ dừa Bến Tre.", [
        L("Kẹo dừa Bến Tre vị sầu riêng", "banh-keo-mut", "sweets", "box", packs(130_000, 250, 500, noun="Hộp"), stars=4),
        L("Kẹo dừa lá dứa", "banh-keo-mut", "green-cake", "box", packs(120_000, 250, 500, noun="Hộp")),
        L("Bánh tráng sữa Sơn Đốc", "dac-san-kho", "rice-paper", "pack", pieces(("Xấp 10 cái", 45_000, 500),)),
        L("Dầu dừa ép lạnh Bến Tre", "my-pham-thien-nhien", "essential-oil", "bottle",
          bottles(280_000, 100, 250, 500, density=0.92)),
        L("Bộ chén gáo dừa", "luu-niem-noi-that", "bowl", "set", pieces(("Bộ 4 chén", 140_000, 400),)),
    ]),
    DemoSeller("Hợp tác xã Bưởi Năm Roi Bình Minh", COOPERATIVE, "86", "Lê Văn Minh", "orchard",
               "Bưởi Năm Roi Bình Minh và bưởi da xanh Chợ Lách.", [
        L("Bưởi Năm Roi Bình Minh", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (1,2–1,5 kg)", 55_000, 1600), ("Thùng 6 quả", 300_000, 9500)), stars=4),
        L("Bưởi da xanh Chợ Lách", "trai-cay", "pomelo", "piece",
          pieces(("1 quả (1,5–1,8 kg)", 80_000, 1900), ("Thùng 4 quả", 300_000, 7800))),
    ]),
    # ---- An Giang (with Kiên Giang) ------------------------------------------------------------
    DemoSeller("Công ty CP Nước mắm Phú Quốc Hưng Thành", ENTERPRISE, "91", "Trần Quốc Hưng", "fish-sauce",
               "Nước mắm cá cơm truyền thống ủ chượp 12 tháng trong thùng gỗ bời lời.", [
        L("Nước mắm nhĩ Phú Quốc 43 độ đạm", "nuoc-mam-gia-vi", "fish-sauce", "bottle",
          bottles(320_000, 250, 500, gift=(500, 70_000), density=1.2), stars=5, certs=["haccp"]),
        L("Nước mắm cá cơm Phú Quốc 35 độ đạm", "nuoc-mam-gia-vi", "fish-sauce", "bottle",
          bottles(170_000, 500, 1000, 2000, density=1.2), stars=4, certs=["haccp"]),
        L("Cá cơm sấy khô Phú Quốc", "dac-san-kho", "dried-fish", "pack", packs(360_000, 250, 500)),
    ]),
    DemoSeller("Hộ kinh doanh Khô cá lóc Châu Đốc", HOUSEHOLD, "91", "Nguyễn Thị Mỹ", "seafood",
               "Mắm Châu Đốc và khô cá đồng mùa nước nổi.", [
        L("Khô cá lóc đồng Châu Đốc", "dac-san-kho", "dried-fish", "pack", packs(430_000, 500, 1000), stars=3),
        L("Mắm thái Châu Đốc", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(180_000, 500, 1000, noun="Hũ")),
        L("Mắm cá linh mùa nước nổi", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(160_000, 500, noun="Hũ")),
        L("Khô cá sặc rằn Tri Tôn", "dac-san-kho", "dried-fish", "pack", packs(300_000, 500, 1000)),
    ]),
    DemoSeller("Hợp tác xã Dệt lụa Tân Châu", COOPERATIVE, "91", "Trịnh Thị Châu", "silk",
               "Lãnh Mỹ A nhuộm trái mặc nưa, dệt ở Tân Châu.", [
        L("Lãnh Mỹ A nhuộm mặc nưa", "lua-to-tam", "silk-black", "m",
          pieces(("1 mét khổ 90 cm", 380_000, 130), ("2,5 mét may áo bà ba", 920_000, 320))),
        L("Áo bà ba lãnh Mỹ A", "thoi-trang", "silk-black", "piece",
          pieces(("Cỡ M", 1_350_000, 350), ("Cỡ L", 1_400_000, 380))),
    ]),
    # ---- Cần Thơ (with Sóc Trăng, Hậu Giang) ---------------------------------------------------
    DemoSeller("Hợp tác xã Gạo ST25 Sóc Trăng", COOPERATIVE, "92", "Hồ Quang Cua", "rice",
               "Gạo ST25, ST24 canh tác hữu cơ và luân canh lúa – tôm.", [
        L("Gạo ST25 hữu cơ Sóc Trăng", "gao-ngu-coc", "rice", "bag",
          packs(42_000, 2000, 5000, 10000, noun="Túi"), stars=5, certs=["organic"]),
        L("Gạo ST25 lúa tôm Mỹ Xuyên", "gao-ngu-coc", "rice", "bag", packs(36_000, 5000, 10000, noun="Túi"), stars=4),
        L("Gạo ST24 Sóc Trăng", "gao-ngu-coc", "rice", "bag", packs(30_000, 5000, 10000, noun="Túi")),
    ]),
    DemoSeller("Hộ kinh doanh Bánh pía Vũng Thơm", HOUSEHOLD, "92", "Lý Thị Thơm", "sweets",
               "Bánh pía và lạp xưởng làm theo lối người Hoa Sóc Trăng.", [
        L("Bánh pía sầu riêng trứng muối", "banh-keo-mut", "cake-box", "box",
          pieces(("Hộp 4 bánh 500 g", 85_000, 600), ("Hộp 4 bánh 1 kg", 160_000, 1150)), stars=4),
        L("Bánh pía kim sa đậu xanh", "banh-keo-mut", "cake-box", "box", pieces(("Hộp 6 bánh 300 g", 75_000, 400),)),
        L("Bánh in nhân đậu xanh Sóc Trăng", "banh-keo-mut", "sweets", "box", packs(170_000, 300, noun="Hộp")),
    ]),
    DemoSeller("Hợp tác xã Khóm Cầu Đúc", COOPERATIVE, "92", "Trần Văn Đúc", "orchard",
               "Khóm Cầu Đúc Hậu Giang trên đất phèn, ngọt đậm.", [
        L("Khóm Cầu Đúc Hậu Giang", "trai-cay", "pineapple", "piece",
          pieces(("3 trái", 55_000, 3300), ("Thùng 10 trái", 170_000, 11000)), stars=3),
        L("Mứt khóm Cầu Đúc", "banh-keo-mut", "sweets", "box", packs(180_000, 250, 500, noun="Hộp")),
    ]),
    # ---- Cà Mau (with Bạc Liêu) ----------------------------------------------------------------
    DemoSeller("Công ty CP Đặc sản Đất Mũi", ENTERPRISE, "96", "Lý Văn Tài", "seafood",
               "Tôm khô Rạch Gốc, ba khía muối và khô cá Cà Mau.", [
        L("Tôm khô Rạch Gốc", "dac-san-kho", "dried-shrimp", "pack",
          packs(1_450_000, 250, 500, gift=(500, 80_000)), stars=4),
        L("Ba khía muối Rạch Gốc", "nuoc-mam-gia-vi", "fermented-fish", "jar", packs(200_000, 500, 1000, noun="Hũ")),
        L("Khô cá kèo Cà Mau", "dac-san-kho", "dried-fish", "pack", packs(380_000, 500, 1000)),
    ]),
    DemoSeller("Hợp tác xã Ong mật U Minh Hạ", COOPERATIVE, "96", "Nguyễn Văn Minh", "honey",
               "Mật ong rừng tràm U Minh Hạ, gác kèo theo lối truyền thống.", [
        L("Mật ong rừng tràm U Minh", "mat-ong", "honey-bottle", "bottle",
          bottles(520_000, 500, 1000, density=1.4), stars=4),
        L("Sáp ong rừng U Minh", "mat-ong", "honey", "jar", packs(450_000, 250, noun="Hũ")),
    ]),
    DemoSeller("Hợp tác xã Muối Bạc Liêu", COOPERATIVE, "96", "Huỳnh Văn Muối", "salt",
               "Muối hột phơi nắng trên đồng muối Bạc Liêu.", [
        L("Muối hột Bạc Liêu", "nuoc-mam-gia-vi", "salt", "jar", packs(30_000, 1000, 2000, noun="Hũ")),
        L("Muối ớt xanh Bạc Liêu", "nuoc-mam-gia-vi", "salt", "jar", packs(160_000, 250, 500, noun="Hũ")),
    ]),
]  # fmt: skip
