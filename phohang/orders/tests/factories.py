import factory

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import Category, Product, ProductVariant
from phohang.geo.models import Ward
from phohang.orders import services
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_vi = factory.Sequence(lambda n: f"Chè {n}")
    name_en = factory.Sequence(lambda n: f"Tea {n}")
    slug = factory.Sequence(lambda n: f"che-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    seller = factory.SubFactory(SellerFactory)
    title = factory.Sequence(lambda n: f"Chè Tân Cương {n}")
    slug = factory.Sequence(lambda n: f"che-tan-cuong-{n}")
    category = factory.SubFactory(CategoryFactory)
    origin_province_id = "01"
    status = Product.Status.PUBLISHED


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    seller = factory.LazyAttribute(lambda o: o.product.seller)
    name = "500 g"
    sku = factory.Sequence(lambda n: f"SKU-{n}")
    price_vnd = 100_000
    weight_grams = 500
    stock_on_hand = 10
    stock_reserved = 0


def seller_with_owner(**kwargs):
    member = SellerMemberFactory(**kwargs)
    return member.seller, member.user


def ward(province_code: str = "01") -> Ward:
    return Ward.objects.filter(province_id=province_code).order_by("code").first()


def place(buyer, items, *, method="cod", province_code="01", **kwargs):
    """Check out `items` ((variant, quantity) pairs) for `buyer` to a ward in `province_code`."""
    destination = ward(province_code)
    return services.checkout_place(
        buyer=buyer,
        items=[(variant.pk, quantity) for variant, quantity in items],
        street="12 phố Hàng Bạc",
        ward=destination,
        province=destination.province,
        recipient_name="Lê Thị Hoa",
        recipient_phone="0912345678",
        payment_method=method,
        **kwargs,
    )


__all__ = ["UserFactory", "place", "seller_with_owner", "ward"]
