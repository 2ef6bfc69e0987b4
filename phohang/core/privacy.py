"""The personal-data inventory: what each app holds about a person, and how it is exported or erased.

Data-subject requests (PDP-02, Decree 13/2023 on personal data protection) need one answer to "what do
we hold about this person?". Every app declares its holdings in its own ``privacy.py``, imported from
``AppConfig.ready()``, so core never imports an app:

- ``holding_register(model, subject=..., path=..., fields=..., erasure=..., ...)``: rows of ``model``
  whose ``path`` lookup leads to the subject (the user, or a subject kind such as the shops a user
  owns) hold the listed ``fields``. On erasure they are deleted, anonymised (``replace`` gives the new
  value of each personal field) or retained for a stated legal ``reason``.
- ``untracked_register(model, reason=...)``: a model that points at a person but holds nothing about
  them (a counter, a projection rebuilt from other tables).
- ``subject_register(kind, rows)``: ``rows(user)`` is the queryset of other subjects a user answers
  for (a shop's owner answers for the shop).
- ``erasure_guard_register(guard)``: ``guard(user)`` returns why erasure must wait (an order in
  progress), or ``None``.

``personal_data(user)`` gathers every holding; ``personal_data_erase(user)`` applies the rules in one
transaction. ``tests/test_privacy_inventory.py`` fails when a model pointing at a user or a shop is
in neither register, so a new bounded context cannot forget its personal data.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet

USER = "user"


class Erasure(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    RETAIN = "retain"


@dataclass(frozen=True)
class Holding:
    model: type[models.Model]
    subject: str
    path: str
    fields: tuple[str, ...]
    erasure: Erasure
    reason: str
    retention: str
    replace: Mapping[str, Any] = field(default_factory=dict)
    computed: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    filter: Mapping[str, Any] = field(default_factory=dict)
    delete_with: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def key(self) -> str:
        """Where a download puts these rows: the model, and whose rows when not the person's."""
        return self.label if self.subject == USER else f"{self.label} ({self.subject})"

    def rows(self, subjects: Iterable[Any]) -> QuerySet[models.Model]:
        lookup = f"{self.path}__in" if self.path else "pk__in"
        return self.model._default_manager.filter(**{lookup: subjects}, **self.filter)

    def exported_fields(self) -> tuple[str, ...]:
        return self.fields + tuple(self.computed)


@dataclass(frozen=True)
class Untracked:
    model: type[models.Model]
    reason: str


_holdings: list[Holding] = []
_untracked: dict[str, Untracked] = {}
_subjects: dict[str, Callable[[Any], QuerySet[models.Model]]] = {}
_guards: list[Callable[[Any], str | None]] = []


def holding_register(
    model: type[models.Model],
    *,
    subject: str = USER,
    path: str,
    fields: Iterable[str],
    erasure: Erasure,
    reason: str,
    retention: str = "",
    replace: Mapping[str, Any] | None = None,
    computed: Mapping[str, Callable[[Any], Any]] | None = None,
    filter: Mapping[str, Any] | None = None,
    delete_with: Iterable[str] = (),
) -> None:
    """Declare that rows of ``model`` reached through ``path`` hold a subject's ``fields``.

    ``delete_with`` names foreign keys whose targets belong to the deleted rows alone (an address
    row of a saved address) and go with them.
    """
    holding = Holding(
        model=model,
        subject=subject,
        path=path,
        fields=tuple(fields),
        erasure=erasure,
        reason=reason,
        retention=retention,
        replace=dict(replace or {}),
        computed=dict(computed or {}),
        filter=dict(filter or {}),
        delete_with=tuple(delete_with),
    )
    if holding.erasure is Erasure.ANONYMISE and not holding.replace:
        raise ValueError(f"{holding.label}: an anonymised holding says what replaces each field")
    names = {f.name for f in model._meta.get_fields()}
    unknown = [name for name in (*holding.fields, *holding.replace) if name not in names]
    if unknown:
        raise ValueError(f"{holding.label}: no field named {', '.join(unknown)}")
    key = (holding.label, holding.subject, holding.path)
    _holdings[:] = [h for h in _holdings if (h.label, h.subject, h.path) != key]
    _holdings.append(holding)


