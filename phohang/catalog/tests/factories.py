import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from phohang.catalog.models import Category, Product, ProductVariant
from phohang.core.text import slugify_vi
from phohang.geo.models import Province
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory


def category(slug: str = "che-tra") -> Category:
    return Category.objects.get(slug=slug)


class ProductFactory(factory.django.DjangoModelFactory):
    """A published product with no variants; use VariantFactory or `with_variant`."""

    class Meta:
        model = Product

    seller = factory.SubFactory(SellerFactory)
    title = factory.Sequence(lambda n: f"Chè Tân Cương Thái Nguyên loại {n}")
    slug = factory.LazyAttribute(lambda o: slugify_vi(o.title, max_length=100))
    description = "Chè búp **sao tay**."
    description_html = "<p>Chè búp <strong>sao tay</strong>.</p>"
    category = factory.LazyFunction(category)
    origin_province = factory.LazyFunction(lambda: Province.objects.get(code="01"))
    unit = "pack"
    status = Product.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    min_price_vnd = 180_000


class OcopProductFactory(ProductFactory):
    ocop_stars = 4
    ocop_certificate_number = factory.Sequence(lambda n: f"OCOP-HN-2024-{n:04d}")
    ocop_level = "province"
    ocop_year = 2024
    ocop_expires_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=365)
    )
    ocop_verified_at = factory.LazyFunction(timezone.now)


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    seller = factory.LazyAttribute(lambda o: o.product.seller)
    name = "Gói 500 g"
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_vnd = 180_000
    stock_on_hand = 10
    stock_reserved = 0


def member_of(seller):
    return SellerMemberFactory(seller=seller).user


def png_upload(name: str = "photo.png", size=(64, 48), color=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
