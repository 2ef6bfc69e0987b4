"""Demo catalogue: what each demo seller makes, in its own province, with an illustration per
product type drawn by `pictures` (see docs/demo-data.md).

`generate_products` also builds the large catalogues of `bench/catalog.py`: past the demo
catalogue's own lines it repeats them as numbered batches ("lô 2", "lô 3", …)."""

import datetime
import random
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from phohang.catalog.models import Category, Product, ProductImage, ProductVariant, StockMovement
from phohang.catalog.services.products import description_render
from phohang.core.text import slugify_vi
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .catalogue import SELLERS, DemoSeller, Line
from .pictures import picture_webps

IMAGE_SIZE, THUMBNAIL_SIZE = 720, 320
STOCK_LEVELS = [0, 6, 12, 25, 40, 80, 150, 400]
Progress = Callable[[int, int], None]
# Descriptions are stored text, written in Vietnamese whatever the loader's language.
UNIT_WORDS = {"kg": "kg", "pack": "gói", "box": "hộp", "bottle": "chai", "bag": "túi", "jar": "hũ",
              "piece": "chiếc", "set": "bộ", "m": "mét", "tour": "lượt"}  # fmt: skip


def catalogue_lines() -> list[tuple[DemoSeller, Line]]:
    """Every (seller, line) of the demo catalogue, in a stable order."""
    return [(seller, line) for seller in SELLERS for line in seller.lines]


def _pictures(names: set[str], progress: Progress | None = None) -> dict[str, tuple[str, str]]:
    """Draw each picture once (full size and thumbnail); a picture already stored is reused."""
    stored = {}
    for index, name in enumerate(sorted(names)):
        full, thumb = f"demo/{name}.webp", f"demo/thumbs/{name}.webp"
        if not (default_storage.exists(full) and default_storage.exists(thumb)):
            full_bytes, thumb_bytes = picture_webps(name, IMAGE_SIZE, THUMBNAIL_SIZE)
            full = default_storage.save(full, ContentFile(full_bytes))
            thumb = default_storage.save(thumb, ContentFile(thumb_bytes))
        stored[name] = (full, thumb)
        if progress:
            progress(index + 1, len(names))
    return stored


def _description(seller: DemoSeller, line: Line, province: Province, unit_label: str) -> str:
    return (
        f"**{line.title}** — {seller.description}\n\n"
        f"- Xuất xứ: {province.name}\n"
        f"- Người bán: {seller.name}\n"
        f"- Bán theo: {unit_label}\n"
        "- Đóng gói tại cơ sở, giao hàng toàn quốc"
    )


def _seller_for(demo: DemoSeller, by_name: dict, by_province: dict, sellers: list, rng) -> Seller:
    """The seller row of a demo seller; catalogues built without the demo sellers (the bench)
    give the line to a seller of the same province."""
    if demo.name in by_name:
        return by_name[demo.name]
    local = by_province.get(demo.province)
    return rng.choice(local) if local else rng.choice(sellers)


