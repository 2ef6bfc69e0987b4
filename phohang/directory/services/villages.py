"""A craft village's board or authority staff link the marketplace shops of the village."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.sellers.models import Seller

from ..models import CraftVillage

MAX_SHOPS_PER_VILLAGE = 200


def can_manage_village(user: User, village: CraftVillage) -> bool:
    """Its board members, and authority staff of its province."""
    if not (user.is_authenticated and user.is_active):
        return False
    if village.board.filter(pk=user.pk).exists():
        return True
    return bool(
        (user.is_authority or user.is_superuser) and user.province_scope.covers(village.province_id)
    )


def _audit(
    user: User, village: CraftVillage, action: str, seller: Seller, context: AuditContext | None
) -> None:
    audit_record(
        context=context or AuditContext(actor=user),
        action=action,
        obj=village,
        object_id=village.slug,
        after={"seller": str(seller.public_id), "name": seller.name},
    )


@transaction.atomic
def village_shop_link(
    *, user: User, village: CraftVillage, seller: Seller, context: AuditContext | None = None
) -> None:
    """Show an active shop on the village page, with its products."""
    if not can_manage_village(user, village):
        raise NotFound()
    if not seller.is_active:
        raise DomainError("shop_inactive", _("This shop is not open on Phố Hàng."), "seller")
    # Lock the village row so two board members cannot both pass the limit.
    CraftVillage.objects.select_for_update().filter(pk=village.pk).first()
    if village.sellers.filter(pk=seller.pk).exists():
        raise DomainError("already_linked", _("This shop is already linked."), "seller")
    if village.sellers.count() >= MAX_SHOPS_PER_VILLAGE:
        raise DomainError("too_many_shops", _("A village links at most 200 shops."), "seller")
    village.sellers.add(seller)
    _audit(user, village, "directory.village.shop_linked", seller, context)


@transaction.atomic
def village_shop_unlink(
    *, user: User, village: CraftVillage, seller: Seller, context: AuditContext | None = None
) -> None:
    """Take a shop off the village page."""
    if not can_manage_village(user, village):
        raise NotFound()
    if not village.sellers.filter(pk=seller.pk).exists():
        raise DomainError("not_linked", _("This shop is not linked to the village."), "seller")
    village.sellers.remove(seller)
    _audit(user, village, "directory.village.shop_unlinked", seller, context)
