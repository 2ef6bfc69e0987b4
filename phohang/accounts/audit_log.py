"""The audit log as people read it: who did what to what, with the changed fields side by side."""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from phohang.core.models import AuditRecord

from .models import Role

# The last word of an action ("catalog.product.update" → "update") as a verb people read.
VERBS = {
    "accepted": _("accepted"),
    "add": _("added"),
    "approved": _("approved"),
    "cancelled": _("cancelled"),
    "captured": _("recorded the payment of"),
    "checked_in": _("checked in"),
    "create": _("created"),
    "created": _("created"),
    "data_export": _("downloaded the personal data of"),
    "delete": _("deleted"),
    "deleted": _("deleted"),
    "delivered": _("delivered"),
    "download_document": _("downloaded a document of"),
    "erase": _("erased the personal data of"),
    "export": _("downloaded"),
    "failed": _("failed"),
    "fee_paid": _("recorded the fee of"),
    "finish": _("finished"),
    "held": _("held"),
    "hidden": _("hid"),
    "imported": _("imported"),
    "invite_staff": _("invited staff to"),
    "moved": _("moved"),
    "packed": _("packed"),
    "published": _("published"),
    "rejected": _("rejected"),
    "revoke": _("revoked"),
    "revoked": _("revoked"),
    "set": _("set the stock of"),
    "shipped": _("shipped"),
    "signed": _("signed"),
    "start": _("started"),
    "started": _("started"),
    "submit": _("submitted"),
    "submitted": _("submitted"),
    "succeeded": _("completed"),
    "suspended": _("suspended"),
    "update": _("changed"),
    "update_profile": _("changed the profile of"),
    "updated": _("changed"),
    "verify": _("verified"),
    "view": _("viewed"),
    "view_identity": _("viewed the identity papers of"),
}


def _model(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_label(model: type[Model] | None, name: str) -> str:
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name.replace("_", " ")


def _value_label(model: type[Model] | None, name: str, value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):  # token scopes, several ids
        return ", ".join(_value_label(model, name, item) for item in value) or "–"
    if isinstance(value, dict):  # counts by kind, e.g. what an erasure deleted
        return "; ".join(f"{key}: {_value_label(None, key, item)}" for key, item in value.items())
    if model is not None:
        try:
            choices = dict(model._meta.get_field(name).flatchoices)
        except FieldDoesNotExist:
            choices = {}
        if value in choices:
            return str(choices[value])
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditLine:
    record: AuditRecord
    who: str
    role: str
    verb: str
    what: str
    changes: list[Change]


def audit_line(record: AuditRecord) -> AuditLine:
    """`record` in words: "Nguyễn Văn A · đã duyệt · hồ sơ đăng ký «Gốm Minh Đức»"."""
    model = _model(record.object_type)
    word = record.action.rsplit(".", 1)[-1]
    verb = str(VERBS.get(word, record.action))
    noun = str(model._meta.verbose_name) if model is not None else record.object_type
    what = f"{noun} «{record.object_repr}»" if record.object_repr else noun
    before = record.before if isinstance(record.before, dict) else {}
    after = record.after if isinstance(record.after, dict) else {}
    changes = [
        Change(
            _field_label(model, name),
            _value_label(model, name, before.get(name)),
            _value_label(model, name, after.get(name)),
        )
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]
    name = record.actor.full_name if record.actor_id else ""
    who = name or record.actor_label or str(_("the system"))
    role = str(dict(Role.choices).get(record.actor_role, record.actor_role))
    return AuditLine(record=record, who=who, role=role, verb=verb, what=what, changes=changes)


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    who: str = ""
    object_type: str = ""
    since: date | None = None
    until: date | None = None


def audit_records(filters: AuditFilters) -> QuerySet[AuditRecord]:
    records = AuditRecord.objects.select_related("actor").order_by("-id")
    if filters.action:
        records = records.filter(action=filters.action)
    if filters.who:
        records = records.filter(
            Q(actor_label__icontains=filters.who) | Q(actor__full_name__icontains=filters.who)
        )
    if filters.object_type:
        records = records.filter(object_type=filters.object_type)
    if filters.since:
        records = records.filter(created_at__date__gte=filters.since)
    if filters.until:
        records = records.filter(created_at__date__lte=filters.until)
    return records


def audit_action_choices() -> list[tuple[str, str]]:
    """(action, "verb noun") for every action the log holds."""
    pairs = AuditRecord.objects.values_list("action", "object_type").distinct().order_by("action")
    choices = {}
    for action, object_type in pairs:
        model = _model(object_type)
        noun = str(model._meta.verbose_name) if model is not None else object_type
        choices[action] = f"{VERBS.get(action.rsplit('.', 1)[-1], action)} {noun}"
    return sorted(choices.items(), key=lambda item: item[1])