def generate_products(*, count: int | None = None, sellers: list[Seller], seed: int = 2025,
                      images: bool = True, sku_prefix: str = "DEMO",
                      progress: Progress | None = None) -> int:  # fmt: skip
    """Bulk-create published products from the demo catalogue (all of it when `count` is None);
    returns the number made."""
    rng = random.Random(seed)
    lines = catalogue_lines()
    count = len(lines) if count is None else count
    provinces = {p.code: p for p in Province.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    by_name = {s.name: s for s in sellers}
    by_province: dict[str, list[Seller]] = {}
    for seller in sellers:
        by_province.setdefault(seller.province_id, []).append(seller)
    picture_names = {line.picture for _seller, line in lines[:count]}
    stored = _pictures(picture_names) if images else {}
    today = timezone.localdate()
    now = timezone.now()
    ranks = list(range(len(lines)))
    random.Random(seed + 1).shuffle(ranks)
    made = 0
    rendered: dict[str, str] = {}
    while made < count:
        size = min(2000, count - made)
        products, specs = [], []
        for offset in range(size):
            number = made + offset
            demo, line = lines[number % len(lines)]
            batch = number // len(lines)
            title = line.title if batch == 0 else f"{line.title} – lô {batch + 1}"
            province = provinces[demo.province]
            seller = _seller_for(demo, by_name, by_province, sellers, rng)
            stars = line.ocop_stars
            expired = stars is not None and rng.random() < 0.05
            year = 2023 + number % 3
            description = _description(demo, line, province, UNIT_WORDS.get(line.unit, line.unit))
            if description not in rendered:
                rendered[description] = description_render(description)
            # Published over about six months in a shuffled order, so the newest products
            # come from many provinces rather than the first seller's.
            rank = ranks[number % len(lines)]
            published = now - datetime.timedelta(minutes=(rank * 677 + batch * 13) % 259_200 + 30)
            products.append(
                Product(
                    seller=seller,
                    title=title,
                    slug=slugify_vi(title, max_length=100),
                    description=description,
                    description_html=rendered[description],
                    category=categories[line.category],
                    origin_province=province,
                    unit=line.unit,
                    status=Product.Status.PUBLISHED,
                    certifications=list(line.certifications),
                    ocop_stars=stars,
                    ocop_certificate_number=(
                        f"{year}/QĐ-UBND-{demo.province}-{number + 1:04d}" if stars else ""
                    ),
                    ocop_level=("national" if stars == 5 else "province") if stars else "",
                    ocop_year=year if stars else None,
                    ocop_expires_on=(
                        today - datetime.timedelta(days=20)
                        if expired
                        else datetime.date(year + 3, 12, 31)
                    )
                    if stars
                    else None,
                    ocop_verified_at=now if stars else None,
                    min_price_vnd=min(v.price_vnd for v in line.variants),
                    cover_thumbnail=stored.get(line.picture, ("", ""))[1],
                    created_at=published,
                    updated_at=published,
                    published_at=published,
                )
            )
            specs.append((line, batch))
        Product.objects.bulk_create(products, batch_size=500)
        variants, pictures = [], []
        for product, (line, batch) in zip(products, specs, strict=True):
            # Repeated batches (bench catalogues) vary their prices a little.
            factor = 1.0 if batch == 0 else 1 + rng.randint(-8, 12) / 100
            for position, variant in enumerate(line.variants):
                variants.append(
                    ProductVariant(
                        product=product,
                        seller_id=product.seller_id,
                        name=variant.name,
                        sku=f"{sku_prefix}-{product.pk}-{position + 1}",
                        price_vnd=int(round(variant.price_vnd * factor, -3)) or variant.price_vnd,
                        weight_grams=variant.weight_grams or None,
                        stock_on_hand=rng.choice(
                            STOCK_LEVELS[1:] if position == 0 else STOCK_LEVELS
                        ),
                        position=position,
                    )
                )
            if line.picture in stored:
                full, thumb = stored[line.picture]
                pictures.append(
                    ProductImage(
                        product=product,
                        position=0,
                        image=full,
                        thumbnail=thumb,
                        width=IMAGE_SIZE,
                        height=IMAGE_SIZE,
                        alt_text=product.title,
                    )
                )
        ProductVariant.objects.bulk_create(variants, batch_size=1000)
        StockMovement.objects.bulk_create(
            [
                StockMovement(
                    variant=v, delta_on_hand=v.stock_on_hand, reason="received", reference="demo"
                )
                for v in variants
                if v.stock_on_hand
            ],
            batch_size=1000,
        )
        ProductImage.objects.bulk_create(pictures, batch_size=1000)
        lowest: dict[int, int] = {}
        for v in variants:
            lowest[v.product_id] = min(lowest.get(v.product_id, v.price_vnd), v.price_vnd)
        for product in products:
            product.min_price_vnd = lowest[product.pk]
        Product.objects.bulk_update(products, ["min_price_vnd"], batch_size=500)
        made += size
        if progress:
            progress(made, count)
    return made


def load_demo(stdout, count: int | None = None, progress: Progress | None = None) -> None:
    """Called by `manage.py load_demo` after the foundation demo (sellers exist)."""
    sellers = list(Seller.objects.filter(is_active=True))
    if not sellers:
        stdout.write("catalog: no sellers, no demo products")
        return
    if ProductVariant.objects.filter(sku__startswith="DEMO-").exists():
        stdout.write("catalog: demo products already loaded")
        return
    made = generate_products(count=count, sellers=sellers, progress=progress)
    provinces = len({seller.province for seller in SELLERS})
    stdout.write(
        f"catalog: {made} demo products from {len(SELLERS)} sellers in {provinces} provinces"
    )
