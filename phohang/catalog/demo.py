"""Demo catalogue: regional specialties of all 34 provinces, written by this generator.

Images are coloured cards with the product type's name, drawn once per type and shared by
every product of that type, so loading stays fast.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from phohang.core.text import slugify_vi
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .models import Category, Product, ProductImage, ProductVariant, StockMovement
from .services.products import description_render

# province code → [(product type, category slug, unit, [(variant, price in đồng)])]
# Province names follow the 1 July 2025 map (Bắc Giang → Bắc Ninh, Hà Giang → Tuyên Quang,
# Phú Quốc → An Giang, Sóc Trăng → Cần Thơ, Buôn Ma Thuột → Đắk Lắk, …).
SPECIALTIES = {
    "01": [
        ("Gốm Bát Tràng", "gom-su", "piece", [("Bình hoa men lam", 650_000), ("Bộ ấm chén", 480_000)]),
        ("Lụa Vạn Phúc", "lua-to-tam", "piece", [("Khăn lụa 50×180 cm", 450_000), ("Vải lụa 1 m", 320_000)]),
        ("Cốm làng Vòng", "banh-keo-mut", "pack", [("Gói 500 g", 120_000), ("Gói 1 kg", 230_000)]),
        ("Mây tre đan Phú Vinh", "may-tre-dan", "piece", [("Giỏ nhỏ", 150_000), ("Làn đi chợ", 280_000)]),
        ("Trà sen Tây Hồ", "che-tra", "box", [("Hộp 100 g", 850_000), ("Hộp 200 g", 1_600_000)]),
    ],
    "04": [
        ("Hạt dẻ Trùng Khánh", "dac-san-kho", "kg", [("Túi 1 kg", 220_000)]),
        ("Miến dong Cao Bằng", "dac-san-kho", "pack", [("Gói 500 g", 60_000)]),
        ("Thạch đen Thạch An", "nuoc-giai-khat", "pack", [("Gói 1 kg", 45_000)]),
    ],
    "08": [
        ("Chè Shan tuyết Hà Giang", "che-tra", "pack", [("Gói 200 g", 180_000), ("Gói 500 g", 420_000)]),
        ("Cam sành Hàm Yên", "trai-cay", "kg", [("Thùng 5 kg", 175_000)]),
        ("Mật ong bạc hà Mèo Vạc", "mat-ong", "bottle", [("Chai 500 ml", 450_000)]),
        ("Thịt bò khô gác bếp", "thit-hai-san-che-bien", "pack", [("Gói 250 g", 280_000), ("Gói 500 g", 540_000)]),
    ],
    "11": [
        ("Gạo Điện Biên", "gao-ngu-coc", "bag", [("Túi 5 kg", 110_000), ("Túi 10 kg", 210_000)]),
        ("Cà phê Arabica Mường Ảng", "ca-phe", "pack", [("Gói 500 g", 160_000)]),
    ],
    "12": [
        ("Chè Tam Đường", "che-tra", "pack", [("Gói 250 g", 120_000)]),
        ("Sâm Lai Châu", "duoc-lieu", "box", [("Hộp 100 g", 2_500_000)]),
    ],
    "14": [
        ("Xoài tròn Yên Châu", "trai-cay", "kg", [("Thùng 5 kg", 190_000)]),
        ("Mận hậu Mộc Châu", "trai-cay", "kg", [("Thùng 5 kg", 160_000)]),
        ("Chè Shan tuyết Mộc Châu", "che-tra", "pack", [("Gói 200 g", 160_000)]),
        ("Thổ cẩm Thái Sơn La", "tho-cam", "piece", [("Khăn piêu", 350_000), ("Túi thổ cẩm", 220_000)]),
    ],
    "15": [
        ("Thổ cẩm Sa Pa", "tho-cam", "piece", [("Túi đeo", 250_000), ("Khăn choàng", 320_000)]),
        ("Tinh dầu quế Văn Yên", "tinh-dau", "bottle", [("Chai 10 ml", 90_000), ("Chai 50 ml", 350_000)]),
        ("Rượu ngô Bắc Hà", "ruou-dac-san", "bottle", [("Chai 500 ml", 120_000)]),
    ],
    "19": [
        ("Chè Tân Cương Thái Nguyên", "che-tra", "pack", [("Gói 200 g", 150_000), ("Gói 500 g", 360_000)]),
        ("Chè móc câu La Bằng", "che-tra", "box", [("Hộp 200 g", 220_000)]),
        ("Gạo nếp vải Phú Lương", "gao-ngu-coc", "bag", [("Túi 2 kg", 90_000)]),
    ],
    "20": [
        ("Hồi Lạng Sơn", "nuoc-mam-gia-vi", "pack", [("Gói 500 g", 140_000)]),
        ("Na Chi Lăng", "trai-cay", "kg", [("Hộp 3 kg", 180_000)]),
        ("Vịt quay Thất Khê", "thit-hai-san-che-bien", "piece", [("Con 1,8 kg", 420_000)]),
    ],
    "22": [
        ("Chả mực Hạ Long", "thit-hai-san-che-bien", "kg", [("Túi 500 g", 220_000), ("Túi 1 kg", 430_000)]),
        ("Sá sùng khô Vân Đồn", "dac-san-kho", "pack", [("Gói 100 g", 650_000)]),
        ("Ba kích Quảng Ninh", "duoc-lieu", "kg", [("Túi 500 g", 300_000)]),
    ],
    "24": [
        ("Vải thiều Lục Ngạn", "trai-cay", "kg", [("Thùng 5 kg", 250_000), ("Thùng 10 kg", 480_000)]),
        ("Bánh phu thê Đình Bảng", "banh-keo-mut", "box", [("Hộp 10 chiếc", 90_000)]),
        ("Tranh Đông Hồ", "son-mai", "piece", [("Tranh khổ A3", 150_000)]),
        ("Mỳ Chũ", "dac-san-kho", "pack", [("Gói 500 g", 40_000)]),
    ],
    "25": [
        ("Chè Phú Thọ", "che-tra", "pack", [("Gói 500 g", 130_000)]),
        ("Bưởi Đoan Hùng", "trai-cay", "piece", [("Quả 1,2 kg", 60_000)]),
        ("Chè Thanh Ba", "che-tra", "pack", [("Gói 200 g", 80_000)]),
    ],
    "31": [
        ("Nước mắm Cát Hải", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 90_000), ("Can 2 lít", 320_000)]),
        ("Bánh đa cua Hải Phòng", "dac-san-kho", "pack", [("Gói 500 g", 35_000)]),
        ("Bánh đậu xanh Hải Dương", "banh-keo-mut", "box", [("Hộp 250 g", 45_000)]),
        ("Vải thiều Thanh Hà", "trai-cay", "kg", [("Thùng 5 kg", 230_000)]),
    ],
    "33": [
        ("Nhãn lồng Hưng Yên", "trai-cay", "kg", [("Thùng 5 kg", 220_000)]),
        ("Tương Bần", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 40_000)]),
        ("Gạo nếp cái hoa vàng Thái Bình", "gao-ngu-coc", "bag", [("Túi 2 kg", 80_000)]),
    ],
    "37": [
        ("Thịt dê núi Ninh Bình", "thit-hai-san-che-bien", "kg", [("Túi 1 kg", 380_000)]),
        ("Cói Kim Sơn", "may-tre-dan", "piece", [("Túi cói", 180_000), ("Thảm cói", 260_000)]),
        ("Nem chua Phủ Lý", "thit-hai-san-che-bien", "pack", [("Chục 10 cái", 60_000)]),
    ],
    "38": [
        ("Nem chua Thanh Hóa", "thit-hai-san-che-bien", "pack", [("Chục 10 cái", 50_000)]),
        ("Nước mắm Ba Làng", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 85_000)]),
        ("Bánh gai Tứ Trụ", "banh-keo-mut", "box", [("Hộp 10 chiếc", 70_000)]),
    ],
    "40": [
        ("Cam Vinh", "trai-cay", "kg", [("Thùng 5 kg", 200_000)]),
        ("Tương Nam Đàn", "nuoc-mam-gia-vi", "bottle", [("Chai 1 lít", 45_000)]),
        ("Chè Con Cuông", "che-tra", "pack", [("Gói 500 g", 110_000)]),
    ],
    "42": [
        ("Bưởi Phúc Trạch", "trai-cay", "piece", [("Quả 1,5 kg", 70_000)]),
        ("Kẹo cu đơ Hà Tĩnh", "banh-keo-mut", "box", [("Hộp 500 g", 65_000)]),
    ],
    "44": [
        ("Cà phê Khe Sanh", "ca-phe", "pack", [("Gói 500 g", 150_000)]),
        ("Hồ tiêu Cồn Tiên", "nuoc-mam-gia-vi", "pack", [("Gói 500 g", 130_000)]),
        ("Khoai deo Quảng Bình", "dac-san-kho", "pack", [("Gói 500 g", 90_000)]),
    ],
    "46": [
        ("Mè xửng Huế", "banh-keo-mut", "box", [("Hộp 250 g", 45_000)]),
        ("Tinh dầu tràm Huế", "tinh-dau", "bottle", [("Chai 50 ml", 60_000), ("Chai 100 ml", 110_000)]),
        ("Nón lá Huế", "luu-niem-noi-that", "piece", [("Nón bài thơ", 120_000)]),
    ],
    "48": [
        ("Chả bò Đà Nẵng", "thit-hai-san-che-bien", "kg", [("Cây 500 g", 190_000)]),
        ("Sâm Ngọc Linh", "duoc-lieu", "box", [("Hộp 100 g", 9_500_000)]),
        ("Tỏi Lý Sơn", "nuoc-mam-gia-vi", "kg", [("Túi 1 kg", 160_000)]),
    ],
    "51": [
        ("Đường phèn Quảng Ngãi", "dac-san-kho", "pack", [("Gói 500 g", 45_000)]),
        ("Quế Trà Bồng", "nuoc-mam-gia-vi", "pack", [("Gói 500 g", 120_000)]),
        ("Cà phê Đăk Hà Kon Tum", "ca-phe", "pack", [("Gói 500 g", 140_000)]),
    ],
    "52": [
        ("Cà phê Pleiku", "ca-phe", "pack", [("Gói 500 g", 145_000), ("Gói 1 kg", 280_000)]),
        ("Hồ tiêu Chư Sê", "nuoc-mam-gia-vi", "pack", [("Gói 500 g", 140_000)]),
        ("Bánh tráng Bình Định", "dac-san-kho", "pack", [("Xấp 20 lá", 35_000)]),
    ],
    "56": [
        ("Yến sào Khánh Hòa", "thit-hai-san-che-bien", "box", [("Hộp 50 g", 2_200_000), ("Hộp 100 g", 4_300_000)]),
        ("Nho Phan Rang", "trai-cay", "kg", [("Hộp 2 kg", 160_000)]),
        ("Nước mắm Cà Ná", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 80_000)]),
    ],
    "66": [
        ("Cà phê Buôn Ma Thuột", "ca-phe", "pack", [("Gói 500 g", 150_000), ("Gói 1 kg", 290_000)]),
        ("Sầu riêng Ri6 Krông Pắc", "trai-cay", "kg", [("Quả 3 kg", 330_000)]),
        ("Mật ong hoa cà phê", "mat-ong", "bottle", [("Chai 1 lít", 220_000)]),
    ],
    "68": [
        ("Atisô Đà Lạt", "thao-duoc", "box", [("Hộp trà 100 túi lọc", 120_000)]),
        ("Dâu tây Đà Lạt", "trai-cay", "kg", [("Hộp 500 g", 150_000)]),
        ("Trà Ô long Bảo Lộc", "che-tra", "pack", [("Gói 250 g", 210_000)]),
        ("Homestay đồi chè Cầu Đất", "homestay", "tour", [("1 đêm 2 người", 1_200_000)]),
    ],
    "75": [
        ("Bưởi Tân Triều", "trai-cay", "piece", [("Quả 1,3 kg", 65_000)]),
        ("Hạt điều Bình Phước", "dac-san-kho", "pack", [("Gói 500 g", 180_000), ("Hũ 1 kg", 350_000)]),
        ("Gốm Biên Hòa", "gom-su", "piece", [("Chậu men xanh", 420_000)]),
    ],
    "79": [
        ("Nước mắm Phan Thiết", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 75_000)]),
        ("Sơn mài Tương Bình Hiệp", "son-mai", "piece", [("Tranh 40×60 cm", 1_800_000)]),
        ("Thanh long Bình Thuận", "trai-cay", "kg", [("Thùng 5 kg", 120_000)]),
        ("Tour làng nghề Bình Dương", "tour-lang-nghe", "tour", [("Vé 1 người", 350_000)]),
    ],
    "80": [
        ("Bánh tráng phơi sương Trảng Bàng", "dac-san-kho", "pack", [("Xấp 30 lá", 50_000)]),
        ("Muối tôm Tây Ninh", "nuoc-mam-gia-vi", "jar", [("Hũ 250 g", 45_000)]),
        ("Khô bò Long An", "thit-hai-san-che-bien", "pack", [("Gói 500 g", 260_000)]),
    ],
    "82": [
        ("Xoài cát Hòa Lộc", "trai-cay", "kg", [("Thùng 5 kg", 350_000)]),
        ("Sen Đồng Tháp", "dac-san-kho", "pack", [("Hạt sen khô 500 g", 150_000)]),
        ("Hủ tiếu Sa Đéc", "dac-san-kho", "pack", [("Gói 500 g", 40_000)]),
    ],
    "86": [
        ("Kẹo dừa Bến Tre", "banh-keo-mut", "box", [("Hộp 500 g", 55_000)]),
        ("Bưởi Năm Roi", "trai-cay", "piece", [("Quả 1,5 kg", 55_000)]),
        ("Sản phẩm thủ công từ dừa", "luu-niem-noi-that", "set", [("Bộ chén gáo dừa", 160_000)]),
    ],
    "91": [
        ("Nước mắm Phú Quốc", "nuoc-mam-gia-vi", "bottle", [("Chai 500 ml", 120_000), ("Chai 1 lít", 220_000)]),
        ("Hồ tiêu Phú Quốc", "nuoc-mam-gia-vi", "pack", [("Gói 500 g", 150_000)]),
        ("Khô cá lóc An Giang", "dac-san-kho", "kg", [("Túi 500 g", 210_000)]),
        ("Lụa Tân Châu", "lua-to-tam", "piece", [("Vải lãnh Mỹ A 1 m", 380_000)]),
    ],
    "92": [
        ("Gạo ST25", "gao-ngu-coc", "bag", [("Túi 5 kg", 185_000), ("Túi 10 kg", 360_000)]),
        ("Bánh pía Sóc Trăng", "banh-keo-mut", "box", [("Hộp 4 cái", 80_000)]),
        ("Khóm Cầu Đúc Hậu Giang", "trai-cay", "piece", [("Chục 10 trái", 150_000)]),
    ],
    "96": [
        ("Tôm khô Cà Mau", "dac-san-kho", "pack", [("Gói 250 g", 320_000), ("Gói 500 g", 620_000)]),
        ("Mật ong U Minh", "mat-ong", "bottle", [("Chai 500 ml", 280_000)]),
        ("Ba khía muối Rạch Gốc", "thit-hai-san-che-bien", "jar", [("Hũ 500 g", 90_000)]),
    ],
}  # fmt: skip

QUALIFIERS = [
    "", "loại đặc biệt", "loại 1", "hộp quà", "chính gốc", "vụ mới", "nhà làm",
    "HTX", "truyền thống", "cao cấp", "túi zip", "đóng hộp", "sạch", "thượng hạng",
    "quà biếu", "mẫu mới", "xuất khẩu", "cơ sở gia truyền", "combo 2", "combo 3",
    "bán sỉ", "giá vườn", "tuyển chọn", "đặc sản", "mùa này",
]  # fmt: skip
COLOURS = [(176, 58, 46), (34, 112, 78), (161, 98, 7), (30, 90, 140), (120, 60, 140),
           (200, 120, 40), (60, 120, 60), (140, 40, 80)]  # fmt: skip
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _font(size: int):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _card(title: str, colour: tuple[int, int, int], size: int) -> bytes:
    """A coloured card with the product type's name, wrapped to fit."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = _font(size // 11)
    words, lines, line = title.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > size * 0.84 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    height = len(lines) * size // 9
    y = (size - height) // 2
    for text in lines:
        width = draw.textlength(text, font=font)
        draw.text(((size - width) / 2, y), text, font=font, fill=(255, 255, 255))
        y += size // 9
    draw.text((size * 0.06, size * 0.88), "Phố Hàng", font=_font(size // 22), fill=(255, 240, 200))
    output = io.BytesIO()
    image.save(output, "WEBP", quality=75, method=0)
    return output.getvalue()


def _type_images(types: list[str]) -> dict[str, tuple[str, str]]:
    """Draw one full image and one thumbnail per product type; returns storage names."""
    names = {}
    for index, title in enumerate(types):
        slug = slugify_vi(title, max_length=60)
        colour = COLOURS[index % len(COLOURS)]
        full = default_storage.save(f"demo/{slug}.webp", ContentFile(_card(title, colour, 800)))
        thumb = default_storage.save(
            f"demo/thumbs/{slug}.webp", ContentFile(_card(title, colour, 320))
        )
        names[title] = (full, thumb)
    return names


def generate_products(*, count: int, sellers: list[Seller], seed: int = 2025, images: bool = True,
                      sku_prefix: str = "DEMO") -> int:  # fmt: skip
    """Bulk-create `count` published products spread over all provinces; returns the number."""
    rng = random.Random(seed)
    provinces = {p.code: p for p in Province.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    by_province: dict[str, list[Seller]] = {}
    for seller in sellers:
        by_province.setdefault(seller.province_id, []).append(seller)
    kinds = [(code, item) for code, items in SPECIALTIES.items() for item in items]
    image_names = _type_images([item[0] for _code, item in kinds]) if images else {}
    today = timezone.localdate()
    now = timezone.now()
    made = 0
    batch = 2000
    rendered: dict[str, str] = {}
    while made < count:
        size = min(batch, count - made)
        products, variant_specs = [], []
        for offset in range(size):
            number = made + offset
            code, (kind, category_slug, unit, variants) = kinds[number % len(kinds)]
            round_number = number // len(kinds)
            qualifier = QUALIFIERS[round_number % len(QUALIFIERS)]
            title = f"{kind} {qualifier}".strip()
            if round_number >= len(QUALIFIERS):
                title = f"{title} #{round_number // len(QUALIFIERS) + 1}"
            local = by_province.get(code)
            seller = rng.choice(local) if local and rng.random() < 0.7 else rng.choice(sellers)
            ocop = rng.random() < 0.22
            stars = rng.choices([3, 4, 5], weights=[60, 35, 5])[0] if ocop else None
            expired = ocop and rng.random() < 0.06
            description = (
                f"**{kind}** — đặc sản {provinces[code].short_name}, sản xuất và đóng gói "
                f"tại địa phương.\n\n- Nguồn gốc rõ ràng, truy xuất theo lô\n"
                f"- Bảo quản nơi khô ráo, thoáng mát\n- Giao hàng toàn quốc"
            )
            if description not in rendered:
                rendered[description] = description_render(description)
            published = now - datetime.timedelta(minutes=number * 7 % 500_000)
            products.append(
                Product(
                    seller=seller,
                    title=title,
                    slug=slugify_vi(title, max_length=100),
                    description=description,
                    description_html=rendered[description],
                    category=categories[category_slug],
                    origin_province=provinces[code],
                    unit=unit,
                    status=Product.Status.PUBLISHED,
                    certifications=["vietgap"] if rng.random() < 0.15 else [],
                    ocop_stars=stars,
                    ocop_certificate_number=f"OCOP-{code}-{2022 + number % 3}-{number:05d}"
                    if ocop
                    else "",
                    ocop_level=("national" if stars == 5 else "province") if ocop else "",
                    ocop_year=2022 + number % 3 if ocop else None,
                    ocop_expires_on=(
                        today - datetime.timedelta(days=30)
                        if expired
                        else today + datetime.timedelta(days=200 + number % 700)
                    )
                    if ocop
                    else None,
                    ocop_verified_at=now if ocop else None,
                    min_price_vnd=min(price for _name, price in variants),
                    cover_thumbnail=image_names.get(kind, ("", ""))[1],
                    created_at=published,
                    updated_at=published,
                    published_at=published,
                )
            )
            variant_specs.append((kind, variants))
        Product.objects.bulk_create(products, batch_size=500)
        rows, pictures = [], []
        for product, (kind, variants) in zip(products, variant_specs, strict=True):
            factor = 1 + rng.randint(-10, 15) / 100
            for position, (name, price) in enumerate(variants):
                rows.append(
                    ProductVariant(
                        product=product,
                        seller_id=product.seller_id,
                        name=name,
                        sku=f"{sku_prefix}-{product.pk}-{position + 1}",
                        price_vnd=int(round(price * factor, -3)) or price,
                        weight_grams=None,
                        stock_on_hand=rng.choice([0, 3, 12, 40, 80, 150, 400]),
                        position=position,
                    )
                )
            if kind in image_names:
                full, thumb = image_names[kind]
                pictures.append(
                    ProductImage(
                        product=product,
                        position=0,
                        image=full,
                        thumbnail=thumb,
                        width=800,
                        height=800,
                        alt_text=product.title,
                    )  # fmt: skip
                )
        ProductVariant.objects.bulk_create(rows, batch_size=1000)
        StockMovement.objects.bulk_create(
            [
                StockMovement(
                    variant=v, delta_on_hand=v.stock_on_hand, reason="received", reference="demo"
                )
                for v in rows
                if v.stock_on_hand
            ],
            batch_size=1000,
        )
        ProductImage.objects.bulk_create(pictures, batch_size=1000)
        # Price summaries must follow the rounded variant prices.
        lowest: dict[int, int] = {}
        for v in rows:
            lowest[v.product_id] = min(lowest.get(v.product_id, v.price_vnd), v.price_vnd)
        for product in products:
            product.min_price_vnd = lowest[product.pk]
        Product.objects.bulk_update(products, ["min_price_vnd"], batch_size=500)
        made += size
    return made


def load_demo(stdout, count: int = 2_100) -> None:
    """Called by `manage.py load_demo` after the foundation demo (sellers exist)."""
    sellers = list(Seller.objects.filter(is_active=True))
    if not sellers:
        stdout.write("catalog: no sellers, no demo products")
        return
    if ProductVariant.objects.filter(sku__startswith="DEMO-").exists():
        stdout.write("catalog: demo products already loaded")
        return
    made = generate_products(count=count, sellers=sellers)
    stdout.write(f"catalog: {made} demo products in {len(SPECIALTIES)} provinces")
