"""Foundation demo data: people of every role and sellers from many provinces."""

import random

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.vn import mst

from phohang.accounts.models import Consent, User
from phohang.accounts.services import CONSENT_VERSIONS
from phohang.catalog.demo.catalogue import SELLERS
from phohang.core import crypto
from phohang.core.text import comparison_key, slugify_vi
from phohang.geo.models import Address, Ward
from phohang.sellers.models import Seller, SellerApplication, SellerMember, SellerType, VneidLevel
from phohang.site.models import DemoState

DEMO_PASSWORD = "PhoHang-demo-2026"
# A fixed authenticator key so demo staff can sign in: `make otp EMAIL=...` prints the code.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"

DEMO_LOGINS = [
    ("platform admin", "admin@phohang.vn", "MFA, /admin/"),
    ("authority staff", "canbo@congthuong.hanoi.gov.vn", "MFA, reviews sellers"),
    ("buyer", "nguoimua@phohang.vn", "or mobile 0912 345 678; orders in every state"),
    ("B2B buyer (supermarket)", "thumua.hanoixanh@phohang.vn", "Chuỗi siêu thị Hà Nội Xanh"),
    ("seller owner (HTX)", "htx.chetancuong@phohang.vn", "Hợp tác xã Chè Tân Cương"),
    ("seller owner (household)", "ho.gombattrang@phohang.vn", "Xưởng gốm Minh Đức"),
    ("applicant (pending)", "ungvien@phohang.vn", "has a pending application"),
]


class _Marker:
    key = "demo-loaded"

    def mark(self):
        DemoState.objects.get_or_create(name=self.key)


DEMO_MARKER = _Marker()


def demo_is_loaded() -> bool:
    return DemoState.objects.filter(name=DEMO_MARKER.key).exists()


PENDING_APPLICATIONS = [
    (
        "Hợp tác xã Rau an toàn Văn Đức",
        SellerType.COOPERATIVE,
        "01",
        "Nguyễn Văn Đức",
        "ungvien@phohang.vn",
    ),
    ("Hộ kinh doanh Bánh gai Ninh Giang", SellerType.HOUSEHOLD, "31", "Trần Thị Gai", None),
    ("Công ty TNHH Miến Dong Hoàng Long", SellerType.ENTERPRISE, "37", "Đinh Văn Long", None),
    ("Lê Thị Thủy (Nón lá Chuông)", SellerType.INDIVIDUAL, "01", "Lê Thị Thủy", None),
]


def demo_tax_code(rng: random.Random) -> str:
    """A tax code with a correct check digit (random, so it belongs to nobody we know of)."""
    while True:
        body = "0" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        for check in "0123456789":
            if mst.is_valid(body + check):
                return body + check


def demo_citizen_id(rng: random.Random, province_code: str) -> str:
    prefix = (
        f"{int(province_code):03d}"
        if int(province_code)
        in (
            1,
            4,
            8,
            11,
            14,
            15,
            19,
            20,
            22,
            24,
            31,
            33,
            37,
            38,
            40,
            46,
            48,
            51,
            56,
            66,
            68,
            75,
            79,
            82,
            86,
            91,
            92,
            96,
        )
        else "001"
    )
    return (
        prefix + rng.choice("0123") + f"{rng.randint(60, 99):02d}" + f"{rng.randint(0, 999999):06d}"
    )


class _DemoUsers:
    """Makes demo accounts. The shared demo password is hashed once per load: a password hash
    is slow by design, and eighty of them made loading take minutes."""

    def __init__(self) -> None:
        self.password_hash = make_password(DEMO_PASSWORD)

    def __call__(self, email, full_name, *, phone=None, **flags) -> User:
        return _user(email, full_name, password_hash=self.password_hash, phone=phone, **flags)


def _user(email, full_name, *, password_hash, phone=None, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "phone": phone, "password": password_hash, **flags},
    )
    if created:
        Consent.objects.create(
            user=user,
            purpose=Consent.Purpose.TERMS,
            version=CONSENT_VERSIONS[Consent.Purpose.TERMS],
        )
    return user


def _address(rng: random.Random, province_code: str) -> Address:
    wards = list(Ward.objects.filter(province_id=province_code).values_list("code", flat=True)[:40])
    street = f"Số {rng.randint(1, 300)} {rng.choice(['đường Lê Lợi', 'đường Trần Phú', 'thôn Đông', 'xóm Chùa', 'đường Nguyễn Trãi', 'tổ 5'])}"
    return Address.objects.create(
        street=street, ward_id=rng.choice(wards), province_id=province_code
    )


