"""The API token look-up answers with the live token and its active user, loaded whole, in one
query that writes nothing; or refuses."""

import pytest
from django.utils import timezone

from phohang.accounts.models import ApiToken, User
from phohang.accounts.selectors import api_token_authenticate
from phohang.accounts.services import api_token_create, api_token_revoke

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_api_token_authenticate_returns_the_token_and_the_whole_user(django_assert_num_queries):
    user = UserFactory(full_name="Trần Văn Bình")
    token, raw = api_token_create(user=user, name="ERP")

    with django_assert_num_queries(1):
        found_token, found = api_token_authenticate(raw)
        read = (found.email, found.full_name, found.is_active, found.is_staff, found.date_joined)
        scopes = found_token.scope_set

    assert isinstance(found, User) and found.pk == user.pk and found_token.pk == token.pk
    assert scopes == {"read", "shop", "catalog", "trade", "sellers"}
    assert read[:4] == (user.email, "Trần Văn Bình", True, False)
    assert timezone.is_aware(read[4]) and read[4] == User.objects.get(pk=user.pk).date_joined
    token.refresh_from_db()
    assert token.last_used_at is None  # a read never writes


@pytest.mark.parametrize("case", ["revoked", "unknown", "inactive user", "deleted", "expired"])
def test_api_token_authenticate_refuses(case):
    user = UserFactory()
    token, raw = api_token_create(user=user, name="ERP")
    if case == "revoked":
        assert api_token_revoke(user=user, token_id=token.pk)
    elif case == "unknown":
        raw = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    elif case == "inactive user":
        User.objects.filter(pk=user.pk).update(is_active=False)
    elif case == "deleted":
        ApiToken.objects.filter(pk=token.pk).delete()
    elif case == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())

    assert api_token_authenticate(raw) is None
