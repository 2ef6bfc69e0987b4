"""Buyer–seller messages over /api/v1/messages/; only the two parties (and moderators) see one."""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from phohang.catalog.models import Product
from phohang.core.api import CappedPageNumberPagination, api_error
from phohang.core.errors import NotFound
from phohang.orders.models import Order
from phohang.sellers.models import Seller

from . import selectors, services
from .models import MAX_MESSAGE_LENGTH, Message

router = Router(tags=["messages"])
PUBLIC_OPERATIONS: frozenset[str] = frozenset()


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_LENGTH)
    product: UUID | None = None
    order: UUID | None = None


class ConversationIn(MessageIn):
    seller: UUID


class ReportIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class MessageOut(Schema):
    id: UUID = Field(alias="public_id")
    side: str
    body: str
    product: UUID | None = None
    order: UUID | None = None
    created_at: datetime
    is_hidden: bool

    @staticmethod
    def resolve_body(message: Message) -> str:
        return "" if message.is_hidden else message.body

    @staticmethod
    def resolve_product(message: Message) -> UUID | None:
        return message.product.public_id if message.product else None

    @staticmethod
    def resolve_order(message: Message) -> UUID | None:
        return message.order.public_id if message.order else None


class ConversationOut(Schema):
    id: UUID = Field(alias="public_id")
    seller: UUID
    seller_name: str
    last_message_at: datetime

    @staticmethod
    def resolve_seller(conversation) -> UUID:
        return conversation.seller.public_id

    @staticmethod
    def resolve_seller_name(conversation) -> str:
        return conversation.seller.name


class ConversationDetailOut(ConversationOut):
    side: str
    messages: list[MessageOut]


class UnreadOut(Schema):
    unread: int


def _subject(user, seller_id: int, payload: MessageIn):
    product = order = None
    if payload.product:
        product = Product.objects.filter(
            public_id=payload.product, seller_id=seller_id, status=Product.Status.PUBLISHED
        ).first()
        if product is None:
            raise NotFound()
    if payload.order:
        order = Order.objects.filter(
            public_id=payload.order, seller_id=seller_id, buyer=user
        ).first()
        if order is None:
            raise NotFound()
    return product, order


class _Detail:
    """Attribute view of a conversation with the reader's side, for the detail schema."""

    def __init__(self, conversation, side: str):
        self.public_id = conversation.public_id
        self.seller = conversation.seller
        self.last_message_at = conversation.last_message_at
        self.side = side
        self.messages = list(selectors.message_list(conversation))


@router.get("/unread", response=UnreadOut, summary="How many messages you have not read")
def unread(request):
    return {"unread": selectors.unread_message_count(request.user)}


@router.get("/conversations", response=list[ConversationOut], summary="Your conversations")
@paginate(CappedPageNumberPagination)
def conversation_list(request):
    return selectors.conversation_list_for(request.user)


@router.post(
    "/conversations",
    response={201: ConversationDetailOut},
    summary="Message a shop (?product or ?order optional); one conversation per buyer and shop",
)
def conversation_start(request, payload: ConversationIn):
    seller = Seller.objects.filter(
        public_id=payload.seller, is_active=True, is_verified=True
    ).first()
    if seller is None:
        raise NotFound()
    product, order = _subject(request.user, seller.pk, payload)
    conversation = services.conversation_open(
        buyer=request.user, seller=seller, body=payload.body, product=product, order=order
    )
    return 201, _Detail(conversation, Message.Side.BUYER)


def _party_get[T](lookup: Callable[[Any, UUID], T], request, public_id: UUID) -> T:
    """What the selector finds for the signed-in party; the API's 404 where it finds nothing."""
    try:
        return lookup(request.user, public_id)
    except Http404 as error:
        raise NotFound() from error


@router.get(
    "/conversations/{public_id}",
    response=ConversationDetailOut,
    summary="One conversation with its messages (marks them read)",
)
def conversation_detail(request, public_id: UUID):
    conversation, side = _party_get(selectors.conversation_get_for, request, public_id)
    if side in Message.Side.values:
        services.conversation_mark_read(conversation=conversation, side=side)
    return _Detail(conversation, side)


@router.post(
    "/conversations/{public_id}/messages",
    response={201: MessageOut},
    summary="Send a message in a conversation you are part of",
)
def message_create(request, public_id: UUID, payload: MessageIn):
    conversation, side = _party_get(selectors.conversation_get_for, request, public_id)
    if side not in Message.Side.values:
        raise api_error(403, "not_a_party", _("Only the buyer and the shop write here."))
    product, order = _subject(conversation.buyer, conversation.seller_id, payload)
    message = services.message_send(
        conversation=conversation,
        sender=request.user,
        side=side,
        body=payload.body,
        product=product,
        order=order,
    )
    return 201, message


@router.post(
    "/messages/{public_id}/report",
    response={201: dict},
    summary="Report a message sent to you to the moderators",
)
def message_report(request, public_id: UUID, payload: ReportIn):
    message, side = _party_get(selectors.message_get_for, request, public_id)
    if side not in Message.Side.values or message.side == side:
        raise NotFound()
    services.message_report(message=message, reporter=request.user, reason=payload.reason)
    return 201, {"reported": True}
