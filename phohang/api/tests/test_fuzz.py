"""FUZ-01: Schemathesis over the whole /api/v1 OpenAPI schema, as every role.

Generated valid and invalid requests for every operation go out as each role in ROLES, and every
response passes all of Schemathesis' checks: no server error, documented status codes, content
types and bodies that conform to the schema, invalid data rejected, valid data accepted, and
authentication really enforced. The plan's bars are on those; "a schema-valid request was
refused" is counted but allowed, since business rules (tax-code checksums, dates after today,
references to objects that exist) are not expressible in JSON Schema. `make test` sends at
least 2,000 requests (PHOHANG_FUZZ_REQUESTS changes it); bench/fuzz_api.py sends 20,000 to a
running server.
"""

import math
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application
from phohang.core import reliability

from .fuzzing import ROLES, actors, fuzz


@pytest.fixture(autouse=True)
def keep_the_tests_connection():
    """As Django's test client does: requests sent in-process must not close the test's database
    connection when they finish (PostgreSQL's CONN_MAX_AGE of 0 closes it inside the test's
    transaction, and every later request fails)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


REQUESTS = int(os.environ.get("PHOHANG_FUZZ_REQUESTS", "2000"))
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.mark.parametrize("role", ROLES)
def test_api_survives_generated_requests(role, db, fast_password_hashing):
    actor = actors()[role]

    figures = fuzz(schema, headers=actor.headers, requests=math.ceil(REQUESTS / len(ROLES)))

    reliability.record(
        "FUZ-01", {role: {k: v for k, v in figures.items() if k != "failing_examples"}}
    )
    assert figures["operations_covered"] == figures["operations"]
    assert figures["requests"] >= REQUESTS / len(ROLES)
    assert figures["failing_examples"] == {}


def test_id_beyond_64_bits_is_refused_with_422_not_500(client, django_user_model):
    # FUZ-01 found: a cart line for variant 2**70 reached the database and answered 500.
    from phohang.orders.tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.post(
        "/api/v1/orders/cart/lines",
        {"variant_id": 2**70, "quantity": 1},
        content_type="application/json",
        headers={"accept-language": "vi"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "out_of_range"
    assert response.json()["error"]["message"]["vi"] == (
        "Một giá trị trong yêu cầu nằm ngoài phạm vi cho phép."
    )
