"""The demo catalogue is one a shopper and an official believe: each seller sells goods of its
trade from its own province on the 2025 map, sizes are priced in order, no two titles are near
copies, and every product has a drawn picture."""

import io

import pytest
from PIL import Image
from vietnamadminunits import convert_address

from phohang.catalog.demo import catalogue_lines, generate_products
from phohang.catalog.demo.catalogue import SELLERS, TRADES, variant_unit
from phohang.catalog.demo.pictures import PICTURES, picture_webp
from phohang.catalog.models import Product, ProductImage, ProductVariant
from phohang.core.text import fold
from phohang.geo.models import Province
from phohang.sellers.models import Seller
from phohang.site.demo import load_foundation_demo

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

# Provinces merged away on 1 July 2025: a title or seller name that still says one of them
# must come from the province it became part of.
FORMER_PROVINCES = [
    "Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Hải Dương",
    "Thái Bình", "Hà Nam", "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định",
    "Phú Yên", "Ninh Thuận", "Đắk Nông", "Bình Thuận", "Bình Phước", "Bình Dương", "Long An",
    "Tiền Giang", "Bến Tre", "Trà Vinh", "Sóc Trăng", "Hậu Giang", "Kiên Giang", "Bạc Liêu",
]  # fmt: skip
# Places people shop by, and the province each is in today.
PLACES = {"Tân Cương": "19", "Phú Quốc": "91", "Phan Thiết": "68", "Hội An": "48",
          "Buôn Ma Thuột": "66", "Đà Lạt": "68", "Phan Rang": "56", "Vũng Tàu": "79",
          "Bát Tràng": "01", "Lục Ngạn": "24", "Mộc Châu": "14", "Châu Đốc": "91"}  # fmt: skip


# Words that grade or sell a product without making it another one.
SALES_WORDS = frozenset(
    [
        "loại",
        "1",
        "2",
        "đặc",
        "biệt",
        "cao",
        "cấp",
        "hộp",
        "quà",
        "chính",
        "gốc",
        "mới",
        "sạch",
        "thượng",
        "hạng",
        "tuyển",
        "chọn",
        "nhà",
        "làm",
        "combo",
        "xuất",
        "khẩu",
        "vụ",
        "truyền",
        "thống",
        "ngon",
        "giá",
        "rẻ",
        "sỉ",
    ]
)


def _words(title: str) -> frozenset[str]:
    """A title's words as a shopper reads them: case aside, tones kept (hoa is not hỏa)."""
    return frozenset(title.lower().split()) - SALES_WORDS


@pytest.fixture
def loaded(db):
    load_foundation_demo()
    generate_products(sellers=list(Seller.objects.all()), images=False)


def test_every_line_is_of_its_sellers_trade_and_from_a_2025_province():
    codes = {f"{n:02d}" for n in (1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38,
                                  40, 42, 44, 46, 48, 51, 52, 56, 66, 68, 75, 79, 80, 82, 86, 91, 92, 96)}  # fmt: skip

    misfits = [
        (seller.name, line.title, line.category)
        for seller in SELLERS
        for line in seller.lines
        if line.category not in TRADES[seller.trade]
    ]

    assert misfits == []
    assert {seller.province for seller in SELLERS} == codes
    assert all(seller.lines for seller in SELLERS)


def test_former_province_and_place_names_point_to_the_sellers_province_today():
    wrong = []
    for seller, line in catalogue_lines():
        for text in (line.title, seller.name):
            for former in FORMER_PROVINCES:
                if former in text:
                    today = convert_address(f"Tỉnh {former}")
                    if f"{today.province_code}" != seller.province:
                        wrong.append((text, former, seller.province))
            for place, code in PLACES.items():
                if place in text and code != seller.province:
                    wrong.append((text, place, seller.province))

    assert wrong == []


def test_no_two_titles_are_near_duplicates():
    titles = [line.title for _seller, line in catalogue_lines()]
    words = [_words(title) for title in titles]

    close = [
        (titles[i], titles[j])
        for i in range(len(titles))
        for j in range(i + 1, len(titles))
        if words[i] == words[j] or len(words[i] & words[j]) / len(words[i] | words[j]) >= 0.8
    ]

    assert len(set(map(fold, titles))) == len(titles)
    assert close == []


