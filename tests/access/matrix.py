"""SEC-02's registry: the people who try, and the objects each app lets them reach.

An app adds its objects with one `register(...)` call in OBJECTS below: a builder that makes the
object owned by "side A" (buyer A, seller A, province X), the API calls for each action, and the
roles that own it. Every other role must get 404 (401 when anonymous) and never the object's
data; calls by owning roles are not judged here (their rules have their own tests).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "anonymous",
    "buyer_a",
    "buyer_b",
    "seller_a_owner",
    "seller_a_staff",
    "seller_b_staff",
    "authority_x",
    "authority_y",
    "platform_admin",
)


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # formatted with the object's fields, e.g. "/api/v1/orders/{public_id}"
    body: dict | None = None


@dataclass(frozen=True)
class Target:
    name: str
    build: Callable[[dict[str, Any]], Any]  # people by role -> the object
    calls: dict[str, Call]  # action (read, update, delete, export, ...) -> API call
    owners: frozenset[str]
    secret: Callable[[Any], str]  # a value that must not appear in a refused answer
    extra_owners: dict[str, frozenset[str]] = field(default_factory=dict)  # per action


OBJECTS: list[Target] = []


def register(name, *, build, calls, owners, secret, extra_owners=None) -> None:
    OBJECTS.append(Target(name, build, calls, frozenset(owners), secret, extra_owners or {}))
