"""Buyer organisations, demands and offers: creation, changes and closing."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import Consent, User
from phohang.accounts.services import consent_grant, consent_is_given
from phohang.catalog.models import Category, Product
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError, Forbidden
from phohang.core.text import clean_free_text, clean_line
from phohang.geo.models import Province, Ward
from phohang.sellers.models import Seller, SellerMember

from ..matching import monthly_base, normalise_text, offer_terms_refresh
from ..models import (
    ALL_MONTHS,
    BuyerOrganisation,
    Demand,
    Frequency,
    Offer,
    Period,
    TradeUnit,
    base_quantity,
    certifications_to_mask,
    months_to_mask,
)
from .transitions import BUYER, SELLER, STAFF, history_add, transition

OCOP_STAR_CHOICES = (0, 3, 4, 5)


@dataclass
class DemandData:
    title: str
    category_id: int
    quantity: int
    unit: str
    frequency: str
    delivery_province_id: str
    delivery_start: date
    delivery_end: date
    closing_date: date
    description: str = ""
    product_id: int | None = None
    delivery_ward_id: str | None = None
    min_ocop_stars: int = 0
    certifications: list[str] = field(default_factory=list)
    price_ceiling_vnd: int | None = None
    visibility: str = Demand.Visibility.PUBLIC
    invited_seller_ids: list[int] = field(default_factory=list)


@dataclass
class OfferData:
    title: str
    category_id: int
    quantity: int
    unit: str
    period: str
    origin_province_id: str
    price_min_vnd: int
    price_max_vnd: int
    description: str = ""
    product_id: int | None = None
    season_months: list[int] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    ocop_stars: int = 0
    minimum_order: int = 0


def is_organisation_member(user: User, organisation: BuyerOrganisation) -> bool:
    return (
        user.is_authenticated and organisation.members.filter(pk=user.pk, is_active=True).exists()
    )


def is_seller_member(user: User, seller: Seller) -> bool:
    return (
        user.is_authenticated
        and SellerMember.objects.filter(seller=seller, user=user, is_active=True).exists()
    )


@transaction.atomic
def organisation_create(
    *, user: User, name: str, kind: str, province_id: str, tax_code: str = ""
) -> BuyerOrganisation:
    """Register a buying organisation with `user` as its first member."""
    name = clean_line(name)
    if len(name) < 2:
        raise DomainError("name_required", _("Enter the organisation's name."), "name")
    if kind not in BuyerOrganisation.Kind.values:
        raise DomainError("invalid_kind", _("Choose an organisation type."), "kind")
    if not Province.objects.filter(pk=province_id).exists():
        raise DomainError("invalid_province", _("Choose a province."), "province")
    organisation = BuyerOrganisation.objects.create(
        name=name, kind=kind, province_id=province_id, tax_code=tax_code, created_by=user
    )
    organisation.members.add(user)
    return organisation


def organisation_member_add(
    *, organisation: BuyerOrganisation, actor: User, user: User
) -> BuyerOrganisation:
    if not is_organisation_member(actor, organisation):
        raise Forbidden("not_member", _("You are not a member of this organisation."))
    organisation.members.add(user)
    return organisation


def _validate_quantity(quantity: int | None, unit: str) -> None:
    if quantity is None or int(quantity) <= 0:
        raise DomainError(
            "quantity_not_positive", _("The quantity must be greater than zero."), "quantity"
        )
    if int(quantity) > 2_000_000_000:
        raise DomainError("quantity_too_large", _("The quantity is too large."), "quantity")
    if unit not in TradeUnit.values:
        raise DomainError("invalid_unit", _("Choose a unit."), "unit")


def _validate_category(category_id: int) -> None:
    if not Category.objects.filter(pk=category_id, is_active=True).exists():
        raise DomainError("invalid_category", _("Choose a category."), "category")


def _validate_demand(data: DemandData, today: date) -> None:
    if not clean_line(data.title):
        raise DomainError("title_required", _("Describe what you need."), "title")
    _validate_category(data.category_id)
    _validate_quantity(data.quantity, data.unit)
    if data.frequency not in Frequency.values:
        raise DomainError("invalid_frequency", _("Choose how often you need it."), "frequency")
    if not Province.objects.filter(pk=data.delivery_province_id).exists():
        raise DomainError(
            "invalid_province", _("Choose the delivery province."), "delivery_province"
        )
    if (
        data.delivery_ward_id
        and not Ward.objects.filter(
            pk=data.delivery_ward_id, province_id=data.delivery_province_id
        ).exists()
    ):
        raise DomainError(
            "invalid_ward", _("This ward is not in the chosen province."), "delivery_ward"
        )
    if data.delivery_start < today:
        raise DomainError(
            "window_in_past", _("The delivery window cannot start in the past."), "delivery_start"
        )
    if data.delivery_end < data.delivery_start:
        raise DomainError(
            "window_reversed",
            _("The delivery window must end on or after its first day."),
            "delivery_end",
        )
    if data.closing_date < today:
        raise DomainError(
            "closing_in_past", _("The closing date cannot be before today."), "closing_date"
        )
    if data.closing_date > data.delivery_end:
        raise DomainError(
            "closing_after_window",
            _("Quotes must close before the delivery window ends."),
            "closing_date",
        )
    if data.min_ocop_stars not in OCOP_STAR_CHOICES:
        raise DomainError("invalid_ocop", _("OCOP ratings are 3, 4 or 5 stars."), "min_ocop_stars")
    if data.price_ceiling_vnd is not None and data.price_ceiling_vnd <= 0:
        raise DomainError(
            "price_not_positive",
            _("The price ceiling must be greater than zero."),
            "price_ceiling_vnd",
        )
    if data.visibility not in Demand.Visibility.values:
        raise DomainError("invalid_visibility", _("Choose who may see the demand."), "visibility")
    if data.visibility == Demand.Visibility.INVITED and not data.invited_seller_ids:
        raise DomainError(
            "no_invited_sellers",
            _("Invite at least one supplier, or make the demand public."),
            "invited_sellers",
        )


def _apply_demand(demand: Demand, data: DemandData) -> None:
    product = (
        Product.objects.filter(pk=data.product_id).only("id", "title", "category_id").first()
        if data.product_id
        else None
    )
    demand.title = clean_line(data.title)
    demand.description = clean_free_text(data.description)
    demand.category_id = data.category_id
    demand.product = product
    demand.quantity = int(data.quantity)
    demand.unit = data.unit
    demand.frequency = data.frequency
    demand.delivery_province_id = data.delivery_province_id
    demand.delivery_ward_id = data.delivery_ward_id or None
    demand.delivery_start = data.delivery_start
    demand.delivery_end = data.delivery_end
    demand.closing_date = data.closing_date
    demand.min_ocop_stars = data.min_ocop_stars
    demand.certifications_mask = certifications_to_mask(data.certifications)
    demand.price_ceiling_vnd = data.price_ceiling_vnd
    demand.visibility = data.visibility
    demand.unit_family, _base = base_quantity(demand.quantity, demand.unit)
    demand.monthly_base_quantity = monthly_base(demand.quantity, demand.unit, demand.frequency)
    demand.search_text = normalise_text(
        " ".join([demand.title, demand.description, product.title if product else ""])
    )
    demand.updated_at = timezone.now()


def _record_matching_consent(user: User, wants_notifications: bool | None) -> None:
    if wants_notifications and not consent_is_given(user=user, purpose=Consent.Purpose.MATCHING):
        consent_grant(user=user, purpose=Consent.Purpose.MATCHING)


@transaction.atomic
def demand_create(
    *,
    user: User,
    organisation: BuyerOrganisation,
    data: DemandData,
    wants_notifications: bool | None = None,
    today: date | None = None,
) -> Demand:
    """Post a demand for `organisation`; matching starts after commit."""
    from .matching_jobs import matching_start

    today = today or timezone.localdate()
    if not is_organisation_member(user, organisation):
        raise Forbidden("not_member", _("You are not a member of this organisation."))
    _validate_demand(data, today)
    demand = Demand(organisation=organisation, created_by=user)
    _apply_demand(demand, data)
    demand.save()
    if data.visibility == Demand.Visibility.INVITED:
        demand.invited_sellers.set(Seller.objects.filter(pk__in=data.invited_seller_ids))
    history_add(demand, actor=user)
    _record_matching_consent(user, wants_notifications)
    matching_start(demand=demand)
    return demand


@transaction.atomic
def demand_update(
    *, user: User, demand: Demand, data: DemandData, today: date | None = None
) -> Demand:
    """Change an open demand and match it again."""
    from .matching_jobs import matching_start

    today = today or timezone.localdate()
    if not is_organisation_member(user, demand.organisation):
        raise Forbidden("not_member", _("You are not a member of this organisation."))
    if demand.status != Demand.Status.OPEN:
        raise DomainError("demand_not_open", _("Only an open demand can be changed."))
    if data.quantity is not None and int(data.quantity) < demand.awarded_quantity:
        raise DomainError(
            "quantity_below_awarded",
            _("The quantity cannot be less than what is already awarded."),
            "quantity",
        )
    _validate_demand(data, today)
    _apply_demand(demand, data)
    demand.save()
    if data.visibility == Demand.Visibility.INVITED:
        demand.invited_sellers.set(Seller.objects.filter(pk__in=data.invited_seller_ids))
    else:
        demand.invited_sellers.clear()
    matching_start(demand=demand)
    return demand


@transaction.atomic
def demand_set_status(
    *, user: User, demand: Demand, status: str, context: AuditContext | None = None
) -> Demand:
    """Close, reopen or cancel a demand (its organisation's members, or platform admins)."""
    is_member = is_organisation_member(user, demand.organisation)
    if not (is_member or user.is_superuser):
        raise Forbidden("not_member", _("You are not a member of this organisation."))
    transition(
        demand, status, actor_kind=BUYER if is_member else STAFF, actor=user, context=context
    )
    return demand


def _validate_offer(data: OfferData) -> None:
    if not clean_line(data.title):
        raise DomainError("title_required", _("Name the product you offer."), "title")
    _validate_category(data.category_id)
    _validate_quantity(data.quantity, data.unit)
    if data.period not in Period.values:
        raise DomainError("invalid_period", _("Choose the period of the quantity."), "period")
    if not Province.objects.filter(pk=data.origin_province_id).exists():
        raise DomainError("invalid_province", _("Choose the origin province."), "origin_province")
    if data.price_min_vnd is None or data.price_min_vnd <= 0:
        raise DomainError(
            "price_not_positive", _("Prices must be greater than zero."), "price_min_vnd"
        )
    if data.price_max_vnd is None or data.price_max_vnd < data.price_min_vnd:
        raise DomainError(
            "price_range_reversed",
            _("The highest price must not be below the lowest."),
            "price_max_vnd",
        )
    if any(not 1 <= int(month) <= 12 for month in data.season_months):
        raise DomainError("invalid_month", _("Months are 1 to 12."), "season_months")
    if data.ocop_stars not in OCOP_STAR_CHOICES:
        raise DomainError("invalid_ocop", _("OCOP ratings are 3, 4 or 5 stars."), "ocop_stars")
    if data.minimum_order < 0:
        raise DomainError(
            "minimum_negative", _("The minimum order cannot be negative."), "minimum_order"
        )


def _apply_offer(offer: Offer, data: OfferData) -> None:
    product = (
        Product.objects.filter(pk=data.product_id, seller_id=offer.seller_id).first()
        if data.product_id
        else None
    )
    offer.title = clean_line(data.title)
    offer.description = clean_free_text(data.description)
    offer.category_id = data.category_id
    offer.product = product
    offer.quantity = int(data.quantity)
    offer.unit = data.unit
    offer.period = data.period
    offer.season_mask = months_to_mask(data.season_months) or ALL_MONTHS
    offer.origin_province_id = data.origin_province_id
    offer.price_min_vnd = data.price_min_vnd
    offer.price_max_vnd = data.price_max_vnd
    offer.certifications_mask = certifications_to_mask(data.certifications)
    offer.ocop_stars = data.ocop_stars
    offer.minimum_order = data.minimum_order
    offer.unit_family, _base = base_quantity(offer.quantity, offer.unit)
    offer.monthly_base_quantity = monthly_base(offer.quantity, offer.unit, offer.period)
    offer.minimum_order_base = base_quantity(data.minimum_order, offer.unit)[1]
    offer.search_text = normalise_text(
        " ".join([offer.title, offer.description, product.title if product else ""])
    )
    offer.updated_at = timezone.now()


@transaction.atomic
def offer_create(
    *, user: User, seller: Seller, data: OfferData, wants_notifications: bool | None = None
) -> Offer:
    """Post supply capacity for an approved seller; matching starts after commit."""
    from .matching_jobs import matching_start

    if not is_seller_member(user, seller):
        raise Forbidden("not_member", _("You do not work for this seller."))
    if not seller.can_publish:
        raise Forbidden("seller_not_approved", _("Only approved, active sellers can post offers."))
    _validate_offer(data)
    offer = Offer(seller=seller, created_by=user)
    _apply_offer(offer, data)
    offer.save()
    offer_terms_refresh(offer)
    history_add(offer, actor=user)
    _record_matching_consent(user, wants_notifications)
    matching_start(offer=offer)
    return offer


@transaction.atomic
def offer_update(*, user: User, offer: Offer, data: OfferData) -> Offer:
    from .matching_jobs import matching_start

    if not is_seller_member(user, offer.seller):
        raise Forbidden("not_member", _("You do not work for this seller."))
    if offer.status == Offer.Status.WITHDRAWN:
        raise DomainError("offer_withdrawn", _("A withdrawn offer cannot be changed."))
    _validate_offer(data)
    _apply_offer(offer, data)
    offer.save()
    offer_terms_refresh(offer)
    matching_start(offer=offer)
    return offer


@transaction.atomic
def offer_set_status(
    *, user: User, offer: Offer, status: str, context: AuditContext | None = None
) -> Offer:
    """Pause, resume or withdraw an offer (its seller's members)."""
    if not is_seller_member(user, offer.seller):
        raise Forbidden("not_member", _("You do not work for this seller."))
    return transition(offer, status, actor_kind=SELLER, actor=user, context=context)
