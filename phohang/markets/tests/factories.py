import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.core.audit import AuditContext
from phohang.geo.models import Province, Ward
from phohang.markets.models import (
    Consignment,
    GoodsGroup,
    Market,
    PriceProduct,
    Trader,
    Unit,
)


def ward(province_code: str = "01", name: str = "Phường Hồng Hà") -> Ward:
    return (
        Ward.objects.filter(province_id=province_code, name=name).first()
        or Ward.objects.filter(province_id=province_code).order_by("code").first()
    )


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Market
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"cho-thu-{n}")
    code = factory.Sequence(lambda n: f"T{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Chợ đầu mối Thử {n}")
    kind = Market.Kind.WHOLESALE_TYPE
    street = "Số 1 phố Phúc Xá"
    ward = factory.LazyFunction(ward)
    area_m2 = 30_000
    opens_at = datetime.time(20, 0)
    closes_at = datetime.time(8, 0)
    goods_groups = factory.LazyFunction(lambda: [GoodsGroup.FRUIT, GoodsGroup.VEGETABLES])

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


def market_with_manager(**kwargs):
    manager = UserFactory()
    return MarketFactory(managers=[manager], **kwargs), manager


class TraderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trader
        skip_postgeneration_save = True

    market = factory.SubFactory(MarketFactory)
    stall = factory.Sequence(lambda n: f"A{n:03d}")
    name = factory.Sequence(lambda n: f"Hộ kinh doanh hoa quả Lê Thị Hoa {n}")
    goods = "vải thiều, cam, bưởi"
    goods_group = GoodsGroup.FRUIT

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        if create and extracted:
            self.users.set(extracted)


class PriceProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceProduct

    slug = factory.Sequence(lambda n: f"thit-lon-hoi-{n}")
    name = factory.Sequence(lambda n: f"Thịt lợn hơi loại {n}")
    unit = Unit.KG
    goods_group = GoodsGroup.PORK
    is_essential = True


def lychee_data(**overrides) -> dict:
    now = timezone.now()
    values = {
        "goods": "Vải thiều Lục Ngạn",
        "goods_group": GoodsGroup.FRUIT,
        "quantity": Decimal("2.5"),
        "unit": Unit.TONNE,
        "origin_province": Province.objects.get(code="24"),
        "origin_ward": Ward.objects.filter(province_id="24", name="Xã Lục Ngạn").first(),
        "producer_name": "Hợp tác xã Vải thiều Lục Ngạn",
        "harvest_date": timezone.localdate() - datetime.timedelta(days=1),
        "arrived_at": now - datetime.timedelta(hours=2),
        "certifications": ["vietgap"],
        "check_kind": Consignment.Check.FOOD_SAFETY,
    }
    values.update(overrides)
    return values


def context_for(user) -> AuditContext:
    return AuditContext(actor=user)


def lychee_delivery(seller, *, buyer=None):
    """A signed supply contract of lychee from `seller` to a Hanoi wholesale market; its first
    delivery."""
    from phohang.trade import services as trade
    from phohang.trade.models import BuyerOrganisation
    from phohang.trade.tests import factories as trade_factories

    buyer = buyer or UserFactory()
    from phohang.sellers.models import SellerMember

    owner = SellerMember.objects.filter(seller=seller).first()
    if owner is None:
        owner = SellerMember.objects.create(
            seller=seller, user=UserFactory(), role=SellerMember.Role.OWNER
        )
    category = trade_factories.CategoryFactory(
        name_vi="Trái cây", name_en="Fruit", slug="trai-cay-thu"
    )
    organisation = trade.organisation_create(
        user=buyer,
        name="Chợ đầu mối nông sản Long Biên",
        kind=BuyerOrganisation.Kind.WHOLESALE_MARKET,
        province_id="01",
    )
    demand = trade.demand_create(
        user=buyer,
        organisation=organisation,
        data=trade_factories.demand_data(
            category,
            title="Vải thiều Lục Ngạn VietGAP",
            quantity=10,
            unit="tonne",
            price_ceiling_vnd=40_000_000,
        ),
    )
    quote = trade.quote_submit(
        user=owner.user,
        seller=seller,
        demand=demand,
        data=trade_factories.quote_data(price_per_unit_vnd=30_000_000, quantity=10),
    )
    trade.quote_accept(user=buyer, quote=quote, quantity=10)
    return quote.contract.deliveries.order_by("sequence").first()
