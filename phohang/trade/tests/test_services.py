from datetime import timedelta

import pytest
from django.core import mail

from phohang.accounts.models import Notification
from phohang.core.errors import Conflict, DomainError, Forbidden, NotFound
from phohang.core.models import AuditRecord
from phohang.geo.models import Ward
from phohang.trade import events, services
from phohang.trade.models import (
    Delivery,
    Demand,
    Match,
    MatchingJob,
    MatchNotice,
    Offer,
    Quote,
    StatusChange,
    SupplyContract,
)

from .factories import (
    HANOI,
    HO_CHI_MINH,
    demand_data,
    offer_data,
    opt_in,
    organisation_with_member,
    quote_data,
    seller_with_owner,
    today,
)

pytestmark = pytest.mark.django_db


def test_demand_create_stores_derived_fields_and_history(rice, buyer):
    organisation, user = buyer

    demand = services.demand_create(user=user, organisation=organisation, data=demand_data(rice))

    assert (demand.status, demand.unit_family, demand.monthly_base_quantity) == (
        "open",
        "mass",
        2000,
    )
    assert demand.certifications == ["vietgap"]
    assert " gao st25 dat vietgap " in demand.search_text
    history = StatusChange.objects.get(object_type="demand", object_id=demand.pk)
    assert (history.from_status, history.to_status, history.actor) == ("", "open", user)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"quantity": 0}, "quantity_not_positive"),
        ({"quantity": -5}, "quantity_not_positive"),
        ({"delivery_start": "past"}, "window_in_past"),
        ({"closing_date": "past"}, "closing_in_past"),
        ({"min_ocop_stars": 2}, "invalid_ocop"),
        ({"price_ceiling_vnd": 0}, "price_not_positive"),
        ({"visibility": "invited"}, "no_invited_sellers"),
        ({"delivery_ward_id": "foreign"}, "invalid_ward"),
    ],
)
def test_demand_create_refuses_bad_input_and_stores_nothing(rice, buyer, overrides, code):
    organisation, user = buyer
    yesterday = today() - timedelta(days=1)
    foreign_ward = Ward.objects.filter(province_id=HO_CHI_MINH).values_list("pk", flat=True)[0]
    replacements = {"past": yesterday, "foreign": foreign_ward}
    overrides = {key: replacements.get(value, value) for key, value in overrides.items()}

    with pytest.raises(DomainError) as error:
        services.demand_create(
            user=user, organisation=organisation, data=demand_data(rice, **overrides)
        )

    assert error.value.code == code
    assert error.value.status == 422
    assert Demand.objects.count() == 0
    assert MatchingJob.objects.count() == 0


def test_demand_create_refuses_someone_elses_organisation(rice, buyer):
    organisation, _user = buyer
    _other_organisation, stranger = organisation_with_member(name="Bếp ăn trường học")

    with pytest.raises(Forbidden):
        services.demand_create(user=stranger, organisation=organisation, data=demand_data(rice))

    assert Demand.objects.count() == 0


def test_offer_create_refuses_unverified_seller(rice):
    seller, owner = seller_with_owner(is_verified=False)

    with pytest.raises(Forbidden) as error:
        services.offer_create(user=owner, seller=seller, data=offer_data(rice))

    assert error.value.code == "seller_not_approved"
    assert Offer.objects.count() == 0


def test_offer_create_refuses_reversed_price_range(rice, supplier):
    seller, owner = supplier

    with pytest.raises(DomainError) as error:
        services.offer_create(
            user=owner,
            seller=seller,
            data=offer_data(rice, price_min_vnd=30_000, price_max_vnd=20_000),
        )

    assert error.value.code == "price_range_reversed"
    assert Offer.objects.count() == 0


def test_new_demand_is_matched_with_an_explained_score(rice, buyer, offer):
    organisation, user = buyer

    demand = services.demand_create(user=user, organisation=organisation, data=demand_data(rice))

    job = MatchingJob.objects.get(demand=demand)
    match = Match.objects.get(demand=demand)
    assert (job.status, job.progress, job.matches_found) == ("done", 100, 1)
    assert match.offer == offer
    assert match.breakdown["points"]["quality"] == 15
    assert (match.breakdown["grade"], match.breakdown["product"]) == (3, "asked")
    assert match.breakdown["coverage_percent"] == 250
    assert match.breakdown["missing_certifications"] == 0
    assert match.score >= 80


