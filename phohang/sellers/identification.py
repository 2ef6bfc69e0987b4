"""Seller identification: who a seller is, by which provider, at which level, until when.

Law 122/2025/QH15 asks platforms to identify domestic sellers electronically (VNeID, through an
e-ID intermediary) and foreign sellers by their documents. Two providers are wired today:

- `ManualReview`: staff check the documents of a seller application (what existed before);
- `EidIntermediary`: the redirect-and-callback shape of an e-ID intermediary, configured by
  `settings.IDENTIFICATION_EID`; with `settings.IDENTIFICATION_SIMULATOR` (DEBUG only, the
  settings refuse to start with it on in production) a local simulator answers instead.
"""

import base64
import datetime
import hashlib
import hmac
import secrets
from abc import ABC, abstractmethod
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core import crypto
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError

from .models import IdentificationAttempt, IdentityLevel, Seller, SellerIdentification

# Levels that let a seller sell; NONE never does.
SELLING_LEVELS = frozenset(
    {
        IdentityLevel.MANUAL,
        IdentityLevel.DOCUMENTS,
        IdentityLevel.EID_LEVEL_1,
        IdentityLevel.EID_LEVEL_2,
    }
)


@dataclass(frozen=True)
class IdentityResult:
    """What a provider established: the level, its own reference and when it lapses."""

    provider: str
    level: str
    reference: str
    expires_at: datetime.datetime | None


class IdentificationProvider(ABC):
    code: str

    @abstractmethod
    def start(self, *, attempt: IdentificationAttempt, callback_url: str) -> str:
        """The URL the seller is sent to."""

    @abstractmethod
    def complete(self, *, attempt: IdentificationAttempt, answer: dict[str, str]) -> IdentityResult:
        """Check the provider's answer for `attempt`; raise DomainError when it does not hold."""


def _validity() -> datetime.timedelta:
    return datetime.timedelta(days=settings.IDENTIFICATION_VALIDITY_DAYS)


class ManualReview(IdentificationProvider):
    """Staff checked the documents of the seller's application (no redirect)."""

    code = "manual"

    def start(self, *, attempt: IdentificationAttempt, callback_url: str) -> str:
        raise DomainError("manual_no_flow", _("Manual review has no online flow."))

    def complete(self, *, attempt: IdentificationAttempt, answer: dict[str, str]) -> IdentityResult:
        raise DomainError("manual_no_flow", _("Manual review has no online flow."))

    def result(self, *, reference: str, foreign: bool = False) -> IdentityResult:
        level = IdentityLevel.DOCUMENTS if foreign else IdentityLevel.MANUAL
        return IdentityResult(
            provider=self.code,
            level=level,
            reference=reference,
            expires_at=timezone.now() + _validity(),
        )


def answer_signature(secret: str, *, state: str, level: str, reference: str) -> str:
    """The HMAC-SHA256 the intermediary puts on its answer (state, level and reference)."""
    message = f"{state}|{level}|{reference}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


EID_LEVELS = {"1": IdentityLevel.EID_LEVEL_1, "2": IdentityLevel.EID_LEVEL_2}


class EidIntermediary(IdentificationProvider):
    """An e-ID intermediary: redirect with a one-time state, signed answer on the callback."""

    code = "eid"

    def __init__(self, *, authorize_url: str, client_id: str, secret: str) -> None:
        self.authorize_url = authorize_url
        self.client_id = client_id
        self.secret = secret

    def start(self, *, attempt: IdentificationAttempt, callback_url: str) -> str:
        query = urlencode(
            {"client_id": self.client_id, "state": attempt.state, "redirect_uri": callback_url}
        )
        return f"{self.authorize_url}?{query}"

    def complete(self, *, attempt: IdentificationAttempt, answer: dict[str, str]) -> IdentityResult:
        level = EID_LEVELS.get(answer.get("level", ""))
        reference = answer.get("reference", "")[:100]
        expected = answer_signature(
            self.secret, state=attempt.state, level=answer.get("level", ""), reference=reference
        )
        if not hmac.compare_digest(expected, answer.get("signature", "")):
            raise DomainError(
                "eid_signature", _("The identification answer could not be verified.")
            )
        if answer.get("outcome") != "verified" or level is None:
            raise DomainError("eid_refused", _("The identification was not completed."))
        return IdentityResult(
            provider=self.code,
            level=level,
            reference=reference,
            expires_at=timezone.now() + _validity(),
        )


def simulator_is_on() -> bool:
    return bool(settings.IDENTIFICATION_SIMULATOR)


def eid_provider() -> EidIntermediary | None:
    """The configured intermediary, the simulator (DEBUG only), or None when neither is set."""
    config = settings.IDENTIFICATION_EID
    if config.get("authorize_url") and config.get("secret"):
        return EidIntermediary(
            authorize_url=config["authorize_url"],
            client_id=config.get("client_id", ""),
            secret=config["secret"],
        )
    if simulator_is_on():
        return EidIntermediary(
            authorize_url=reverse("compliance:eid_simulator"),
            client_id="phohang-simulator",
            secret=settings.SECRET_KEY,
        )
    return None


