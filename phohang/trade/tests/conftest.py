import pytest

from .factories import (
    CategoryFactory,
    demand_data,
    offer_data,
    organisation_with_member,
    quote_data,
    seller_with_owner,
)


@pytest.fixture
def rice(db):
    grains = CategoryFactory(name_vi="Lương thực", name_en="Grains", slug="luong-thuc")
    return CategoryFactory(name_vi="Gạo", name_en="Rice", slug="gao", parent=grains)


@pytest.fixture
def buyer(db):
    return organisation_with_member()


@pytest.fixture
def supplier(db):
    return seller_with_owner(name="Hợp tác xã Gạo Điện Biên")


@pytest.fixture
def demand(rice, buyer):
    from phohang.trade.services import demand_create

    organisation, user = buyer
    return demand_create(user=user, organisation=organisation, data=demand_data(rice))


@pytest.fixture
def offer(rice, supplier):
    from phohang.trade.services import offer_create

    seller, owner = supplier
    return offer_create(user=owner, seller=seller, data=offer_data(rice))


@pytest.fixture
def quote(demand, supplier):
    from phohang.trade.services import quote_submit

    seller, owner = supplier
    return quote_submit(user=owner, seller=seller, demand=demand, data=quote_data())


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(monkeypatch, request):
    """Tests run inside one transaction that never commits; run after-commit work right away.

    Concurrency tests (transaction=True) really commit, so they keep the real behaviour.
    """
    if "transactional_db" in request.fixturenames or request.node.get_closest_marker("postgres"):
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
