"""Manufacturers' capabilities, the key-industrial-product tag, and sourcing needs sent to B2B."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_line, search_fold
from phohang.trade import services as trade_services
from phohang.trade.models import BuyerOrganisation, Demand

from ..models import Certification, KeyProduct, Manufacturer, ManufacturerTerm
from ..vocabulary import PROCESS_BY_CODE

TERM_LENGTH = ManufacturerTerm._meta.get_field("term").max_length or 40


def manufacturer_search_text(
    *,
    name: str,
    processes: Iterable[str],
    materials: str,
    certifications: Iterable[str],
    description: str = "",
) -> str:
    """The folded text capability search looks in: name, processes in both languages and their
    other names, materials, certifications."""
    words = [name, materials, description[:300]]
    for code in processes:
        process = PROCESS_BY_CODE.get(code)
        if process:
            words += [process.name_vi, process.name_en, process.words]
    words += [Certification(code).label for code in certifications if code in Certification.values]
    return " " + search_fold(" ".join(words)) + " "


def search_terms(search_text: str) -> set[str]:
    """The distinct words of a search text, each cut to the term column's length."""
    return {word[:TERM_LENGTH] for word in search_text.split()}


def manufacturer_terms(pairs: Iterable[tuple[int, str]]) -> list[ManufacturerTerm]:
    """Term rows for (manufacturer id, search text) pairs, ready for bulk_create."""
    return [
        ManufacturerTerm(manufacturer_id=pk, term=term)
        for pk, text in pairs
        for term in sorted(search_terms(text))
    ]


@transaction.atomic
def manufacturer_search_refresh(manufacturer: Manufacturer) -> None:
    """Recompute the folded search text and the term rows of one manufacturer."""
    manufacturer.search_text = manufacturer_search_text(
        name=manufacturer.name,
        processes=manufacturer.processes.values_list("code", flat=True),
        materials=manufacturer.materials,
        certifications=manufacturer.certifications.values_list("code", flat=True),
        description=manufacturer.description,
    )
    Manufacturer.objects.filter(pk=manufacturer.pk).update(search_text=manufacturer.search_text)
    ManufacturerTerm.objects.filter(manufacturer=manufacturer).delete()
    ManufacturerTerm.objects.bulk_create(
        manufacturer_terms([(manufacturer.pk, manufacturer.search_text)])
    )


def is_manufacturer_member(user: User, manufacturer: Manufacturer) -> bool:
    return bool(
        user.is_authenticated and manufacturer.members.filter(pk=user.pk, is_active=True).exists()
    )


def _authority_only(user: User, manufacturer: Manufacturer) -> None:
    """Officers tag the manufacturers of their own province (city-level officers every one)."""
    if not (user.is_authenticated and user.is_active and (user.is_authority or user.is_superuser)):
        raise NotFound()
    if not user.province_scope.covers(manufacturer.province_id):
        raise NotFound()


@transaction.atomic
def key_product_tag(
    *,
    user: User,
    manufacturer: Manufacturer,
    name: str,
    year: int,
    context: AuditContext | None = None,
) -> KeyProduct:
    """Authority staff put one of the manufacturer's products in the key-product programme."""
    _authority_only(user, manufacturer)
    name = clean_line(name)[:200]
    if not name:
        raise DomainError("name_required", _("Name the product."), "name")
    if not 2000 <= int(year) <= date.today().year + 1:
        raise DomainError("year_invalid", _("Enter the year it was recognised."), "year")
    if KeyProduct.objects.filter(manufacturer=manufacturer, name=name).exists():
        raise DomainError("already_tagged", _("This product is already tagged."), "name")
    product = KeyProduct.objects.create(
        manufacturer=manufacturer, name=name, year=int(year), tagged_by=user
    )
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.key_product.tagged",
        obj=manufacturer,
        after={"product": name, "year": int(year)},
    )
    return product


@transaction.atomic
def key_product_untag(
    *, user: User, product: KeyProduct, context: AuditContext | None = None
) -> None:
    _authority_only(user, product.manufacturer)
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.key_product.untagged",
        obj=product.manufacturer,
        before={"product": product.name, "year": product.year},
    )
    product.delete()


@dataclass
class SourcingNeed:
    """A manufacturer's need for parts or processing, posted as a B2B demand."""

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
    organisation_name: str = ""


@transaction.atomic
def sourcing_need_post(*, user: User, need: SourcingNeed) -> Demand:
    """Post the need through trade's demand service, so B2B matching finds suppliers for it; the
    user's manufacturer organisation is created on first use."""
    organisation = (
        BuyerOrganisation.objects.filter(members=user, kind=BuyerOrganisation.Kind.MANUFACTURER)
        .order_by("id")
        .first()
    )
    if organisation is None:
        name = clean_line(need.organisation_name)
        if len(name) < 2:
            raise DomainError(
                "organisation_required", _("Enter your company's name."), "organisation_name"
            )
        province_id = need.delivery_province_id
        organisation = trade_services.organisation_create(
            user=user,
            name=name,
            kind=BuyerOrganisation.Kind.MANUFACTURER,
            province_id=province_id,
        )
    data = trade_services.DemandData(
        title=need.title,
        category_id=need.category_id,
        quantity=need.quantity,
        unit=need.unit,
        frequency=need.frequency,
        delivery_province_id=need.delivery_province_id,
        delivery_start=need.delivery_start,
        delivery_end=need.delivery_end,
        closing_date=need.closing_date,
        description=need.description,
    )
    return trade_services.demand_create(user=user, organisation=organisation, data=data)
