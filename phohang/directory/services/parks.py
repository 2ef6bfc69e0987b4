"""Parks: operators propose changes, authority staff approve them; investors' inquiries become leads."""

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_free_text, clean_line
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.core.uploads import clean_document, clean_image

from ..models import (
    Inquiry,
    InquiryEvent,
    Park,
    ParkChange,
    ParkFile,
    Plot,
    Sector,
    sectors_to_mask,
)

OPERATOR, INVESTOR = "operator", "investor"
L = Inquiry.Status
LEAD = StateMachine(
    name="directory.lead",
    moves={
        (L.NEW, L.CONTACTED): {OPERATOR},
        (L.NEW, L.LOST): {OPERATOR},
        (L.CONTACTED, L.SITE_VISIT): {OPERATOR},
        (L.CONTACTED, L.LOST): {OPERATOR},
        (L.SITE_VISIT, L.SIGNED): {OPERATOR},
        (L.SITE_VISIT, L.LOST): {OPERATOR},
    },
    history=history_row(InquiryEvent, "inquiry"),
)
MAX_AREA_HA = Decimal("100000")


@dataclass
class ParkFacts:
    """What an operator may change about a park; applied only after review."""

    total_area_ha: Decimal
    free_area_ha: Decimal
    occupancy_percent: Decimal
    land_price_vnd_m2: int
    factory_rent_vnd_m2_month: int
    power_capacity_mva: Decimal
    water_m3_day: int
    wastewater_m3_day: int
    road_access: str = ""
    rail_access: str = ""
    port_access: str = ""
    incentives: str = ""
    description: str = ""
    sectors: tuple[str, ...] = ()

    @classmethod
    def of(cls, park: Park) -> "ParkFacts":
        return cls(
            total_area_ha=park.total_area_ha,
            free_area_ha=park.free_area_ha,
            occupancy_percent=park.occupancy_percent,
            land_price_vnd_m2=park.land_price_vnd_m2,
            factory_rent_vnd_m2_month=park.factory_rent_vnd_m2_month,
            power_capacity_mva=park.power_capacity_mva,
            water_m3_day=park.water_m3_day,
            wastewater_m3_day=park.wastewater_m3_day,
            road_access=park.road_access,
            rail_access=park.rail_access,
            port_access=park.port_access,
            incentives=park.incentives,
            description=park.description,
            sectors=tuple(park.sectors),
        )


def _decimal(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise DomainError("not_a_number", _("Enter a number."), field) from error
    if not number.is_finite():
        raise DomainError("not_a_number", _("Enter a number."), field)
    return number


def _validate_facts(facts: ParkFacts) -> ParkFacts:
    total = _decimal(facts.total_area_ha, "total_area_ha")
    free = _decimal(facts.free_area_ha, "free_area_ha")
    occupancy = _decimal(facts.occupancy_percent, "occupancy_percent")
    power = _decimal(facts.power_capacity_mva, "power_capacity_mva")
    if total < 0 or total > MAX_AREA_HA:
        raise DomainError(
            "area_negative",
            _("An area cannot be negative (or beyond 100,000 ha)."),
            "total_area_ha",
        )
    if free < 0:
        raise DomainError("area_negative", _("The free area cannot be negative."), "free_area_ha")
    if free > total:
        raise DomainError(
            "free_beyond_total",
            _("The free area cannot be larger than the total area."),
            "free_area_ha",
        )
    if occupancy < 0 or occupancy > 100:
        raise DomainError(
            "occupancy_range",
            _("Occupancy is a percentage between 0 and 100."),
            "occupancy_percent",
        )
    if power < 0:
        raise DomainError(
            "power_negative", _("The power capacity cannot be negative."), "power_capacity_mva"
        )
    for field in ("land_price_vnd_m2", "factory_rent_vnd_m2_month", "water_m3_day"):
        if int(getattr(facts, field)) < 0:
            raise DomainError("negative", _("This figure cannot be negative."), field)
    if int(facts.wastewater_m3_day) < 0:
        raise DomainError("negative", _("This figure cannot be negative."), "wastewater_m3_day")
    unknown = set(facts.sectors) - set(Sector.values)
    if unknown:
        raise DomainError("invalid_sector", _("Choose sectors from the list."), "sectors")
    return ParkFacts(
        total_area_ha=total.quantize(Decimal("0.01")),
        free_area_ha=free.quantize(Decimal("0.01")),
        occupancy_percent=occupancy.quantize(Decimal("0.1")),
        land_price_vnd_m2=int(facts.land_price_vnd_m2),
        factory_rent_vnd_m2_month=int(facts.factory_rent_vnd_m2_month),
        power_capacity_mva=power.quantize(Decimal("0.1")),
        water_m3_day=int(facts.water_m3_day),
        wastewater_m3_day=int(facts.wastewater_m3_day),
        road_access=clean_line(facts.road_access)[:300],
        rail_access=clean_line(facts.rail_access)[:300],
        port_access=clean_line(facts.port_access)[:300],
        incentives=clean_free_text(facts.incentives),
        description=clean_free_text(facts.description),
        sectors=tuple(code for code in Sector.values if code in set(facts.sectors)),
    )


def is_park_operator(user: User, park: Park) -> bool:
    return bool(
        user.is_authenticated and park.operator.members.filter(pk=user.pk, is_active=True).exists()
    )


def _operator_only(user: User, park: Park) -> None:
    """Another operator's park answers like a park that does not exist."""
    if not is_park_operator(user, park):
        raise NotFound()


def _json_facts(facts: ParkFacts) -> dict[str, Any]:
    data = asdict(facts)
    for key, value in data.items():
        if isinstance(value, Decimal):
            data[key] = str(value)
        elif isinstance(value, tuple):
            data[key] = list(value)
    return data


@transaction.atomic
def park_facts_propose(
    *, user: User, park: Park, facts: ParkFacts, context: AuditContext | None = None
) -> ParkChange:
    """An operator's new figures for `park`, kept aside until authority staff approve them."""
    _operator_only(user, park)
    checked = _validate_facts(facts)
    change = ParkChange.objects.create(
        park=park, kind=ParkChange.Kind.FACTS, data=_json_facts(checked), proposed_by=user
    )
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.park_change.proposed",
        obj=park,
        after={"change": str(change.public_id), **change.data},
    )
    return change


