import logging
from datetime import timedelta

import pytest

from phohang.accounts.services import api_token_create
from phohang.trade import events, services
from phohang.trade.models import Demand, Offer, Quote, SupplyContract

from .factories import HANOI, demand_data, organisation_with_member, seller_with_owner, today

pytestmark = pytest.mark.django_db
BASE = "/api/v1/trade"


def _auth(user) -> dict:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _demand_payload(organisation, rice, **overrides) -> dict:
    start = today() + timedelta(days=10)
    payload = {
        "organisation_id": str(organisation.public_id),
        "title": "Gạo ST25 đạt VietGAP",
        "category_id": rice.pk,
        "quantity": 2,
        "unit": "tonne",
        "frequency": "monthly",
        "delivery_province_code": HANOI,
        "delivery_start": start.isoformat(),
        "delivery_end": (start + timedelta(days=90)).isoformat(),
        "certifications": ["vietgap"],
        "closing_date": (today() + timedelta(days=7)).isoformat(),
    }
    payload.update(overrides)
    return payload


def _quote_payload(**overrides) -> dict:
    start = today() + timedelta(days=10)
    payload = {
        "price_per_unit_vnd": 24_000_000,
        "quantity": 2,
        "delivery_start": start.isoformat(),
        "delivery_end": (start + timedelta(days=35)).isoformat(),
        "valid_until": (today() + timedelta(days=14)).isoformat(),
    }
    payload.update(overrides)
    return payload


def test_api_demand_create_returns_201_and_matches(client, rice, buyer, offer):
    organisation, user = buyer

    response = client.post(
        f"{BASE}/demands",
        _demand_payload(organisation, rice),
        content_type="application/json",
        **_auth(user),
    )
    matches = client.get(f"{BASE}/demands/{response.json()['id']}/matches", **_auth(user))

    assert response.status_code == 201
    assert response.json()["certifications"] == ["vietgap"]
    body = matches.json()
    assert (body["status"], body["progress"]) == ("done", 100)
    assert body["matches"][0]["offer_id"] == str(offer.public_id)
    assert [reason["name"] for reason in body["matches"][0]["reasons"]] == [
        "product",
        "quality",
        "quantity",
        "season",
        "price",
        "distance",
    ]


@pytest.mark.parametrize(
    ("overrides", "code", "message_en"),
    [
        ({"quantity": 0}, "quantity_not_positive", "The quantity must be greater than zero."),
        ({"quantity": -1}, "quantity_not_positive", "The quantity must be greater than zero."),
        (
            {"delivery_start": "yesterday"},
            "window_in_past",
            "The delivery window cannot start in the past.",
        ),
        (
            {"closing_date": "yesterday"},
            "closing_in_past",
            "The closing date cannot be before today.",
        ),
    ],
)
def test_api_demand_bad_input_is_422_in_both_languages(
    client, rice, buyer, overrides, code, message_en
):
    organisation, user = buyer
    yesterday = (today() - timedelta(days=1)).isoformat()
    overrides = {k: yesterday if v == "yesterday" else v for k, v in overrides.items()}

    response = client.post(
        f"{BASE}/demands",
        _demand_payload(organisation, rice, **overrides),
        content_type="application/json",
        **_auth(user),
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]["en"] == message_en
    assert error["message"]["vi"] != message_en
    assert Demand.objects.count() == 0


def test_api_demand_for_someone_elses_organisation_is_404(client, rice, buyer):
    organisation, _user = buyer
    _other, stranger = organisation_with_member(name="Chợ đầu mối khác")

    response = client.post(
        f"{BASE}/demands",
        _demand_payload(organisation, rice),
        content_type="application/json",
        **_auth(stranger),
    )

    assert response.status_code == 404
    assert Demand.objects.count() == 0


def test_api_private_objects_of_others_answer_404(client, rice, buyer, supplier):
    organisation, user = buyer
    invited, invited_owner = seller_with_owner(name="HTX Được mời")
    private = services.demand_create(
        user=user,
        organisation=organisation,
        data=demand_data(rice, visibility="invited", invited_seller_ids=[invited.pk]),
    )
    quote = services.quote_submit(
        user=invited_owner,
        seller=invited,
        demand=private,
        data=services.QuoteData(
            price_per_unit_vnd=20_000_000,
            quantity=1,
            delivery_start=today() + timedelta(days=10),
            delivery_end=today() + timedelta(days=40),
            valid_until=today() + timedelta(days=10),
        ),
    )
    contract = services.quote_accept(user=user, quote=quote)
    _seller, outsider = supplier
    headers = _auth(outsider)

    statuses = [
        client.get(f"{BASE}/demands/{private.public_id}", **headers).status_code,
        client.get(f"{BASE}/demands/{private.public_id}/matches", **headers).status_code,
        client.get(f"{BASE}/demands/{private.public_id}/quotes", **headers).status_code,
        client.get(f"{BASE}/quotes/{quote.public_id}", **headers).status_code,
        client.get(f"{BASE}/contracts/{contract.public_id}", **headers).status_code,
        client.post(
            f"{BASE}/demands/{private.public_id}/quotes",
            _quote_payload(),
            content_type="application/json",
            **headers,
        ).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404, 404]
    assert client.get(f"{BASE}/contracts", **headers).json()["count"] == 0


