"""Every write of buyer–seller messages: open, send, read, report, hide, purge."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import NotificationKind, Role, User
from phohang.accounts.services import notification_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_free_text
from phohang.orders.models import Order
from phohang.sellers.models import Seller, SellerMember

from .models import MAX_MESSAGE_LENGTH, Conversation, Message, MessageReport

MODERATOR_ROLES = (Role.AUTHORITY, Role.CITY_AUTHORITY, Role.ADMIN)


def is_moderator(user: User, conversation: Conversation | None = None) -> bool:
    """Authority staff and admins moderate; a province officer only their province's shops."""
    if not user.is_authenticated or not any(user.has_role(role) for role in MODERATOR_ROLES):
        return False
    if conversation is None:
        return True
    return bool(user.province_scope.covers(conversation.seller.province_id))


def retention_days() -> int:
    return settings.MESSAGE_RETENTION_DAYS


def _clean_body(body: str) -> str:
    body = clean_free_text(body or "").strip()
    if not body:
        raise DomainError("message_empty", _("Write a message first."), "body")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise DomainError(
            "message_too_long",
            _("A message can be at most 2,000 characters long."),
            "body",
        )
    return body


def _notify_other_side(conversation: Conversation, message: Message) -> None:
    """The buyer, or every active member of the shop, hears of a new message."""
    if message.side == Message.Side.BUYER:
        recipients = [
            member.user
            for member in SellerMember.objects.filter(
                seller_id=conversation.seller_id, is_active=True
            ).select_related("user")
        ]
        title = _("New message from a buyer to %(shop)s") % {"shop": conversation.seller.name}
    else:
        recipients = [conversation.buyer]
        title = _("New message from %(shop)s") % {"shop": conversation.seller.name}
    for user in recipients:
        notification_send(
            user=user,
            title=str(title)[:200],
            body=message.body[:200],
            link=conversation.get_absolute_url(),
            kind=NotificationKind.MESSAGES,
        )


@transaction.atomic
def message_send(
    *,
    conversation: Conversation,
    sender: User,
    side: str,
    body: str,
    product: Product | None = None,
    order: Order | None = None,
) -> Message:
    """Add a message from `side` (checked by the caller's selector) and tell the other side."""
    body = _clean_body(body)
    if product is not None and product.seller_id != conversation.seller_id:
        raise DomainError("product_of_other_shop", _("This product is sold by another shop."))
    if order is not None and (
        order.seller_id != conversation.seller_id or order.buyer_id != conversation.buyer_id
    ):
        raise NotFound()
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        side=side,
        body=body,
        product=product,
        order=order,
        created_at=now,
    )
    read_field = "buyer_read_at" if side == Message.Side.BUYER else "seller_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now, **{read_field: now})
    conversation.last_message_at = now
    setattr(conversation, read_field, now)
    _notify_other_side(conversation, message)
    return message


@transaction.atomic
def conversation_open(
    *,
    buyer: User,
    seller: Seller,
    body: str,
    product: Product | None = None,
    order: Order | None = None,
) -> Conversation:
    """The buyer's conversation with `seller` (created once per pair), with a new message."""
    if not (seller.is_active and seller.is_verified):
        raise NotFound()
    if SellerMember.objects.filter(seller=seller, user=buyer, is_active=True).exists():
        raise DomainError("message_own_shop", _("You cannot message your own shop."))
    conversation = Conversation.objects.filter(buyer=buyer, seller=seller).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(buyer=buyer, seller=seller)
        except IntegrityError:
            # Two first messages at once: both land in the one conversation.
            conversation = Conversation.objects.get(buyer=buyer, seller=seller)
    message_send(
        conversation=conversation,
        sender=buyer,
        side=Message.Side.BUYER,
        body=body,
        product=product,
        order=order,
    )
    return conversation


def conversation_mark_read(*, conversation: Conversation, side: str) -> None:
    """Move `side`'s reading position to now; moderators leave it alone."""
    if side not in Message.Side.values:
        return
    field = f"{side}_read_at"
    now = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(**{field: now})
    setattr(conversation, field, now)


@transaction.atomic
def message_report(*, message: Message, reporter: User, reason: str) -> MessageReport:
    """A party reports a message to the moderators; reporting twice keeps one report."""
    reason = clean_free_text(reason or "").strip()[:300]
    if not reason:
        raise DomainError("report_reason_missing", _("Say what is wrong with this message."))
    report, _created = MessageReport.objects.get_or_create(
        message=message, reporter=reporter, defaults={"reason": reason}
    )
    return report


@transaction.atomic
def message_hide(*, message: Message, reason: str, context: AuditContext) -> Message:
    """A moderator hides a message (its text no longer shown) and closes its reports; audited."""
    reason = clean_free_text(reason or "").strip()[:300]
    if not reason:
        raise DomainError("hide_reason_missing", _("Give the reason for hiding the message."))
    if message.hidden_at is not None:
        return message
    before = snapshot(message, ["hidden_at", "hidden_reason"])
    now = timezone.now()
    updated = Message.objects.filter(pk=message.pk, hidden_at__isnull=True).update(
        hidden_at=now, hidden_reason=reason
    )
    if not updated:
        return Message.objects.get(pk=message.pk)
    message.hidden_at, message.hidden_reason = now, reason
    MessageReport.objects.filter(message=message, resolved_at__isnull=True).update(resolved_at=now)
    audit_record(
        context=context,
        action="messaging.message.hidden",
        obj=message,
        before=before,
        after=snapshot(message, ["hidden_at", "hidden_reason"]),
    )
    return message


@transaction.atomic
def messages_purge(*, now: datetime | None = None) -> int:
    """Delete messages older than the retention period and conversations left empty."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    deleted, _by_model = Message.objects.filter(created_at__lt=cutoff).delete()
    Conversation.objects.filter(last_message_at__lt=cutoff, messages__isnull=True).delete()
    return deleted
