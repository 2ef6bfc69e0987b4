"""The one carrier interface: quote, create (idempotent), cancel, track, verify and parse a webhook.

Adapters speak each carrier's own shapes (GHN, GHTK, Viettel Post) over a `Transport`; the real
one is HTTPS, the simulator (`simulator.py`) answers the same shapes locally for development and
tests. Every status ends up in one vocabulary, `ShipmentStatus`.
"""

import abc
import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from phohang.core.errors import DomainError

from ..models import ShipmentStatus

Transport = Callable[[str, str, Mapping[str, str], dict | None], dict]
TIMEOUT_S = 15


class CarrierUnavailable(DomainError):
    """The carrier did not answer or refused the request (the caller may try again)."""

    status = 502

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "carrier_unavailable",
            _("The carrier did not accept the request; try again in a few minutes."),
        )
        self.detail = detail


@dataclass(frozen=True)
class Party:
    name: str
    phone: str
    street: str
    ward_code: str
    ward_name: str
    province_name: str

    @property
    def address(self) -> str:
        return f"{self.street}, {self.ward_name}, {self.province_name}"


@dataclass(frozen=True)
class ParcelRequest:
    reference: str  # our order or delivery number: the carrier's client order code
    sender: Party
    recipient: Party
    weight_grams: int
    cod_vnd: int
    value_vnd: int
    content: str


@dataclass(frozen=True)
class Quote:
    fee_vnd: int


@dataclass(frozen=True)
class Created:
    tracking_code: str
    fee_vnd: int


@dataclass(frozen=True)
class TrackingEvent:
    tracking_code: str
    status: ShipmentStatus | None  # None: a carrier status with no meaning for the buyer
    carrier_status: str
    at: datetime
    cod_collected_vnd: int | None = None

    @property
    def key(self) -> str:
        """One event, however often the carrier sends it."""
        raw = f"{self.tracking_code}|{self.carrier_status}|{self.at.isoformat()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:64]


class Adapter(abc.ABC):
    """What every carrier adapter answers; `settings` are its credentials from Django settings."""

    code = ""

    def __init__(self, settings: Mapping[str, str], transport: Transport) -> None:
        self.settings = settings
        self.transport = transport

    @abc.abstractmethod
    def quote(self, request: ParcelRequest) -> Quote: ...

    @abc.abstractmethod
    def create(self, request: ParcelRequest, *, idempotency_key: str) -> Created: ...

    @abc.abstractmethod
    def cancel(self, tracking_code: str) -> None: ...

    @abc.abstractmethod
    def track(self, tracking_code: str) -> TrackingEvent: ...

    @abc.abstractmethod
    def verify_webhook(
        self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes
    ) -> bool: ...

    @abc.abstractmethod
    def parse_webhook(self, body: bytes) -> TrackingEvent:
        """Raises ValueError on a body that is not the carrier's shape."""
        ...


def https_transport(
    method: str, url: str, headers: Mapping[str, str], payload: dict | None
) -> dict:
    """JSON over HTTPS with a timeout; a refusal or an outage is CarrierUnavailable."""
    if not url.startswith("https://"):
        raise CarrierUnavailable("carrier URLs must be https")
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(  # noqa: S310 - https only, checked above
        url, data=data, method=method, headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            return json.loads(response.read().decode())
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise CarrierUnavailable(str(error)) from error


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def moment(text: str, pattern: str | None = None) -> datetime:
    """A carrier's time: ISO 8601 or `pattern`; without an offset it is Vietnam's time."""
    value = (
        datetime.strptime(text, pattern)
        if pattern
        else datetime.fromisoformat(text.replace("Z", "+00:00"))
    )
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
