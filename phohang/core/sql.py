"""A lean multi-row INSERT for the few hot write paths (checkout, stock reservations).

`QuerySet.bulk_create` builds and compiles a query object per call; on the checkout path that
compilation cost more CPU than the database spent on the statements. `insert_rows` writes the
same SQL from the model's metadata, caches the statement text per shape, and converts values
with each field's own `pre_save` and `get_db_prep_save`, so defaults, `auto_now_add`, UUIDs and
time zones behave as with the ORM. It sends no signals and supports only models without
multi-table inheritance, which is all the hot paths need.

`deferred_writes` batches the writes whose results nobody waits for (order lines, history rows,
stock movements, the queued task, the stored idempotent response): each costs a round trip and
most of a statement's client CPU on its own; at the end of the block they go to PostgreSQL as
one statement (data-modifying `WITH` clauses), to SQLite one after another.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections, router
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init


@dataclass
class _WriteBatch:
    alias: str
    # Savepoint depth when the block began: a write queued deeper (inside a savepoint opened in
    # the block) runs at once, since that savepoint may be rolled back on its own.
    depth: int
    statements: list[tuple[str, list]] = field(default_factory=list)


_batch: ContextVar[_WriteBatch | None] = ContextVar("phohang_deferred_writes", default=None)


def _depth(connection) -> int:
    """Savepoints open now (`atomic(savepoint=False)` records a None: no savepoint, same depth)."""
    return sum(1 for savepoint_id in connection.savepoint_ids if savepoint_id is not None)


@contextmanager
def deferred_writes(using: str = "default") -> Iterator[None]:
    """Hold the writes queued with `execute_deferred` / `insert_rows(..., defer=True)` and send
    them together when the block ends without an error; on an error they are dropped, as the
    transaction they belonged to is rolled back.

    Use it inside `transaction.atomic()`. A nested block hands its writes to the outer one when
    it ends well, so they go out in the outermost block's single statement. Nothing inside the
    block may read what a deferred write writes: that is the caller's promise.
    """
    connection = connections[using]
    outer = _batch.get()
    batch = _WriteBatch(alias=using, depth=_depth(connection))
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    # Reached only when the block ended without an exception.
    if outer is not None and outer.alias == using and outer.depth == batch.depth:
        outer.statements.extend(batch.statements)
    else:
        _flush(batch)


def _flush(batch: _WriteBatch) -> None:
    connection = connections[batch.alias]
    if not batch.statements or connection.needs_rollback:
        return  # a transaction marked for rollback writes nothing more
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(batch.statements) > 1:
            *firsts, (last_sql, last_params) = batch.statements
            clauses = ", ".join(f"w{index} AS ({sql})" for index, (sql, _p) in enumerate(firsts))
            params = [value for _sql, statement_params in firsts for value in statement_params]
            cursor.execute(f"WITH {clauses} {last_sql}", [*params, *last_params])
        else:
            for sql, params in batch.statements:
                cursor.execute(sql, params)


def execute_deferred(model: type[Model], sql: str, params: Sequence) -> None:
    """Run a write on `model`'s database that returns nothing (INSERT, UPDATE or DELETE without
    RETURNING): queued when a `deferred_writes` block for that database is open, else at once."""
    alias = router.db_for_write(model)
    batch = _batch.get()
    if batch is not None and batch.alias == alias and batch.depth == _depth(connections[alias]):
        batch.statements.append((sql, list(params)))
        return
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)


@lru_cache(maxsize=256)
def _concrete_fields(model: type[Model]):
    """Fields an INSERT writes: every concrete local field except an auto-incremented pk."""
    pk = model._meta.pk
    return tuple(
        field
        for field in model._meta.local_concrete_fields
        if not (field is pk and getattr(field, "db_returning", False))
    )


@lru_cache(maxsize=512)
def _insert_sql(model: type[Model], vendor_alias: str, rows: int, returning: bool = True) -> str:
    quote = connections[vendor_alias].ops.quote_name
    row = "(" + ", ".join(["%s"] * len(_concrete_fields(model))) + ")"
    # Identifiers come from the model's metadata; every value is a bound parameter.
    sql = f"{insert_into(model, vendor_alias)} VALUES {', '.join([row] * rows)}"
    pk = model._meta.pk
    if returning and getattr(pk, "db_returning", False):
        sql += f" RETURNING {quote(pk.column)}"
    return sql


@lru_cache(maxsize=128)
def insert_into(model: type[Model], alias: str) -> str:
    """`INSERT INTO table (columns)` in `insert_row_params`' column order, for statements that
    insert from a SELECT or add ON CONFLICT (the caller writes the rest)."""
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(field.column) for field in _concrete_fields(model))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns})"


def insert_row_params(obj: Model) -> tuple[str, list]:
    """(database alias, the values an INSERT of `obj` writes, converted as `insert_rows` does)."""
    _model, alias, params = _insert_params([obj])
    return alias, params


def _insert_params(
    objs: Sequence[Model], pending: frozenset = frozenset()
) -> tuple[type[Model], str, list]:
    """(model, database alias, the INSERT's parameters) for `objs`, all of one model; the
    fields in `pending` (foreign keys to rows inserted by the same statement) are left out."""
    model = type(objs[0])
    if model._meta.parents:
        raise TypeError(f"{model.__name__} uses multi-table inheritance; use bulk_create")
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = _concrete_fields(model)
    checked = None
    if pending:
        fields = tuple(field for field in fields if field not in pending)
        checked = frozenset(model._meta.concrete_fields) - pending
    for obj in objs:
        # As save() and bulk_create() do: a related object saved after it was assigned gives
        # its pk, one never saved is refused (a nullable FK would otherwise be stored as NULL).
        obj._prepare_related_fields_for_save(operation_name="insert_rows", fields=checked)
    params = [
        field.get_db_prep_save(field.pre_save(obj, add=True), connection=connection)
        for obj in objs
        for field in fields
    ]
    return model, alias, params


def _mark_saved(objs: Sequence[Model], alias: str, pks: Sequence | None) -> None:
    for index, obj in enumerate(objs):
        if pks is not None:
            obj.pk = pks[index]
        obj._state.adding = False
        obj._state.db = alias


def _returns_pk(model: type[Model]) -> bool:
    return bool(getattr(model._meta.pk, "db_returning", False))


def insert_rows(objs: Sequence[Model], *, defer: bool = False) -> Sequence[Model]:
    """INSERT `objs` (all of one model) in one statement; sets their pks and returns them.

    With `defer=True` the INSERT joins the open `deferred_writes` block, if any: the caller
    needs no database-assigned pk back (the objects keep `pk=None` unless it was set in Python).
    """
    if not objs:
        return objs
    model, alias, params = _insert_params(objs)
    if defer:
        execute_deferred(model, _insert_sql(model, alias, len(objs), returning=False), params)
        _mark_saved(objs, alias, None)
        return objs
    with connections[alias].cursor() as cursor:
        cursor.execute(_insert_sql(model, alias, len(objs)), params)
        returned = cursor.fetchall() if _returns_pk(model) else None
    _mark_saved(objs, alias, [row[0] for row in returned] if returned is not None else None)
    return objs


def insert_values(model: type[Model], rows: Sequence[dict], *, defer: bool = False) -> None:
    """INSERT `rows`, each {attname: value} (foreign keys by id: `order_id`), in one statement
    without building model instances; a field left out takes its default (no `pre_save`: give
    `auto_now` fields a value).

    For rows nobody reads back as objects (order lines, history rows, stock movements); with
    `defer=True` it joins the open `deferred_writes` block like `insert_rows`."""
    if not rows:
        return
    if model._meta.parents:
        raise TypeError(f"{model.__name__} uses multi-table inheritance; use bulk_create")
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = _concrete_fields(model)
    unknown = set().union(*rows) - {field.attname for field in fields}
    if unknown:
        raise TypeError(f"{model.__name__} has no column for {sorted(unknown)}")
    params = [
        field.get_db_prep_save(
            row[field.attname] if field.attname in row else field.get_default(),
            connection=connection,
        )
        for row in rows
        for field in fields
    ]
    statement = _insert_sql(model, alias, len(rows), returning=False)
    if defer:
        execute_deferred(model, statement, params)
        return
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _pending_references(group: Sequence[Model], earlier: dict[int, int]) -> dict:
    """{foreign key: index of the earlier group} for the foreign keys every row of `group` points
    through at the one unsaved row of an earlier group; None when only some rows do."""
    found: dict = {}
    for fk in type(group[0])._meta.concrete_fields:
        if not (fk.is_relation and fk.many_to_one):
            continue
        targets = {earlier.get(id(fk.get_cached_value(obj, None))) for obj in group}
        if targets == {None}:
            continue
        if len(targets) > 1:
            return None
        found[fk] = targets.pop()
    return found


def insert_rows_each(*groups: Sequence[Model]) -> None:
    """`insert_rows` for each group (one model per group), in one round trip on PostgreSQL
    (data-modifying `WITH` clauses); pks are set. A group's rows may point at the row of an
    earlier group that holds one unsaved row (an order at its new checkout): the statement
    fills in its id. Elsewhere the groups are inserted in order, one statement each."""
    groups = tuple(group for group in groups if group)
    alias = router.db_for_write(type(groups[0][0])) if groups else None
    earlier: dict[int, int] = {}  # id() of a one-row group's unsaved row -> its group index
    plans = []
    for index, group in enumerate(groups):
        references = _pending_references(group, earlier)
        model = type(group[0])
        if (
            references is None
            or router.db_for_write(model) != alias
            or any(not _returns_pk(type(groups[i][0])) for i in references.values())
        ):
            plans = None
            break
        plans.append(references)
        if len(group) == 1 and group[0].pk is None and _returns_pk(model):
            earlier[id(group[0])] = index
    if len(groups) < 2 or plans is None or connections[alias].vendor != "postgresql":
        for group in groups:
            insert_rows(group)
        return
    connection = connections[alias]
    quote = connection.ops.quote_name
    clauses, selects, params = [], [], []
    for index, (group, references) in enumerate(zip(groups, plans, strict=True)):
        model, _alias, group_params = _insert_params(group, frozenset(references))
        pk = quote(model._meta.pk.column)
        # Identifiers come from the models' metadata; every value is a bound parameter.
        values = [
            f"(SELECT {quote(type(groups[references[column]][0])._meta.pk.column)}"  # noqa: S608
            f" FROM w{references[column]})"
            if column in references
            else "%s"
            for column in _concrete_fields(model)
        ]
        row = "(" + ", ".join(values) + ")"
        statement = f"{insert_into(model, alias)} VALUES {', '.join([row] * len(group))}"
        if _returns_pk(model):
            statement += f" RETURNING {pk}"
            selects.append(f"SELECT {index}, {pk} FROM w{index}")  # noqa: S608
        clauses.append(f"w{index} AS ({statement})")
        params += group_params
    statement = f"WITH {', '.join(clauses)} " + (" UNION ALL ".join(selects) or "SELECT 1")
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall() if selects else []
    pks: dict[int, list] = {}
    for index, pk in rows:  # RETURNING gives each group's rows in the order they were listed
        pks.setdefault(index, []).append(pk)
    for index, (group, references) in enumerate(zip(groups, plans, strict=True)):
        _mark_saved(group, alias, pks.get(index) if _returns_pk(type(group[0])) else None)
        for fk, target in references.items():
            for obj in group:
                setattr(obj, fk.attname, groups[target][0].pk)


def field_order(model: type[Model], attnames: Sequence[str] | None = None) -> tuple[str, ...]:
    """`attnames` (default: all) in the model's concrete-field order, the order `from_db`
    expects values in; use it for both the SELECT list and `instance_from_row`."""
    wanted = set(attnames) if attnames else None
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if wanted is None or field.attname in wanted
    )


def columns(model: type[Model], table_alias: str, attnames: Sequence[str]) -> str:
    """`alias."col", …` for `attnames` (from `field_order`), in that order."""
    return _columns(model, router.db_for_read(model), table_alias, tuple(attnames))


@lru_cache(maxsize=256)
def _columns(model: type[Model], alias: str, table_alias: str, attnames: tuple[str, ...]) -> str:
    quote = connections[alias].ops.quote_name
    return ", ".join(
        f"{table_alias}.{quote(model._meta.get_field(name).column)}" for name in attnames
    )


def table(model: type[Model]) -> str:
    return _table(model, router.db_for_read(model))


@lru_cache(maxsize=256)
def _table(model: type[Model], alias: str) -> str:
    return connections[alias].ops.quote_name(model._meta.db_table)


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


@lru_cache(maxsize=256)
def _converters(model: type[Model], attnames: tuple[str, ...], alias: str) -> tuple:
    """Per column, the converters the ORM would apply (SQLite's booleans, datetimes, decimals,
    UUIDs; fields' own `from_db_value`)."""
    connection = connections[alias]
    found = []
    for index, name in enumerate(attnames):
        column = model._meta.get_field(name).get_col(model._meta.db_table)
        funcs = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if funcs:
            found.append((index, tuple(funcs), column))
    return tuple(found)


def values_from_row(model: type[Model], attnames: Sequence[str], row: Sequence) -> list:
    """The raw `row` for `attnames` converted to Python values as the ORM would."""
    alias = router.db_for_read(model)
    values = list(row)
    connection = connections[alias]
    for index, funcs, column in _converters(model, tuple(attnames), alias):
        value = values[index]
        for convert in funcs:
            value = convert(value, column, connection)
        values[index] = value
    return values


@lru_cache(maxsize=256)
def _plain_attributes(model: type[Model], attnames: tuple[str, ...]) -> bool:
    """True when loading `attnames` only stores values (no field with its own setter), so an
    instance can be filled in directly instead of through `Model.__init__`."""
    return model.__init__ is Model.__init__ and all(
        type(getattr(model, name, None)) in (DeferredAttribute, ForeignKeyDeferredAttribute)
        for name in attnames
    )


def instance_from_row(model: type[Model], attnames: Sequence[str], row: Sequence) -> Model:
    """A model instance as the ORM would load it from `attnames` (from `field_order`); other
    fields stay deferred, so a missed column costs a query on access, never a wrong value."""
    alias = router.db_for_read(model)
    values = values_from_row(model, attnames, row)
    attnames = tuple(attnames)
    if (
        _plain_attributes(model, attnames)
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
    ):
        # What `from_db` ends with, without `__init__`'s generic walk over every field (checkout
        # loads a dozen rows per order): the loaded values in the instance's dict, the state.
        instance = model.__new__(model)
        state = instance._state = ModelState()
        state.adding = False
        state.db = alias
        instance.__dict__.update(zip(attnames, values, strict=True))
        return instance
    return model.from_db(alias, attnames, values)


def fetch_all(model: type[Model], sql: str, params: Sequence) -> list[tuple]:
    """Rows of one hand-written statement on `model`'s database."""
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