@dataclass
class PlotData:
    code: str
    kind: str
    area_m2: Decimal
    price_vnd_m2: int
    availability: str = Plot.Availability.AVAILABLE


def _validate_plot(data: PlotData) -> dict[str, str | int]:
    code = clean_line(data.code)[:30]
    if not code:
        raise DomainError("code_required", _("Give the plot a code."), "code")
    if data.kind not in Plot.Kind.values:
        raise DomainError("invalid_kind", _("Choose land or a ready-built factory."), "kind")
    area = _decimal(data.area_m2, "area_m2")
    if area <= 0:
        raise DomainError("area_negative", _("The area must be greater than zero."), "area_m2")
    if int(data.price_vnd_m2) < 0:
        raise DomainError("negative", _("The price cannot be negative."), "price_vnd_m2")
    if data.availability not in Plot.Availability.values:
        raise DomainError("invalid_availability", _("Choose an availability."), "availability")
    return {
        "code": code,
        "kind": data.kind,
        "area_m2": str(area.quantize(Decimal("0.1"))),
        "price_vnd_m2": int(data.price_vnd_m2),
        "availability": data.availability,
    }


@transaction.atomic
def plot_propose(
    *,
    user: User,
    park: Park,
    data: PlotData,
    plot: Plot | None = None,
    context: AuditContext | None = None,
) -> ParkChange:
    """A new plot, or new figures for one of the park's plots, waiting for review."""
    _operator_only(user, park)
    if plot is not None and plot.park_id != park.pk:
        raise NotFound()
    change = ParkChange.objects.create(
        park=park, kind=ParkChange.Kind.PLOT, plot=plot, data=_validate_plot(data), proposed_by=user
    )
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.park_change.proposed",
        obj=park,
        after={"change": str(change.public_id), **change.data},
    )
    return change


@transaction.atomic
def park_file_propose(
    *,
    user: User,
    park: Park,
    kind: str,
    title: str,
    upload: UploadedFile[bytes],
    context: AuditContext | None = None,
) -> ParkChange:
    """A photo (re-encoded) or a document (PDF/JPEG/PNG), public once approved."""
    _operator_only(user, park)
    title = clean_line(title)[:160]
    if not title:
        raise DomainError("title_required", _("Give the file a title."), "title")
    if kind not in ParkFile.Kind.values:
        raise DomainError("invalid_kind", _("Choose a photo or a document."), "kind")
    try:
        clean = clean_image(upload) if kind == ParkFile.Kind.PHOTO else clean_document(upload)
    except ValidationError as error:
        raise DomainError("bad_file", error.messages[0], "file") from error
    change = ParkChange.objects.create(
        park=park, kind=ParkChange.Kind.FILE, data={"title": title, "kind": kind}, proposed_by=user
    )
    stored = ParkFile(
        park=park, change=change, kind=kind, title=title, content_type=clean.content_type
    )
    stored.file.save(f"{park.public_id}{clean.extension}", clean.content, save=False)
    stored.save()
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.park_change.proposed",
        obj=park,
        after={"change": str(change.public_id), "file": title},
    )
    return change


