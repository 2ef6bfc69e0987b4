"""FUZ-01's harness: the roles requests are sent as (one bearer token each) and the fuzz loop;
used by the test suite (in-process) and by bench/fuzz_api.py (a running server)."""

import math
from collections import Counter
from dataclasses import dataclass

from hypothesis import HealthCheck, given, seed, settings
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.openapi.checks import RejectedPositiveData

from phohang.accounts.models import TokenScope, User
from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import fresh_code
from phohang.geo.models import Province
from phohang.orders.tests.factories import UserFactory, VariantFactory, place, seller_with_owner
from phohang.sellers.models import SellerMember

# Rounds over every operation at most, until the requests asked for are sent.
MAX_ROUNDS = 4

ROLES = (
    "anonymous",
    "buyer",
    "seller_owner",
    "seller_staff",
    "authority_officer",
    "platform_admin",
)


@dataclass
class Actor:
    role: str
    user: User | None
    token: str | None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def actors() -> dict[str, Actor]:
    """One user per role (a seller with owner and staff, a Hanoi officer, an admin), with tokens."""
    seller, owner = seller_with_owner()
    staff = UserFactory()
    SellerMember.objects.create(seller=seller, user=staff, role=SellerMember.Role.STAFF)
    officer = UserFactory(is_authority=True, authority_province=Province.objects.get(code="01"))
    admin = UserFactory(is_staff=True, is_superuser=True)
    users = {
        "anonymous": None,
        "buyer": UserFactory(),
        "seller_owner": owner,
        "seller_staff": staff,
        "authority_officer": officer,
        "platform_admin": admin,
    }
    # Something to find: a product of the seller and an order of the buyer.
    variant = VariantFactory(product__seller=seller, stock_on_hand=50)
    place(users["buyer"], [(variant, 1)])
    return {role: Actor(role, user, _token(user) if user else None) for role, user in users.items()}


def _token(user) -> str:
    """A token with every scope; staff and admin tokens need a fresh authenticator code."""
    code = fresh_code(user) if user.is_staff_like else ""
    return api_token_create(user=user, name="fuzz", scopes=TokenScope.values, otp_code=code)[1]


def failure_names(error: BaseException) -> list[tuple[str, bool]]:
    """(name, whether it fails the run) for each failure Schemathesis raised."""
    failures = error.exceptions if isinstance(error, FailureGroup) else [error]
    return [
        (
            f"{type(failure).__name__}: {getattr(failure, 'title', failure)}",
            not isinstance(failure, RejectedPositiveData),
        )
        for failure in failures
    ]


def fuzz(schema, *, headers: dict[str, str], requests: int, base_url: str | None = None) -> dict:
    """Send about `requests` generated requests spread over every operation of `schema`.

    Returns the figures: requests sent, operations covered, failures by kind (a refused
    schema-valid request is counted but is not a failure) and one example of each failure.
    """
    operations = [result.ok() for result in schema.get_all_operations()]
    per_operation = max(1, math.ceil(requests / len(operations)))
    sent, covered, failures, examples = Counter(), set(), Counter(), {}

    def run(operation, round_number: int) -> None:
        @given(case=operation.as_strategy())
        @seed(round_number)
        @settings(
            max_examples=per_operation,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def call(case):
            covered.add(case.operation.label)
            sent["requests"] += 1
            try:
                case.call_and_validate(base_url=base_url, headers=headers)
            except (FailureGroup, Failure) as error:
                for name, is_failure in failure_names(error):
                    failures[name] += 1
                    if is_failure:
                        examples.setdefault(name, f"{case.operation.label}: {error}")

        call()

    # Operations with few possible inputs (no parameters) yield fewer examples than asked for:
    # further rounds, each with its own fixed seed, make up the count.
    for round_number in range(MAX_ROUNDS):
        for operation in operations:
            run(operation, round_number)
        if sent["requests"] >= requests:
            break
    return {
        "requests": sent["requests"],
        "operations": len(operations),
        "operations_covered": len(covered),
        "failures": dict(failures),
        "failing_examples": examples,
    }