def test_offer_without_required_certification_is_not_a_match(rice, buyer, offer):
    other_seller, other_owner = seller_with_owner(name="HTX Không chứng nhận")
    plain = services.offer_create(
        user=other_owner, seller=other_seller, data=offer_data(rice, certifications=[])
    )
    organisation, user = buyer

    demand = services.demand_create(user=user, organisation=organisation, data=demand_data(rice))

    ranked = list(Match.objects.filter(demand=demand).values_list("offer_id", flat=True))
    assert ranked == [offer.pk]
    assert not Match.objects.filter(offer=plain).exists()


def test_new_offer_notifies_opted_in_buyer_once(rice, buyer, supplier):
    organisation, user = buyer
    opt_in(user)
    demand = services.demand_create(user=user, organisation=organisation, data=demand_data(rice))
    seller, owner = supplier

    offer = services.offer_create(user=owner, seller=seller, data=offer_data(rice))
    services.matching_start(offer=offer)  # a rerun must not notify twice

    notices = Notification.objects.filter(user=user)
    assert notices.count() == 1
    assert demand.title in notices.get().title
    assert MatchNotice.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_matching_notifications_respect_opt_out(rice, buyer, supplier):
    organisation, user = buyer
    services.demand_create(user=user, organisation=organisation, data=demand_data(rice))
    seller, owner = supplier

    services.offer_create(user=owner, seller=seller, data=offer_data(rice))

    assert Notification.objects.filter(user=user).count() == 0


def test_matching_notifications_respect_the_b2b_setting(rice, buyer, supplier):
    from phohang.accounts.models import NotificationKind, NotificationSetting

    organisation, user = buyer
    opt_in(user)
    NotificationSetting.objects.create(
        user=user, kind=NotificationKind.B2B, in_app=False, email=False
    )
    services.demand_create(user=user, organisation=organisation, data=demand_data(rice))
    seller, owner = supplier

    services.offer_create(user=owner, seller=seller, data=offer_data(rice))

    assert Notification.objects.filter(user=user).count() == 0
    assert MatchNotice.objects.filter(user=user).count() == 0
    assert Match.objects.count() == 1


def test_matching_notifications_stop_at_daily_cap(rice, buyer, settings):
    settings.TRADE_MATCH_NOTICES_PER_DAY = 2
    organisation, user = buyer
    opt_in(user)
    services.demand_create(user=user, organisation=organisation, data=demand_data(rice))

    for number in range(3):
        seller, owner = seller_with_owner(name=f"HTX Gạo số {number}")
        services.offer_create(user=owner, seller=seller, data=offer_data(rice))

    assert Notification.objects.filter(user=user).count() == 2
    assert Match.objects.count() == 3


def test_new_demand_notifies_supplier_who_opted_in_with_their_offer(rice, buyer, supplier):
    seller, owner = supplier
    services.offer_create(
        user=owner, seller=seller, data=offer_data(rice), wants_notifications=True
    )
    organisation, user = buyer

    services.demand_create(user=user, organisation=organisation, data=demand_data(rice))

    assert Notification.objects.filter(user=owner).count() == 1


def test_invited_demand_is_not_matched_with_uninvited_offers(rice, buyer, offer):
    organisation, user = buyer
    other_seller, _owner = seller_with_owner(name="HTX Được mời")

    demand = services.demand_create(
        user=user,
        organisation=organisation,
        data=demand_data(rice, visibility="invited", invited_seller_ids=[other_seller.pk]),
    )

    assert Match.objects.filter(demand=demand).count() == 0


def test_quote_submit_tells_the_buyer(demand, supplier, buyer):
    seller, owner = supplier
    _organisation, user = buyer

    quote = services.quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())

    assert (quote.status, quote.quantity, quote.price_per_unit_vnd) == ("submitted", 2, 24_000_000)
    assert Notification.objects.filter(user=user, link__contains=str(demand.public_id)).count() == 1


