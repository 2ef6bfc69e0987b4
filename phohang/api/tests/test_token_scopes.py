"""Every API operation a token can reach needs a scope, so no write is open to any token."""

import re

from phohang.api.auth import required_scope
from phohang.core.tests.test_routes_and_headers import _ninja_operations


def _example_path(route: str) -> str:
    return "/" + re.sub(r"<[^>]+>", "x", route)


def test_every_api_write_needs_a_listed_scope():
    unscoped = [
        (method, route)
        for route, operation in _ninja_operations()
        if operation.auth_callbacks
        for method in operation.methods
        if required_scope(method, _example_path(route)) is None
    ]

    assert unscoped == []


def test_reads_need_read_and_refunds_their_own_scope():
    refund = "/api/v1/payments/orders/0b7c/refunds"

    assert required_scope("GET", "/api/v1/orders/cart") == "read"
    assert required_scope("POST", "/api/v1/orders/cart/lines") == "shop"
    assert required_scope("POST", refund) == "refunds"
    assert required_scope("POST", "/api/v1/somethingnew/x") is None
