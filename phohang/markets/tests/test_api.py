import datetime

import pytest
from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.markets import services
from phohang.markets.models import PriceReport

from .factories import (
    MarketFactory,
    PriceProductFactory,
    TraderFactory,
    context_for,
    lychee_data,
    market_with_manager,
)

pytestmark = pytest.mark.django_db


def _report(user, market, product, day, typical):
    services.price_report(
        user=user,
        market=market,
        product=product,
        day=day,
        min_vnd=typical - 1000,
        typical_vnd=typical,
        max_vnd=typical + 1000,
        context=context_for(user),
    )


def test_city_board_is_open_data_with_changes(client):
    market, manager = market_with_manager()
    product = PriceProductFactory(slug="gao-te")
    today = timezone.localdate()
    _report(manager, market, product, today - datetime.timedelta(days=1), 50_000)
    _report(manager, market, product, today, 55_000)

    body = client.get("/api/v1/markets/prices").json()

    assert body["date"] == today.isoformat()
    row = body["rows"][0]
    assert (row["product"], row["typical_vnd"], row["yesterday_vnd"]) == ("gao-te", 55_000, 50_000)
    assert row["change_day_percent"] == "10.0"


def test_open_data_range_is_capped(client):
    response = client.get("/api/v1/markets/prices/data?start=2026-01-01&end=2026-03-01")

    assert response.status_code == 422


def test_trace_api_has_no_personal_data(client):
    market, manager = market_with_manager()
    lot = services.consignment_register(
        market=market, data=lychee_data(), user=manager, context=context_for(manager)
    )

    body = client.get(f"/api/v1/markets/trace/{lot.code}").json()

    assert body["producer"] == "Hợp tác xã Vải thiều Lục Ngạn"
    assert [step["title"] for step in body["path"]][0]
    assert manager.email not in str(body)


def test_posting_a_price_for_another_market_is_403_and_stores_nothing(client):
    own = MarketFactory()
    MarketFactory(slug="phia-nam-api")
    user = UserFactory()
    TraderFactory(market=own, users=[user])
    PriceProductFactory(slug="thit-lon")
    client.force_login(user)
    body = {
        "market": "phia-nam-api",
        "product": "thit-lon",
        "date": timezone.localdate().isoformat(),
        "min_vnd": 1,
        "typical_vnd": 2,
        "max_vnd": 3,
    }

    response = client.post("/api/v1/markets/prices", body, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "other_market"
    assert PriceReport.objects.count() == 0


@pytest.mark.parametrize(
    ("figures", "offset", "code"),
    [
        ((-1, 2, 3), 0, "price_not_positive"),
        ((5, 4, 3), 0, "min_above_max"),
        ((1, 2, 3), 2, "future_day"),
    ],
)
def test_posting_a_bad_price_is_422_and_stores_nothing(client, figures, offset, code):
    market, manager = market_with_manager()
    PriceProductFactory(slug="thit-lon")
    client.force_login(manager)
    low, typical, high = figures
    body = {
        "market": market.slug,
        "product": "thit-lon",
        "date": (timezone.localdate() + datetime.timedelta(days=offset)).isoformat(),
        "min_vnd": low,
        "typical_vnd": typical,
        "max_vnd": high,
    }

    response = client.post("/api/v1/markets/prices", body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert PriceReport.objects.count() == 0


def test_manager_posts_a_price(client):
    market, manager = market_with_manager()
    PriceProductFactory(slug="thit-lon")
    client.force_login(manager)
    body = {
        "market": market.slug,
        "product": "thit-lon",
        "date": timezone.localdate().isoformat(),
        "min_vnd": 58_000,
        "typical_vnd": 60_000,
        "max_vnd": 62_000,
    }

    response = client.post("/api/v1/markets/prices", body, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["typical_vnd"] == 60_000
