"""Reads of conversations: only the two parties (and moderators) ever find one."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from phohang.accounts.models import User
from phohang.orders.selectors import seller_ids_for_user
from phohang.sellers.models import Seller

from .models import Conversation, Message, MessageReport
from .services import is_moderator

MODERATOR = "moderator"


def _unread_from_seller() -> Q:
    return Q(messages__side=Message.Side.SELLER, messages__hidden_at__isnull=True) & (
        Q(buyer_read_at__isnull=True) | Q(messages__created_at__gt=F("buyer_read_at"))
    )


def _unread_from_buyer() -> Q:
    return Q(messages__side=Message.Side.BUYER, messages__hidden_at__isnull=True) & (
        Q(seller_read_at__isnull=True) | Q(messages__created_at__gt=F("seller_read_at"))
    )


def conversation_list_for(user: User) -> QuerySet[Conversation]:
    """The user's conversations as a buyer and as a shop member, newest first, with unread counts."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    shops = seller_ids_for_user(user)
    return (
        Conversation.objects.filter(Q(buyer=user) | Q(seller_id__in=shops))
        .select_related("seller", "buyer")
        .annotate(
            unread_as_buyer=Count("messages", filter=_unread_from_seller(), distinct=True),
            unread_as_seller=Count("messages", filter=_unread_from_buyer(), distinct=True),
        )
        .order_by("-last_message_at", "-id")
    )


def side_of(user: User, conversation: Conversation, shops: list[int] | None = None) -> str | None:
    if conversation.buyer_id == user.pk:
        return Message.Side.BUYER
    if conversation.seller_id in (shops if shops is not None else seller_ids_for_user(user)):
        return Message.Side.SELLER
    return None


def conversation_get_for(user: User, public_id: UUID | str) -> tuple[Conversation, str]:
    """The conversation and the viewer's side (buyer, seller or moderator); 404 for anyone else."""
    if not user.is_authenticated:
        raise Http404
    conversation = (
        Conversation.objects.filter(public_id=public_id).select_related("seller", "buyer").first()
    )
    if conversation is not None:
        side = side_of(user, conversation)
        if side is not None:
            return conversation, side
        if is_moderator(user, conversation):
            return conversation, MODERATOR
    raise Http404


def conversation_between(buyer: User, seller: Seller) -> Conversation | None:
    return Conversation.objects.filter(buyer=buyer, seller=seller).first()


def message_list(conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.select_related("product", "order").order_by("created_at", "id")


def message_get_for(user: User, public_id: UUID | str) -> tuple[Message, str]:
    """A message the user may act on (as a party or a moderator); 404 otherwise."""
    message = Message.objects.filter(public_id=public_id).select_related("conversation").first()
    if message is None:
        raise Http404
    _conversation, side = conversation_get_for(user, message.conversation.public_id)
    return message, side


def unread_message_count(user: User) -> int:
    """Messages from the other side the user has not seen, over all their conversations."""
    if not user.is_authenticated:
        return 0
    shops = seller_ids_for_user(user)
    as_buyer = Message.objects.filter(
        conversation__buyer=user, side=Message.Side.SELLER, hidden_at__isnull=True
    ).filter(
        Q(conversation__buyer_read_at__isnull=True)
        | Q(created_at__gt=F("conversation__buyer_read_at"))
    )
    count = as_buyer.count()
    if shops:
        count += (
            Message.objects.filter(
                conversation__seller_id__in=shops, side=Message.Side.BUYER, hidden_at__isnull=True
            )
            .filter(
                Q(conversation__seller_read_at__isnull=True)
                | Q(created_at__gt=F("conversation__seller_read_at"))
            )
            .count()
        )
    return count


def reported_message_list(user: User) -> QuerySet[Message]:
    """Messages with an open report in the moderator's provinces, the most reported first."""
    messages = user.province_scope.filter(
        Message.objects.all(), "conversation__seller__province_id"
    )
    return (
        messages.filter(reports__resolved_at__isnull=True)
        .select_related("conversation__seller", "conversation__buyer", "sender")
        .annotate(open_reports=Count("reports", distinct=True))
        .order_by("-open_reports", "created_at")
    )


def open_reports_of(message: Message) -> QuerySet[MessageReport]:
    return message.reports.filter(resolved_at__isnull=True).order_by("created_at")


RESPONSE_RATE_KEY = "messaging:response_rate"
# A conversation counts once its first question is a day old or answered; the rate looks at
# the questions of the last RESPONSE_RATE_DAYS and is kept in the shared cache for an hour.
RESPONSE_WINDOW = timedelta(hours=24)
RESPONSE_RATE_DAYS = 90
RESPONSE_RATE_SECONDS = 3600


@dataclass(frozen=True)
class ResponseRate:
    """Buyer conversations a shop was asked in, and how many it answered within 24 hours."""

    asked: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.asked) if self.asked else None


def seller_response_rate(seller_id: int, *, now: datetime | None = None) -> ResponseRate:
    """Share of buyer conversations the seller answered within 24 h (shared cache, an hour)."""
    key = f"{RESPONSE_RATE_KEY}:{seller_id}"
    rate = cache.get(key) if now is None else None
    if rate is None:
        rate = _response_rate(seller_id, now or timezone.now())
        cache.set(key, rate, RESPONSE_RATE_SECONDS)
    return rate


def _response_rate(seller_id: int, now: datetime) -> ResponseRate:
    """Each conversation's first buyer message of the window, answered if the shop wrote within
    RESPONSE_WINDOW after it; a question younger than that and unanswered is not judged yet."""
    since = now - timedelta(days=RESPONSE_RATE_DAYS)
    rows = (
        Message.objects.filter(conversation__seller_id=seller_id, created_at__gte=since)
        .order_by("conversation_id", "created_at", "id")
        .values_list("conversation_id", "side", "created_at")
    )
    asked_at: dict[int, datetime] = {}
    answered: set[int] = set()
    for conversation_id, side, created_at in rows.iterator(chunk_size=2000):
        if side == Message.Side.BUYER:
            asked_at.setdefault(conversation_id, created_at)
        elif (
            conversation_id in asked_at
            and created_at - asked_at[conversation_id] <= RESPONSE_WINDOW
        ):
            answered.add(conversation_id)
    judged = [
        pk for pk, asked in asked_at.items() if pk in answered or now - asked > RESPONSE_WINDOW
    ]
    return ResponseRate(asked=len(judged), answered=len(answered))
