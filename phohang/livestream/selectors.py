"""Reads of live selling: sessions for viewers, shops and staff; pins; recent comments."""

from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from phohang.accounts.models import ProvinceScope, User
from phohang.catalog.models import Product, ProductVariant
from phohang.core.errors import NotFound
from phohang.sellers.models import Seller, SellerMember

from .models import LiveComment, LiveComplaintNotice, LivePin, LiveSession, Streamer

S = LiveSession.Status
RECENT_COMMENTS = 50


def session_status(public_id: UUID | str) -> str | None:
    return LiveSession.objects.filter(public_id=public_id).values_list("status", flat=True).first()


def session_list_public() -> dict[str, list[LiveSession]]:
    """Live now, coming up and recently over, for the public index page."""
    base = LiveSession.objects.select_related("seller").filter(seller__is_active=True)
    return {
        "live": list(base.filter(status=S.LIVE).order_by("started_at")[:50]),
        "scheduled": list(
            base.filter(status=S.SCHEDULED, scheduled_end__gt=timezone.now()).order_by(
                "scheduled_start"
            )[:50]
        ),
        "past": list(base.filter(status__in=[S.ENDED, S.STOPPED]).order_by("-ended_at")[:20]),
    }


def session_get_public(public_id: UUID | str) -> LiveSession:
    session = (
        LiveSession.objects.select_related("seller", "seller__province", "host", "streamer")
        .filter(public_id=public_id)
        .first()
    )
    if session is None:
        raise NotFound()
    return session


def membership(user: User | AnonymousUser, seller_id: int) -> SellerMember | None:
    if not isinstance(user, User):
        return None
    return SellerMember.objects.filter(seller_id=seller_id, user=user, is_active=True).first()


def seller_of(user: User | AnonymousUser) -> Seller | None:
    """The shop the user works for (their first active membership)."""
    if not isinstance(user, User):
        return None
    member = (
        SellerMember.objects.filter(user=user, is_active=True)
        .select_related("seller")
        .order_by("joined_at", "id")
        .first()
    )
    return member.seller if member else None


def session_get_for_seller(user: User, public_id: UUID | str) -> LiveSession:
    """A session of a shop the user works for, or of which they are the presenter; else 404."""
    session = session_get_public(public_id)
    if membership(user, session.seller_id) is None and session.host_id != user.pk:
        raise NotFound()
    return session


def session_list_for_seller(seller: Seller) -> QuerySet[LiveSession]:
    return (
        LiveSession.objects.filter(seller=seller)
        .select_related("host")
        .order_by("-scheduled_start")
    )


def sessions_presented_by(user: User) -> QuerySet[LiveSession]:
    return LiveSession.objects.filter(host=user).select_related("seller")


def streamer_list(seller: Seller) -> QuerySet[Streamer]:
    return Streamer.objects.filter(seller=seller).select_related("user")


def streamers_to_verify(scope: ProvinceScope) -> QuerySet[Streamer]:
    """Streamers never identified, or whose identification has expired."""
    lapsed = Q(identity_verified_at__isnull=True) | Q(identity_expires_at__lte=timezone.now())
    rows = Streamer.objects.filter(lapsed, is_active=True)
    return scope.filter(rows.select_related("seller", "user"), "seller__province_id")


def presenters_for(seller: Seller) -> list[User]:
    """The people who may present the shop's sessions: its members and its streamers."""
    members = [
        member.user
        for member in SellerMember.objects.filter(seller=seller, is_active=True).select_related(
            "user"
        )
    ]
    streamers = [s.user for s in streamer_list(seller).filter(is_active=True)]
    seen: set[int] = set()
    people: list[User] = []
    for user in members + streamers:
        if user.pk not in seen:
            seen.add(user.pk)
            people.append(user)
    return people


def products_to_pin(seller: Seller) -> QuerySet[Product]:
    return Product.objects.published().filter(seller=seller).order_by("title")


def pins_active(session: LiveSession) -> list[LivePin]:
    variants = ProductVariant.objects.listed().order_by("position", "id")
    return list(
        LivePin.objects.filter(session=session, unpinned_at__isnull=True)
        .select_related("product", "product__category", "product__category__parent")
        .prefetch_related(Prefetch("product__variants", queryset=variants))
    )


def pin_get(session: LiveSession, pin_public_id: UUID | str) -> LivePin:
    pin = (
        LivePin.objects.select_related("session", "product")
        .filter(session=session, public_id=pin_public_id)
        .first()
    )
    if pin is None:
        raise NotFound()
    return pin


def comments_recent(session: LiveSession) -> list[LiveComment]:
    rows = LiveComment.objects.filter(session=session, hidden_at__isnull=True).order_by(
        "-created_at", "-id"
    )[:RECENT_COMMENTS]
    return list(reversed(rows))


def comment_get(public_id: UUID | str) -> LiveComment:
    comment = (
        LiveComment.objects.select_related("session", "session__seller")
        .filter(public_id=public_id)
        .first()
    )
    if comment is None:
        raise NotFound()
    return comment


def complaint_notices(session: LiveSession) -> list[LiveComplaintNotice]:
    """Complaints filed about the session while it ran, newest first (presenter, moderators)."""
    return list(LiveComplaintNotice.objects.filter(session=session).select_related("product")[:50])


@dataclass(frozen=True)
class PresenterIdentity:
    """Who presents and how their identity was established, for the stream page's badge."""

    name: str
    level: str
    is_current: bool
    is_streamer: bool


def presenter_identity(session: LiveSession) -> PresenterIdentity:
    """A registered streamer's own identification; a shop member presents under the shop's."""
    streamer = session.streamer
    if streamer is not None:
        return PresenterIdentity(
            name=streamer.display_name,
            level=streamer.get_identity_level_display(),
            is_current=streamer.is_identity_verified,
            is_streamer=True,
        )
    seller = session.seller
    return PresenterIdentity(
        name=session.host.full_name,
        level=seller.get_identity_level_display(),
        is_current=seller.can_publish,
        is_streamer=False,
    )