def test_quote_on_closed_demand_is_refused(demand, supplier, buyer):
    _organisation, user = buyer
    services.demand_set_status(user=user, demand=demand, status="closed")
    seller, owner = supplier

    with pytest.raises(DomainError) as error:
        services.quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())

    assert error.value.code == "demand_closed"
    assert Quote.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"quantity": 0}, "quantity_not_positive"),
        ({"quantity": 3}, "quantity_above_demand"),
        ({"price_per_unit_vnd": 0}, "price_not_positive"),
        ({"valid_until": "past"}, "validity_in_past"),
        ({"delivery_start": "past"}, "window_in_past"),
    ],
)
def test_quote_submit_refuses_bad_input(demand, supplier, overrides, code):
    seller, owner = supplier
    yesterday = today() - timedelta(days=1)
    overrides = {key: yesterday if value == "past" else value for key, value in overrides.items()}

    with pytest.raises(DomainError) as error:
        services.quote_submit(
            user=owner, seller=seller, demand=demand, data=quote_data(**overrides)
        )

    assert error.value.code == code
    assert Quote.objects.count() == 0


def test_second_live_quote_from_same_seller_conflicts(quote, demand, supplier):
    seller, owner = supplier

    with pytest.raises(Conflict):
        services.quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())

    assert Quote.objects.count() == 1


def test_uninvited_seller_cannot_quote_on_invited_demand(rice, buyer, supplier):
    organisation, user = buyer
    invited, _owner = seller_with_owner(name="HTX Được mời")
    demand = services.demand_create(
        user=user,
        organisation=organisation,
        data=demand_data(rice, visibility="invited", invited_seller_ids=[invited.pk]),
    )
    seller, owner = supplier

    with pytest.raises(NotFound):
        services.quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())

    assert Quote.objects.count() == 0


def test_quote_accept_signs_contract_with_monthly_schedule(quote, buyer, supplier):
    _organisation, user = buyer
    seller, owner = supplier

    contract = services.quote_accept(user=user, quote=quote)

    quote.refresh_from_db()
    demand = quote.demand
    demand.refresh_from_db()
    assert (quote.status, quote.accepted_quantity) == ("accepted", 2)
    assert (demand.status, demand.awarded_quantity) == ("awarded", 2)
    dates = list(contract.deliveries.values_list("due_date", flat=True))
    assert dates == services.delivery_dates("monthly", quote.delivery_start, quote.delivery_end)
    assert dates == [quote.delivery_start, services.quotes._add_months(quote.delivery_start, 1)]
    assert contract.total_vnd == 24_000_000 * 2 * 2
    assert (contract.origin_province_id, contract.destination_province_id) == ("11", HANOI)
    assert AuditRecord.objects.filter(action="trade.quote.accepted").count() == 1
    assert Notification.objects.filter(user=owner, link=contract.get_absolute_url()).count() == 1


def test_contract_signed_event_fires_after_commit(quote, buyer, django_capture_on_commit_callbacks):
    _organisation, user = buyer
    received = []

    def listener(**kwargs):
        received.append(kwargs)

    events.contract_signed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            contract = services.quote_accept(user=user, quote=quote)
    finally:
        events.contract_signed.disconnect(listener)

    assert len(received) == 1
    assert received[0]["contract_id"] == contract.pk
    assert received[0]["destination_province"] == HANOI


def test_accepting_two_quotes_splits_the_quantity(demand, buyer, supplier):
    _organisation, user = buyer
    seller, owner = supplier
    other_seller, other_owner = seller_with_owner(
        name="HTX Lúa gạo Nam Bộ", province_id=HO_CHI_MINH
    )
    first = services.quote_submit(
        user=owner, seller=seller, demand=demand, data=quote_data(quantity=2)
    )
    second = services.quote_submit(
        user=other_owner, seller=other_seller, demand=demand, data=quote_data(quantity=2)
    )

    services.quote_accept(user=user, quote=first, quantity=1)
    services.quote_accept(user=user, quote=second, quantity=1)

    demand.refresh_from_db()
    assert (demand.awarded_quantity, demand.status) == (2, "awarded")
    assert list(SupplyContract.objects.order_by("pk").values_list("quantity", flat=True)) == [1, 1]


def test_accepting_beyond_remaining_quantity_conflicts_and_changes_nothing(demand, buyer, supplier):
    _organisation, user = buyer
    seller, owner = supplier
    other_seller, other_owner = seller_with_owner(name="HTX Thứ hai")
    first = services.quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())
    second = services.quote_submit(
        user=other_owner, seller=other_seller, demand=demand, data=quote_data()
    )
    services.quote_accept(user=user, quote=first, quantity=1)

    with pytest.raises(Conflict) as error:
        services.quote_accept(user=user, quote=second, quantity=2)

    assert error.value.code == "quantity_exhausted"
    second.refresh_from_db()
    demand.refresh_from_db()
    assert (second.status, second.accepted_quantity) == ("submitted", 0)
    assert demand.awarded_quantity == 1
    assert SupplyContract.objects.count() == 1


