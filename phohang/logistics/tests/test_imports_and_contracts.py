"""A hub's day from the marketplace (orders, contract deliveries) and B2B delivery parcels."""

import pytest
from django.urls import reverse

from phohang.core.audit import AuditContext
from phohang.core.errors import Conflict, DomainError
from phohang.core.models import AuditRecord
from phohang.logistics import services
from phohang.logistics.models import Shipment, Stop
from phohang.logistics.selectors import shipment_list_for
from phohang.trade import services as trade
from phohang.trade.models import Delivery
from phohang.trade.tests import factories as trade_factories

from .factories import hub_with_manager, ward
from .test_shipments import packed_order

pytestmark = pytest.mark.django_db


def contract(*, seller=None, owner=None, delivery_ward=True):
    """A signed rice contract from a seller to a Hanoi supermarket, two tonnes a month."""
    trade_factories.UserFactory.reset_sequence(5000)
    category = trade_factories.CategoryFactory(name_vi="Gạo", name_en="Rice", slug="gao")
    organisation, member = trade_factories.organisation_with_member()
    if seller is None:
        seller, owner = trade_factories.seller_with_owner(name="Hợp tác xã Gạo Điện Biên")
    data = trade_factories.demand_data(
        category, delivery_ward_id=ward("01").pk if delivery_ward else None
    )
    demand = trade.demand_create(user=member, organisation=organisation, data=data)
    quote = trade.quote_submit(
        user=owner, seller=seller, demand=demand, data=trade_factories.quote_data()
    )
    signed = trade.quote_accept(user=member, quote=quote)
    return signed, owner, member


def test_manager_imports_packed_orders_and_due_deliveries_once():
    order, _owner = packed_order()
    signed, _supplier, _member = contract()
    delivery = signed.deliveries.order_by("sequence").first()
    hub, manager = hub_with_manager()
    hub.sellers.add(order.seller, signed.seller)
    context = AuditContext(actor=manager)

    first = services.stops_import(
        hub=hub, run_date=delivery.due_date, user=manager, context=context
    )
    again = services.stops_import(
        hub=hub, run_date=delivery.due_date, user=manager, context=context
    )

    assert (first.created, first.already, first.skipped) == (2, 0, [])
    assert (again.created, again.already) == (0, 2)
    by_source = {stop.source: stop for stop in Stop.objects.filter(hub=hub)}
    assert by_source["order"].order_id == order.pk
    assert by_source["order"].note == order.number
    assert by_source["order"].has_coordinates
    assert by_source["contract"].contract_delivery_id == delivery.pk
    assert by_source["contract"].demand_kg == 2000
    assert AuditRecord.objects.filter(action="logistics.stops.imported").count() == 1


def test_import_takes_only_the_hubs_sellers_and_lists_places_without_coordinates():
    order, _owner = packed_order()
    signed, _supplier, _member = contract(delivery_ward=False)
    delivery = signed.deliveries.order_by("sequence").first()
    hub, manager = hub_with_manager()
    hub.sellers.add(signed.seller)

    result = services.stops_import(
        hub=hub, run_date=delivery.due_date, user=manager, context=AuditContext(actor=manager)
    )

    assert result.created == 0
    assert [reason for _reference, reason in result.skipped] == ["no_coordinates"]
    assert not Stop.objects.filter(order=order).exists()


def test_import_page_is_for_the_hubs_managers_only(client):
    order, _owner = packed_order()
    hub, manager = hub_with_manager()
    hub.sellers.add(order.seller)
    url = reverse("logistics:stops_import", args=[hub.public_id]) + "?date=2026-03-10"

    client.force_login(order.buyer)
    stranger = client.post(url)
    client.force_login(manager)
    own = client.post(url)

    assert stranger.status_code == 404
    assert own.status_code == 302
    assert Stop.objects.filter(order=order, run_date="2026-03-10").count() == 1


def book(delivery, owner, key="hd-delivery-key-1"):
    return services.shipment_create_for_delivery(
        delivery=delivery,
        carrier="ghtk",
        user=owner,
        idempotency_key=key,
        context=AuditContext(actor=owner),
    )


def test_seller_books_a_contract_delivery_and_the_buyers_team_follows_it():
    signed, owner, member = contract()
    delivery = signed.deliveries.order_by("sequence").first()

    shipment = book(delivery, owner)
    again = book(delivery, owner)

    delivery.refresh_from_db()
    assert again.pk == shipment.pk and Shipment.objects.count() == 1
    assert delivery.status == Delivery.Status.SHIPPED
    assert shipment.weight_grams == 2_000_000 and shipment.cod_vnd == 0
    assert shipment.recipient_name == signed.organisation.name
    assert list(shipment_list_for(member)) == [shipment]


def test_contract_delivery_refusals_change_nothing():
    signed, owner, _member = contract()
    delivery = signed.deliveries.order_by("sequence").first()
    stranger = trade_factories.UserFactory()

    with pytest.raises(DomainError):
        book(delivery, stranger)
    with pytest.raises(DomainError):
        book(delivery, owner, key="short")
    book(delivery, owner)
    delivery.refresh_from_db()
    with pytest.raises(Conflict):
        book(delivery, owner, key="hd-delivery-key-2")

    assert Shipment.objects.count() == 1


def test_contract_delivery_without_a_ward_is_refused_before_the_carrier_is_asked():
    signed, owner, _member = contract(delivery_ward=False)
    delivery = signed.deliveries.order_by("sequence").first()

    with pytest.raises(DomainError) as refused:
        book(delivery, owner)

    delivery.refresh_from_db()
    assert refused.value.code == "no_address"
    assert delivery.status == Delivery.Status.SCHEDULED
    assert Shipment.objects.count() == 0


def test_delivery_booking_page_for_the_seller_only(client):
    signed, owner, member = contract()
    delivery = signed.deliveries.order_by("sequence").first()
    url = reverse("logistics:delivery_shipment_create", args=[signed.public_id, delivery.sequence])

    client.force_login(member)
    buyer_side = client.get(url)
    client.force_login(owner)
    page = client.get(url)
    listed = client.get(reverse("logistics:shipments"))
    booked = client.post(url, {"carrier": "ghn", "idempotency_key": "page-key-0001"})

    assert buyer_side.status_code == 404
    assert page.status_code == 200 and "Giao Hàng Nhanh" in page.content.decode()
    assert signed.organisation.name in listed.content.decode()
    assert booked.status_code == 302
    assert Shipment.objects.get().contract_delivery_id == delivery.pk