def test_larger_sizes_cost_more_but_less_per_unit_and_gift_boxes_cost_more():
    wrong = []
    for _seller, line in catalogue_lines():
        measured = sorted(
            (v for v in line.variants if v.amount and not v.is_gift), key=lambda v: v.amount
        )
        for small, large in zip(measured, measured[1:], strict=False):
            if not (
                large.price_vnd > small.price_vnd
                and large.price_vnd / large.amount <= small.price_vnd / small.amount
            ):
                wrong.append((line.title, small.name, large.name))
        for gift in (v for v in line.variants if v.is_gift):
            plain = [v for v in measured if v.amount <= gift.amount]
            if plain and gift.price_vnd <= max(v.price_vnd for v in plain):
                wrong.append((line.title, gift.name))
        if any(
            v.price_vnd % 1000 or not 10_000 <= v.price_vnd <= 50_000_000 for v in line.variants
        ):
            wrong.append((line.title, "price"))

    assert wrong == []


def test_per_kilogram_prices_are_believable_for_everyday_goods():
    # 2026 retail prices: rice 20–60 thousand đồng a kilogram, fresh fruit 20–250 thousand.
    ranges = {"gao-ngu-coc": (20_000, 60_000), "trai-cay": (20_000, 260_000)}
    wrong = []
    for _seller, line in catalogue_lines():
        if line.category in ranges and line.unit in ("kg", "bag"):
            low, high = ranges[line.category]
            for variant in line.variants:
                per_kg = variant.price_vnd * 1000 / variant.amount
                if not low <= per_kg <= high:
                    wrong.append((line.title, variant.name, round(per_kg)))

    assert wrong == []


@pytest.mark.django_db
def test_loaded_products_come_from_their_sellers_province_and_trade(loaded):
    trades = {seller.name: seller.trade for seller in SELLERS}

    products = list(Product.objects.select_related("seller", "category"))

    assert len(products) == len(catalogue_lines())
    assert [
        p.title
        for p in products
        if p.origin_province_id != p.seller.province_id
        or p.category.slug not in TRADES[trades[p.seller.name]]
    ] == []
    assert set(Province.objects.values_list("code", flat=True)) == {
        p.origin_province_id for p in products
    }


@pytest.mark.django_db
def test_loaded_products_show_their_lowest_variant_price_and_can_be_bought(loaded):
    product = Product.objects.get(title="Chè búp Tân Cương")

    prices = list(product.variants.order_by("position").values_list("name", "price_vnd"))

    assert prices == [("Gói 200 g", 97_000), ("Gói 500 g", 225_000), ("Gói 1 kg", 420_000)]
    assert product.min_price_vnd == 97_000
    assert product.origin_province.short_name == "Thái Nguyên"
    assert ProductVariant.objects.for_sale().filter(product=product).exists()


@pytest.mark.django_db
def test_each_product_type_has_a_drawn_picture_stored_once(db):
    load_foundation_demo()

    generate_products(sellers=list(Seller.objects.all()), count=30)

    pictures = set(ProductImage.objects.values_list("image", flat=True))
    products = Product.objects.count()
    assert products == 30
    assert ProductImage.objects.count() == 30
    assert len(pictures) < products
    assert not Product.objects.filter(cover_thumbnail="").exists()


def test_pictures_are_illustrations_not_flat_tiles():
    used = {line.picture for _seller, line in catalogue_lines()}

    images = {name: Image.open(io.BytesIO(picture_webp(name, 160))).convert("RGB") for name in used}

    assert used <= set(PICTURES)
    for name, image in images.items():
        assert image.size == (160, 160)
        assert len(set(image.get_flattened_data())) > 200, name
    assert images["tea"].tobytes() != images["fish-sauce"].tobytes()


def test_load_demo_catalogue_reports_what_it_made(db):
    from phohang.catalog.demo import load_demo

    load_foundation_demo()
    out = io.StringIO()

    load_demo(out, count=10)
    load_demo(out, count=10)

    assert Product.objects.count() == 10
    assert "already loaded" in out.getvalue()


def test_price_is_shown_per_the_container_the_variants_come_in():
    wrong = [
        (line.title, line.unit, variant.name)
        for _seller, line in catalogue_lines()
        for variant in line.variants
        if variant_unit(variant) not in (None, line.unit)
    ]

    assert wrong == []


@pytest.mark.django_db
def test_bench_catalogues_repeat_the_lines_as_numbered_batches_from_local_sellers():
    from phohang.sellers.tests.factories import SellerFactory

    sellers = [
        SellerFactory(province_code=code) for code in Province.objects.values_list("pk", flat=True)
    ]
    lines = len(catalogue_lines())

    made = generate_products(count=lines + 20, sellers=sellers, images=False, sku_prefix="BENCH")

    products = Product.objects.select_related("seller")
    assert made == products.count() == lines + 20
    assert products.filter(title__endswith="– lô 2").count() == 20
    assert [p.title for p in products if p.seller.province_id != p.origin_province_id] == []
    assert ProductVariant.objects.filter(sku__startswith="BENCH-").count() > lines + 20