def test_api_quote_on_closed_demand_is_422_and_stores_nothing(client, demand, buyer, supplier):
    _organisation, user = buyer
    services.demand_set_status(user=user, demand=demand, status="closed")
    _seller, owner = supplier

    response = client.post(
        f"{BASE}/demands/{demand.public_id}/quotes",
        _quote_payload(),
        content_type="application/json",
        **_auth(owner),
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "demand_closed"
    assert response.json()["error"]["message"]["en"] == (
        "This demand is closed and takes no more quotes."
    )
    assert Quote.objects.count() == 0


def test_api_double_accept_loser_gets_409(client, quote, buyer):
    _organisation, user = buyer
    headers = _auth(user)

    first = client.post(
        f"{BASE}/quotes/{quote.public_id}/accept",
        {"quantity": 2},
        content_type="application/json",
        **headers,
    )
    second = client.post(
        f"{BASE}/quotes/{quote.public_id}/accept",
        {"quantity": 2},
        content_type="application/json",
        **headers,
    )

    assert first.status_code == 201
    assert len(first.json()["deliveries"]) == 2
    assert second.status_code == 409
    assert second.json()["error"] == {
        "code": "demand_not_open",
        "message": {"vi": "Nhu cầu này không còn mở.", "en": "This demand is no longer open."},
    }
    assert SupplyContract.objects.count() == 1


def _projection_down(sender, **kwargs):
    raise RuntimeError("projection down")


@pytest.mark.django_db(transaction=True)
def test_api_accept_succeeds_when_a_projection_fails_after_commit(client, quote, buyer, caplog):
    _organisation, user = buyer
    events.contract_signed.connect(_projection_down)
    try:
        with caplog.at_level(logging.ERROR, logger="phohang.events"):
            response = client.post(
                f"{BASE}/quotes/{quote.public_id}/accept",
                {"quantity": 2},
                content_type="application/json",
                **_auth(user),
            )
    finally:
        events.contract_signed.disconnect(_projection_down)

    assert response.status_code == 201
    assert SupplyContract.objects.count() == 1
    assert [r.getMessage() for r in caplog.records if r.name == "phohang.events"] == [
        f"event receiver {__name__}._projection_down failed (sender trade)"
    ]


def test_api_offer_create_and_withdraw(client, rice, supplier):
    _seller, owner = supplier
    headers = _auth(owner)
    payload = {
        "title": "Gạo tám thơm Điện Biên",
        "category_id": rice.pk,
        "quantity": 10,
        "unit": "tonne",
        "period": "month",
        "season_months": [],
        "origin_province_code": "11",
        "price_min_vnd": 20_000_000,
        "price_max_vnd": 22_000_000,
        "certifications": ["vietgap", "organic"],
    }

    created = client.post(f"{BASE}/offers", payload, content_type="application/json", **headers)
    offer_id = created.json()["id"]
    withdrawn = client.post(
        f"{BASE}/offers/{offer_id}/status",
        {"status": "withdrawn"},
        content_type="application/json",
        **headers,
    )

    assert created.status_code == 201
    assert created.json()["season_months"] == list(range(1, 13))
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.get(f"{BASE}/offers").json()["count"] == 0
    assert Offer.objects.get().status == "withdrawn"


def test_api_offer_by_non_seller_is_403(client, rice, buyer):
    _organisation, user = buyer

    response = client.post(
        f"{BASE}/offers",
        {
            "title": "Gạo",
            "category_id": rice.pk,
            "quantity": 1,
            "unit": "kg",
            "period": "month",
            "origin_province_code": "11",
            "price_min_vnd": 1,
            "price_max_vnd": 1,
        },
        content_type="application/json",
        **_auth(user),
    )

    assert response.status_code == 403
    assert Offer.objects.count() == 0


def test_api_public_board_needs_no_sign_in(client, demand):
    response = client.get(f"{BASE}/demands", {"q": "GAO st25", "page_size": 1000})

    assert response.status_code == 200
    assert response.json()["page_size"] == 100
    assert [item["id"] for item in response.json()["items"]] == [str(demand.public_id)]


def test_api_question_thread(client, quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier

    asked = client.post(
        f"{BASE}/quotes/{quote.public_id}/messages",
        {"body": "Giá đã gồm vận chuyển chưa?"},
        content_type="application/json",
        **_auth(user),
    )
    empty = client.post(
        f"{BASE}/quotes/{quote.public_id}/messages",
        {"body": "   "},
        content_type="application/json",
        **_auth(owner),
    )
    thread = client.get(f"{BASE}/quotes/{quote.public_id}/messages", **_auth(owner))

    assert (asked.status_code, empty.status_code) == (201, 422)
    assert [(m["is_from_buyer"], m["body"]) for m in thread.json()] == [
        (True, "Giá đã gồm vận chuyển chưa?")
    ]