def untracked_register(model: type[models.Model], *, reason: str) -> None:
    _untracked[model._meta.label] = Untracked(model=model, reason=reason)


def subject_register(kind: str, rows: Callable[[Any], QuerySet[models.Model]]) -> None:
    _subjects[kind] = rows


def erasure_guard_register(guard: Callable[[Any], str | None]) -> None:
    if guard not in _guards:
        _guards.append(guard)


@dataclass(frozen=True)
class Held:
    """One line of an app's inventory table: ``model`` by name (in the app, or "app.Model"), the
    ``path`` from its rows to the subject, the exported ``fields`` as one space-separated string,
    and the rule; ``options`` are ``holding_register``'s other arguments (replace, retention, …)."""

    model: str
    path: str
    fields: str
    erasure: Erasure
    reason: str
    subject: str = USER
    options: Mapping[str, Any] = field(default_factory=dict)


def deleted(model: str, path: str, fields: str, reason: str, **options: Any) -> Held:
    """Rows the person's erasure deletes."""
    subject = options.pop("subject", USER)
    return Held(model, path, fields, Erasure.DELETE, reason, subject, options)


def retained(model: str, path: str, fields: str, reason: str, **options: Any) -> Held:
    """Rows kept on erasure for the stated ``reason`` (they name the person only through the
    account, which erasure anonymises)."""
    subject = options.pop("subject", USER)
    return Held(model, path, fields, Erasure.RETAIN, reason, subject, options)


def anonymised(
    model: str, path: str, fields: str, reason: str, *, replace: Mapping[str, Any], **options: Any
) -> Held:
    """Rows kept on erasure with each personal field in ``replace`` overwritten."""
    subject = options.pop("subject", USER)
    return Held(
        model, path, fields, Erasure.ANONYMISE, reason, subject, {"replace": replace, **options}
    )


def shop_record(
    model: str, fields: str, reason: str, *, path: str = "seller", **options: Any
) -> Held:
    """A shop's own record, exported to its owner and kept when the owner's data is erased."""
    return retained(model, path, fields, reason, subject="seller", **options)


def history(model: str, reason: str, *, link: str = "", **options: Any) -> Held:
    """A state machine's history rows (``transitions.history_row``): who made each move."""
    return retained(
        model, "actor", f"{link} from_status to_status note created_at", reason, **options
    )


def inventory_register(
    app_label: str,
    *table: Held,
    untracked: Mapping[str, str] | None = None,
    guards: Iterable[Callable[[Any], str | None]] = (),
) -> None:
    """Register an app's inventory in one call: its table of holdings, the models it keeps no
    personal data in (name → why) and the guards that make erasure wait."""
    from django.apps import apps

    def model_of(name: str) -> type[models.Model]:
        return apps.get_model(name) if "." in name else apps.get_model(app_label, name)

    for held in table:
        holding_register(
            model_of(held.model),
            subject=held.subject,
            path=held.path,
            fields=held.fields.split(),
            erasure=held.erasure,
            reason=held.reason,
            **held.options,
        )
    for name, reason in (untracked or {}).items():
        untracked_register(model_of(name), reason=reason)
    for guard in guards:
        erasure_guard_register(guard)


def holdings() -> list[Holding]:
    return list(_holdings)


def untracked() -> dict[str, Untracked]:
    return dict(_untracked)


def subject_models() -> list[type[models.Model]]:
    """The models a subject kind stands for: the user model and each kind's model."""
    from django.contrib.auth import get_user_model

    return [get_user_model(), *(rows(None).model for rows in _subjects.values())]


def _subjects_of(user: models.Model, kind: str) -> Iterable[Any]:
    if kind == USER:
        return [user.pk]
    return _subjects[kind](user).values_list("pk", flat=True)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def personal_data(user: models.Model) -> dict[str, list[dict[str, Any]]]:
    """Every row each holding keeps about ``user``, by holding key, as plain JSON values."""
    found: dict[str, list[dict[str, Any]]] = {}
    for holding in _holdings:
        related = [
            f.name
            for f in holding.model._meta.concrete_fields
            if f.name in holding.fields and f.is_relation
        ]
        rows = holding.rows(_subjects_of(user, holding.subject))
        if related:
            rows = rows.select_related(*related)
        exported = [
            {
                **{name: _plain(getattr(row, name)) for name in holding.fields},
                **{name: _plain(compute(row)) for name, compute in holding.computed.items()},
            }
            for row in rows.order_by("pk")
        ]
        if exported:
            found.setdefault(holding.key, []).extend(exported)
    return found


