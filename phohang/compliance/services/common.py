"""What every compliance write shares: who acts, reasons, telling the seller."""

from django.utils.translation import gettext_lazy as _

from phohang.accounts.services import notification_send
from phohang.catalog.events import products_changed_send
from phohang.catalog.models import Product
from phohang.core.errors import DomainError
from phohang.core.text import clean_free_text
from phohang.sellers.models import Seller, SellerMember

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
