"""Meeting counterparts come from the trade matcher: a buyer's demand ranked against offers."""

import pytest
from django.urls import reverse

from phohang.expo import selectors, services
from phohang.trade import services as trade_services
from phohang.trade.tests.factories import (
    CategoryFactory,
    demand_data,
    offer_data,
    organisation_with_member,
)

from .factories import HANOI, approved_exhibitor, event_with_booths
from .test_api import _auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    """An OCOP week with a rice cooperative (offering on the trade board), a tea cooperative
    (not), and a supermarket buyer whose open demand for rice the trade matcher ranked."""
    event = event_with_booths(booths=3)
    grains = CategoryFactory(name_vi="Lương thực", name_en="Grains", slug="luong-thuc")
    rice = CategoryFactory(name_vi="Gạo", name_en="Rice", slug="gao", parent=grains)
    tea, _tea_owner = approved_exhibitor(event, name="An Tea Cooperative")
    rice_exhibitor, rice_owner = approved_exhibitor(event, name="Zeta Rice Cooperative")
    trade_services.offer_create(
        user=rice_owner, seller=rice_exhibitor.seller, data=offer_data(rice)
    )
    organisation, buyer_user = organisation_with_member(name="Siêu thị BRG Mart")
    trade_services.demand_create(user=buyer_user, organisation=organisation, data=demand_data(rice))
    registration = services.registration_create(
        user=buyer_user,
        event=event,
        kind="trade",
        full_name="Nguyễn Thu Hà",
        organisation="Siêu thị BRG Mart",
        province_id=HANOI,
    )
    return event, registration.participant, rice_exhibitor, tea, buyer_user


def test_a_buyer_sees_the_exhibitor_the_trade_matcher_ranked_first(fair):
    _event, buyer, rice_exhibitor, tea, _user = fair

    ranked = selectors.counterparts_ranked(buyer)

    # Without the matcher the tea cooperative would come first (no category shared, "An" < "Zeta").
    assert [row.participant.exhibitor for row in ranked] == [rice_exhibitor, tea]
    assert ranked[0].trade_score >= 80
    assert ranked[1].trade_score == 0


def test_an_exhibitor_sees_the_buyer_whose_demand_matches_its_offer(fair):
    _event, buyer, rice_exhibitor, tea, _user = fair

    rice_side = selectors.counterparts_ranked(rice_exhibitor.participant)
    tea_side = selectors.counterparts_ranked(tea.participant)

    assert [row.participant for row in rice_side] == [buyer]
    assert rice_side[0].trade_score >= 80
    assert tea_side[0].trade_score == 0


def test_the_meetings_page_shows_the_trade_match(client, fair):
    event, _buyer, rice_exhibitor, _tea, user = fair
    client.force_login(user)

    body = client.get(reverse("expo:meetings", kwargs={"slug": event.slug})).content.decode()

    assert body.index("Zeta Rice Cooperative") < body.index("An Tea Cooperative")
    assert body.count("/100") == 1


def test_the_api_lists_counterparts_in_the_same_order(client, fair):
    _event, buyer, rice_exhibitor, tea, user = fair

    response = client.get(
        f"/api/v1/expo/participants/{buyer.public_id}/counterparts", **_auth(user)
    )

    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == [
        rice_exhibitor.seller.name,
        tea.seller.name,
    ]