def _staff_device(user: User) -> None:
    TOTPDevice.objects.get_or_create(
        user=user,
        defaults={"name": "Demo authenticator", "key": DEMO_TOTP_KEY_HEX, "confirmed": True},
    )


def load_foundation_demo(stdout=None) -> None:
    rng = random.Random(2020)
    user_make = _DemoUsers()
    admin = user_make("admin@phohang.vn", "Quản trị Phố Hàng", is_staff=True, is_superuser=True)
    _staff_device(admin)
    authority = user_make(
        "canbo@congthuong.hanoi.gov.vn",
        "Phạm Thu Trang",
        is_authority=True,
        is_city_authority=True,
        authority_province_id="01",
    )
    _staff_device(authority)
    user_make("nguoimua@phohang.vn", "Nguyễn Thị Mai Anh", phone="+84912345678")
    user_make("thumua.hanoixanh@phohang.vn", "Trần Quốc Bảo", phone="+84983456712")
    for index, demo_seller in enumerate(SELLERS):
        name, seller_type, province = (
            demo_seller.name,
            demo_seller.seller_type,
            demo_seller.province,
        )
        representative, description = demo_seller.representative, demo_seller.description
        owner = user_make(demo_seller.email or f"seller{index + 1:02d}@phohang.vn", representative)
        tax_code = (
            demo_tax_code(rng)
            if seller_type in (SellerType.ENTERPRISE, SellerType.COOPERATIVE)
            else ""
        )
        citizen_id = (
            demo_citizen_id(rng, province)
            if seller_type in (SellerType.HOUSEHOLD, SellerType.INDIVIDUAL)
            else ""
        )
        address = _address(rng, province)
        application = SellerApplication.objects.create(
            applicant=owner,
            seller_type=seller_type,
            name=name,
            name_key=comparison_key(name),
            description=description,
            tax_code=tax_code,
            business_registration_number=f"01A8{rng.randint(100000, 999999)}"
            if seller_type == SellerType.HOUSEHOLD
            else "",
            citizen_id_encrypted=crypto.encrypt(citizen_id),
            citizen_id_digest=crypto.blind_index(citizen_id),
            vneid_level=VneidLevel.LEVEL_2 if citizen_id else VneidLevel.NONE,
            representative_name=representative,
            contact_phone=f"+849{rng.randint(10000000, 99999999)}",
            address=address,
            status=SellerApplication.Status.APPROVED,
            reviewed_by=authority,
        )
        seller = Seller.objects.create(
            slug=slugify_vi(name, max_length=100),
            name=name,
            name_key=comparison_key(name),
            seller_type=seller_type,
            description=description,
            tax_code=tax_code,
            citizen_id_digest=crypto.blind_index(citizen_id),
            vneid_level=application.vneid_level,
            address=address,
            province_id=province,
            contact_phone=application.contact_phone,
            application=application,
        )
        SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    for index, (name, seller_type, province, representative, email) in enumerate(
        PENDING_APPLICATIONS
    ):
        applicant = user_make(email or f"applicant{index + 1:02d}@phohang.vn", representative)
        citizen_id = (
            demo_citizen_id(rng, province)
            if seller_type in (SellerType.HOUSEHOLD, SellerType.INDIVIDUAL)
            else ""
        )
        SellerApplication.objects.create(
            applicant=applicant,
            seller_type=seller_type,
            name=name,
            name_key=comparison_key(name),
            description="Đăng ký bán hàng trên Phố Hàng.",
            tax_code=demo_tax_code(rng)
            if seller_type in (SellerType.ENTERPRISE, SellerType.COOPERATIVE)
            else "",
            business_registration_number=f"27B8{rng.randint(100000, 999999)}"
            if seller_type == SellerType.HOUSEHOLD
            else "",
            citizen_id_encrypted=crypto.encrypt(citizen_id),
            citizen_id_digest=crypto.blind_index(citizen_id),
            representative_name=representative,
            contact_phone=f"+849{rng.randint(10000000, 99999999)}",
            address=_address(rng, province),
        )
    if stdout is not None:
        stdout.write(f"{len(SELLERS)} sellers, {len(PENDING_APPLICATIONS)} pending applications.")
