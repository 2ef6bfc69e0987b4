import io

import pytest
from django.core.management import call_command

from phohang.trade.matching import index_terms
from phohang.trade.models import OfferTerm

pytestmark = pytest.mark.django_db


def _terms(offer) -> dict[str, int]:
    return dict(OfferTerm.objects.filter(offer_id=offer.pk).values_list("term", "weight"))


def test_rebuild_replaces_terms_stored_by_an_older_reader(offer):
    OfferTerm.objects.filter(offer_id=offer.pk).delete()
    OfferTerm.objects.create(offer_id=offer.pk, term="stale", weight=2, category_id=1)
    err = io.StringIO()

    call_command("trade_terms_rebuild", stdout=io.StringIO(), stderr=err)

    assert _terms(offer) == index_terms(offer.title, offer.description)
    assert "1/1" in err.getvalue()


def test_rebuild_of_missing_only_leaves_indexed_offers_alone(offer):
    OfferTerm.objects.create(offer_id=offer.pk, term="kept", weight=1, category_id=1)
    out = io.StringIO()

    call_command("trade_terms_rebuild", "--missing", stdout=out, stderr=io.StringIO())

    assert "kept" in _terms(offer)
    assert "Rebuilt the terms of 0 offers" in out.getvalue()
