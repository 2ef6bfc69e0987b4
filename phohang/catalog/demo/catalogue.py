"""The demo catalogue: who sells what, from where, at what price.

Each seller makes the goods of its trade in its own province, on the map of 34 provinces from
1 July 2025 (a Bình Thuận fish sauce is a Lâm Đồng product, Hội An pottery a Đà Nẵng one), and
its products keep the place names people shop by ("Chè Tân Cương", "Gạo ST25 Sóc Trăng").
Prices are retail prices in đồng for 2026; a larger pack costs more but less per kilogram, a gift
box costs more than the same weight in a bag. Names of sellers and people are invented.
"""

from dataclasses import dataclass, field

COOPERATIVE, ENTERPRISE, HOUSEHOLD, INDIVIDUAL = (
    "cooperative",
    "enterprise",
    "household",
    "individual",
)

# What a seller of each trade may list: a silk weaver sells silk, never coffee.
TRADES: dict[str, frozenset[str]] = {
    "pottery": frozenset({"gom-su"}),
    "silk": frozenset({"lua-to-tam", "thoi-trang"}),
    "brocade": frozenset({"tho-cam", "thoi-trang"}),
    "weaving": frozenset({"may-tre-dan"}),
    "lacquer": frozenset({"son-mai"}),
    "folk-craft": frozenset({"luu-niem-noi-that"}),
    "tea": frozenset({"che-tra", "homestay"}),
    "coffee": frozenset({"ca-phe"}),
    "orchard": frozenset({"trai-cay", "dac-san-kho", "banh-keo-mut", "tinh-dau", "ruou-dac-san", "mat-ong"}),
    "rice": frozenset({"gao-ngu-coc", "banh-keo-mut"}),
    "honey": frozenset({"mat-ong"}),
    "fish-sauce": frozenset({"nuoc-mam-gia-vi", "dac-san-kho"}),
    "seafood": frozenset({"dac-san-kho", "thit-hai-san-che-bien", "nuoc-mam-gia-vi"}),
    "meat": frozenset({"thit-hai-san-che-bien", "nuoc-mam-gia-vi"}),
    "sweets": frozenset({"banh-keo-mut", "dac-san-kho"}),
    "spices": frozenset({"nuoc-mam-gia-vi", "tinh-dau"}),
    "herbs": frozenset({"che-tra", "duoc-lieu", "banh-keo-mut", "trai-cay"}),
    "dairy": frozenset({"nuoc-giai-khat", "banh-keo-mut"}),
    "coconut": frozenset({"banh-keo-mut", "dac-san-kho", "my-pham-thien-nhien", "luu-niem-noi-that"}),
    "salt": frozenset({"nuoc-mam-gia-vi"}),
    "nuts": frozenset({"dac-san-kho"}),
    "bird-nest": frozenset({"dac-san-kho", "nuoc-giai-khat"}),
    "lotus": frozenset({"dac-san-kho", "che-tra", "banh-keo-mut"}),
    "specialties": frozenset(
        {"gao-ngu-coc", "dac-san-kho", "thit-hai-san-che-bien", "ca-phe", "che-tra", "banh-keo-mut",
         "nuoc-mam-gia-vi", "ruou-dac-san", "tinh-dau"}
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Variant:
    name: str
    price_vnd: int
    weight_grams: int
    # Content in grams or millilitres (0 for pieces), so prices can be compared per kilogram.
    amount: int = 0
    is_gift: bool = False


@dataclass(frozen=True)
class Line:
    title: str
    category: str
    picture: str
    unit: str
    variants: tuple[Variant, ...]
    ocop_stars: int | None = None
    certifications: tuple[str, ...] = ()


@dataclass
class DemoSeller:
    name: str
    seller_type: str
    province: str
    representative: str
    trade: str
    description: str
    lines: list[Line] = field(default_factory=list)
    email: str | None = None


def _rounded(price: float) -> int:
    step = 1_000 if price < 200_000 else 5_000 if price < 2_000_000 else 10_000
    return max(step, int(round(price / step)) * step)


def _amount(grams: int, liquid: bool = False) -> str:
    if liquid:
        return f"{grams} ml" if grams < 1000 else f"{grams / 1000:g} lít".replace(".", ",")
    return f"{grams} g" if grams < 1000 else f"{grams / 1000:g} kg".replace(".", ",")


def _premium(amount: int) -> float:
    """Small packs cost more per kilogram or litre, as in any shop."""
    if amount <= 10:
        return 1.6
    if amount <= 30:
        return 1.45
    if amount <= 100:
        return 1.3
    if amount <= 250:
        return 1.15
    if amount <= 500:
        return 1.06
    if amount <= 1000:
        return 1.0
    if amount <= 2000:
        return 0.95
    if amount <= 5000:
        return 0.92
    return 0.9


def packs(per_kg: int, *grams: int, noun: str = "Gói", gift: tuple[int, int] | None = None,
          packaging: int = 40) -> tuple[Variant, ...]:  # fmt: skip
    """Packs priced from a price per kilogram; `gift` = (grams, cost of the box)."""
    variants = [
        Variant(f"{noun} {_amount(g)}", _rounded(per_kg * g / 1000 * _premium(g)), g + packaging, g)
        for g in grams
    ]
    if gift:
        g, box = gift
        variants.append(
            Variant(
                f"Hộp quà {_amount(g)}",
                _rounded(per_kg * g / 1000 * _premium(g) + box),
                g + 350,
                g,
                is_gift=True,
            )
        )
    return tuple(variants)


def crates(per_kg: int, *kilos: float, noun: str = "Thùng") -> tuple[Variant, ...]:
    """Fresh fruit by the box; a box of carton and foam adds about 10 % to the weight."""
    return tuple(
        Variant(
            f"{noun} {_amount(int(k * 1000))}",
            _rounded(per_kg * k * (1.08 if k <= 1 else 1.0 if k <= 3 else 0.95) + 15_000),
            int(k * 1100),
            int(k * 1000),
        )
        for k in kilos
    )


def bottles(per_litre: int, *mls: int, noun: str = "Chai", density: float = 1.0,
            gift: tuple[int, int] | None = None) -> tuple[Variant, ...]:  # fmt: skip
    """Bottles priced from a price per litre; glass adds weight; `gift` = (ml, cost of the box)."""
    variants = [
        Variant(
            f"{noun} {_amount(ml, liquid=True)}",
            _rounded(per_litre * ml / 1000 * _premium(ml)),
            int(ml * density) + 150 + ml // 3,
            ml,
        )
        for ml in mls
    ]
    if gift:
        ml, box = gift
        variants.append(
            Variant(
                f"Hộp quà 2 chai {_amount(ml, liquid=True)}",
                _rounded(2 * per_litre * ml / 1000 * _premium(ml) + box),
                2 * (int(ml * density) + 150 + ml // 3) + 300,
                2 * ml,
                is_gift=True,
            )
        )
    return tuple(variants)


def pieces(*items: tuple[str, int, int]) -> tuple[Variant, ...]:
    """Goods sold by the piece or set: (name, price, shipping weight in grams)."""
    return tuple(Variant(name, price, weight) for name, price, weight in items)


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
                Variant(size, _rounded(price * factor), weight) for size, factor, weight in sizes
            )
            lines.append(Line(f"{shape} {glaze} Bát Tràng", "gom-su", picture, unit, variants))
    return lines


# The unit a price is shown per ("145.000 ₫ / thùng") is the container the variants come in.
NOUN_UNITS = {"Gói": "pack", "Túi": "bag", "Bao": "bag", "Thùng": "carton", "Hộp": "box",
              "Hũ": "jar", "Chai": "bottle", "Lọ": "bottle", "Cây": "piece"}  # fmt: skip


def variant_unit(variant: Variant) -> str | None:
    """The unit a measured variant is sold in, from its name ("Túi 5 kg" → bag)."""
    return (
        None if variant.is_gift or not variant.amount else NOUN_UNITS.get(variant.name.split()[0])
    )


def L(title, category, picture, unit, variants, stars=None, certs=()) -> Line:  # noqa: N802
    units = {variant_unit(v) for v in variants} - {None}
    if len(units) == 1:
        unit = units.pop()
    return Line(title, category, picture, unit, tuple(variants), stars, tuple(certs))


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


def lines_by_seller() -> dict[str, list[Line]]:
    return {seller.name: seller.lines for seller in SELLERS}
