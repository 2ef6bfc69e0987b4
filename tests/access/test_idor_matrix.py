"""SEC-02: every role × every registered object × every action, with others' ids.

Roles outside an object's owners must get 404 (401 when anonymous): no 2xx, no 403 (an
existence oracle) and none of the object's data in the answer. Objects come from objects.py.
"""

import json

import pytest
from django.test import Client

from phohang.accounts.models import TokenScope
from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import fresh_code
from phohang.core import reliability
from phohang.geo.models import Province
from phohang.orders.tests.factories import UserFactory, seller_with_owner
from phohang.sellers.models import SellerMember

from . import objects  # noqa: F401 - registers today's objects
from .matrix import OBJECTS, ROLES

pytestmark = pytest.mark.django_db


def people() -> dict:
    seller_a, seller_a_owner = seller_with_owner()
    seller_b, _seller_b_owner = seller_with_owner()
    found = {
        "seller_a": seller_a,
        "seller_a_owner": seller_a_owner,
        "buyer_a": UserFactory(),
        "buyer_b": UserFactory(),
        "authority_x": UserFactory(
            is_authority=True, authority_province=Province.objects.get(code="01")
        ),
        "authority_y": UserFactory(
            is_authority=True, authority_province=Province.objects.get(code="79")
        ),
        "platform_admin": UserFactory(is_staff=True, is_superuser=True),
    }
    for key, seller in (("seller_a_staff", seller_a), ("seller_b_staff", seller_b)):
        found[key] = UserFactory()
        SellerMember.objects.create(seller=seller, user=found[key], role=SellerMember.Role.STAFF)
    return found


def token_of(user) -> str:
    """A token with every scope, so only ownership can refuse; staff ones need a fresh code."""
    code = fresh_code(user) if user.is_staff_like else ""
    return api_token_create(user=user, name="SEC-02", scopes=TokenScope.values, otp_code=code)[1]


def call_as(token, call, obj):
    headers = {"idempotency-key": "sec-02-matrix-key"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    path = call.path.format(public_id=getattr(obj, "public_id", ""), pk=obj.pk)
    body = json.dumps(call.body) if call.body is not None else ""
    return Client(headers=headers).generic(call.method, path, body, content_type="application/json")


@pytest.mark.parametrize("target", OBJECTS, ids=lambda target: target.name)
def test_nobody_but_the_owners_reaches_the_object(target, fast_password_hashing):
    cast = people()
    tokens = {role: token_of(cast[role]) if role != "anonymous" else None for role in ROLES}
    obj = target.build(cast)
    secret = target.secret(obj)

    cells, leaks, oracles = 0, [], []
    for action, call in target.calls.items():
        owners = target.owners | target.extra_owners.get(action, frozenset())
        for role in ROLES:
            if role in owners:
                continue
            response = call_as(tokens[role], call, obj)
            cells += 1
            body = response.content.decode(errors="replace")
            if 200 <= response.status_code < 300 or secret in body:
                leaks.append(f"{role} {action}: {response.status_code}")
            elif response.status_code != (401 if role == "anonymous" else 404):
                oracles.append(f"{role} {action}: {response.status_code}")

    reliability.record(
        "SEC-02",
        {target.name: {"cells": cells, "leaks": len(leaks), "not_404": len(oracles)}},
    )
    assert leaks == []
    assert oracles == []
