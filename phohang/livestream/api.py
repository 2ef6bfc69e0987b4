"""Live selling over /api/v1/live/: public sessions, the shop's own sessions, the staff stop."""

from datetime import datetime
from uuid import UUID

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from phohang.core.api import CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import NotFound

from . import selectors, services
from .models import LiveSession

router = Router(tags=["livestream"])
PUBLIC_OPERATIONS = frozenset({"session_list", "session_detail"})


class PinOut(Schema):
    product: UUID
    title: str
    warning: str

    @staticmethod
    def resolve_product(pin) -> UUID:
        return pin.product.public_id

    @staticmethod
    def resolve_title(pin) -> str:
        return pin.product.title


class SessionOut(Schema):
    id: UUID = Field(alias="public_id")
    title: str
    seller: str
    status: str
    scheduled_start: datetime
    scheduled_end: datetime
    started_at: datetime | None
    ended_at: datetime | None
    player_url: str

    @staticmethod
    def resolve_seller(session: LiveSession) -> str:
        return session.seller.name


class SessionDetailOut(SessionOut):
    pins: list[PinOut] = Field(alias="pins_now")
    stop_reason: str


class SessionManageOut(SessionDetailOut):
    documents_confirmed_at: datetime | None
    advertising: str
    host: str
    orders: int

    @staticmethod
    def resolve_host(session: LiveSession) -> str:
        return session.host.full_name

    @staticmethod
    def resolve_orders(session: LiveSession) -> int:
        return session.orders.count()


class StopIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


def _detail(session: LiveSession) -> LiveSession:
    session.pins_now = selectors.pins_active(session)
    return session


@router.get("/sessions", response=list[SessionOut], auth=None, summary="Sessions live or coming up")
@paginate(CappedPageNumberPagination)
def session_list(request):
    rows = selectors.session_list_public()
    return rows["live"] + rows["scheduled"]


@router.get("/sessions/{public_id}", response=SessionDetailOut, auth=None, summary="One session")
def session_detail(request, public_id: UUID):
    return _detail(selectors.session_get_public(public_id))


@router.get(
    "/my/sessions/{public_id}",
    response=SessionManageOut,
    summary="A session of your shop (or one you present), with its documents and orders",
)
def session_manage(request, public_id: UUID):
    return _detail(selectors.session_get_for_seller(request.user, public_id))


@router.post(
    "/sessions/{public_id}/stop",
    response=SessionOut,
    summary="Stop a session for every viewer (platform and authority staff; audit-logged)",
)
def session_stop(request, public_id: UUID, payload: StopIn):
    session = selectors.session_get_public(public_id)
    if not services.is_live_staff(request.user, session):
        raise NotFound()
    return services.session_stop(
        session=session,
        user=request.user,
        reason=payload.reason,
        context=audit_context_from_request(request, purpose="livestream stop"),
    )
