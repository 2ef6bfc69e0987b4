"""Hanoi's truck rules as staff edit them: a zone's polygon and each weight class's hours."""

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot

from ..models import TruckClassRule, TruckZone
from ..routing.truck_rules import clock
from .rates import RateInvalid

ZONE_FIELDS = ["name", "legal_basis", "polygon", "is_active"]
CLASS_FIELDS = ["name", "min_gross_kg", "max_gross_kg", "allowed_windows"]
MAX_POINTS = 500


def windows_parse(text: str) -> list[list[str]]:
    """ "21:00-06:00; 09:00-16:00" → [["21:00", "06:00"], ["09:00", "16:00"]]; ValueError if not."""
    windows = []
    for part in text.replace(",", ";").split(";"):
        if not part.strip():
            continue
        start, separator, end = part.replace("–", "-").partition("-")
        if not separator:
            raise ValueError(part)
        start, end = start.strip(), end.strip()
        if clock(start) > 86_400 or clock(end) > 86_400:
            raise ValueError(part)
        windows.append([start.zfill(5), end.zfill(5)])
    return windows


def polygon_parse(text: str) -> list[list[float]]:
    """One "latitude, longitude" per line → [[lat, lon], ...]; ValueError if not a polygon."""
    points = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lat_text, _comma, lon_text = line.partition(",")
        lat, lon = float(lat_text), float(lon_text)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(line)
        points.append([round(lat, 6), round(lon, 6)])
    if not 3 <= len(points) <= MAX_POINTS:
        raise ValueError("points")
    return points


def truck_zone_update(
    *,
    zone: TruckZone,
    name: str,
    legal_basis: str,
    polygon_text: str,
    is_active: bool,
    context: AuditContext,
) -> TruckZone:
    """Change the zone's name, legal basis, polygon or force, or raise RateInvalid."""
    errors: dict[str | None, str | Promise] = {}
    if not name.strip():
        errors["name"] = _("Give the zone a name.")
    try:
        polygon = polygon_parse(polygon_text)
    except ValueError:
        errors["polygon"] = _(
            "Enter at least three points, one “latitude, longitude” per line (at most 500)."
        )
    if errors:
        raise RateInvalid(errors)
    with transaction.atomic():
        zone = TruckZone.objects.select_for_update().get(pk=zone.pk)
        before = snapshot(zone, ZONE_FIELDS)
        zone.name, zone.legal_basis = name.strip()[:120], legal_basis.strip()[:200]
        zone.polygon, zone.is_active = polygon, is_active
        after = snapshot(zone, ZONE_FIELDS)
        if after != before:
            zone.updated_at = timezone.now()
            zone.save()
            audit_record(
                context=context,
                action="logistics.truck_zone.updated",
                obj=zone,
                before=before,
                after=after,
            )
    return zone


def truck_class_update(
    *,
    rule: TruckClassRule,
    name: str,
    min_gross_kg: int,
    max_gross_kg: int | None,
    windows_text: str,
    context: AuditContext,
) -> TruckClassRule:
    """Change a weight class and the hours it may run in the zone, or raise RateInvalid."""
    errors: dict[str | None, str | Promise] = {}
    if not name.strip():
        errors["name"] = _("Give the class a name.")
    if max_gross_kg is not None and max_gross_kg <= min_gross_kg:
        errors["max_gross_kg"] = _("The upper weight must be above the lower one.")
    try:
        windows = windows_parse(windows_text)
    except ValueError:
        errors["allowed_windows"] = _(
            "Write the hours as “21:00-06:00”, several separated by “;” (an end before the "
            "start runs past midnight)."
        )
    if errors:
        raise RateInvalid(errors)
    with transaction.atomic():
        rule = TruckClassRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule, CLASS_FIELDS)
        rule.name, rule.min_gross_kg, rule.max_gross_kg = (
            name.strip()[:80],
            min_gross_kg,
            max_gross_kg,
        )
        rule.allowed_windows = windows
        after = snapshot(rule, CLASS_FIELDS)
        if after != before:
            rule.save()
            TruckZone.objects.filter(pk=rule.zone_id).update(updated_at=timezone.now())
            audit_record(
                context=context,
                action="logistics.truck_class.updated",
                obj=rule,
                before=before,
                after=after,
            )
    return rule
