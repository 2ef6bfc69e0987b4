"""A manufacturer keeps its capabilities current: processes from the vocabulary, materials,
tolerance, certifications, capacity, customers."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_free_text, clean_line

from ..models import Certification, Manufacturer, ManufacturerCertification, ManufacturerProcess
from ..vocabulary import PROCESS_BY_CODE
from .makers import is_manufacturer_member, manufacturer_search_refresh

MAX_TOLERANCE_MM = Decimal("10")
MAX_EMPLOYEES = 1_000_000


@dataclass
class ManufacturerProfile:
    """What a manufacturer may change about itself; certifications map code → valid until."""

    description: str = ""
    materials: str = ""
    tolerance_mm: Decimal | None = None
    capacity: str = ""
    employees: int = 0
    customers: str = ""
    processes: tuple[str, ...] = ()
    certifications: dict[str, date | None] = field(default_factory=dict)

    @classmethod
    def of(cls, maker: Manufacturer) -> "ManufacturerProfile":
        return cls(
            description=maker.description,
            materials=maker.materials,
            tolerance_mm=maker.tolerance_mm,
            capacity=maker.capacity,
            employees=maker.employees,
            customers=maker.customers,
            processes=tuple(maker.processes.order_by("code").values_list("code", flat=True)),
            certifications=dict(
                maker.certifications.order_by("code").values_list("code", "valid_until")
            ),
        )


def can_edit_manufacturer(user: User, maker: Manufacturer) -> bool:
    """Its own members, and authority staff of its province (whose edits are audited as staff)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_manufacturer_member(user, maker):
        return True
    return bool(
        (user.is_authority or user.is_superuser) and user.province_scope.covers(maker.province_id)
    )


def _validated(profile: ManufacturerProfile) -> ManufacturerProfile:
    processes = tuple(sorted(set(profile.processes)))
    if not processes:
        raise DomainError("process_required", _("Choose at least one process."), "processes")
    if any(code not in PROCESS_BY_CODE for code in processes):
        raise DomainError("invalid_process", _("Choose processes from the list."), "processes")
    if any(code not in Certification.values for code in profile.certifications):
        raise DomainError(
            "invalid_certification", _("Choose certifications from the list."), "certifications"
        )
    tolerance = profile.tolerance_mm
    if tolerance is not None and not (0 < tolerance <= MAX_TOLERANCE_MM):
        raise DomainError(
            "tolerance_range",
            _("The tolerance is a number of millimetres above 0 and at most 10."),
            "tolerance_mm",
        )
    if not 0 <= int(profile.employees) <= MAX_EMPLOYEES:
        raise DomainError("employees_range", _("Enter the number of employees."), "employees")
    return ManufacturerProfile(
        description=clean_free_text(profile.description)[:4000],
        materials=clean_line(profile.materials)[:300],
        tolerance_mm=tolerance.quantize(Decimal("0.001")) if tolerance is not None else None,
        capacity=clean_line(profile.capacity)[:200],
        employees=int(profile.employees),
        customers=clean_line(profile.customers)[:300],
        processes=processes,
        certifications={
            code: profile.certifications[code]
            for code in Certification.values
            if code in profile.certifications
        },
    )


def _audit_view(profile: ManufacturerProfile) -> dict[str, object]:
    return {
        "description": profile.description,
        "materials": profile.materials,
        "tolerance_mm": str(profile.tolerance_mm) if profile.tolerance_mm is not None else "",
        "capacity": profile.capacity,
        "employees": profile.employees,
        "customers": profile.customers,
        "processes": list(profile.processes),
        "certifications": {
            code: str(until) if until else "" for code, until in profile.certifications.items()
        },
    }


@transaction.atomic
def manufacturer_profile_update(
    *,
    user: User,
    manufacturer: Manufacturer,
    profile: ManufacturerProfile,
    context: AuditContext | None = None,
) -> Manufacturer:
    """Replace the manufacturer's capabilities and refresh what capability search finds."""
    if not can_edit_manufacturer(user, manufacturer):
        raise NotFound()
    checked = _validated(profile)
    before = _audit_view(ManufacturerProfile.of(manufacturer))
    for name in ("description", "materials", "tolerance_mm", "capacity", "employees", "customers"):
        setattr(manufacturer, name, getattr(checked, name))
    manufacturer.save(
        update_fields=[
            "description",
            "materials",
            "tolerance_mm",
            "capacity",
            "employees",
            "customers",
        ]
    )
    manufacturer.processes.exclude(code__in=checked.processes).delete()
    ManufacturerProcess.objects.bulk_create(
        [ManufacturerProcess(manufacturer=manufacturer, code=code) for code in checked.processes],
        ignore_conflicts=True,
    )
    manufacturer.certifications.exclude(code__in=list(checked.certifications)).delete()
    for code, until in checked.certifications.items():
        ManufacturerCertification.objects.update_or_create(
            manufacturer=manufacturer, code=code, defaults={"valid_until": until}
        )
    manufacturer_search_refresh(manufacturer)
    is_member = is_manufacturer_member(user, manufacturer)
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.manufacturer.updated"
        if is_member
        else "directory.manufacturer.staff_edit",
        obj=manufacturer,
        before=before,
        after=_audit_view(checked),
    )
    return manufacturer
