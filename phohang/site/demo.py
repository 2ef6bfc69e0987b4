"""Foundation demo data: people of every role and sellers from many provinces."""

import random

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.vn import mst

from phohang.accounts.models import Consent, User
from phohang.accounts.services import CONSENT_VERSIONS
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
    ("buyer", "nguoimua@phohang.vn", "or mobile 0912 345 678"),
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


# (name, type, province code, representative, description, email or None)
SELLERS = [
    (
        "Hợp tác xã Chè Tân Cương",
        SellerType.COOPERATIVE,
        "19",
        "Nguyễn Văn Thắng",
        "Chè búp Tân Cương sao suốt thủ công, đạt OCOP 4 sao.",
        "htx.chetancuong@phohang.vn",
    ),
    (
        "Xưởng gốm Minh Đức",
        SellerType.HOUSEHOLD,
        "01",
        "Lê Minh Đức",
        "Gốm men rạn, men lam Bát Tràng làm tay qua ba đời.",
        "ho.gombattrang@phohang.vn",
    ),
    (
        "Công ty TNHH Lụa Vạn Phúc",
        SellerType.ENTERPRISE,
        "01",
        "Triệu Thị Hằng",
        "Lụa tơ tằm dệt tại làng Vạn Phúc, Hà Đông.",
        None,
    ),
    (
        "Hợp tác xã Vải thiều Lục Ngạn",
        SellerType.COOPERATIVE,
        "24",
        "Hoàng Văn Quý",
        "Vải thiều VietGAP, mùa vụ tháng 6–7.",
        None,
    ),
    (
        "Công ty CP Nước mắm Phú Quốc Hưng Thành",
        SellerType.ENTERPRISE,
        "91",
        "Trần Quốc Hưng",
        "Nước mắm cá cơm truyền thống ủ chượp 12 tháng.",
        None,
    ),
    (
        "Hợp tác xã Gạo ST25 Sóc Trăng",
        SellerType.COOPERATIVE,
        "92",
        "Hồ Quang Cua",
        "Gạo ST25 canh tác theo quy trình hữu cơ.",
        None,
    ),
    (
        "Hộ kinh doanh Cà phê Ea Tu",
        SellerType.HOUSEHOLD,
        "66",
        "Y Bih Niê",
        "Cà phê Robusta Buôn Ma Thuột rang mộc.",
        None,
    ),
    (
        "Hợp tác xã Mật ong bạc hà Mèo Vạc",
        SellerType.COOPERATIVE,
        "08",
        "Sùng Mí Páo",
        "Mật ong hoa bạc hà cao nguyên đá.",
        None,
    ),
    (
        "Công ty TNHH Thực phẩm Bắc Kạn Xanh",
        SellerType.ENTERPRISE,
        "19",
        "Ma Thị Lan",
        "Miến dong, hồng không hạt Ba Bể.",
        None,
    ),
    (
        "Hộ kinh doanh Bánh đậu xanh Rồng Vàng",
        SellerType.HOUSEHOLD,
        "31",
        "Phạm Thị Nga",
        "Bánh đậu xanh Hải Dương truyền thống.",
        None,
    ),
    (
        "Hợp tác xã Nông sản sạch Mộc Châu",
        SellerType.COOPERATIVE,
        "14",
        "Lò Văn Pản",
        "Chè Shan tuyết, mận hậu, sữa Mộc Châu.",
        None,
    ),
    (
        "Công ty CP Đặc sản Điện Biên",
        SellerType.ENTERPRISE,
        "11",
        "Lò Thị Xuân",
        "Gạo Điện Biên, măng khô, thịt trâu gác bếp.",
        None,
    ),
    (
        "Hộ kinh doanh Nem chua Thanh Hóa Bà Hương",
        SellerType.HOUSEHOLD,
        "38",
        "Lê Thị Hương",
        "Nem chua, chả tôm xứ Thanh.",
        None,
    ),
    (
        "Hợp tác xã Cam Vinh Nghi Lộc",
        SellerType.COOPERATIVE,
        "40",
        "Nguyễn Đình Cường",
        "Cam Vinh, kẹo cu đơ.",
        None,
    ),
    (
        "Công ty TNHH Mè xửng Huế Song Hỷ",
        SellerType.ENTERPRISE,
        "46",
        "Tôn Nữ Thu Hà",
        "Mè xửng, tôm chua Huế.",
        None,
    ),
    (
        "Hộ kinh doanh Chả bò Đà Nẵng Cô Lan",
        SellerType.HOUSEHOLD,
        "48",
        "Phan Thị Lan",
        "Chả bò, tré, mắm nêm Đà Nẵng.",
        None,
    ),
    (
        "Hợp tác xã Tỏi Lý Sơn",
        SellerType.COOPERATIVE,
        "51",
        "Võ Văn Thành",
        "Tỏi cô đơn Lý Sơn, hành tím.",
        None,
    ),
    (
        "Công ty CP Yến sào Khánh Hòa Việt",
        SellerType.ENTERPRISE,
        "56",
        "Đặng Minh Tuấn",
        "Yến sào đảo thiên nhiên, nước yến.",
        None,
    ),
    (
        "Hộ kinh doanh Trà Atiso Đà Lạt Thu Sương",
        SellerType.HOUSEHOLD,
        "68",
        "Nguyễn Thu Sương",
        "Trà atiso, mứt dâu Đà Lạt.",
        None,
    ),
    (
        "Hợp tác xã Điều Bình Phước",
        SellerType.COOPERATIVE,
        "75",
        "Lâm Văn Phúc",
        "Hạt điều rang muối.",
        None,
    ),
    (
        "Công ty TNHH Kẹo dừa Bến Tre Thanh Long",
        SellerType.ENTERPRISE,
        "86",
        "Huỳnh Thanh Long",
        "Kẹo dừa, bánh tráng sữa.",
        None,
    ),
    (
        "Hộ kinh doanh Khô cá lóc Châu Đốc",
        SellerType.HOUSEHOLD,
        "91",
        "Nguyễn Thị Mỹ",
        "Mắm Châu Đốc, khô cá lóc.",
        None,
    ),
    (
        "Hợp tác xã Xoài cát Hòa Lộc",
        SellerType.COOPERATIVE,
        "82",
        "Trần Văn Lộc",
        "Xoài cát Hòa Lộc, sầu riêng Cái Mơn.",
        None,
    ),
    (
        "Công ty CP Bánh pía Cà Mau",
        SellerType.ENTERPRISE,
        "96",
        "Lý Văn Tài",
        "Bánh pía, ba khía muối, tôm khô Rạch Gốc.",
        None,
    ),
    (
        "Nguyễn Thị Hoa (Hoa Đan Lát)",
        SellerType.INDIVIDUAL,
        "01",
        "Nguyễn Thị Hoa",
        "Đồ mây tre đan Phú Vinh làm tay.",
        None,
    ),
    (
        "Trần Văn Bình (Mật mía Quảng Ngãi)",
        SellerType.INDIVIDUAL,
        "51",
        "Trần Văn Bình",
        "Đường phổi, mạch nha Quảng Ngãi.",
        None,
    ),
    (
        "Hoàng Thị Mai (Thổ cẩm Sa Pa)",
        SellerType.INDIVIDUAL,
        "15",
        "Hoàng Thị Mai",
        "Thổ cẩm H'Mông dệt tay.",
        None,
    ),
    (
        "Công ty CP Sữa Ba Vì Xanh",
        SellerType.ENTERPRISE,
        "01",
        "Đỗ Văn Sơn",
        "Sữa chua, bánh sữa Ba Vì.",
        None,
    ),
    (
        "Hợp tác xã Bưởi Diễn Phú Thượng",
        SellerType.COOPERATIVE,
        "01",
        "Nguyễn Văn Diễn",
        "Bưởi Diễn chuẩn VietGAP.",
        None,
    ),
    (
        "Hộ kinh doanh Bánh cốm Hàng Than",
        SellerType.HOUSEHOLD,
        "01",
        "Nguyễn Thị Cốm",
        "Bánh cốm, cốm làng Vòng.",
        None,
    ),
    (
        "Công ty TNHH Quế hồi Lạng Sơn",
        SellerType.ENTERPRISE,
        "20",
        "Hoàng Văn Hồi",
        "Hoa hồi, quế Văn Quan.",
        None,
    ),
    (
        "Hợp tác xã Na Chi Lăng",
        SellerType.COOPERATIVE,
        "20",
        "Vy Văn Na",
        "Na dai Chi Lăng, mùa tháng 7–9.",
        None,
    ),
    (
        "Hộ kinh doanh Sá sùng Quan Lạn",
        SellerType.HOUSEHOLD,
        "22",
        "Phạm Văn Biển",
        "Sá sùng khô, chả mực Hạ Long.",
        None,
    ),
    (
        "Công ty CP Nước mắm Cát Hải",
        SellerType.ENTERPRISE,
        "31",
        "Vũ Đức Hải",
        "Nước mắm Cát Hải truyền thống.",
        None,
    ),
]

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


def _user(email, full_name, *, phone=None, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "phone": phone,
            "password": make_password(DEMO_PASSWORD),
            **flags,
        },
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
    admin = _user("admin@phohang.vn", "Quản trị Phố Hàng", is_staff=True, is_superuser=True)
    _staff_device(admin)
    authority = _user(
        "canbo@congthuong.hanoi.gov.vn",
        "Phạm Thu Trang",
        is_authority=True,
        is_city_authority=True,
        authority_province_id="01",
    )
    _staff_device(authority)
    _user("nguoimua@phohang.vn", "Nguyễn Thị Mai Anh", phone="+84912345678")
    for index, (name, seller_type, province, representative, description, email) in enumerate(
        SELLERS
    ):
        owner = _user(email or f"seller{index + 1:02d}@phohang.vn", representative)
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
        applicant = _user(email or f"applicant{index + 1:02d}@phohang.vn", representative)
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
