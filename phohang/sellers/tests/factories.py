import itertools

import factory
from stdnum.vn import mst

from phohang.accounts.models import Consent
from phohang.accounts.services import consent_grant
from phohang.accounts.tests.factories import UserFactory
from phohang.core import crypto
from phohang.core.text import comparison_key, slugify_vi
from phohang.geo.models import Address, Ward
from phohang.sellers.models import (
    ApplicationDocument,
    Seller,
    SellerApplication,
    SellerMember,
    SellerType,
)

_tax_bases = itertools.count(10_000_000)


def valid_tax_code() -> str:
    """A fresh 10-digit MST that python-stdnum accepts (check digit and structure)."""
    while True:
        base = f"0{next(_tax_bases):08d}"
        check = mst.calc_check_digit(base)
        if len(check) == 1 and mst.is_valid(base + check):
            return base + check


_citizen_serials = itertools.count(1)


def valid_citizen_id(province: str = "001") -> str:
    return f"{province}2{next(_citizen_serials):08d}"


def ward_in(province_code: str = "01") -> Ward:
    return Ward.objects.filter(province_id=province_code).order_by("code").first()


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    class Params:
        province_code = "01"

    street = factory.Sequence(lambda n: f"{n} phố Hàng Đào")
    ward = factory.LazyAttribute(lambda o: ward_in(o.province_code))
    province = factory.LazyAttribute(lambda o: o.ward.province)


class SellerApplicationFactory(factory.django.DjangoModelFactory):
    """An enterprise application; `citizen_id=` stores an encrypted CCCD as the service does."""

    class Meta:
        model = SellerApplication
        exclude = ["citizen_id", "province_code"]
        skip_postgeneration_save = True  # the consent hook writes its own rows

    citizen_id = ""
    province_code = "01"
    applicant = factory.SubFactory(UserFactory)
    seller_type = SellerType.ENTERPRISE
    name = factory.Sequence(lambda n: f"Công ty TNHH Thử Nghiệm {n}")
    name_key = factory.LazyAttribute(lambda o: comparison_key(o.name))
    tax_code = factory.LazyFunction(valid_tax_code)
    citizen_id_encrypted = factory.LazyAttribute(lambda o: crypto.encrypt(o.citizen_id))
    citizen_id_digest = factory.LazyAttribute(lambda o: crypto.blind_index(o.citizen_id))
    representative_name = "Trần Thị Lan"
    contact_phone = "+84912345678"
    address = factory.SubFactory(
        AddressFactory, province_code=factory.SelfAttribute("..province_code")
    )

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            consent_grant(user=obj.applicant, purpose=Consent.Purpose.IDENTITY)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller
        exclude = ["province_code"]

    province_code = "01"
    name = factory.Sequence(lambda n: f"Hợp tác xã Chè Thử {n}")
    slug = factory.LazyAttribute(lambda o: slugify_vi(o.name))
    name_key = factory.LazyAttribute(lambda o: comparison_key(o.name))
    seller_type = SellerType.COOPERATIVE
    tax_code = factory.LazyFunction(valid_tax_code)
    address = factory.SubFactory(
        AddressFactory, province_code=factory.SelfAttribute("..province_code")
    )
    province = factory.LazyAttribute(lambda o: o.address.province)
    description = "Chè búp sao tay."


class SellerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerMember

    seller = factory.SubFactory(SellerFactory)
    user = factory.SubFactory(UserFactory)
    role = SellerMember.Role.OWNER


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(SellerApplicationFactory)
    file = factory.django.FileField(
        filename="licence.pdf", data=b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    )
    content_type = "application/pdf"
    original_name = "giay-phep.pdf"
    size = 40
