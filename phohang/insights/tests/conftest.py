import pytest

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.tests.factories import member_of
from phohang.sellers.tests.factories import SellerFactory


@pytest.fixture
def authority_client(client, db):
    login_verified(client, AuthorityFactory())
    return client


@pytest.fixture
def buyer_client(client, db):
    client.force_login(UserFactory())
    return client


@pytest.fixture
def seller_client(client, db):
    client.force_login(member_of(SellerFactory()))
    return client