def _apply(change: ParkChange) -> None:
    park = change.park
    data = change.data
    if change.kind == ParkChange.Kind.FACTS:
        facts = _validate_facts(ParkFacts(**{**data, "sectors": tuple(data.get("sectors", ()))}))
        values = _json_facts(facts)
        values.pop("sectors")
        for field, value in values.items():
            setattr(park, field, value)
        park.sectors_mask = sectors_to_mask(facts.sectors)
        park.updated_at = timezone.now()
        park.save()
    elif change.kind == ParkChange.Kind.PLOT:
        if change.plot_id:
            Plot.objects.filter(pk=change.plot_id).update(**data)
        else:
            Plot.objects.update_or_create(park=park, code=data["code"], defaults=data)
        Park.objects.filter(pk=park.pk).update(updated_at=timezone.now())
    else:
        ParkFile.objects.filter(change=change).update(is_approved=True)


@transaction.atomic
def park_change_review(
    *,
    user: User,
    change: ParkChange,
    approve: bool,
    note: str = "",
    context: AuditContext | None = None,
) -> ParkChange:
    """Authority staff approve (the change goes public) or reject a proposed change; audit-logged."""
    if not user.province_scope.covers(change.park.province_id):
        raise NotFound()
    status = ParkChange.Status.APPROVED if approve else ParkChange.Status.REJECTED
    now = timezone.now()
    moved = ParkChange.objects.filter(pk=change.pk, status=ParkChange.Status.PENDING).update(
        status=status, reviewed_by=user, reviewed_at=now, review_note=clean_line(note)[:300]
    )
    if moved != 1:
        raise DomainError("already_reviewed", _("This change was already reviewed."))
    change.refresh_from_db()
    if approve:
        _apply(change)
    audit_record(
        context=context or AuditContext(actor=user),
        action=f"directory.park_change.{status}",
        obj=change.park,
        before={"status": ParkChange.Status.PENDING},
        after={"status": status, "change": str(change.public_id), "kind": change.kind},
        purpose=change.review_note,
    )
    return change


@dataclass
class InquiryData:
    company: str
    contact_name: str
    phone: str
    sector: str
    area_needed_ha: Decimal
    email: str = ""
    message: str = ""


@transaction.atomic
def inquiry_send(*, user: User, park: Park, data: InquiryData) -> Inquiry:
    """An investor's inquiry: a new lead for the park's operator."""
    if not park.is_published:
        raise NotFound()
    company = clean_line(data.company)[:200]
    contact = clean_line(data.contact_name)[:120]
    phone = clean_line(data.phone)[:20]
    if not company:
        raise DomainError("company_required", _("Enter your company's name."), "company")
    if not contact:
        raise DomainError("contact_required", _("Enter who we should contact."), "contact_name")
    if sum(ch.isdigit() for ch in phone) < 9:
        raise DomainError("phone_invalid", _("Enter a phone number we can call."), "phone")
    if data.sector not in Sector.values:
        raise DomainError("invalid_sector", _("Choose your sector."), "sector")
    area = _decimal(data.area_needed_ha, "area_needed_ha")
    if area <= 0 or area > MAX_AREA_HA:
        raise DomainError(
            "area_negative", _("The area needed must be greater than zero."), "area_needed_ha"
        )
    inquiry = Inquiry.objects.create(
        park=park,
        investor=user,
        company=company,
        contact_name=contact,
        phone=phone,
        email=clean_line(data.email)[:254],
        sector=data.sector,
        area_needed_ha=area.quantize(Decimal("0.01")),
        message=clean_free_text(data.message)[:4000],
    )
    history_start(LEAD, inquiry, actor=user)
    return inquiry


@transaction.atomic
def inquiry_move(
    *, user: User, inquiry: Inquiry, to: str, note: str = "", context: AuditContext | None = None
) -> Inquiry:
    """The operator moves a lead on (new → contacted → site visit → signed, or lost)."""
    _operator_only(user, inquiry.park)
    return transition(
        LEAD,
        inquiry,
        to=to,
        actor_kind=OPERATOR,
        actor=user,
        note=clean_line(note)[:200],
        fields={"updated_at": timezone.now()},
        context=context,
    )
