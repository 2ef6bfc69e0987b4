"""The demo catalogue: who sells what, from where, at what price.

Each seller makes the goods of its trade in its own province, on the map of 34 provinces from
1 July 2025 (a Bình Thuận fish sauce is a Lâm Đồng product, Hội An pottery a Đà Nẵng one), and
its products keep the place names people shop by ("Chè Tân Cương", "Gạo ST25 Sóc Trăng").
Prices are retail prices in đồng for 2026; a larger pack costs more but less per kilogram, a gift
box costs more than the same weight in a bag. Names of sellers and people are invented.
"""

from . import north, south
from .goods import DemoSeller, Line, Variant, variant_unit

__all__ = ["SELLERS", "TRADES", "DemoSeller", "Line", "Variant", "variant_unit"]

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

SELLERS: list[DemoSeller] = north.SELLERS + south.SELLERS
