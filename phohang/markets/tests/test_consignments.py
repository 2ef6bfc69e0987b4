import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from phohang.catalog.tests.factories import ProductFactory
from phohang.core.errors import Conflict, DomainError
from phohang.core.models import AuditRecord
from phohang.markets import services
from phohang.markets.models import Consignment, ConsignmentEvent
from phohang.sellers.tests.factories import SellerFactory
from phohang.trade.models import Delivery, SupplyContract

from .factories import (
    MarketFactory,
    TraderFactory,
    context_for,
    lychee_data,
    lychee_delivery,
    market_with_manager,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def register(market, user, **overrides):
    return services.consignment_register(
        market=market, data=lychee_data(**overrides), user=user, context=context_for(user)
    )


def test_registering_gives_a_code_of_the_market_a_weight_and_a_history():
    market, manager = market_with_manager(code="LB")

    lot = register(market, manager)

    assert re.fullmatch(r"LB-[0-9A-HJKMNP-TV-Z]{8}", lot.code)
    assert lot.weight_kg == 2500
    assert lot.status == Consignment.Status.ARRIVED
    assert list(lot.events.values_list("from_status", "to_status")) == [("", "arrived")]
    assert AuditRecord.objects.filter(action="markets.consignment.registered").count() == 1


def test_harvest_after_arrival_is_refused_and_nothing_is_stored():
    market, manager = market_with_manager()
    arrived = timezone.now() - datetime.timedelta(days=2)

    with pytest.raises(DomainError) as refused:
        register(
            market,
            manager,
            arrived_at=arrived,
            harvest_date=timezone.localdate(),
        )

    assert refused.value.code == "harvest_after_arrival"
    assert refused.value.field == "harvest_date"
    assert Consignment.objects.count() == 0
    assert ConsignmentEvent.objects.count() == 0


def test_arrival_in_the_future_is_refused():
    market, manager = market_with_manager()

    with pytest.raises(DomainError) as refused:
        register(market, manager, arrived_at=timezone.now() + datetime.timedelta(days=1))

    assert refused.value.code == "arrival_in_future"
    assert Consignment.objects.count() == 0


def test_a_trader_of_another_market_is_refused():
    market, manager = market_with_manager()
    elsewhere = TraderFactory(market=MarketFactory())

    with pytest.raises(DomainError) as refused:
        register(market, manager, trader=elsewhere)

    assert refused.value.code == "trader"
    assert Consignment.objects.count() == 0


def test_a_count_unit_needs_a_weight():
    market, manager = market_with_manager()

    with pytest.raises(DomainError) as refused:
        register(market, manager, unit="head", quantity=300)

    assert refused.value.field == "weight_kg"


def test_a_lot_fulfils_a_contract_delivery_once():
    seller = SellerFactory(name="Hợp tác xã Vải thiều Lục Ngạn", province_code="24")
    delivery = lychee_delivery(seller)
    market, manager = market_with_manager()

    lot = register(market, manager, contract_delivery=delivery, producer_name="")

    assert lot.contract_delivery == delivery
    assert lot.producer_seller == seller
    assert lot.producer_name == "Hợp tác xã Vải thiều Lục Ngạn"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RECEIVED and delivery.received_at is not None
    assert delivery.contract.status == SupplyContract.Status.ACTIVE  # later deliveries to come
    with pytest.raises(Conflict):
        register(market, manager, contract_delivery=delivery)
    assert Consignment.objects.count() == 1


def test_the_last_delivery_received_at_the_market_completes_the_contract():
    seller = SellerFactory(province_code="24")
    first = lychee_delivery(seller)
    market, manager = market_with_manager()

    for delivery in first.contract.deliveries.order_by("sequence"):
        register(market, manager, contract_delivery=delivery)

    first.contract.refresh_from_db()
    assert first.contract.status == SupplyContract.Status.COMPLETED
    assert set(first.contract.deliveries.values_list("status", flat=True)) == {"received"}


def test_a_delivery_to_another_province_is_refused_and_stays_open():
    delivery = lychee_delivery(SellerFactory(province_code="24"))
    market, manager = market_with_manager()
    SupplyContract.objects.filter(pk=delivery.contract_id).update(destination_province_id="79")
    delivery.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        register(market, manager, contract_delivery=delivery)

    assert refused.value.code == "delivery_elsewhere"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SCHEDULED
    assert Consignment.objects.count() == 0


def test_a_delivery_of_another_seller_than_the_producer_is_refused():
    delivery = lychee_delivery(SellerFactory(province_code="24"))
    market, manager = market_with_manager()

    with pytest.raises(DomainError) as refused:
        register(market, manager, contract_delivery=delivery, producer_seller=SellerFactory())

    assert refused.value.code == "delivery_seller"
    assert Consignment.objects.count() == 0


def test_checks_pass_only_with_a_result_document_then_sale_and_sold_out():
    market, manager = market_with_manager()
    lot = register(market, manager)
    context = context_for(manager)

    with pytest.raises(DomainError):
        services.consignment_move(consignment=lot, to="passed", user=manager, context=context)
    services.consignment_check_attach(
        consignment=lot, document=ContentFile(PDF, name="ket-qua.pdf"), context=context
    )
    for status in ("passed", "on_sale", "sold_out"):
        services.consignment_move(consignment=lot, to=status, user=manager, context=context)

    lot.refresh_from_db()
    assert lot.status == "sold_out"
    assert [e.to_status for e in lot.events.all()] == ["arrived", "passed", "on_sale", "sold_out"]


def test_a_sold_out_lot_cannot_go_back_on_sale():
    market, manager = market_with_manager()
    lot = register(market, manager)
    context = context_for(manager)
    services.consignment_move(consignment=lot, to="rejected", user=manager, context=context)

    with pytest.raises(Conflict):
        services.consignment_move(consignment=lot, to="on_sale", user=manager, context=context)

    lot.refresh_from_db()
    assert lot.status == "rejected"


def test_only_a_product_of_the_producer_shows_the_trace():
    seller = SellerFactory()
    market, manager = market_with_manager()
    lot = register(market, manager, producer_seller=seller)
    own, foreign = ProductFactory(seller=seller), ProductFactory()

    with pytest.raises(DomainError):
        services.consignment_link_product(
            consignment=lot, product=foreign, context=context_for(manager)
        )
    services.consignment_link_product(consignment=lot, product=own, context=context_for(manager))

    lot.refresh_from_db()
    assert lot.product == own