def erasure_refusals(user: models.Model) -> list[str]:
    """Why the person's data cannot be erased yet (empty when it can)."""
    return [reason for guard in _guards if (reason := guard(user))]


@dataclass
class ErasureSummary:
    deleted: dict[str, int] = field(default_factory=dict)
    anonymised: dict[str, int] = field(default_factory=dict)
    retained: dict[str, int] = field(default_factory=dict)


def personal_data_erase(user: models.Model) -> ErasureSummary:
    """Apply every holding's rule to the subject's rows, in one transaction.

    Holdings of other subjects run before the user's own (a shop before its owner), deletions before
    anonymisation, so a deleted row never blocks a protected one. Callers check
    ``erasure_refusals`` first.
    """
    summary = ErasureSummary()
    order = {Erasure.DELETE: 0, Erasure.ANONYMISE: 1, Erasure.RETAIN: 2}
    ordered = sorted(
        _holdings,
        key=lambda h: (order[h.erasure], h.subject == USER and not h.path),
    )
    with transaction.atomic():
        # Fixed before anything changes: deleting the owner's membership must not lose the shop.
        subjects = {kind: list(_subjects_of(user, kind)) for kind in {h.subject for h in _holdings}}
        for holding in ordered:
            rows = holding.rows(subjects[holding.subject])
            if holding.erasure is Erasure.DELETE:
                count = rows.count()
                owned = {
                    name: list(rows.values_list(f"{name}_id", flat=True))
                    for name in holding.delete_with
                }
                rows.delete()
                for name, ids in owned.items():
                    target = holding.model._meta.get_field(name).related_model
                    if isinstance(target, type):  # a foreign key's target is a model class
                        target._default_manager.filter(pk__in=ids).delete()
                summary.deleted[holding.label] = summary.deleted.get(holding.label, 0) + count
            elif holding.erasure is Erasure.ANONYMISE:
                count = 0
                for row in rows.select_for_update().order_by("pk"):
                    for name, value in holding.replace.items():
                        setattr(row, name, value(row) if callable(value) else value)
                    row.save(update_fields=[n for n in holding.replace if not _is_reverse(row, n)])
                    count += 1
                summary.anonymised[holding.label] = summary.anonymised.get(holding.label, 0) + count
            else:
                summary.retained[holding.label] = summary.retained.get(holding.label, 0) + (
                    rows.count()
                )
    return summary


def _is_reverse(row: models.Model, name: str) -> bool:
    return not any(f.name == name for f in row._meta.concrete_fields)


def inventory_markdown() -> str:
    """The inventory as the table docs/privacy.md carries (``manage.py privacy_inventory``)."""
    lines = [
        "| data | whose | fields exported | on erasure | why / how long |",
        "|---|---|---|---|---|",
    ]
    for holding in sorted(_holdings, key=lambda h: (h.label, h.subject, h.path)):
        whose = holding.subject if not holding.path else f"{holding.subject} via `{holding.path}`"
        replaced = (
            " (" + ", ".join(f"`{name}`" for name in holding.replace) + ")"
            if holding.erasure is Erasure.ANONYMISE
            else ""
        )
        why = str(holding.reason) + (f"; {holding.retention}" if holding.retention else "")
        lines.append(
            f"| `{holding.label}` | {whose} | "
            + ", ".join(f"`{name}`" for name in holding.exported_fields())
            + f" | {holding.erasure.value}{replaced} | {why} |"
        )
    lines += ["", "Models that point at a person but hold nothing about them:", ""]
    for label, item in sorted(_untracked.items()):
        lines.append(f"- `{label}`: {item.reason}")
    return "\n".join(lines) + "\n"
