"""Incrementally maintained rollups: each order or contract contributes a vector of measures,
and every event applies (new contribution − old contribution), so the tables always equal a
full recomputation (`rollups_rebuild`)."""

import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F, JSONField

from . import sources
from .models import (
    ContractFact,
    ContractLedger,
    Grain,
    OrderLedger,
    RollupVersion,
    SalesCategoryFact,
    SalesFlowFact,
    SalesSeriesFact,
    SellerActivityFact,
    SellerMonthFact,
    SellerReachFact,
)
from .periods import bucket_of

# table → (key fields, measure fields)
_SALES_MEASURES = (
    "orders",
    "units",
    "gmv_vnd",
    "placed_orders",
    "placed_vnd",
    "cancelled_orders",
    "cancelled_vnd",
    "refunded_vnd",
)
FLOW = (
    SalesFlowFact,
    ("grain", "period", "seller_province_id", "buyer_province_id"),
    _SALES_MEASURES,
)
SERIES = (
    SalesSeriesFact,
    ("grain", "period", "seller_province_id"),
    (*_SALES_MEASURES, "ocop_vnd"),
)
CATEGORY = (
    SalesCategoryFact,
    ("grain", "period", "seller_province_id", "category_id", "is_ocop"),
    ("units", "gmv_vnd", "placed_vnd", "cancelled_vnd", "refunded_vnd"),
)
SELLER_MONTH = (
    SellerMonthFact,
    ("period", "seller_id", "category_id", "seller_province_id", "seller_type"),
    ("orders", "gmv_vnd"),
)
SELLER_ACTIVITY = (
    SellerActivityFact,
    ("grain", "period", "seller_id", "seller_province_id"),
    ("gmv_vnd",),
)
SELLER_REACH = (
    SellerReachFact,
    ("period", "seller_id", "buyer_province_id", "seller_province_id"),
    ("orders", "gmv_vnd"),
)
CONTRACT = (
    ContractFact,
    ("grain", "period", "origin_province_id", "destination_province_id"),
    ("contracts", "value_vnd", "received_vnd"),
)
ORDER_TABLES = (FLOW, SERIES, CATEGORY, SELLER_MONTH, SELLER_ACTIVITY, SELLER_REACH)
ALL_TABLES = (*ORDER_TABLES, CONTRACT)
# Fields of the key that identify the row; the rest of the key is carried along (seller province).
_IDENTITY = {
    SellerMonthFact: 3,
    SellerActivityFact: 3,
    SellerReachFact: 3,
}

Contribution = dict[tuple, dict[tuple, list[int]]]


def rollup_version() -> str:
    """The token every cached dashboard read is keyed by; it changes with any rollup write."""
    return RollupVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def rollup_version_bump() -> None:
    """A new token, written in the caller's transaction: it commits together with the rows."""
    # A random token rather than a counter: a restored database must not meet old cache entries.
    token = uuid.uuid4().hex
    if RollupVersion.objects.filter(pk=1).update(token=token):
        return
    try:
        with transaction.atomic():
            RollupVersion.objects.create(pk=1, token=token)
    except IntegrityError:
        RollupVersion.objects.filter(pk=1).update(token=token)


def _periods(day_iso: str) -> tuple[date, date, date]:
    day = date.fromisoformat(day_iso)
    return day, day.replace(day=1), day.replace(month=1, day=1)


def _grains(day_iso: str) -> list[tuple[str, date]]:
    """The day and the month, quarter and year that hold it: one rollup row each."""
    day = date.fromisoformat(day_iso)
    return [
        (Grain.DAY.value, day),
        (Grain.MONTH.value, day.replace(day=1)),
        (Grain.QUARTER.value, bucket_of(day, "quarter")),
        (Grain.YEAR.value, day.replace(month=1, day=1)),
    ]


