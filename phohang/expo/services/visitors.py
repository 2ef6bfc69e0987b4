"""Visitor registration, signed e-tickets (QR and printable badge) and entrance check-in."""

import base64
import hmac
import io
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import segno
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from PIL import ImageFont

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.text import clean_free_text, clean_line

from ..models import Event, Participant, Registration
from ..selectors import may_organise

TICKET_SALT = "phohang.expo.ticket"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIGNATURE_LENGTH = 6


def _signature(code: str) -> str:
    digest = salted_hmac(TICKET_SALT, code, algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:SIGNATURE_LENGTH]


def ticket_token(registration: Registration) -> str:
    """What the QR holds and staff may type: the ticket code and its signature."""
    return f"{registration.ticket_code}-{_signature(registration.ticket_code)}"


def ticket_code_of(token: str) -> str | None:
    """The ticket code of a genuine token, or None for a forged or mistyped one."""
    cleaned = "".join(token.split()).upper().replace("–", "-")
    code, _sep, signature = cleaned.rpartition("-")
    if not code or not hmac.compare_digest(signature, _signature(code)):
        return None
    return code


def ticket_qr_svg(registration: Registration) -> str:
    """The e-ticket's QR code as inline SVG."""
    qr = segno.make(ticket_token(registration), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", border=4, xmldecl=False, svgns=True, omitsize=True)
    return buffer.getvalue().decode()


@transaction.atomic
def registration_create(
    *,
    user: User,
    event: Event,
    kind: str,
    full_name: str,
    organisation: str = "",
    province_id: str | None = None,
    seeking: str = "",
    category_ids: Sequence[int] = (),
    today: date | None = None,
) -> Registration:
    """Register for an event and get an e-ticket; trade buyers also join the B2B meetings."""
    today = today or timezone.localdate()
    if not event.is_published or not event.visitors_open_on <= today <= event.visitors_close_on:
        raise DomainError("registration_closed", _("Registration for this event is closed."))
    if kind not in Registration.Kind.values:
        raise DomainError("kind_unknown", _("Say whether you come as a trade buyer."), "kind")
    full_name, organisation = clean_line(full_name)[:120], clean_line(organisation)[:200]
    if not full_name:
        raise DomainError("name_missing", _("Enter your full name."), "full_name")
    if kind == Registration.Kind.TRADE and not organisation:
        raise DomainError(
            "organisation_missing", _("Trade buyers name their organisation."), "organisation"
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                kind=kind,
                full_name=full_name,
                organisation=organisation,
                province_id=province_id or None,
                seeking=clean_free_text(seeking)[:2000],
                ticket_code="".join(secrets.choice(CODE_ALPHABET) for _i in range(10)),
            )
    except IntegrityError as error:
        raise Conflict("already_registered", _("You are already registered.")) from error
    registration.categories.set(category_ids)
    if kind == Registration.Kind.TRADE and event.has_meetings:
        Participant.objects.create(
            event=event,
            role=Participant.Role.BUYER,
            name=f"{organisation} ({full_name})",
            registration=registration,
            available_slots=list(range(event.slot_count)),
            max_meetings=event.max_meetings,
        )
    return registration


@transaction.atomic
def check_in(*, user: User, event: Event, token: str, context: AuditContext) -> Registration:
    """Let a ticket holder in once; forged, unknown and second scans are refused."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    code = ticket_code_of(token or "")
    if code is None:
        raise DomainError("ticket_forged", _("This ticket is not genuine."), "token")
    registration = Registration.objects.filter(event=event, ticket_code=code).first()
    if registration is None:
        raise DomainError("ticket_other_event", _("This ticket is not for this event."), "token")
    now = timezone.now()
    # Conditional update: of two scans of one ticket (two gates, a replayed queue) one wins.
    if not Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now, checked_in_by=user
    ):
        registration.refresh_from_db()
        raise Conflict(
            "already_checked_in",
            _("%(name)s already came in at %(time)s.")
            % {
                "name": registration.full_name,
                "time": f"{timezone.localtime(registration.checked_in_at):%H:%M}",
            },
        )
    registration.checked_in_at, registration.checked_in_by = now, user
    audit_record(context=context, action="expo.registration.checked_in", obj=registration)
    return registration


def checked_in_count(event: Event) -> int:
    return event.registrations.filter(checked_in_at__isnull=False).count()


FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_PATHS[1 if bold else 0]
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def badge_pdf(registration: Registration) -> bytes:
    """A printable A6 badge (PDF): event, name, organisation, QR code and ticket code."""
    from PIL import Image, ImageDraw

    width, height = 1240, 1748  # A6 at 300 dpi
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, width, 220), fill=(156, 28, 36))
    draw.text((60, 60), registration.event.name_vi[:38], font=_font(56, True), fill="white")
    draw.text((60, 300), registration.full_name[:30], font=_font(72, True), fill="black")
    draw.text((60, 400), registration.organisation[:40], font=_font(48), fill=(60, 60, 60))
    label = registration.get_kind_display()
    draw.text((60, 480), str(label), font=_font(44, True), fill=(156, 28, 36))
    qr = segno.make(ticket_token(registration), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=20, border=2)
    code_image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    left = (width - code_image.width) // 2
    page.paste(code_image, (left, 600))
    draw.text(
        (60, 620 + code_image.height), ticket_token(registration), font=_font(52), fill="black"
    )
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=300)
    return out.getvalue()
