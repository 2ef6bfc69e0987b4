"""A lean multi-row INSERT for the few hot write paths (checkout, stock reservations).

`QuerySet.bulk_create` builds and compiles a query object per call; on the checkout path that
compilation cost more CPU than the database spent on the statements. `insert_rows` writes the
same SQL from the model's metadata, caches the statement text per shape, and converts values
with each field's own `pre_save` and `get_db_prep_save`, so defaults, `auto_now_add`, UUIDs and
time zones behave as with the ORM. It sends no signals and supports only models without
multi-table inheritance, which is all the hot paths need.
"""

from collections.abc import Sequence
from functools import lru_cache

from django.db import connections, router
from django.db.models import Model


def _concrete_fields(model: type[Model]):
    """Fields an INSERT writes: every concrete local field except an auto-incremented pk."""
    pk = model._meta.pk
    return tuple(
        field
        for field in model._meta.local_concrete_fields
        if not (field is pk and getattr(field, "db_returning", False))
    )


@lru_cache(maxsize=256)
def _insert_sql(model: type[Model], vendor_alias: str, rows: int) -> str:
    connection = connections[vendor_alias]
    quote = connection.ops.quote_name
    fields = _concrete_fields(model)
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = ", ".join([row] * rows)
    # Identifiers come from the model's metadata; every value is a bound parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608
    pk = model._meta.pk
    if getattr(pk, "db_returning", False):
        sql += f" RETURNING {quote(pk.column)}"
    return sql


def insert_rows(objs: Sequence[Model]) -> Sequence[Model]:
    """INSERT `objs` (all of one model) in one statement; sets their pks and returns them."""
    if not objs:
        return objs
    model = type(objs[0])
    if model._meta.parents:
        raise TypeError(f"{model.__name__} uses multi-table inheritance; use bulk_create")
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = _concrete_fields(model)
    params = [
        field.get_db_prep_save(field.pre_save(obj, add=True), connection=connection)
        for obj in objs
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, alias, len(objs)), params)
        returned = cursor.fetchall() if getattr(model._meta.pk, "db_returning", False) else None
    for index, obj in enumerate(objs):
        if returned is not None:
            obj.pk = returned[index][0]
        obj._state.adding = False
        obj._state.db = alias
    return objs