def test_second_accept_of_same_quote_conflicts(quote, buyer):
    _organisation, user = buyer
    stale_copy = Quote.objects.get(pk=quote.pk)
    services.quote_accept(user=user, quote=quote, quantity=1)

    with pytest.raises(Conflict):
        services.quote_accept(user=user, quote=stale_copy, quantity=1)

    assert SupplyContract.objects.count() == 1
    stale_copy.refresh_from_db()
    assert stale_copy.accepted_quantity == 1


def test_accept_after_withdraw_conflicts(quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier
    stale_copy = Quote.objects.get(pk=quote.pk)
    services.quote_withdraw(user=owner, quote=quote)

    with pytest.raises(Conflict):
        services.quote_accept(user=user, quote=stale_copy)

    assert SupplyContract.objects.count() == 0
    assert Demand.objects.get().awarded_quantity == 0


def test_stranger_cannot_accept_a_quote(quote):
    _organisation, stranger = organisation_with_member(name="Chuỗi nhà hàng khác")

    with pytest.raises(NotFound):
        services.quote_accept(user=stranger, quote=quote)

    quote.refresh_from_db()
    assert quote.status == "submitted"


def test_expired_quote_cannot_be_accepted(quote, buyer):
    _organisation, user = buyer

    with pytest.raises(DomainError) as error:
        services.quote_accept(user=user, quote=quote, today=quote.valid_until + timedelta(days=1))

    assert error.value.code == "quote_expired"
    assert SupplyContract.objects.count() == 0


def test_deliveries_shipped_and_received_complete_the_contract(
    quote, buyer, supplier, django_capture_on_commit_callbacks
):
    _organisation, user = buyer
    _seller, owner = supplier
    contract = services.quote_accept(user=user, quote=quote)
    received = []

    def listener(**kwargs):
        received.append(kwargs["delivery_id"])

    events.delivery_received.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for delivery in contract.deliveries.all():
                services.delivery_mark_shipped(user=owner, delivery=delivery)
                delivery.refresh_from_db()
                services.delivery_mark_received(user=user, delivery=delivery)
    finally:
        events.delivery_received.disconnect(listener)

    contract.refresh_from_db()
    assert contract.status == "completed"
    assert received == list(contract.deliveries.values_list("pk", flat=True))
    assert set(contract.deliveries.values_list("status", flat=True)) == {"received"}


def test_buyer_cannot_mark_shipped_and_supplier_cannot_mark_received(quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier
    contract = services.quote_accept(user=user, quote=quote)
    delivery = contract.deliveries.first()

    with pytest.raises(NotFound):
        services.delivery_mark_shipped(user=user, delivery=delivery)
    with pytest.raises(NotFound):
        services.delivery_mark_received(user=owner, delivery=delivery)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SCHEDULED


def test_illegal_transition_is_refused_with_nothing_written(demand, buyer):
    _organisation, user = buyer
    services.demand_set_status(user=user, demand=demand, status="cancelled")
    history_before = StatusChange.objects.count()

    with pytest.raises(Conflict) as error:
        services.demand_set_status(user=user, demand=demand, status="open")

    assert error.value.code == "illegal_transition"
    assert StatusChange.objects.count() == history_before
    assert Demand.objects.get().status == "cancelled"


def test_question_thread_notifies_the_other_side(quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier

    services.quote_message_post(user=user, quote=quote, body="Gạo đóng bao mấy kg?")
    services.quote_message_post(user=owner, quote=quote, body="Bao 25 kg ạ.")

    assert list(quote.messages.values_list("is_from_buyer", "body")) == [
        (True, "Gạo đóng bao mấy kg?"),
        (False, "Bao 25 kg ạ."),
    ]
    assert Notification.objects.filter(user=owner, body="Gạo đóng bao mấy kg?").count() == 1
    assert Notification.objects.filter(user=user, body="Bao 25 kg ạ.").count() == 1


def test_delivery_dates_weekly_and_once():
    start = today()

    assert services.delivery_dates("once", start, start + timedelta(days=30)) == [start]
    assert len(services.delivery_dates("weekly", start, start + timedelta(days=27))) == 4
