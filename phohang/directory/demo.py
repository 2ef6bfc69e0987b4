"""Directory demo: parks and clusters, craft villages, 200 manufacturers, 30 projects; called by
load_demo. Written with bulk_create so the demo load stays quick."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from phohang.accounts.models import User
from phohang.core.text import collation_key, slugify_vi
from phohang.geo.models import Ward
from phohang.logistics.places import ward_point
from phohang.sellers.models import Seller

from .demo_data import (
    BRANDS,
    KEY_PRODUCTS,
    MAKER_PROVINCES,
    MARKET_MILESTONES,
    MILESTONES,
    NAME_FORMS,
    PARKS,
    PROJECTS,
    SPECIALTIES,
    VILLAGES,
)
from .models import (
    CraftVillage,
    Inquiry,
    InquiryEvent,
    KeyProduct,
    Manufacturer,
    ManufacturerCertification,
    ManufacturerProcess,
    ManufacturerTerm,
    Milestone,
    Park,
    ParkOperator,
    Plot,
    Project,
    sectors_to_mask,
)
from .services.makers import manufacturer_search_text, manufacturer_terms

DEMO_BUYER_EMAIL = "nguoimua@phohang.vn"
OPERATOR_EMAIL = "vanhanh.phunghia@phohang.vn"
OPERATOR_COMPANY = "Công ty CP Đầu tư Phát triển Phú Nghĩa"
MANUFACTURER_EMAIL = "nhasanxuat@phohang.vn"
VILLAGE_BOARD_EMAIL = "bql.battrang@phohang.vn"
VILLAGE_BOARD_OF = "Làng gốm Bát Tràng"
DEMO_LOGINS = [
    ("park operator", OPERATOR_EMAIL, "KCN Phú Nghĩa, /cong-nghiep/van-hanh/"),
    ("manufacturer", MANUFACTURER_EMAIL, "keeps its profile, /cong-nghiep/nha-san-xuat/cua-toi/"),
    ("craft village board", VILLAGE_BOARD_EMAIL, "Làng gốm Bát Tràng, links the village's shops"),
]
MANUFACTURER_COUNT = 200
WARD_PREFIXES = ("Xã ", "Phường ", "Đặc khu ")


def _wards(points: list[tuple[str, str]]) -> dict[tuple[str, str], Ward]:
    """The wards named in the demo data, in one query: (province, bare name) → Ward."""
    names = {prefix + name for _province, name in points for prefix in WARD_PREFIXES}
    provinces = {province for province, _name in points}
    found = {}
    rows = Ward.objects.filter(name__in=names, province_id__in=provinces).select_related("province")
    for ward in rows:
        bare = ward.name
        for prefix in WARD_PREFIXES:
            bare = bare.removeprefix(prefix)
        found[(ward.province_id, bare)] = ward
    return found


def _user(email: str, full_name: str) -> User:
    buyer = User.objects.filter(email=DEMO_BUYER_EMAIL).only("password").first()
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "password": buyer.password if buyer else make_password(None),
            "is_active": True,
        },
    )
    return user


def _parks(wards) -> list[Park]:
    operators = {}
    for row in PARKS:
        operators.setdefault(row[2], ParkOperator(name=row[2], phone="024 3" + "8" * 7))
    ParkOperator.objects.bulk_create(operators.values())
    operators = {o.name: o for o in ParkOperator.objects.filter(name__in=operators)}
    parks = []
    for (
        name,
        kind,
        operator,
        province,
        ward_name,
        total,
        free,
        occupancy,
        land,
        factory,
        power,
        water,
        sectors,
        road,
    ) in PARKS:
        ward = wards[(province, ward_name)]
        point = ward_point(ward)
        parks.append(
            Park(
                slug=slugify_vi(name),
                name=name,
                kind=kind,
                operator=operators[operator],
                ward=ward,
                province_id=province,
                latitude=point[0] if point else None,
                longitude=point[1] if point else None,
                total_area_ha=Decimal(total),
                free_area_ha=Decimal(free),
                occupancy_percent=Decimal(occupancy),
                land_price_vnd_m2=land,
                factory_rent_vnd_m2_month=factory,
                power_capacity_mva=Decimal(power),
                water_m3_day=water,
                wastewater_m3_day=water * 8 // 10,
                road_access=road,
                sectors_mask=sectors_to_mask(sectors),
                incentives=(
                    "Miễn thuế thu nhập doanh nghiệp 2 năm, giảm 50 % trong 4 năm tiếp theo; "
                    "hỗ trợ thủ tục đầu tư một cửa tại Ban Quản lý."
                ),
                description=f"{name}: hạ tầng đồng bộ, điện {power} MVA, nước sạch {water} m³/ngày.",
            )
        )
    Park.objects.bulk_create(parks)
    parks = list(Park.objects.filter(slug__in=[p.slug for p in parks]).order_by("id"))
    plots = []
    for park in parks:
        if park.free_area_ha <= 0:
            continue
        for number in range(1, 5):
            plots.append(
                Plot(
                    park=park,
                    code=f"CN-{number:02d}",
                    kind=Plot.Kind.LAND,
                    area_m2=Decimal(10000 * number + 5000),
                    price_vnd_m2=park.land_price_vnd_m2 + 100_000 * (number - 1),
                    availability=Plot.Availability.AVAILABLE if number < 4 else "reserved",
                )
            )
        if park.factory_rent_vnd_m2_month:
            for number in range(1, 3):
                plots.append(
                    Plot(
                        park=park,
                        code=f"NX-{number:02d}",
                        kind=Plot.Kind.FACTORY,
                        area_m2=Decimal(2400 * number),
                        price_vnd_m2=park.factory_rent_vnd_m2_month,
                    )
                )
    Plot.objects.bulk_create(plots)
    return parks


def _operator_and_leads(parks: list[Park]) -> None:
    operator_user = _user(OPERATOR_EMAIL, "Lê Minh Tuấn")
    ParkOperator.objects.get(name=OPERATOR_COMPANY).members.add(operator_user)
    investor = User.objects.filter(email=DEMO_BUYER_EMAIL).first() or _user(
        DEMO_BUYER_EMAIL, "Nguyễn Thị Mai Anh"
    )
    statuses = [s for s in Inquiry.Status.values]
    leads = []
    companies = (
        "Công ty TNHH Điện tử Kaneka Việt Nam",
        "Công ty CP Cơ khí Hòa Phát Tech",
        "Công ty TNHH Bao bì Đông Á",
        "Công ty TNHH Linh kiện Minh Khang",
    )
    for index, park in enumerate(p for p in parks if p.free_area_ha > 0):
        for offset, company in enumerate(companies[: 1 + index % 3]):
            leads.append(
                Inquiry(
                    park=park,
                    investor=investor,
                    company=company,
                    contact_name="Nguyễn Thị Mai Anh",
                    phone="0912345678",
                    sector=park.sectors[0] if park.sectors else "supporting",
                    area_needed_ha=Decimal(2 + (index + offset) % 7),
                    message="Chúng tôi cần đất xây nhà máy, dự kiến khởi công trong 6 tháng.",
                    status=statuses[(index + offset) % len(statuses)],
                )
            )
    Inquiry.objects.bulk_create(leads)
    InquiryEvent.objects.bulk_create(
        InquiryEvent(inquiry=lead, from_status="", to_status=lead.status, actor=investor)
        for lead in Inquiry.objects.filter(investor=investor).only("id", "status")
    )


def _villages(wards) -> None:
    villages = []
    for (
        name,
        crafts,
        province,
        ward_name,
        year,
        households,
        workers,
        ocop,
        latitude,
        longitude,
        description,
    ) in VILLAGES:
        ward = wards[(province, ward_name)]
        point = ward_point(ward) or (latitude, longitude)
        villages.append(
            CraftVillage(
                slug=slugify_vi(name),
                name=name,
                crafts=crafts,
                ward=ward,
                province_id=province,
                latitude=point[0],
                longitude=point[1],
                year_recognised=year,
                households=households,
                workers=workers,
                ocop_products=ocop,
                description=description,
            )
        )
    ordered = sorted(villages, key=lambda v: collation_key(v.name))
    for position, village in enumerate(ordered):
        village.sort_order = position
    CraftVillage.objects.bulk_create(villages)
    through = CraftVillage.sellers.through
    links = []
    for village in CraftVillage.objects.only("id", "name"):
        # "Làng gốm Bát Tràng" → "Bát Tràng": shops that name the place sell the village's goods.
        place = " ".join(village.name.split()[-2:])
        sellers = Seller.objects.filter(
            Q(name__icontains=place) | Q(description__icontains=place), is_active=True
        ).values_list("pk", flat=True)[:10]
        links += [through(craftvillage_id=village.pk, seller_id=pk) for pk in sellers]
    through.objects.bulk_create(links)
    board = CraftVillage.objects.get(name=VILLAGE_BOARD_OF).board
    board.add(_user(VILLAGE_BOARD_EMAIL, "Nguyễn Văn Hưng"))


def manufacturers_build(
    count: int, rng: random.Random, wards_by_province: dict, start: int = 0
) -> list[dict]:
    """`count` manufacturers as rows: the model, its process codes and certification codes."""
    rows = []
    today = timezone.localdate()
    for number in range(start, start + count):
        specialty, processes, materials, tolerance, customers = SPECIALTIES[
            number % len(SPECIALTIES)
        ]
        brand = BRANDS[(number // len(SPECIALTIES)) % len(BRANDS)]
        series = number // (len(SPECIALTIES) * len(BRANDS))
        name = f"{NAME_FORMS[number % 3]} {specialty} {brand}" + (
            f" {series + 1}" if series else ""
        )
        province = MAKER_PROVINCES[number % len(MAKER_PROVINCES)]
        ward = rng.choice(wards_by_province[province])
        certifications = ["iso9001"] if number % 5 else []
        if "die_casting" in processes or "wire_harness" in processes or number % 7 == 0:
            certifications.append("iatf16949")
        if number % 3 == 0:
            certifications.append("iso14001")
        if specialty in ("Cơ khí chính xác", "Nhựa kỹ thuật") and number % 4 == 1:
            certifications.append("iso13485")
        employees = 40 + (number * 37) % 900
        maker = Manufacturer(
            slug=f"{slugify_vi(name)}-{number + 1}",
            name=name,
            ward=ward,
            province_id=province,
            description=f"{specialty}: {materials.lower()}, giao hàng cho {customers}.",
            materials=materials,
            tolerance_mm=Decimal(tolerance) if tolerance else None,
            capacity=f"{employees * 12:,} sản phẩm/ngày".replace(",", "."),
            employees=employees,
            customers=customers,
        )
        maker.search_text = manufacturer_search_text(
            name=name,
            processes=processes,
            materials=materials,
            certifications=certifications,
            description=maker.description,
        )
        rows.append(
            {
                "maker": maker,
                "processes": processes,
                "certifications": certifications,
                "valid_until": today + datetime.timedelta(days=365 + number % 700),
            }
        )
    return rows


def manufacturers_save(rows: list[dict]) -> list[Manufacturer]:
    makers = Manufacturer.objects.bulk_create([row["maker"] for row in rows], batch_size=500)
    if not all(maker.pk for maker in makers):
        by_slug = dict(
            Manufacturer.objects.filter(slug__in=[m.slug for m in makers]).values_list("slug", "pk")
        )
        for maker in makers:
            maker.pk = by_slug[maker.slug]
    ManufacturerTerm.objects.bulk_create(
        manufacturer_terms((row["maker"].pk, row["maker"].search_text) for row in rows),
        batch_size=2000,
    )
    ManufacturerProcess.objects.bulk_create(
        [
            ManufacturerProcess(manufacturer_id=row["maker"].pk, code=code)
            for row in rows
            for code in row["processes"]
        ],
        batch_size=1000,
    )
    ManufacturerCertification.objects.bulk_create(
        [
            ManufacturerCertification(
                manufacturer_id=row["maker"].pk, code=code, valid_until=row["valid_until"]
            )
            for row in rows
            for code in row["certifications"]
        ],
        batch_size=1000,
    )
    return makers


def wards_by_province(provinces) -> dict[str, list[Ward]]:
    found: dict[str, list[Ward]] = {}
    for ward in Ward.objects.filter(province_id__in=set(provinces)).only("code", "province_id"):
        found.setdefault(ward.province_id, []).append(ward)
    return found


def _manufacturers(rng: random.Random) -> None:
    rows = manufacturers_build(MANUFACTURER_COUNT, rng, wards_by_province(MAKER_PROVINCES))
    makers = manufacturers_save(rows)
    authority = User.objects.filter(is_authority=True).order_by("id").first()
    tagged = [
        maker for maker, row in zip(makers, rows, strict=True) if "iso9001" in row["certifications"]
    ][::12]
    KeyProduct.objects.bulk_create(
        KeyProduct(
            manufacturer=maker,
            name=KEY_PRODUCTS[index % len(KEY_PRODUCTS)],
            year=2021 + index % 5,
            tagged_by=authority,
        )
        for index, maker in enumerate(tagged)
    )
    # A demo login that keeps its company's capabilities (first plastic-injection moulder).
    keeper = next(
        maker
        for maker, row in zip(makers, rows, strict=True)
        if "plastic_injection" in row["processes"]
    )
    keeper.members.add(_user(MANUFACTURER_EMAIL, "Vũ Thị Hồng Nhung"))


def _date(value: datetime.date, days: int) -> datetime.date:
    return value + datetime.timedelta(days=days)


def _projects(wards, rng: random.Random) -> None:
    today = timezone.localdate()
    projects = []
    for name, kind, owner, province, ward_name, budget, status in PROJECTS:
        projects.append(
            Project(
                name=name,
                kind=kind,
                owner_name=owner,
                budget_vnd=budget,
                province_id=province,
                ward=wards[(province, ward_name)],
                status=status,
                summary=(
                    f"{name} do {owner} làm chủ đầu tư, phục vụ phát triển công nghiệp và "
                    "thương mại của Thủ đô theo quy hoạch đã được phê duyệt."
                ),
                internal_notes="Vướng mắc giải phóng mặt bằng 3 hộ; đề nghị UBND xã hỗ trợ.",
            )
        )
    Project.objects.bulk_create(projects)
    milestones = []
    for index, project in enumerate(Project.objects.order_by("id")):
        names = MARKET_MILESTONES if project.kind in ("market", "logistics", "park") else MILESTONES
        start = _date(today, -900 + index * 25)
        for position, milestone_name in enumerate(names, 1):
            planned_start = start
            planned_end = _date(start, 120 + rng.randint(0, 90))
            actual_start = actual_end = None
            if project.status == "completed" or planned_end < _date(today, -200):
                actual_start = _date(planned_start, rng.randint(0, 20))
                actual_end = _date(planned_end, rng.choice((-10, -5, 0, 0, 20)))
            elif planned_start < today and project.status != "planned":
                actual_start = _date(planned_start, rng.randint(0, 30))
            milestones.append(
                Milestone(
                    project=project,
                    name=milestone_name,
                    planned_start=planned_start,
                    planned_end=planned_end,
                    actual_start=actual_start,
                    actual_end=actual_end,
                    position=position,
                )
            )
            start = _date(planned_end, 1)
    Milestone.objects.bulk_create(milestones)


def load_demo(stdout=None) -> None:
    rng = random.Random(2020)
    points = [(row[3], row[4]) for row in PARKS] + [(row[2], row[3]) for row in VILLAGES]
    points += [(row[3], row[4]) for row in PROJECTS]
    wards = _wards(points)
    missing = sorted({point for point in points if point not in wards})
    if missing:
        raise ValueError(f"demo wards not on the current map: {missing}")
    parks = _parks(wards)
    _operator_and_leads(parks)
    _villages(wards)
    _manufacturers(rng)
    _projects(wards, rng)
    if stdout is not None:
        stdout.write(
            f"Directory: {len(parks)} parks, {CraftVillage.objects.count()} craft villages, "
            f"{Manufacturer.objects.count()} manufacturers, {Project.objects.count()} projects."
        )
