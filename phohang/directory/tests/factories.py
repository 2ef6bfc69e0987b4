import datetime
from decimal import Decimal

import factory

from phohang.accounts.tests.factories import UserFactory
from phohang.core.text import slugify_vi
from phohang.directory.models import (
    CraftVillage,
    Inquiry,
    Manufacturer,
    ManufacturerCertification,
    ManufacturerProcess,
    Milestone,
    Park,
    ParkOperator,
    Plot,
    Project,
    sectors_to_mask,
)
from phohang.directory.services import manufacturer_search_refresh
from phohang.geo.models import Ward


def ward(province_code: str = "01") -> Ward:
    return Ward.objects.filter(province_id=province_code).order_by("code").first()


class ParkOperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkOperator

    name = factory.Sequence(lambda n: f"Công ty CP Phát triển KCN số {n}")


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"khu-cong-nghiep-{n}")
    name = factory.Sequence(lambda n: f"Khu công nghiệp Thử nghiệm {n}")
    kind = Park.Kind.INDUSTRIAL_PARK
    operator = factory.SubFactory(ParkOperatorFactory)
    province_id = "01"
    ward = factory.LazyAttribute(lambda o: ward(o.province_id))
    total_area_ha = Decimal("300.00")
    free_area_ha = Decimal("40.00")
    occupancy_percent = Decimal("86.7")
    land_price_vnd_m2 = 3_000_000
    power_capacity_mva = Decimal("126.0")
    water_m3_day = 10000
    sectors_mask = sectors_to_mask(["electronics", "supporting"])

    @factory.post_generation
    def operator_members(self, create, extracted, **kwargs):
        if create and extracted:
            self.operator.members.add(*extracted)


def park_with_operator(**kwargs):
    user = UserFactory()
    return ParkFactory(operator_members=[user], **kwargs), user


class PlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plot

    park = factory.SubFactory(ParkFactory)
    code = factory.Sequence(lambda n: f"CN-{n:02d}")
    kind = Plot.Kind.LAND
    area_m2 = Decimal("20000.0")
    price_vnd_m2 = 3_000_000


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    park = factory.SubFactory(ParkFactory)
    investor = factory.SubFactory(UserFactory)
    company = "Công ty TNHH Điện tử Kaneka Việt Nam"
    contact_name = "Nguyễn Văn An"
    phone = "0912345678"
    sector = "electronics"
    area_needed_ha = Decimal("5.00")


def manufacturer(name: str, processes=(), certifications=(), province_id="01", **kwargs):
    maker = Manufacturer.objects.create(
        slug=f"{slugify_vi(name)[:80]}-{Manufacturer.objects.count()}",
        name=name,
        ward=ward(province_id),
        province_id=province_id,
        **kwargs,
    )
    ManufacturerProcess.objects.bulk_create(
        ManufacturerProcess(manufacturer=maker, code=code) for code in processes
    )
    ManufacturerCertification.objects.bulk_create(
        ManufacturerCertification(manufacturer=maker, code=code) for code in certifications
    )
    manufacturer_search_refresh(maker)
    return maker


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CraftVillage

    slug = factory.Sequence(lambda n: f"lang-nghe-{n}")
    name = factory.Sequence(lambda n: f"Làng nghề thử {n}")
    crafts = "Gốm sứ"
    province_id = "01"
    ward = factory.LazyAttribute(lambda o: ward(o.province_id))
    latitude = 20.9767
    longitude = 105.9125


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Trạm biến áp 220 kV thử {n}")
    kind = Project.Kind.SUBSTATION_220
    owner_name = "Tổng công ty Truyền tải điện Quốc gia"
    budget_vnd = 500_000_000_000
    province_id = "01"
    summary = "Tóm tắt công khai."
    internal_notes = "Ghi chú nội bộ bí mật."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    name = "Lắp đặt thiết bị"
    planned_start = datetime.date(2026, 1, 10)
    planned_end = datetime.date(2026, 6, 30)
