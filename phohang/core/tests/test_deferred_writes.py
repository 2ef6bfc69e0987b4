"""`deferred_writes`: queued writes land together at the end of the block, exactly once, and
never when the block or a savepoint around them fails."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from phohang.accounts.tests.factories import UserFactory
from phohang.core import sql
from phohang.orders.models import IdempotencyKey

pytestmark = pytest.mark.django_db


def _key(user, name: str) -> IdempotencyKey:
    return IdempotencyKey(user=user, scope="test", key=name, request_hash="h" * 64)


def _keys() -> list[str]:
    return sorted(IdempotencyKey.objects.filter(scope="test").values_list("key", flat=True))


def _mark_done(name: str) -> None:
    statement = f"UPDATE {sql.table(IdempotencyKey)} SET state = %s WHERE key = %s"  # noqa: S608
    sql.execute_deferred(IdempotencyKey, statement, [IdempotencyKey.State.DONE.value, name])


def test_queued_writes_land_only_when_the_block_ends():
    user = UserFactory()
    (first,) = sql.insert_rows([_key(user, "first")])

    with transaction.atomic(), sql.deferred_writes():
        sql.insert_rows([_key(user, "a"), _key(user, "b")], defer=True)
        _mark_done("first")
        assert _keys() == ["first"]
        assert IdempotencyKey.objects.get(pk=first.pk).state == IdempotencyKey.State.IN_FLIGHT

    assert _keys() == ["a", "b", "first"]
    assert IdempotencyKey.objects.get(pk=first.pk).state == IdempotencyKey.State.DONE
    stored = IdempotencyKey.objects.get(key="a")
    # Defaults and pre_save apply as with the ORM.
    assert stored.state == IdempotencyKey.State.IN_FLIGHT and stored.created_at is not None


def test_deferred_insert_leaves_a_database_assigned_pk_unset():
    user = UserFactory()
    with transaction.atomic(), sql.deferred_writes():
        (row,) = sql.insert_rows([_key(user, "a")], defer=True)
    assert row.pk is None
    assert _keys() == ["a"]


def test_the_writes_go_out_in_one_statement_on_postgresql_else_one_by_one():
    user = UserFactory()
    sql.insert_rows([_key(user, "first")])
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), sql.deferred_writes():
        sql.insert_rows([_key(user, "a")], defer=True)
        sql.insert_rows([_key(user, "b"), _key(user, "c")], defer=True)
        _mark_done("first")
    writes = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    if connection.vendor == "postgresql":
        assert len(writes) == 1 and writes[0].startswith("WITH ")
    else:
        assert len(writes) == 3
    assert _keys() == ["a", "b", "c", "first"]


def test_an_error_in_the_block_drops_its_writes():
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic(), sql.deferred_writes():
        sql.insert_rows([_key(user, "lost")], defer=True)
        raise RuntimeError("refused")
    assert _keys() == []


def test_a_nested_block_hands_its_writes_to_the_outer_one():
    user = UserFactory()
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), sql.deferred_writes():
        with transaction.atomic(savepoint=False), sql.deferred_writes():
            sql.insert_rows([_key(user, "inner")], defer=True)
        assert _keys() == []
        sql.insert_rows([_key(user, "outer")], defer=True)
    assert _keys() == ["inner", "outer"]
    if connection.vendor == "postgresql":
        assert sum(q["sql"].startswith("WITH ") for q in queries) == 1


def test_a_failed_nested_block_drops_only_its_own_writes():
    user = UserFactory()
    with transaction.atomic(), sql.deferred_writes():
        sql.insert_rows([_key(user, "kept")], defer=True)
        try:
            with transaction.atomic(), sql.deferred_writes():  # a savepoint
                sql.insert_rows([_key(user, "dropped")], defer=True)
                raise RuntimeError("refused")
        except RuntimeError:
            pass
    assert _keys() == ["kept"]


def test_a_write_inside_a_savepoint_runs_at_once_and_rolls_back_with_it():
    """A savepoint opened inside the block may be rolled back on its own, so writes queued in
    it are not held back past it."""
    user = UserFactory()
    with transaction.atomic(), sql.deferred_writes():
        try:
            with transaction.atomic():
                sql.insert_rows([_key(user, "in-savepoint")], defer=True)
                assert _keys() == ["in-savepoint"]  # ran at once
                raise RuntimeError("roll the savepoint back")
        except RuntimeError:
            pass
        with transaction.atomic():
            sql.insert_rows([_key(user, "released")], defer=True)
    assert _keys() == ["released"]


def test_a_transaction_marked_for_rollback_writes_nothing_more():
    user = UserFactory()
    with transaction.atomic(), sql.deferred_writes():
        sql.insert_rows([_key(user, "never")], defer=True)
        transaction.set_rollback(True)
    assert _keys() == []


def test_without_a_block_a_deferred_write_runs_at_once():
    user = UserFactory()
    sql.insert_rows([_key(user, "now")], defer=True)
    assert _keys() == ["now"]
    _mark_done("now")
    assert IdempotencyKey.objects.get(key="now").state == IdempotencyKey.State.DONE
