"""Every write of live selling: streamers, sessions and their status, documents, pins, comments,
orders bought in a stream, and the purge of records past their retention period."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import Role, User
from phohang.catalog.models import Product, ProductVariant
from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import Conflict, DomainError, Forbidden, NotFound, message_format
from phohang.core.text import clean_free_text, clean_line
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.geo.models import Province, Ward
from phohang.orders import services as order_services
from phohang.orders.models import Cart, CartLine, Checkout, Order
from phohang.sellers.identification import SELLING_LEVELS
from phohang.sellers.models import IdentityLevel, Seller, SellerMember

from .broadcast import publish
from .models import (
    LiveComment,
    LiveComplaintNotice,
    LiveOrder,
    LivePin,
    LiveSession,
    LiveSessionEvent,
    Streamer,
)

HOST, SELLER, STAFF = "host", "seller", "staff"
MODERATOR_ROLES = (Role.AUTHORITY, Role.CITY_AUTHORITY, Role.ADMIN)
S = LiveSession.Status
SESSION = StateMachine(
    name="livestream.session",
    moves={
        (S.SCHEDULED, S.LIVE): {HOST},
        (S.SCHEDULED, S.CANCELLED): {SELLER},
        (S.LIVE, S.ENDED): {HOST, SELLER},
        (S.LIVE, S.STOPPED): {STAFF},
        (S.SCHEDULED, S.STOPPED): {STAFF},
    },
    history=history_row(LiveSessionEvent, "session"),
)


def is_live_staff(user: User | AnonymousUser, session: LiveSession | None = None) -> bool:
    """Platform admins and authority staff (a province officer: that province's shops) may stop."""
    if not isinstance(user, User) or not any(user.has_role(role) for role in MODERATOR_ROLES):
        return False
    return session is None or user.province_scope.covers(session.seller.province_id)


def seller_may_stream(seller: Seller) -> bool:
    """Only identity-verified, active sellers sell live (the sellers app's verification)."""
    return seller.can_publish


def _member(user: User, seller: Seller) -> SellerMember | None:
    return SellerMember.objects.filter(seller=seller, user=user, is_active=True).first()


def _require_enabled() -> None:
    if not settings.LIVESTREAM_ENABLED:
        raise DomainError(
            "livestream_disabled",
            _("Live selling is switched off on this server until a shared channel layer is set."),
        )


def _require_verified_seller(seller: Seller) -> None:
    if not seller_may_stream(seller):
        raise DomainError(
            "seller_not_verified",
            _("Only sellers whose identity has been verified can sell in a livestream."),
        )


def presenter_check(*, seller: Seller, user: User) -> Streamer | None:
    """The streamer row `user` presents as (None for the shop's own members), or raise why not."""
    if _member(user, seller) is not None:
        return None
    streamer = Streamer.objects.filter(seller=seller, user=user, is_active=True).first()
    if streamer is None:
        raise DomainError(
            "presenter_not_registered",
            _("The presenter must work for the shop or be a streamer it registered."),
            "host",
        )
    if not streamer.is_identity_verified:
        raise DomainError(
            "streamer_not_verified",
            _(
                "This streamer has no current identification (VNeID or documents checked by "
                "the authority); they cannot present a live session until identified."
            ),
            "host",
        )
    return streamer


def player_url_clean(url: str) -> str:
    """An https URL on an allowed embed host, or raise."""
    url = clean_line(url or "").strip()
    parts = urlsplit(url)
    hosts = settings.LIVESTREAM_EMBED_HOSTS
    if parts.scheme != "https" or parts.hostname not in hosts or parts.username or parts.port:
        raise DomainError(
            "player_url_not_allowed",
            message_format(
                _("The player must be an https embed address from: %(hosts)s."),
                hosts=", ".join(hosts),
            ),
            "player_url",
        )
    return url


@transaction.atomic
def streamer_register(
    *, seller: Seller, user: User, display_name: str, context: AuditContext
) -> Streamer:
    """The shop registers a person to present its sessions; they go live once verified."""
    display_name = clean_line(display_name or "").strip()[:120] or user.full_name
    if Streamer.objects.filter(seller=seller, user=user).exists():
        raise Conflict("streamer_exists", _("This person is already one of your streamers."))
    streamer = Streamer.objects.create(
        seller=seller, user=user, display_name=display_name, registered_by=context.actor
    )
    audit_record(context=context, action="livestream.streamer.registered", obj=streamer)
    return streamer


def _identification_validity() -> timedelta:
    return timedelta(days=settings.IDENTIFICATION_VALIDITY_DAYS)


@transaction.atomic
def streamer_verify(*, streamer: Streamer, context: AuditContext) -> Streamer:
    """Authority staff record that they checked the streamer's documents (manual review level,
    valid IDENTIFICATION_VALIDITY_DAYS like a seller's)."""
    if not streamer.is_identity_verified:
        streamer_identity_record(
            streamer=streamer,
            level=IdentityLevel.MANUAL,
            expires_at=timezone.now() + _identification_validity(),
            context=context,
        )
    return streamer


@transaction.atomic
def streamer_identity_record(
    *, streamer: Streamer, level: str, expires_at: datetime | None, context: AuditContext
) -> Streamer:
    """Store the level a provider (manual review, the e-ID intermediary) gave the streamer."""
    if level not in SELLING_LEVELS:
        raise DomainError("identity_level", _("This identification level is not accepted."))
    before = snapshot(streamer, ["identity_level", "identity_expires_at"])
    now = timezone.now()
    changes = {
        "identity_verified_at": now,
        "identity_verified_by": context.actor,
        "identity_level": level,
        "identity_expires_at": expires_at,
    }
    Streamer.objects.filter(pk=streamer.pk).update(**changes)
    for name, value in changes.items():
        setattr(streamer, name, value)
    audit_record(
        context=context,
        action="livestream.streamer.verified",
        obj=streamer,
        before=before,
        after=snapshot(streamer, ["identity_level", "identity_expires_at"]),
    )
    return streamer


@transaction.atomic
def session_schedule(
    *,
    seller: Seller,
    host: User,
    title: str,
    description: str,
    scheduled_start: datetime,
    scheduled_end: datetime,
    player_url: str,
    context: AuditContext,
) -> LiveSession:
    """A seller schedules a session presented by `host`; refused for unverified sellers."""
    _require_verified_seller(seller)
    streamer = presenter_check(seller=seller, user=host)
    title = clean_line(title or "").strip()[:160]
    if not title:
        raise DomainError("title_missing", _("Give the session a title."), "title")
    if scheduled_end <= scheduled_start:
        raise DomainError(
            "end_before_start", _("The session must end after it starts."), "scheduled_end"
        )
    session = LiveSession.objects.create(
        seller=seller,
        host=host,
        streamer=streamer,
        title=title,
        description=clean_free_text(description or "").strip()[:2000],
        scheduled_start=scheduled_start,
        scheduled_end=scheduled_end,
        player_url=player_url_clean(player_url),
        created_by=context.actor,
    )
    history_start(SESSION, session, actor=context.actor)
    audit_record(context=context, action="livestream.session.scheduled", obj=session)
    return session


@transaction.atomic
def documents_confirm(
    *,
    session: LiveSession,
    business_conditions: bool,
    product_quality: bool,
    advertising: str,
    context: AuditContext,
) -> LiveSession:
    """The seller confirms the documents the law asks for before the session may go live."""
    if session.is_over:
        raise Conflict("session_over", _("This session is over."))
    if not (business_conditions and product_quality):
        raise DomainError(
            "documents_missing",
            _("Confirm the business conditions and the product quality documents."),
        )
    if advertising not in LiveSession.Advertising.values:
        raise DomainError(
            "advertising_missing",
            _("Say whether the advertising content was confirmed or is not required."),
            "advertising",
        )
    fields = ["business_conditions_confirmed", "product_quality_confirmed", "advertising"]
    before = snapshot(session, fields)
    now = timezone.now()
    changes = {
        "business_conditions_confirmed": True,
        "product_quality_confirmed": True,
        "advertising": advertising,
        "documents_confirmed_at": now,
        "documents_confirmed_by": context.actor,
    }
    LiveSession.objects.filter(pk=session.pk).update(**changes)
    for name, value in changes.items():
        setattr(session, name, value)
    audit_record(
        context=context,
        action="livestream.session.documents_confirmed",
        obj=session,
        before=before,
        after=snapshot(session, fields),
    )
    return session


def _status_event(session: LiveSession) -> dict[str, str]:
    return {"type": "status", "status": session.status}


@transaction.atomic
def session_go_live(*, session: LiveSession, user: User, context: AuditContext) -> LiveSession:
    """The presenter starts the session: the shop and presenter still verified, documents done."""
    _require_enabled()
    if user.pk != session.host_id:
        raise Forbidden("not_presenter", _("Only the presenter can start this session."))
    _require_verified_seller(session.seller)
    presenter_check(seller=session.seller, user=user)
    if not session.documents_confirmed:
        raise DomainError(
            "documents_not_confirmed",
            _("The shop must confirm the required documents before going live."),
        )
    transition(
        SESSION,
        session,
        to=S.LIVE,
        actor_kind=HOST,
        actor=user,
        fields={"started_at": timezone.now()},
        context=context,
    )
    publish(session.public_id, _status_event(session))
    return session


@transaction.atomic
def session_end(*, session: LiveSession, user: User, context: AuditContext) -> LiveSession:
    """The presenter (or the shop) ends the session for everyone."""
    actor_kind = HOST if user.pk == session.host_id else SELLER
    transition(
        SESSION,
        session,
        to=S.ENDED,
        actor_kind=actor_kind,
        actor=user,
        fields={"ended_at": timezone.now()},
        context=context,
    )
    publish(session.public_id, _status_event(session))
    return session


@transaction.atomic
def session_cancel(*, session: LiveSession, user: User, context: AuditContext) -> LiveSession:
    """The shop cancels a session that has not started."""
    transition(
        SESSION,
        session,
        to=S.CANCELLED,
        actor_kind=SELLER,
        actor=user,
        fields={"ended_at": timezone.now()},
        context=context,
    )
    return session


@transaction.atomic
def session_stop(
    *, session: LiveSession, user: User, reason: str, context: AuditContext
) -> LiveSession:
    """Platform or authority staff stop a session: it ends at once for every viewer (audited)."""
    reason = clean_line(reason or "").strip()[:300]
    if not reason:
        raise DomainError("stop_reason_missing", _("Give the reason for stopping."), "reason")
    transition(
        SESSION,
        session,
        to=S.STOPPED,
        actor_kind=STAFF,
        actor=user,
        note=reason,
        fields={"ended_at": timezone.now(), "stopped_by": user, "stop_reason": reason},
        context=context,
        audit_fields=["stop_reason"],
    )
    publish(session.public_id, {"type": "status", "status": session.status, "reason": reason})
    return session


def is_risky(product: Product) -> bool:
    """Goods risky to health or property need the warning overlay while pinned."""
    category = product.category
    if category is None:
        return False
    slugs = set(settings.LIVESTREAM_RISKY_CATEGORY_SLUGS)
    parent = category.parent if category.parent_id else None
    return category.slug in slugs or (parent is not None and parent.slug in slugs)


@transaction.atomic
def pin_add(*, session: LiveSession, product: Product, warning: str, user: User) -> LivePin:
    """Show one of the shop's published products for sale in the session."""
    if session.is_over:
        raise Conflict("session_over", _("This session is over."))
    if product.seller_id != session.seller_id or not product.is_published:
        raise NotFound()
    warning = clean_line(warning or "").strip()[:300]
    if is_risky(product) and len(warning) < 10:
        raise DomainError(
            "warning_required",
            _(
                "This product can harm health or property: write the warning viewers must see "
                "(at least 10 characters)."
            ),
            "warning",
        )
    if LivePin.objects.filter(session=session, product=product, unpinned_at__isnull=True).exists():
        raise Conflict("already_pinned", _("This product is already pinned."))
    pin = LivePin.objects.create(session=session, product=product, warning=warning, pinned_by=user)
    publish(session.public_id, {"type": "pins"})
    return pin


@transaction.atomic
def pin_remove(*, pin: LivePin) -> LivePin:
    if pin.unpinned_at is None:
        pin.unpinned_at = timezone.now()
        LivePin.objects.filter(pk=pin.pk).update(unpinned_at=pin.unpinned_at)
        publish(pin.session.public_id, {"type": "pins"})
    return pin


def _variant_of_pin(pin: LivePin, variant_id: int) -> ProductVariant:
    if pin.unpinned_at is not None or pin.session.status != S.LIVE:
        raise Conflict("pin_closed", _("This product is no longer on sale in the session."))
    variant: ProductVariant | None = ProductVariant.objects.filter(
        pk=variant_id, product_id=pin.product_id
    ).first()
    if variant is None:
        raise NotFound()
    return variant


def live_cart_add(*, cart: Cart, pin: LivePin, variant_id: int, quantity: int) -> CartLine | None:
    """Add a pinned product to the viewer's cart (the orders app's cart service)."""
    variant = _variant_of_pin(pin, variant_id)
    try:
        return order_services.cart_line_set(
            cart=cart, variant_id=variant.pk, quantity=quantity, add=True
        )
    except order_services.CartError as error:
        raise DomainError("cart_refused", str(error), "quantity") from error


@transaction.atomic
def live_buy(
    *,
    pin: LivePin,
    variant_id: int,
    quantity: int,
    buyer: User,
    street: str,
    ward: Ward,
    province: Province,
    recipient_name: str,
    recipient_phone: str,
    payment_method: str,
) -> Checkout:
    """Buy now ("Mua ngay") in a stream: one order through the orders checkout, linked to the session."""
    variant = _variant_of_pin(pin, variant_id)
    try:
        checkout = order_services.checkout_place(
            buyer=buyer,
            items=[(variant.pk, quantity)],
            street=street,
            ward=ward,
            province=province,
            recipient_name=recipient_name,
            recipient_phone=recipient_phone,
            payment_method=payment_method,
        )
    except order_services.CheckoutError as error:
        raise DomainError("checkout_refused", str(error)) from error
    LiveOrder.objects.bulk_create(
        LiveOrder(session_id=pin.session_id, order=order, pin=pin)
        for order in Order.objects.filter(checkout=checkout)
    )
    return checkout


@transaction.atomic
def sessions_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete sessions over for longer than the retention period, with everything they hold."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LIVESTREAM_RETENTION_DAYS)
    expired = LiveSession.objects.filter(
        status__in=[S.ENDED, S.STOPPED, S.CANCELLED], ended_at__lt=cutoff
    )
    counts = {
        "sessions": expired.count(),
        "comments": LiveComment.objects.filter(session__in=expired).count(),
    }
    counts["orders"], _by_model = LiveOrder.objects.filter(session__in=expired).delete()
    LiveSession.objects.filter(pk__in=expired.values("pk")).delete()
    return counts


def stream_complaint_noted(
    *,
    session: LiveSession,
    complaint_public_id: UUID | str,
    summary: str,
    product: Product | None = None,
) -> LiveComplaintNotice | None:
    """Compliance files a complaint about a session (or a product pinned in it): while the session
    runs, its presenter and moderators see it on the stream page at once. Viewers are told only
    that the list changed, never what it says."""
    if session.is_over:
        return None
    notice, created = LiveComplaintNotice.objects.get_or_create(
        complaint_public_id=complaint_public_id,
        defaults={
            "session": session,
            "product": product,
            "summary": clean_line(summary or "").strip()[:200],
        },
    )
    if created:
        publish(session.public_id, {"type": "complaints"})
    return notice
