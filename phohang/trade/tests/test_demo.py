import io

import pytest

from phohang.site.demo import load_foundation_demo
from phohang.trade.demo import load_demo
from phohang.trade.models import Demand, Match, Offer, Quote, SupplyContract

pytestmark = pytest.mark.django_db


def test_demo_loads_demands_offers_matches_and_a_contract():
    output = io.StringIO()
    load_foundation_demo(stdout=output)

    load_demo(stdout=output)

    assert Offer.objects.count() == 5
    assert Demand.objects.count() == 4
    assert Quote.objects.count() == 2
    assert SupplyContract.objects.count() == 1
    rice = Demand.objects.get(title__startswith="Gạo tám thơm")
    best = Match.objects.filter(demand=rice).order_by("-score").first()
    assert best.offer.title == "Gạo tám thơm Điện Biên đạt VietGAP"
