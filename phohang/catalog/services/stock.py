"""Stock changes as conditional UPDATEs with F(): race-free on SQLite and PostgreSQL alike."""

from django.db import transaction
from django.db.models import F, Field, Q, Value
from django.db.models.functions import Greatest

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record

from ..events import product_changed_send
from ..models import Product, ProductVariant, StockMovement

Reason = StockMovement.Reason


class OutOfStock(Exception):
    """The variant cannot give (or take back) that many units; nothing was changed."""

    def __init__(self, variant_id: int, quantity: int = 0):
        super().__init__(f"variant {variant_id}: {quantity}")
        self.variant_id = variant_id
        self.quantity = quantity


def _check_quantity(quantity: int) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise ValueError("quantity must be a positive integer")


def _record(
    *,
    variant_id: int,
    reason: str,
    reference: str,
    on_hand: int = 0,
    reserved: int = 0,
    actor: User | None = None,
) -> None:
    StockMovement.objects.create(
        variant_id=variant_id,
        delta_on_hand=on_hand,
        delta_reserved=reserved,
        reason=reason,
        reference=reference[:120],
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
    )


def _notify_if_crossed_zero(variant_id: int, *, became_empty: bool) -> None:
    """Tell projections when a variant sells out or comes back (has_stock flips)."""
    row = (
        ProductVariant.objects.filter(pk=variant_id)
        .values("product_id", "stock_on_hand", "stock_reserved")
        .first()
    )
    if row is None:
        return
    available = row["stock_on_hand"] - row["stock_reserved"]
    if (became_empty and available == 0) or (not became_empty and available > 0):
        product_changed_send(product_id=row["product_id"], action="updated")


def _move(
    variant_id: int,
    reason: str,
    reference: str,
    guard: Q,
    /,
    *,
    on_hand: int = 0,
    reserved: int = 0,
) -> None:
    """Add `on_hand` and `reserved` to the variant's stock in one UPDATE where `guard` holds,
    and record the movement; OutOfStock, with nothing changed, where it does not."""
    changes = {}
    if on_hand:
        changes["stock_on_hand"] = F("stock_on_hand") + on_hand
    if reserved:
        changes["stock_reserved"] = F("stock_reserved") + reserved
    if not ProductVariant.objects.filter(guard, pk=variant_id).update(**changes):
        raise OutOfStock(variant_id, max(abs(on_hand), abs(reserved)))
    _record(
        variant_id=variant_id,
        reason=reason,
        reference=reference,
        on_hand=on_hand,
        reserved=reserved,
    )


def stock_reserve(*, variant_id: int, quantity: int, reference: str) -> None:
    """Hold `quantity` available units for an order or raise OutOfStock."""
    _check_quantity(quantity)
    # One conditional UPDATE: two buyers can never both take the last unit.
    enough = Q(stock_on_hand__gte=F("stock_reserved") + quantity)
    with transaction.atomic():
        _move(variant_id, Reason.RESERVED, reference, enough, reserved=quantity)
        _notify_if_crossed_zero(variant_id, became_empty=True)


def stock_release(*, variant_id: int, quantity: int, reference: str) -> None:
    """Give `quantity` reserved units back to the available stock (order cancelled/expired)."""
    _check_quantity(quantity)
    held = Q(stock_reserved__gte=quantity)
    with transaction.atomic():
        _move(variant_id, Reason.RELEASED, reference, held, reserved=-quantity)
        _notify_if_crossed_zero(variant_id, became_empty=False)


def stock_commit_sale(*, variant_id: int, quantity: int, reference: str) -> None:
    """Reserved units leave the shelf (order paid or shipped)."""
    _check_quantity(quantity)
    held_and_shelved = Q(stock_reserved__gte=quantity, stock_on_hand__gte=quantity)
    with transaction.atomic():
        _move(
            variant_id,
            Reason.SOLD,
            reference,
            held_and_shelved,
            on_hand=-quantity,
            reserved=-quantity,
        )
        Product.objects.filter(variants__pk=variant_id).update(
            sold_count=F("sold_count") + quantity
        )


def stock_return(*, variant_id: int, quantity: int, reference: str) -> None:
    """Returned units go back on the shelf and become available."""
    _check_quantity(quantity)
    with transaction.atomic():
        _move(variant_id, Reason.RETURNED, reference, Q(), on_hand=quantity)
        # Sales made before sold_count existed may come back: never count below zero.
        Product.objects.filter(variants__pk=variant_id).update(
            sold_count=Greatest(F("sold_count") - quantity, Value(0))
        )
        _notify_if_crossed_zero(variant_id, became_empty=False)


