"""Incrementally maintained rollups: each order or contract contributes a vector of measures,
and every event applies (new contribution − old contribution), so the tables always equal a
full recomputation (`rollups_rebuild`)."""

import json
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
    SalesCategoryFact,
    SalesFlowFact,
    SellerMonthFact,
    SellerReachFact,
)

# table → (key fields, measure fields)
FLOW = (
    SalesFlowFact,
    ("grain", "period", "seller_province_id", "buyer_province_id", "seller_type"),
    (
        "orders",
        "units",
        "gmv_vnd",
        "placed_orders",
        "placed_vnd",
        "cancelled_orders",
        "cancelled_vnd",
        "refunded_vnd",
    ),
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
ORDER_TABLES = (FLOW, CATEGORY, SELLER_MONTH, SELLER_REACH)
ALL_TABLES = (*ORDER_TABLES, CONTRACT)
# Fields of the key that identify the row; the rest of the key is carried along (seller province).
_IDENTITY = {
    SellerMonthFact: 3,
    SellerReachFact: 3,
}

Contribution = dict[tuple, dict[tuple, list[int]]]


def _periods(day_iso: str) -> tuple[date, date, date]:
    day = date.fromisoformat(day_iso)
    return day, day.replace(day=1), day.replace(month=1, day=1)


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
    result: Contribution = {FLOW: {}, CATEGORY: {}, SELLER_MONTH: {}, SELLER_REACH: {}}
    for grain, period in ((Grain.DAY, day), (Grain.MONTH, month)):
        result[FLOW][(grain.value, period, sp, bp, st)] = list(flow)
        for (category, is_ocop), measures in by_category.items():
            result[CATEGORY][(grain.value, period, sp, category, is_ocop)] = list(measures)
    for (category, _), measures in by_category.items():
        key = (month, seller, category, sp, st)
        current = result[SELLER_MONTH].setdefault(key, [0, 0])
        current[1] += measures[1]
        # `orders` counts orders with a net sale in the category, once per order.
        current[0] = 1 if current[1] > 0 else 0
    result[SELLER_REACH][(year, seller, bp, sp)] = [net_orders, net_vnd]
    return result


def contract_contribution(dims: dict, state: dict) -> Contribution:
    day, month, _ = _periods(dims["day"])
    if not state["active"]:
        return {CONTRACT: {}}
    measures = [1, dims["value"], state["received"]]
    return {
        CONTRACT: {
            (grain.value, period, dims["op"], dims["dp"]): list(measures)
            for grain, period in ((Grain.DAY, day), (Grain.MONTH, month))
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
    for table, rows in delta.items():
        model, key_fields, measure_fields = table
        identity = _IDENTITY.get(model, len(key_fields))
        for key, diff in sorted(rows.items(), key=lambda item: str(item[0])):
            lookup = dict(zip(key_fields[:identity], key, strict=False))
            changes = {
                name: F(name) + value
                for name, value in zip(measure_fields, diff, strict=True)
                if value
            }
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


def order_sync(*, order_ids: list[int]) -> int:
    """Bring the rollups in line with the present state of `order_ids`; returns orders changed."""
    changed = 0
    snapshots = sources.order_snapshots(order_ids)
    for order_id in sorted(snapshots):
        fresh_dims, state = snapshots[order_id]
        with transaction.atomic():
            ledger = OrderLedger.objects.select_for_update().filter(pk=order_id).first()
            if ledger is not None and ledger.state == state:
                continue
            dims = ledger.dims if ledger is not None else fresh_dims
            old = order_contribution(ledger.dims, ledger.state) if ledger else {}
            _apply(_difference(order_contribution(dims, state), old))
            OrderLedger.objects.update_or_create(
                pk=order_id, defaults={"dims": dims, "state": state}
            )
            changed += 1
    return changed


def contract_sync(*, contract_ids: list[int]) -> int:
    """Bring the contract rollup in line with the present state of `contract_ids`."""
    changed = 0
    snapshots = sources.contract_snapshots(contract_ids)
    for contract_id in sorted(snapshots):
        fresh_dims, state = snapshots[contract_id]
        with transaction.atomic():
            ledger = ContractLedger.objects.select_for_update().filter(pk=contract_id).first()
            if ledger is not None and ledger.state == state:
                continue
            dims = ledger.dims if ledger is not None else fresh_dims
            old = contract_contribution(ledger.dims, ledger.state) if ledger else {}
            _apply(_difference(contract_contribution(dims, state), old))
            ContractLedger.objects.update_or_create(
                pk=contract_id, defaults={"dims": dims, "state": state}
            )
            changed += 1
    return changed


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
    _insert_many(
        model,
        [*key_fields, *measure_fields],
        ((*key, *measures) for key, measures in rows.items()),
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