def order_contribution(dims: dict, state: dict) -> Contribution:
    """The measures one order adds to each rollup table in its present state."""
    day, month, year = _periods(dims["day"])
    status = state["status"]
    refunded_lines = state.get("lines", {}) if status == sources.REFUNDED else {}
    placed_vnd = net_vnd = net_units = refunded_vnd = 0
    by_category: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for line_id, (category, is_ocop, quantity, price) in dims["lines"].items():
        refunded_qty = min(refunded_lines.get(line_id, 0), quantity)
        net_qty = 0 if status == sources.CANCELLED else quantity - refunded_qty
        measures = by_category[(category, bool(is_ocop))]
        measures[0] += net_qty
        measures[1] += net_qty * price
        measures[2] += quantity * price
        measures[3] += quantity * price if status == sources.CANCELLED else 0
        measures[4] += refunded_qty * price
        placed_vnd += quantity * price
        net_vnd += net_qty * price
        net_units += net_qty
        refunded_vnd += refunded_qty * price
    is_cancelled = status == sources.CANCELLED
    net_orders = 1 if net_units > 0 else 0
    sp, bp, st, seller = dims["sp"], dims["bp"], dims["st"], dims["s"]
    ocop_vnd = sum(measures[1] for (_, is_ocop), measures in by_category.items() if is_ocop)
    flow = [
        net_orders,
        net_units,
        net_vnd,
        1,
        placed_vnd,
        int(is_cancelled),
        placed_vnd if is_cancelled else 0,
        refunded_vnd,
    ]
    result: Contribution = {table: {} for table in ORDER_TABLES}
    for grain, period in _grains(dims["day"]):
        result[FLOW][(grain, period, sp, bp)] = list(flow)
        result[SERIES][(grain, period, sp)] = [*flow, ocop_vnd]
        for (category, is_ocop), measures in by_category.items():
            result[CATEGORY][(grain, period, sp, category, is_ocop)] = list(measures)
        if grain != Grain.DAY:
            result[SELLER_ACTIVITY][(grain, period, seller, sp)] = [net_vnd]
    for (category, _), measures in by_category.items():
        key = (month, seller, category, sp, st)
        current = result[SELLER_MONTH].setdefault(key, [0, 0])
        current[1] += measures[1]
        # `orders` counts orders with a net sale in the category, once per order.
        current[0] = 1 if current[1] > 0 else 0
    result[SELLER_REACH][(year, seller, bp, sp)] = [net_orders, net_vnd]
    return result


def contract_contribution(dims: dict, state: dict) -> Contribution:
    if not state["active"]:
        return {CONTRACT: {}}
    measures = [1, dims["value"], state["received"]]
    return {
        CONTRACT: {
            (grain, period, dims["op"], dims["dp"]): list(measures)
            for grain, period in _grains(dims["day"])
        }
    }


def _difference(new: Contribution, old: Contribution) -> Contribution:
    delta: Contribution = {}
    for table in set(new) | set(old):
        rows: dict[tuple, list[int]] = {}
        for key in set(new.get(table, {})) | set(old.get(table, {})):
            after = new.get(table, {}).get(key)
            before = old.get(table, {}).get(key)
            width = len(table[2])
            diff = [(after[i] if after else 0) - (before[i] if before else 0) for i in range(width)]
            if any(diff):
                rows[key] = diff
        delta[table] = rows
    return delta


def _apply(delta: Contribution) -> None:
    # Tables in a fixed order and rows sorted by key: concurrent syncs take row locks in the
    # same order and cannot deadlock (set order differs between worker processes).
    for table in ALL_TABLES:
        rows = delta.get(table, {})
        model, key_fields, measure_fields = table
        identity = _IDENTITY.get(model, len(key_fields))
        for key, diff in sorted(rows.items(), key=lambda item: str(item[0])):
            lookup = dict(zip(key_fields[:identity], key, strict=False))
            changes = {
                name: F(name) + value
                for name, value in zip(measure_fields, diff, strict=True)
                if value
            }
            if not changes:  # changes of several objects that cancel out
                continue
            if model.objects.filter(**lookup).update(**changes):
                continue
            try:
                # A savepoint, so a concurrent insert of the same key leaves the transaction usable.
                with transaction.atomic():
                    model.objects.create(
                        **dict(zip(key_fields, key, strict=True)),
                        **dict(zip(measure_fields, diff, strict=True)),
                    )
            except IntegrityError:
                model.objects.filter(**lookup).update(**changes)


