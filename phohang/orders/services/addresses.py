"""The buyer's address book: several delivery addresses, at most one default."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.errors import DomainError
from phohang.geo.models import Address, Province, Ward

from ..models import SavedAddress

MAX_SAVED_ADDRESSES = 20


class AddressBookFull(DomainError):
    """The buyer already keeps the most addresses allowed."""

    def __init__(self) -> None:
        super().__init__(
            "address_book_full",
            _("Your address book is full (20 addresses). Delete one you no longer use."),
        )


def _fields_valid(
    *,
    street: str,
    ward: Ward | None,
    province: Province | None,
    recipient_name: str,
    recipient_phone: str,
) -> tuple[Ward, Province]:
    """The ward and its province, once the fields make a deliverable address."""
    if ward is None or province is None or ward.province_id != province.pk:
        raise DomainError(
            "ward_not_in_province", _("This ward is not in the chosen province."), "ward"
        )
    if not street.strip() or not recipient_name.strip() or not recipient_phone.strip():
        raise DomainError(
            "address_incomplete", _("Recipient name, phone and street address are required.")
        )
    return ward, province


@transaction.atomic
def saved_address_add(
    *,
    user: User,
    street: str,
    ward: Ward | None,
    province: Province | None,
    recipient_name: str,
    recipient_phone: str,
    label: str = "",
    make_default: bool = False,
) -> SavedAddress:
    """Add an address to `user`'s book; the first one, or one asked to be, becomes the default."""
    ward, province = _fields_valid(
        street=street,
        ward=ward,
        province=province,
        recipient_name=recipient_name,
        recipient_phone=recipient_phone,
    )
    existing = SavedAddress.objects.filter(user=user)
    if existing.count() >= MAX_SAVED_ADDRESSES:
        raise AddressBookFull
    same = existing.filter(
        address__street=street.strip(),
        address__ward=ward,
        recipient_name=recipient_name.strip(),
        recipient_phone=recipient_phone.strip(),
    ).first()
    if same is not None:
        # Checking out twice to the same place keeps one entry.
        if make_default and not same.is_default:
            return saved_address_make_default(user=user, saved=same)
        return same
    is_default = make_default or not existing.exists()
    if is_default:
        existing.filter(is_default=True).update(is_default=False)
    address = Address.objects.create(street=street.strip(), ward=ward, province=province)
    return SavedAddress.objects.create(
        user=user,
        label=label.strip()[:60],
        recipient_name=recipient_name.strip(),
        recipient_phone=recipient_phone.strip(),
        address=address,
        is_default=is_default,
    )


@transaction.atomic
def saved_address_update(
    *,
    saved: SavedAddress,
    street: str,
    ward: Ward | None,
    province: Province | None,
    recipient_name: str,
    recipient_phone: str,
    label: str = "",
) -> SavedAddress:
    """Change an entry; a new Address row, since orders keep pointing at the old one."""
    ward, province = _fields_valid(
        street=street,
        ward=ward,
        province=province,
        recipient_name=recipient_name,
        recipient_phone=recipient_phone,
    )
    saved.address = Address.objects.create(street=street.strip(), ward=ward, province=province)
    saved.label = label.strip()[:60]
    saved.recipient_name = recipient_name.strip()
    saved.recipient_phone = recipient_phone.strip()
    saved.save(update_fields=["address", "label", "recipient_name", "recipient_phone"])
    return saved


@transaction.atomic
def saved_address_make_default(*, user: User, saved: SavedAddress) -> SavedAddress:
    SavedAddress.objects.filter(user=user, is_default=True).exclude(pk=saved.pk).update(
        is_default=False
    )
    SavedAddress.objects.filter(pk=saved.pk, user=user).update(is_default=True)
    saved.is_default = True
    return saved


@transaction.atomic
def saved_address_delete(*, user: User, saved: SavedAddress) -> None:
    """Remove an entry; when it was the default, the newest remaining one takes its place."""
    was_default = saved.is_default
    SavedAddress.objects.filter(pk=saved.pk, user=user).delete()
    if was_default:
        successor = SavedAddress.objects.filter(user=user).order_by("-created_at", "-id").first()
        if successor is not None:
            saved_address_make_default(user=user, saved=successor)
