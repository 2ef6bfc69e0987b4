import datetime
from decimal import Decimal

import factory

from phohang.accounts.tests.factories import UserFactory
from phohang.geo.models import Ward
from phohang.logistics.models import Hub, Stop, Vehicle

RUN_DATE = datetime.date(2026, 3, 10)


def ward(province_code: str = "01") -> Ward:
    return Ward.objects.filter(province_id=province_code).order_by("code").first()


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Chợ đầu mối Long Biên {n}")
    kind = Hub.Kind.WHOLESALE_MARKET
    street = "Số 1 đường Long Biên"
    ward = factory.LazyFunction(ward)
    latitude = 21.0405
    longitude = 105.8520
    opens_at = datetime.time(0, 0)
    closes_at = datetime.time(0, 0)

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


def hub_with_manager(**kwargs):
    manager = UserFactory()
    return HubFactory(managers=[manager], **kwargs), manager


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Xe tải nhẹ {n}")
    plate = factory.Sequence(lambda n: f"29H-{10000 + n}")
    capacity_kg = 990
    capacity_m3 = Decimal("6.00")
    gross_weight_kg = 1950
    shift_start = datetime.time(6, 0)
    shift_end = datetime.time(22, 0)


class HeavyTruckFactory(VehicleFactory):
    name = factory.Sequence(lambda n: f"Xe tải 8 tấn {n}")
    plate = factory.Sequence(lambda n: f"29C-{20000 + n}")
    capacity_kg = 5000
    capacity_m3 = Decimal("24.00")
    gross_weight_kg = 8000
    shift_start = datetime.time(20, 0)
    shift_end = datetime.time(8, 0)


class StopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stop

    hub = factory.SubFactory(HubFactory)
    run_date = RUN_DATE
    name = factory.Sequence(lambda n: f"Cửa hàng rau sạch {n}")
    street = factory.Sequence(lambda n: f"{n + 1} phố Hàng Bạc")
    ward = factory.LazyFunction(ward)
    latitude = 21.0340
    longitude = 105.8520
    demand_kg = Decimal("30.0")
    volume_m3 = Decimal("0.20")
    window_start = datetime.time(9, 30)
    window_end = datetime.time(15, 30)
    service_minutes = 5


def stop_data(**overrides) -> dict:
    data = {
        "name": "Bếp ăn Trường Tiểu học Thăng Long",
        "kind": Stop.Kind.DELIVERY,
        "street": "12 phố Hàng Bạc",
        "ward": ward(),
        "latitude": 21.0340,
        "longitude": 105.8520,
        "demand_kg": Decimal("40.0"),
        "volume_m3": Decimal("0.30"),
        "window_start": datetime.time(9, 0),
        "window_end": datetime.time(11, 0),
        "window_ends_next_day": False,
        "service_minutes": 10,
    }
    return data | overrides
