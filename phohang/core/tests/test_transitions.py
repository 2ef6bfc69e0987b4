"""The state-transition helper: the table decides, the loser of a race gets 409, history and audit."""

import pytest

from phohang.accounts.tests.factories import AuthorityFactory
from phohang.core.models import AuditRecord
from phohang.core.transitions import (
    IllegalTransition,
    StateMachine,
    TransitionConflict,
    history_row,
    history_start,
    transition,
)
from phohang.sellers.models import ApplicationEvent, SellerApplication
from phohang.sellers.tests.factories import SellerApplicationFactory

pytestmark = pytest.mark.django_db

S = SellerApplication.Status
MACHINE = StateMachine(
    name="test.application",
    moves={
        (S.SUBMITTED, S.APPROVED): {"reviewer"},
        (S.SUBMITTED, S.NEEDS_INFO): {"reviewer"},
        (S.NEEDS_INFO, S.SUBMITTED): {"applicant"},
    },
    history=history_row(ApplicationEvent, "application"),
)


def _nothing_written(application: SellerApplication, status: str) -> None:
    application.refresh_from_db()
    assert application.status == status
    assert not ApplicationEvent.objects.exists()
    assert not AuditRecord.objects.exists()


def test_allowed_move_updates_the_row_writes_history_and_audit():
    application = SellerApplicationFactory()
    officer = AuthorityFactory()

    transition(
        MACHINE,
        application,
        to=S.NEEDS_INFO,
        actor_kind="reviewer",
        actor=officer,
        note="Gửi giấy phép",
        fields={"decision_reason": "Gửi giấy phép"},
        audit_fields=("decision_reason",),
    )

    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (S.NEEDS_INFO, "Gửi giấy phép")
    event = ApplicationEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        S.SUBMITTED,
        S.NEEDS_INFO,
        officer,
        "Gửi giấy phép",
    )
    record = AuditRecord.objects.get()
    assert (record.action, record.actor, record.purpose) == (
        "test.application.needs_info",
        officer,
        "Gửi giấy phép",
    )
    assert (record.before, record.after) == (
        {"status": S.SUBMITTED, "decision_reason": ""},
        {"status": S.NEEDS_INFO, "by": "reviewer", "decision_reason": "Gửi giấy phép"},
    )


def test_move_missing_from_the_table_is_refused_and_changes_nothing():
    application = SellerApplicationFactory()

    with pytest.raises(IllegalTransition) as error:
        transition(MACHINE, application, to=S.REJECTED, actor_kind="reviewer")

    assert (error.value.status, error.value.code) == (409, "illegal_transition")
    _nothing_written(application, S.SUBMITTED)


def test_actor_kind_not_listed_for_the_move_is_refused():
    application = SellerApplicationFactory()

    with pytest.raises(IllegalTransition):
        transition(MACHINE, application, to=S.APPROVED, actor_kind="applicant")

    _nothing_written(application, S.SUBMITTED)


def test_loser_of_a_race_gets_a_conflict_and_writes_nothing():
    application = SellerApplicationFactory()
    stale = SellerApplication.objects.get(pk=application.pk)
    SellerApplication.objects.filter(pk=application.pk).update(status=S.NEEDS_INFO)

    with pytest.raises(TransitionConflict) as error:
        transition(MACHINE, stale, to=S.APPROVED, actor_kind="reviewer")

    assert (error.value.status, error.value.code) == (409, "changed_meanwhile")
    _nothing_written(application, S.NEEDS_INFO)


def test_guard_can_refuse_a_move_the_table_allows():
    guarded = StateMachine(
        name=MACHINE.name,
        moves=MACHINE.moves,
        history=MACHINE.history,
        guards=(lambda application, to, kind: bool(application.tax_code),),
    )
    application = SellerApplicationFactory(tax_code="")

    assert guarded.targets(application, "reviewer") == []
    with pytest.raises(IllegalTransition):
        transition(guarded, application, to=S.APPROVED, actor_kind="reviewer")
    _nothing_written(application, S.SUBMITTED)


def test_targets_lists_the_moves_open_to_an_actor_kind():
    application = SellerApplicationFactory()

    assert MACHINE.targets(application, "reviewer") == [S.APPROVED, S.NEEDS_INFO]
    assert MACHINE.targets(application, "applicant") == []


def test_history_start_records_the_initial_status():
    application = SellerApplicationFactory()

    history_start(MACHINE, application, actor=application.applicant)

    event = ApplicationEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == (
        "",
        S.SUBMITTED,
        application.applicant,
    )
    assert not AuditRecord.objects.exists()
