"""The import file's columns and the words it accepts for units and certifications."""

from dataclasses import dataclass

from phohang.core.spreadsheets import SheetLimits
from phohang.core.text import fold

from ...models import Certification, Unit

MAX_IMPORT_ROWS = 20_000
IMPORT_CHUNK_ROWS = 200
MAX_IMPORT_BYTES = 20 * 1024 * 1024
SHEET_LIMITS = SheetLimits(max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    example: str
    help: object = ""


COLUMNS = [
    Column("sku", "Mã SKU", True, "CHE-TC-500"),
    Column("title", "Tên sản phẩm", True, "Chè Tân Cương Thái Nguyên"),
    Column("variant", "Phân loại", True, "Gói 500 g"),
    Column("category", "Danh mục", True, "che-tra"),
    Column("province", "Tỉnh/thành xuất xứ", True, "Thái Nguyên"),
    Column("unit", "Đơn vị", True, "gói"),
    Column("price", "Giá (đồng)", True, "180.000"),
    Column("stock", "Tồn kho", False, "120"),
    Column("gtin", "Mã vạch GTIN", False, ""),
    Column("weight", "Khối lượng (g)", False, "500"),
    Column("description", "Mô tả", False, "Chè búp xanh sao tay, vùng chè Tân Cương."),
    Column("ocop_stars", "Số sao OCOP", False, "4"),
    Column("ocop_certificate", "Số chứng nhận OCOP", False, "OCOP-TN-2024-0123"),
    Column("ocop_level", "Cấp OCOP", False, "tỉnh"),
    Column("ocop_year", "Năm OCOP", False, "2024"),
    Column("ocop_expires", "Hết hạn OCOP", False, "31/12/2027"),
    Column("certifications", "Chứng nhận khác", False, "VietGAP"),
]
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}
# Accept the Vietnamese header with or without diacritics, or the English key.
HEADER_LOOKUP = {fold(column.header): column.key for column in COLUMNS} | {
    column.key: column.key for column in COLUMNS
}

UNIT_WORDS = {
    "kg": Unit.KILOGRAM, "ki-lo-gam": Unit.KILOGRAM, "g": Unit.GRAM, "gam": Unit.GRAM,
    "lit": Unit.LITRE, "l": Unit.LITRE, "hop": Unit.BOX, "box": Unit.BOX, "chai": Unit.BOTTLE,
    "bottle": Unit.BOTTLE, "tui": Unit.BAG, "bag": Unit.BAG, "goi": Unit.PACK, "pack": Unit.PACK,
    "lo": Unit.JAR, "hu": Unit.JAR, "jar": Unit.JAR, "cai": Unit.PIECE, "chiec": Unit.PIECE,
    "piece": Unit.PIECE, "bo": Unit.SET, "set": Unit.SET, "thung": Unit.CARTON,
    "carton": Unit.CARTON, "met": Unit.METRE, "m": Unit.METRE, "doi": Unit.PAIR, "pair": Unit.PAIR,
    "bo hoa": Unit.BUNCH, "bunch": Unit.BUNCH, "nai": Unit.BUNCH, "tour": Unit.TOUR,
    "ve": Unit.TOUR, "suat": Unit.TOUR,
}  # fmt: skip
UNIT_EXPORT = {
    Unit.KILOGRAM: "kg", Unit.GRAM: "g", Unit.LITRE: "lít", Unit.BOX: "hộp", Unit.BOTTLE: "chai",
    Unit.BAG: "túi", Unit.PACK: "gói", Unit.JAR: "hũ", Unit.PIECE: "cái", Unit.SET: "bộ",
    Unit.CARTON: "thùng", Unit.METRE: "mét", Unit.PAIR: "đôi", Unit.BUNCH: "nải",
    Unit.TOUR: "suất",
}  # fmt: skip
CERTIFICATION_WORDS = {
    "vietgap": Certification.VIETGAP, "huu co": Certification.ORGANIC,
    "organic": Certification.ORGANIC, "haccp": Certification.HACCP,
    "iso 22000": Certification.ISO_22000, "iso22000": Certification.ISO_22000,
}  # fmt: skip
CERTIFICATION_EXPORT = {
    Certification.VIETGAP: "VietGAP", Certification.ORGANIC: "Hữu cơ",
    Certification.HACCP: "HACCP", Certification.ISO_22000: "ISO 22000",
}  # fmt: skip
