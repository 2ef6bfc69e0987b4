"""RFQ-01: the buyer and a colleague accept one quote many times at once while the seller withdraws."""

import threading

import pytest
from django.db import connection
from django.test import Client

from phohang.accounts.services import api_token_create
from phohang.trade import services
from phohang.trade.models import Demand, Quote, SupplyContract

from .factories import UserFactory

ATTEMPTS = 30


def _post(path: str, token: str, body: dict, results: list, barrier: threading.Barrier) -> None:
    client = Client()
    try:
        barrier.wait()
        response = client.post(
            path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        results.append(response.status_code)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_double_accept_storm_signs_at_most_one_contract(quote, buyer, supplier):
    organisation, user = buyer
    colleague = UserFactory()
    services.organisation_member_add(organisation=organisation, actor=user, user=colleague)
    _seller, owner = supplier
    tokens = [api_token_create(user=person, name="storm")[1] for person in (user, colleague)]
    seller_token = api_token_create(user=owner, name="storm")[1]
    accepts: list[int] = []
    withdrawals: list[int] = []
    barrier = threading.Barrier(ATTEMPTS + 1)
    threads = [
        threading.Thread(
            target=_post,
            args=(
                f"/api/v1/trade/quotes/{quote.public_id}/accept",
                tokens[number % 2],
                {"quantity": 2},
                accepts,
                barrier,
            ),
        )
        for number in range(ATTEMPTS)
    ]
    threads.append(
        threading.Thread(
            target=_post,
            args=(
                f"/api/v1/trade/quotes/{quote.public_id}/withdraw",
                seller_token,
                {},
                withdrawals,
                barrier,
            ),
        )
    )

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    quote.refresh_from_db()
    demand = Demand.objects.get()
    contracts = SupplyContract.objects.count()
    assert len(accepts) == ATTEMPTS
    assert set(accepts) <= {201, 409}
    assert contracts == accepts.count(201) <= 1
    assert accepts.count(409) == ATTEMPTS - contracts
    if contracts:
        assert (quote.status, quote.accepted_quantity) == (Quote.Status.ACCEPTED, 2)
        assert (demand.awarded_quantity, demand.status) == (2, Demand.Status.AWARDED)
        assert withdrawals == [409]
    else:
        assert (quote.status, quote.accepted_quantity) == (Quote.Status.WITHDRAWN, 0)
        assert demand.awarded_quantity == 0
        assert withdrawals == [200]