def _sync_many(ledger_model, object_ids: list[int], snapshots, contribution) -> int:
    """Apply the changes of several objects in one transaction; returns how many moved.

    One placed checkout makes one order per seller: syncing them together takes one lock
    statement, one read of the sources, one write per rollup row they share and one version
    bump, instead of all of that per order.
    """
    ids = sorted(set(object_ids))
    if not ids:
        return 0
    # Ledger rows exist before they are locked, so two first syncs of one order serialise too.
    ledger_model.objects.bulk_create(
        [ledger_model(pk=pk, dims={}, state={}) for pk in ids], ignore_conflicts=True
    )
    with transaction.atomic():
        # Locks in id order; the rollup rows below are locked in a fixed order too (_apply).
        ledgers = list(ledger_model.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        # Read the sources only once the locks are held: a sync that waited must see the
        # newest state, or it would write back an older one over a newer sync's result.
        fresh_by_id = snapshots(ids)
        total: Contribution = {}
        changed = []
        for ledger in ledgers:
            fresh = fresh_by_id.get(ledger.pk)
            if fresh is None or ledger.state == fresh[1]:
                continue
            dims = ledger.dims or fresh[0]
            old = contribution(ledger.dims, ledger.state) if ledger.state else {}
            _add(total, _difference(contribution(dims, fresh[1]), old))
            ledger.dims, ledger.state = dims, fresh[1]
            changed.append(ledger)
        if not changed:
            return 0
        _apply(total)
        ledger_model.objects.bulk_update(changed, ["dims", "state"])
        rollup_version_bump()
    return len(changed)


def order_sync(*, order_ids: list[int]) -> int:
    """Bring the rollups in line with the present state of `order_ids`; returns orders changed."""
    return _sync_many(OrderLedger, order_ids, sources.order_snapshots, order_contribution)


def contract_sync(*, contract_ids: list[int]) -> int:
    """Bring the contract rollup in line with the present state of `contract_ids`."""
    return _sync_many(
        ContractLedger, contract_ids, sources.contract_snapshots, contract_contribution
    )


def _add(totals: Contribution, contribution: Contribution) -> None:
    for table, rows in contribution.items():
        target = totals.setdefault(table, {})
        for key, measures in rows.items():
            current = target.get(key)
            if current is None:
                target[key] = list(measures)
            else:
                for i, value in enumerate(measures):
                    current[i] += value


def _merge_identity(model, rows: dict[tuple, list[int]]) -> dict[tuple, list[int]]:
    """Rows keyed by seller keep the first province seen, as the incremental path does."""
    identity = _IDENTITY.get(model)
    if identity is None:
        return rows
    merged: dict[tuple, tuple[tuple, list[int]]] = {}
    for key, measures in rows.items():
        seen = merged.get(key[:identity])
        if seen is None:
            merged[key[:identity]] = (key, list(measures))
        else:
            for i, value in enumerate(measures):
                seen[1][i] += value
    return dict(merged.values())


def _insert_many(model, field_names: list[str], rows, batch: int = 5000) -> None:
    """Plain multi-row INSERTs: the rebuild writes up to millions of rows, too many for model objects."""
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    # Table and column names come from the model, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    chunk = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(
                [
                    json.dumps(value) if isinstance(field, JSONField) else _plain(value)
                    for field, value in zip(fields, row, strict=True)
                ]
            )
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def _bulk_write(table, rows: dict[tuple, list[int]]) -> None:
    model, key_fields, measure_fields = table
    rows = _merge_identity(model, rows)
    # Written in key order (grain, period first), so the rows of one period sit together on disk
    # and a range read touches few pages on either database.
    ordered = sorted(rows.items(), key=lambda item: tuple(str(part) for part in item[0]))
    _insert_many(
        model,
        [*key_fields, *measure_fields],
        ((*key, *measures) for key, measures in ordered),
    )


def rollups_rebuild(*, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Recompute every rollup and ledger from the owning apps' data; returns row counts."""
    total = sources.order_count()
    totals: Contribution = {}
    ledgers: list[tuple] = []
    done = 0
    with transaction.atomic():
        for table in ALL_TABLES:
            table[0].objects.all().delete()
        OrderLedger.objects.all().delete()
        ContractLedger.objects.all().delete()
        for order_id, dims, state in sources.order_snapshots_all():
            contribution = order_contribution(dims, state)
            _add(totals, contribution)
            ledgers.append((order_id, dims, state))
            done += 1
            if len(ledgers) >= 5000:
                _insert_many(OrderLedger, ["order_id", "dims", "state"], ledgers)
                ledgers = []
                if progress:
                    progress(done, total)
        if ledgers:
            _insert_many(OrderLedger, ["order_id", "dims", "state"], ledgers)
        contract_ledgers = []
        for contract_id, (dims, state) in sources.contract_snapshots().items():
            _add(totals, contract_contribution(dims, state))
            contract_ledgers.append((contract_id, dims, state))
        _insert_many(ContractLedger, ["contract_id", "dims", "state"], contract_ledgers)
        for table in ALL_TABLES:
            _bulk_write(table, totals.get(table, {}))
        rollup_version_bump()
    if progress:
        progress(total, total)
    return {table[0].__name__: len(totals.get(table, {})) for table in ALL_TABLES}


def rollups_snapshot() -> dict[str, dict[tuple, tuple]]:
    """Every rollup row as {key: measures}, leaving out all-zero rows (for equality checks)."""
    snapshot = {}
    for model, key_fields, measure_fields in ALL_TABLES:
        rows = {}
        for values in model.objects.values_list(*key_fields, *measure_fields).iterator():
            key, measures = values[: len(key_fields)], values[len(key_fields) :]
            if any(measures):
                rows[tuple(key)] = tuple(measures)
        snapshot[model.__name__] = rows
    return snapshot
