"""Seed the category tree: the six OCOP product groups plus general retail categories."""

from django.db import migrations

# (slug, Vietnamese, English, is_ocop_group, children[(slug, vi, en)])
TREE = [
    ("thuc-pham", "Thực phẩm", "Food", True, [
        ("gao-ngu-coc", "Gạo và ngũ cốc", "Rice and grains"),
        ("trai-cay", "Trái cây", "Fruit"),
        ("nuoc-mam-gia-vi", "Nước mắm, gia vị", "Fish sauce and seasonings"),
        ("dac-san-kho", "Đặc sản khô", "Dried specialties"),
        ("banh-keo-mut", "Bánh, kẹo, mứt", "Cakes, sweets and preserves"),
        ("thit-hai-san-che-bien", "Thịt, hải sản chế biến", "Processed meat and seafood"),
        ("mat-ong", "Mật ong", "Honey"),
    ]),
    ("do-uong", "Đồ uống", "Beverages", True, [
        ("che-tra", "Chè, trà", "Tea"),
        ("ca-phe", "Cà phê", "Coffee"),
        ("ruou-dac-san", "Rượu đặc sản", "Traditional spirits"),
        ("nuoc-giai-khat", "Nước giải khát", "Soft drinks and juices"),
    ]),
    ("thao-duoc", "Thảo dược", "Herbal products", True, [
        ("duoc-lieu", "Dược liệu", "Medicinal herbs"),
        ("tinh-dau", "Tinh dầu", "Essential oils"),
        ("my-pham-thien-nhien", "Mỹ phẩm thiên nhiên", "Natural cosmetics"),
    ]),
    ("vai-may-mac", "Vải và may mặc", "Textiles and garments", True, [
        ("lua-to-tam", "Lụa, tơ tằm", "Silk"),
        ("tho-cam", "Thổ cẩm", "Brocade"),
        ("thoi-trang", "Thời trang", "Clothing"),
    ]),
    ("luu-niem-noi-that", "Lưu niệm, nội thất, trang trí", "Souvenirs, furniture and decoration", True, [
        ("gom-su", "Gốm sứ", "Ceramics"),
        ("may-tre-dan", "Mây tre đan", "Rattan and bamboo"),
        ("do-go", "Đồ gỗ mỹ nghệ", "Woodwork"),
        ("son-mai", "Sơn mài, khảm", "Lacquerware and inlay"),
    ]),
    ("du-lich-nong-thon", "Dịch vụ du lịch nông thôn", "Rural tourism services", True, [
        ("tour-lang-nghe", "Tham quan làng nghề", "Craft-village tours"),
        ("homestay", "Homestay, trải nghiệm", "Homestays and experiences"),
    ]),
    ("nong-san-tuoi", "Nông sản tươi", "Fresh produce", False, [
        ("rau-cu", "Rau, củ", "Vegetables"),
        ("thit-trung", "Thịt, trứng", "Meat and eggs"),
        ("thuy-san-tuoi", "Thủy sản tươi", "Fresh seafood"),
    ]),
    ("hang-tieu-dung", "Hàng tiêu dùng", "Household goods", False, []),
    ("dien-gia-dung", "Điện tử, điện gia dụng", "Electronics and appliances", False, []),
    ("sach-van-phong-pham", "Sách, văn phòng phẩm", "Books and stationery", False, []),
    ("vat-tu-nong-nghiep", "Vật tư nông nghiệp", "Agricultural supplies", False, []),
    ("san-pham-cong-nghiep", "Sản phẩm công nghiệp", "Industrial products", False, []),
]  # fmt: skip


def seed(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    for position, (slug, vi, en, is_ocop, children) in enumerate(TREE):
        parent, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name_vi": vi, "name_en": en, "is_ocop_group": is_ocop, "position": position},
        )
        for child_position, (child_slug, child_vi, child_en) in enumerate(children):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "parent": parent,
                    "name_vi": child_vi,
                    "name_en": child_en,
                    "is_ocop_group": is_ocop,
                    "position": child_position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    # Staff may rename categories: going back keeps them, and seeding again (get_or_create)
    # leaves existing rows as they are, so a round trip loses no edit (DUR-06).
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
