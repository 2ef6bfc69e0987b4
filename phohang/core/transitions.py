"""Status machines: a table of allowed moves, one conditional UPDATE, a history row, an audit record.

    APPLICATION = StateMachine(
        name="seller_application",
        moves={(S.SUBMITTED, S.APPROVED): {REVIEWER}, (S.NEEDS_INFO, S.SUBMITTED): {APPLICANT}},
        history=history_row(SellerApplicationEvent, "application"),
    )
    transition(APPLICATION, application, to=S.APPROVED, actor_kind=REVIEWER, actor=user)

The UPDATE is conditional on the status the caller read, so of two concurrent requests only one
moves the row; the other gets `TransitionConflict` (409) and nothing it meant to write is stored.
Call it inside the service's `transaction.atomic` block.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import AuditContext, audit_record, snapshot
from .errors import Conflict


class IllegalTransition(Conflict):
    """The move is not in the table for this state and this kind of actor."""

    def __init__(self, message: Any = None, code: str = "illegal_transition") -> None:
        super().__init__(code, message or _("This action is not possible in the current state."))


class TransitionConflict(IllegalTransition):
    """Someone else moved the object between the caller's read and this update."""

    def __init__(self) -> None:
        super().__init__(
            _("Someone else changed this just now; reload and try again."), "changed_meanwhile"
        )


@dataclass(frozen=True)
class Move:
    """One accepted move, as the history writer sees it."""

    obj: models.Model
    from_status: str
    to_status: str
    actor_kind: str
    actor: Any
    note: str
    at: datetime


def history_row(model: type[models.Model], link: str) -> Callable[[Move], None]:
    """A history writer that creates `model(<link>=obj, from_status, to_status, actor, note,
    created_at)`, the fields of `phohang.core.models.StatusHistory`."""

    note_length = getattr(model._meta.get_field("note"), "max_length", None)

    def write(move: Move) -> None:
        model._default_manager.create(
            **{link: move.obj},
            from_status=move.from_status,
            to_status=move.to_status,
            actor=move.actor,
            note=move.note[:note_length] if note_length else move.note,
            created_at=move.at,
        )

    return write


@dataclass(frozen=True)
class StateMachine:
    """`moves` maps (from, to) to the kinds of actor who may make that move; nothing else is legal.

    `name` prefixes the audit action (`"trade.quote"` → `trade.quote.accepted`).
    """

    name: str
    moves: Mapping[tuple[str, str], Collection[str]]
    history: Callable[[Move], None]
    field: str = "status"
    guards: tuple[Callable[[Any, str, str], bool], ...] = ()

    def allows(self, obj: Any, to_status: str, actor_kind: str) -> bool:
        """Whether `actor_kind` may move `obj` to `to_status` from its current status."""
        allowed = self.moves.get((getattr(obj, self.field), to_status), ())
        return actor_kind in allowed and all(
            guard(obj, to_status, actor_kind) for guard in self.guards
        )

    def targets(self, obj: Any, actor_kind: str) -> list[str]:
        """The statuses `actor_kind` may move `obj` to now, in table order."""
        return [to for (_from, to) in self.moves if self.allows(obj, to, actor_kind)]


def history_start(machine: StateMachine, obj: models.Model, *, actor: Any = None) -> None:
    """The first history row of a new object (from no status to its initial one)."""
    now = timezone.now()
    status = getattr(obj, machine.field)
    machine.history(Move(obj, "", status, "", _person(actor), "", now))


def _person(actor: Any) -> Any:
    """The user to store as actor: None for anonymous users and the system."""
    return actor if getattr(actor, "pk", None) else None


def transition[M: models.Model](
    machine: StateMachine,
    obj: M,
    *,
    to: str,
    actor_kind: str,
    actor: Any = None,
    note: str = "",
    fields: Mapping[str, Any] | None = None,
    context: AuditContext | None = None,
    audit_fields: Collection[str] = (),
    now: datetime | None = None,
) -> M:
    """Move `obj` to `to` (also setting `fields` in the same UPDATE), or raise IllegalTransition
    or TransitionConflict; writes one history row and one audit record (with the status and the
    `audit_fields` before and after) and updates `obj`."""
    from_status = getattr(obj, machine.field)
    before = {machine.field: from_status, **snapshot(obj, list(audit_fields))}
    if not machine.allows(obj, to, actor_kind):
        raise IllegalTransition()
    now = now or timezone.now()
    changes = {machine.field: to, **(fields or {})}
    manager = type(obj)._default_manager
    if manager.filter(pk=obj.pk, **{machine.field: from_status}).update(**changes) != 1:
        raise TransitionConflict()
    for name, value in changes.items():
        setattr(obj, name, value)
    person = _person(actor)
    machine.history(Move(obj, from_status, to, actor_kind, person, note, now))
    audit_record(
        context=context or AuditContext(actor=person),
        action=f"{machine.name}.{to}",
        obj=obj,
        before=before,
        after={machine.field: to, "by": actor_kind, **snapshot(obj, list(audit_fields))},
        purpose=note[:200],
    )
    return obj
