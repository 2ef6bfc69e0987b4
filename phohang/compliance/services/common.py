"""What every compliance write shares: who acts, reasons, telling the seller."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.services import notification_send
from phohang.catalog.events import products_changed_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_free_text
from phohang.core.transitions import StateMachine, transition
from phohang.sellers.models import Seller, SellerMember

from ..models import Complaint, Takedown

AUTHORITY, PLATFORM, SELLER, BUYER, SYSTEM = "authority", "platform", "seller", "buyer", "system"


def reason_clean(text: str, *, field: str = "reason", minimum: int = 5) -> str:
    text = clean_free_text(text or "")[:4000]
    if len(text) < minimum:
        raise DomainError("reason_required", _("Write the reason (a few words at least)."), field)
    return text


def tell_seller(seller: Seller, *, title: str, body: str, link: str) -> None:
    for member in SellerMember.objects.filter(seller=seller, is_active=True).select_related("user"):
        notification_send(user=member.user, title=title, body=body, link=link)


def seller_listings_changed(seller: Seller) -> None:
    """Tell the catalog's projections that a seller's listings appeared or disappeared."""
    ids = list(
        Product.objects.filter(seller=seller, status=Product.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    products_changed_send(product_ids=ids, action="updated")


def is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def seller_reply[M: (Takedown, Complaint)](
    machine: StateMachine,
    case: M,
    *,
    seller: Seller,
    to: str,
    text: str,
    form_field: str,
    text_field: str,
    stamp_field: str,
    context: AuditContext,
) -> M:
    """The seller's written move on its own case (an appeal, an answer): someone else's case is
    not found; the text is required; one transition stores it with the time."""
    case = type(case)._default_manager.get(pk=case.pk)
    if case.seller_id != seller.pk:
        raise NotFound()
    text = reason_clean(text, field=form_field, minimum=10)
    return transition(
        machine,
        case,
        to=to,
        actor_kind=SELLER,
        actor=context.actor,
        fields={text_field: text, stamp_field: timezone.now()},
        context=context,
    )
