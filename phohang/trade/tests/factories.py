"""Factories for trade tests; provinces and wards come from the geo data migration."""

from datetime import timedelta
from functools import lru_cache

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from phohang.accounts.models import Consent, User
from phohang.catalog.models import Category
from phohang.core.text import comparison_key, slugify_vi
from phohang.geo.models import Address, Ward
from phohang.sellers.models import Seller, SellerMember, SellerType
from phohang.trade import services
from phohang.trade.models import BuyerOrganisation

HANOI, DIEN_BIEN, HO_CHI_MINH = "01", "11", "79"


PASSWORD = "Mat-khau-dai-2026"


@lru_cache(maxsize=1)
def password_hash() -> str:
    """Hashing once per run: Argon2 stays the hasher (SEC-07) but costs ~0.1 s per call."""
    return make_password(PASSWORD)


def today():
    return timezone.localdate()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.LazyFunction(lambda: password_hash())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_vi = factory.Sequence(lambda n: f"Nhóm hàng {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"nhom-hang-{n}")


def address_in(province_code: str) -> Address:
    ward = Ward.objects.filter(province_id=province_code).order_by("code").first()
    return Address.objects.create(street="Số 1 đường Làng", ward=ward, province_id=province_code)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    name = factory.Sequence(lambda n: f"Hợp tác xã Nông sản {n}")
    name_key = factory.LazyAttribute(lambda o: comparison_key(o.name))
    slug = factory.LazyAttribute(lambda o: slugify_vi(o.name))
    seller_type = SellerType.COOPERATIVE
    province_id = DIEN_BIEN
    address = factory.LazyAttribute(lambda o: address_in(o.province_id))


def seller_with_owner(**kwargs) -> tuple[Seller, User]:
    seller = SellerFactory(**kwargs)
    owner = UserFactory()
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    return seller, owner


def organisation_with_member(
    *, name="Siêu thị Hà Nội", kind=BuyerOrganisation.Kind.SUPERMARKET, province_id=HANOI
):
    user = UserFactory()
    organisation = services.organisation_create(
        user=user, name=name, kind=kind, province_id=province_id
    )
    return organisation, user


def opt_in(user: User) -> None:
    Consent.objects.create(user=user, purpose=Consent.Purpose.MATCHING, version="2026-07")


def demand_data(category, **overrides) -> services.DemandData:
    start = today() + timedelta(days=10)
    values = {
        "title": "Gạo ST25 đạt VietGAP",
        "category_id": category.pk,
        "quantity": 2,
        "unit": "tonne",
        "frequency": "monthly",
        "delivery_province_id": HANOI,
        "delivery_start": start,
        "delivery_end": start + timedelta(days=90),
        "closing_date": today() + timedelta(days=7),
        "certifications": ["vietgap"],
        "price_ceiling_vnd": 30_000_000,
    }
    values.update(overrides)
    return services.DemandData(**values)


def offer_data(category, **overrides) -> services.OfferData:
    values = {
        "title": "Gạo ST25 Điện Biên đạt VietGAP",
        "category_id": category.pk,
        "quantity": 5,
        "unit": "tonne",
        "period": "month",
        "origin_province_id": DIEN_BIEN,
        "price_min_vnd": 22_000_000,
        "price_max_vnd": 26_000_000,
        "certifications": ["vietgap"],
    }
    values.update(overrides)
    return services.OfferData(**values)


def quote_data(**overrides) -> services.QuoteData:
    start = today() + timedelta(days=10)
    values = {
        "price_per_unit_vnd": 24_000_000,
        "quantity": 2,
        "delivery_start": start,
        "delivery_end": start + timedelta(days=35),
        "valid_until": today() + timedelta(days=14),
    }
    values.update(overrides)
    return services.QuoteData(**values)