def stock_set(
    *,
    variant_id: int,
    on_hand: int,
    actor: User | None = None,
    context: AuditContext | None = None,
) -> ProductVariant:
    """The seller counts the shelf: set on-hand stock, never below what orders hold."""
    if not isinstance(on_hand, int) or isinstance(on_hand, bool) or on_hand < 0:
        raise ValueError("on_hand must be a non-negative integer")
    with transaction.atomic():
        # select_for_update locks the row on PostgreSQL; SQLite's IMMEDIATE transactions
        # already serialise writers. The UPDATE is still conditional on the value read.
        variant: ProductVariant = ProductVariant.objects.select_for_update().get(pk=variant_id)
        before = variant.stock_on_hand
        updated = ProductVariant.objects.filter(
            pk=variant_id, stock_on_hand=before, stock_reserved__lte=on_hand
        ).update(stock_on_hand=on_hand)
        if updated == 0:
            raise OutOfStock(variant_id, on_hand)
        delta = on_hand - before
        if delta:
            _record(
                variant_id=variant_id,
                reason=StockMovement.Reason.RECEIVED
                if delta > 0
                else StockMovement.Reason.ADJUSTMENT,
                reference="stock_set",
                on_hand=delta,
                actor=actor or (context.actor if context else None),
            )
            audit_record(
                context=context or AuditContext(actor=actor),
                action="catalog.stock.set",
                obj=variant,
                before={"stock_on_hand": before},
                after={"stock_on_hand": on_hand},
            )
            if (before - variant.stock_reserved <= 0) != (on_hand - variant.stock_reserved <= 0):
                product_changed_send(product_id=variant.product_id, action="updated")
        variant.stock_on_hand = on_hand
    return variant


def _column(name: str) -> str:
    field = ProductVariant._meta.get_field(name)
    column = field.column if isinstance(field, Field) else None  # a reverse relation has none
    if column is None:
        raise TypeError(f"ProductVariant.{name} is not a column")
    return column


def _reserve(wanted: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Reserve every wanted unit or raise OutOfStock; {variant_id: (product_id, units left)}.

    Written by hand because the ORM cannot say it: one `UPDATE … FROM … RETURNING` that locks
    the rows in ascending pk order (the sub-select's `FOR UPDATE`, PostgreSQL), adds each
    quantity to `stock_reserved` only where the units are there, and returns what is left.

    The fixed lock order means two multi-variant checkouts never deadlock: a row is updated
    only once the join has produced it, after it and every lower pk were locked. Under READ
    COMMITTED the WHERE is re-checked on the latest committed row after a wait, so it stays
    the rule. SQLite has no row locks (its IMMEDIATE transactions serialise writers) and runs
    the same statement without `FOR UPDATE`.
    """
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    meta = ProductVariant._meta
    table = quote(meta.db_table)
    pk, product, on_hand, reserved = (
        quote(_column(name)) for name in ("id", "product", "stock_on_hand", "stock_reserved")
    )
    ids = sorted(wanted)
    quantity = f"CASE {pk} " + " ".join(["WHEN %s THEN %s"] * len(ids)) + " END"
    quantity_params = [value for variant_id in ids for value in (variant_id, wanted[variant_id])]
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    # Identifiers come from the model; every value is a bound parameter.
    statement = (
        f"UPDATE {table} SET {reserved} = {reserved} + {quantity}"  # noqa: S608
        f" FROM (SELECT {pk} AS locked_id FROM {table}"
        f" WHERE {pk} IN ({', '.join(['%s'] * len(ids))}) ORDER BY {pk}{lock}) locked"
        f" WHERE {pk} = locked.locked_id AND {on_hand} >= {reserved} + {quantity}"
        f" RETURNING {pk}, {product}, {on_hand} - {reserved}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*quantity_params, *ids, *quantity_params])
        reserved_rows = {
            variant_id: (product_id, left) for variant_id, product_id, left in cursor.fetchall()
        }
    if len(reserved_rows) != len(wanted):
        short = min(set(wanted) - set(reserved_rows))
        raise OutOfStock(short, wanted[short])
    return reserved_rows


def stock_reserve_many(*, items: list[tuple[int, int, str]]) -> None:
    """Hold every (variant_id, quantity, reference) or raise OutOfStock and hold none."""
    wanted: dict[int, int] = {}
    for variant_id, quantity, _reference in items:
        _check_quantity(quantity)
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
    if not wanted:
        return
    # No savepoint: OutOfStock rolls back the caller's transaction too (checkout wants exactly
    # that), so a caller must not catch it and go on writing in the same transaction.
    with transaction.atomic(savepoint=False):
        reserved = _reserve(wanted)
        StockMovement.objects.bulk_create(
            StockMovement(
                variant_id=variant_id,
                delta_reserved=quantity,
                reason=StockMovement.Reason.RESERVED,
                reference=reference[:120],
            )
            for variant_id, quantity, reference in items
        )
        for product_id, units_left in reserved.values():
            if units_left == 0:  # just sold out: the listing changes
                product_changed_send(product_id=product_id, action="updated")