def identification_start(*, seller: Seller, user: User, callback_url: str) -> str:
    """Begin an e-ID identification for `seller`; the URL to send the user to."""
    provider = eid_provider()
    if provider is None:
        raise DomainError(
            "eid_unavailable", _("Electronic identification is not configured on this site.")
        )
    attempt = IdentificationAttempt.objects.create(
        state=secrets.token_urlsafe(32), seller=seller, user=user, provider=provider.code
    )
    return provider.start(attempt=attempt, callback_url=callback_url)


def identification_attempt_get(*, state: str, user: User) -> IdentificationAttempt:
    """An open attempt of `user` (younger than an hour), or DomainError."""
    attempt = (
        IdentificationAttempt.objects.select_related("seller")
        .filter(
            state=state,
            user=user,
            completed_at__isnull=True,
            created_at__gte=timezone.now() - datetime.timedelta(hours=1),
        )
        .first()
    )
    if attempt is None:
        raise DomainError(
            "eid_state", _("This identification link has expired or was already used.")
        )
    return attempt


@transaction.atomic
def identification_complete(
    *, state: str, user: User, answer: dict[str, str], context: AuditContext
) -> Seller:
    """Check the intermediary's answer and record the level it gives the seller."""
    attempt = identification_attempt_get(state=state, user=user)
    provider = eid_provider()
    if provider is None:
        raise DomainError(
            "eid_unavailable", _("Electronic identification is not configured on this site.")
        )
    result = provider.complete(attempt=attempt, answer=answer)
    used = IdentificationAttempt.objects.filter(pk=attempt.pk, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    if not used:
        raise DomainError(
            "eid_state", _("This identification link has expired or was already used.")
        )
    return identification_record(seller=attempt.seller, result=result, context=context)


@transaction.atomic
def identification_record(
    *, seller: Seller, result: IdentityResult, context: AuditContext
) -> Seller:
    """Store one identification and make it the seller's current one."""
    if result.level not in SELLING_LEVELS:
        raise DomainError("identity_level", _("This identification level is not accepted."))
    now = timezone.now()
    SellerIdentification.objects.create(
        seller=seller,
        provider=result.provider,
        level=result.level,
        reference=result.reference,
        verified_at=now,
        expires_at=result.expires_at,
        recorded_by=context.actor,
    )
    Seller.objects.filter(pk=seller.pk).update(
        is_verified=True,
        identity_level=result.level,
        identity_verified_at=now,
        identity_expires_at=result.expires_at,
    )
    audit_record(
        context=context,
        action="seller.identification.record",
        obj=seller,
        before={
            "identity_level": seller.identity_level,
            "identity_expires_at": _iso(seller.identity_expires_at),
        },
        after={
            "provider": result.provider,
            "identity_level": result.level,
            "identity_expires_at": _iso(result.expires_at),
        },
    )
    seller.refresh_from_db()
    return seller


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def identification_expired_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Sellers still marked verified whose identification has lapsed."""
    now = now or timezone.now()
    return list(
        Seller.objects.filter(is_verified=True, identity_expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def identification_lapse(*, seller_ids: list[int], context: AuditContext) -> int:
    """Mark lapsed identifications unverified (they already stopped selling at the expiry)."""
    now = timezone.now()
    count = 0
    for seller in Seller.objects.filter(
        pk__in=seller_ids, is_verified=True, identity_expires_at__lte=now
    ):
        Seller.objects.filter(pk=seller.pk).update(
            is_verified=False, identity_level=IdentityLevel.NONE
        )
        audit_record(
            context=context,
            action="seller.identification.lapse",
            obj=seller,
            before={"identity_level": seller.identity_level},
            after={"identity_level": IdentityLevel.NONE},
        )
        count += 1
    return count


@transaction.atomic
def seller_standing_set(
    *, seller: Seller, is_active: bool, reason: str, context: AuditContext
) -> Seller:
    """Suspend (or restore) a seller account: a suspended seller neither publishes nor sells."""
    before = {"is_active": seller.is_active}
    Seller.objects.filter(pk=seller.pk).update(is_active=is_active)
    audit_record(
        context=context,
        action="seller.suspend" if not is_active else "seller.restore",
        obj=seller,
        before=before,
        after={"is_active": is_active, "reason": reason},
    )
    seller.refresh_from_db()
    return seller


# Identity documents (ID card photos are sensitive personal data, law 91/2025): the bytes are
# stored Fernet-encrypted under FIELD_ENCRYPTION_KEY; files stored before encryption still read.
ENCRYPTED_PREFIX = b"gAAAAA"  # every Fernet token starts with version byte 0x80, base64 "gA"


def document_encrypt(content: ContentFile) -> ContentFile:
    """The upload's bytes as one Fernet token, under the same generated name."""
    content.seek(0)
    token = crypto.encrypt(base64.b64encode(content.read()).decode("ascii"))
    return ContentFile(token.encode("ascii"), name=content.name)


def document_bytes(stored: bytes) -> bytes:
    """The original bytes of a stored identity document (encrypted or, if older, plain)."""
    if stored.startswith(ENCRYPTED_PREFIX):
        return base64.b64decode(crypto.decrypt(stored.decode("ascii")))
    return stored
