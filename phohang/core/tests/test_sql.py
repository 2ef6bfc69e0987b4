"""The hand-written-SQL helpers behave as the ORM would: what `insert_rows` writes reads back
the same through the ORM, and what `instance_from_row` builds equals what the ORM loads."""

import datetime
import enum
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from phohang.accounts.models import ApiToken, User
from phohang.accounts.selectors import api_token_authenticate
from phohang.accounts.services import api_token_create, api_token_revoke
from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import Category, Product, ProductVariant, StockMovement
from phohang.catalog.tests.factories import (
    OcopProductFactory,
    VariantFactory,
    category,
)
from phohang.core import sql
from phohang.geo.models import Address, Ward
from phohang.orders.models import Checkout, CommissionRate, IdempotencyKey, Order
from phohang.sellers.models import Seller
from phohang.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _raw_row(model, attnames, pk):
    """The row of `model` with primary key `pk`, unconverted, as the database driver gives it."""
    statement = (
        f"SELECT {sql.columns(model, 't', attnames)} FROM {sql.table(model)} t"
        f" WHERE t.{model._meta.pk.column} = %s"
    )
    (row,) = sql.fetch_all(model, statement, [pk])
    return row


def _stored(model, attnames, pk):
    """{attname: value} of the row as the ORM loads it."""
    obj = model.objects.get(pk=pk)
    return {name: getattr(obj, name) for name in attnames}


def _typed(values: dict) -> dict:
    """Values with their types, so that 1 == True or "x" == uuid never passes for equal (a
    choices enum kept on an instance counts as its plain value, as the ORM reads it back)."""
    plain = {
        name: value.value if isinstance(value, enum.Enum) else value
        for name, value in values.items()
    }
    return {name: (type(value), value) for name, value in plain.items()}


# insert_rows ----------------------------------------------------------------------------------


def test_insert_rows_sets_distinct_pks_in_the_given_order_and_the_orm_reads_them_back():
    variant = VariantFactory()
    actor = UserFactory()
    movements = [
        StockMovement(
            variant=variant,
            delta_on_hand=-n,
            delta_reserved=n,
            reason=StockMovement.Reason.RESERVED,
            reference=f"order:{n}",
            actor=actor if n % 2 else None,
        )
        for n in range(1, 6)
    ]

    returned = sql.insert_rows(movements)

    assert list(returned) == movements and all(a is b for a, b in zip(returned, movements))
    pks = [movement.pk for movement in movements]
    assert None not in pks and len(set(pks)) == len(pks)
    assert pks == sorted(pks)  # rows were numbered in the order they were given
    names = sql.field_order(StockMovement)
    for movement in movements:
        # Each object got the pk of its own row, not of a neighbour's.
        assert _typed(_stored(StockMovement, names, movement.pk)) == _typed(
            {name: getattr(movement, name) for name in names}
        )
    assert StockMovement.objects.filter(variant=variant).count() == 5
    assert list(
        StockMovement.objects.filter(pk__in=pks).order_by("pk").values_list("reference", "actor")
    ) == [(f"order:{n}", actor.pk if n % 2 else None) for n in range(1, 6)]


def test_insert_rows_marks_objects_saved_so_a_later_save_updates_the_same_row():
    variant = VariantFactory()
    (movement,) = sql.insert_rows(
        [StockMovement(variant=variant, reason=StockMovement.Reason.ADJUSTMENT)]
    )

    assert movement._state.adding is False
    assert movement._state.db == "default"
    movement.reference = "changed"
    movement.save()

    assert list(StockMovement.objects.filter(variant=variant).values_list("pk", "reference")) == [
        (movement.pk, "changed")
    ]


def test_insert_rows_applies_field_defaults():
    variant = VariantFactory()
    before = timezone.now()
    (movement,) = sql.insert_rows(
        [StockMovement(variant=variant, reason=StockMovement.Reason.ADJUSTMENT)]
    )
    after = timezone.now()

    stored = StockMovement.objects.get(pk=movement.pk)
    assert stored.delta_on_hand == 0 and stored.delta_reserved == 0
    assert stored.reference == ""  # blank string default, not NULL
    assert stored.actor_id is None
    assert before <= stored.created_at <= after
    assert stored.created_at == movement.created_at


def test_insert_rows_stores_uuid_defaults_time_zones_and_fk_instances_as_the_orm_does():
    buyer = UserFactory()
    placed = datetime.datetime(2025, 7, 1, 23, 30, 15, 123456, tzinfo=HANOI)  # 16:30 UTC
    checkouts = [
        Checkout(
            buyer=buyer,
            reference=f"PHTEST{n:04d}",
            payment_method="cod" if n else "vietqr",
            total_vnd=100_000 * (n + 1),
            created_at=placed + datetime.timedelta(minutes=n),
            reserved_until=None if n else placed + datetime.timedelta(minutes=15),
        )
        for n in range(3)
    ]
    public_ids = [checkout.public_id for checkout in checkouts]

    sql.insert_rows(checkouts)

    assert len(set(public_ids)) == 3 and all(isinstance(pid, uuid.UUID) for pid in public_ids)
    for n, checkout in enumerate(checkouts):
        # Looked up by its UUID: stored in the form the ORM queries with.
        stored = Checkout.objects.get(public_id=checkout.public_id)
        assert stored.pk == checkout.pk
        assert stored.buyer_id == buyer.pk
        assert stored.reference == f"PHTEST{n:04d}"
        assert stored.total_vnd == 100_000 * (n + 1)
        assert stored.created_at == placed + datetime.timedelta(minutes=n)
        assert stored.created_at.utcoffset() is not None
        assert stored.reserved_until == (None if n else placed + datetime.timedelta(minutes=15))
    # The same instant is found by a range query (stored in UTC, not as local wall time).
    utc = datetime.UTC
    assert set(
        Checkout.objects.filter(
            created_at__gte=datetime.datetime(2025, 7, 1, 16, 30, tzinfo=utc),
            created_at__lt=datetime.datetime(2025, 7, 1, 16, 32, tzinfo=utc),
        ).values_list("pk", flat=True)
    ) == {checkouts[0].pk, checkouts[1].pk}


def test_insert_rows_takes_the_pk_of_a_related_object_saved_after_it_was_assigned():
    variant = VariantFactory()
    actor = User(email="kho@example.vn", full_name="Thủ kho")
    movement = StockMovement(
        variant=variant, reason=StockMovement.Reason.ADJUSTMENT, actor=actor
    )  # actor_id is still None here
    actor.save()

    sql.insert_rows([movement])

    # As save() and bulk_create(): the nullable FK is not silently stored as NULL.
    assert StockMovement.objects.get(pk=movement.pk).actor_id == actor.pk


def test_insert_rows_refuses_an_unsaved_related_object_and_writes_nothing():
    variant = VariantFactory()
    movement = StockMovement(
        variant=variant,
        reason=StockMovement.Reason.ADJUSTMENT,
        actor=User(email="moi@example.vn", full_name="Chưa lưu"),
    )

    with pytest.raises(ValueError, match="unsaved related object 'actor'"):
        sql.insert_rows([movement])

    assert not StockMovement.objects.filter(variant=variant).exists()
    assert movement.pk is None


def test_insert_rows_stores_decimals():
    categories = Category.objects.filter(commission_rate__isnull=True).order_by("pk")[:2]
    rates = [
        CommissionRate(category=cat, percent=Decimal(percent))
        for cat, percent in zip(categories, ["7.25", "12.50"], strict=True)
    ]

    sql.insert_rows(rates)

    for rate in rates:
        stored = CommissionRate.objects.get(pk=rate.pk)
        assert (type(stored.percent), str(stored.percent)) == (Decimal, str(rate.percent))
        assert stored.category_id == rate.category.pk


def test_insert_rows_of_an_empty_list_does_nothing(django_assert_num_queries):
    before = StockMovement.objects.count()

    with django_assert_num_queries(0):
        assert list(sql.insert_rows([])) == []

    assert StockMovement.objects.count() == before


def test_insert_rows_duplicate_raises_integrity_error_and_writes_nothing():
    user = UserFactory()
    (first,) = sql.insert_rows(
        [IdempotencyKey(user=user, scope="checkout", key="k1", request_hash="a" * 64)]
    )
    fresh = IdempotencyKey(user=user, scope="checkout", key="k2", request_hash="b" * 64)
    duplicate = IdempotencyKey(user=user, scope="checkout", key="k1", request_hash="c" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        sql.insert_rows([fresh, duplicate])

    # One statement: the fresh row of the failed INSERT was not kept either.
    assert list(
        IdempotencyKey.objects.filter(user=user).values_list("pk", "key", "request_hash")
    ) == [(first.pk, "k1", "a" * 64)]
    # The failed objects are not marked as saved.
    assert (fresh.pk, fresh._state.adding) == (None, True)
    assert (duplicate.pk, duplicate._state.adding) == (None, True)


def test_insert_rows_inside_atomic_rolls_back_earlier_inserts_of_the_block():
    user = UserFactory()
    sql.insert_rows([IdempotencyKey(user=user, scope="refund", key="k", request_hash="a" * 64)])

    with pytest.raises(IntegrityError), transaction.atomic():
        sql.insert_rows(
            [IdempotencyKey(user=user, scope="refund", key="other", request_hash="b" * 64)]
        )
        sql.insert_rows([IdempotencyKey(user=user, scope="refund", key="k", request_hash="c" * 64)])

    assert list(IdempotencyKey.objects.filter(user=user).values_list("key", "request_hash")) == [
        ("k", "a" * 64)
    ]
    # The connection is still usable after the rollback.
    sql.insert_rows([IdempotencyKey(user=user, scope="refund", key="k3", request_hash="d" * 64)])
    assert IdempotencyKey.objects.filter(user=user).count() == 2


# values_from_row / instance_from_row --------------------------------------------------------


def test_instance_from_row_converts_values_as_the_orm_does():
    seller = SellerFactory(is_verified=True, is_active=False)
    names = sql.field_order(Seller)
    row = _raw_row(Seller, names, seller.pk)

    loaded = sql.instance_from_row(Seller, names, row)

    orm = Seller.objects.get(pk=seller.pk)
    assert _typed({name: getattr(loaded, name) for name in names}) == _typed(
        {name: getattr(orm, name) for name in names}
    )
    assert loaded.is_verified is True and loaded.is_active is False
    assert isinstance(loaded.public_id, uuid.UUID) and loaded.public_id == seller.public_id
    assert timezone.is_aware(loaded.created_at) and loaded.created_at == seller.created_at
    assert loaded.get_deferred_fields() == set()
    assert (loaded._state.adding, loaded._state.db) == (False, "default")


def test_instance_from_row_converts_dates_json_and_nullable_values():
    product = OcopProductFactory(certifications=["vietgap", "organic"], ocop_revoked_at=None)
    names = sql.field_order(Product)
    row = _raw_row(Product, names, product.pk)

    loaded = sql.instance_from_row(Product, names, row)

    orm = Product.objects.get(pk=product.pk)
    assert _typed({name: getattr(loaded, name) for name in names}) == _typed(
        {name: getattr(orm, name) for name in names}
    )
    assert loaded.certifications == ["vietgap", "organic"]
    assert type(loaded.ocop_expires_on) is datetime.date
    assert loaded.ocop_revoked_at is None
    assert loaded.is_made_in_vietnam is True


def test_values_from_row_converts_decimals_and_keeps_the_column_order():
    rate = CommissionRate.objects.create(category=category("che-tra"), percent=Decimal("7.50"))
    names = ("id", "category_id", "percent")
    row = _raw_row(CommissionRate, names, rate.pk)

    values = sql.values_from_row(CommissionRate, names, row)

    assert [(type(value), value) for value in values] == [
        (int, rate.pk),
        (int, rate.category_id),
        (Decimal, Decimal("7.50")),
    ]
    assert str(values[2]) == "7.50"
    loaded = sql.instance_from_row(CommissionRate, names, row)
    assert loaded.percent == Decimal("7.50") and loaded.category_id == rate.category_id


def test_instance_from_row_defers_unlisted_fields_and_loads_them_on_access(
    django_assert_num_queries,
):
    variant = VariantFactory(gtin="8938505974194", low_stock_threshold=7, weight_grams=250)
    names = sql.field_order(ProductVariant, ["sku", "id", "price_vnd"])
    row = _raw_row(ProductVariant, names, variant.pk)

    with django_assert_num_queries(0):
        loaded = sql.instance_from_row(ProductVariant, names, row)
        assert (loaded.pk, loaded.sku, loaded.price_vnd) == (
            variant.pk,
            variant.sku,
            variant.price_vnd,
        )

    all_names = set(sql.field_order(ProductVariant))
    assert loaded.get_deferred_fields() == all_names - {"id", "sku", "price_vnd"}
    with django_assert_num_queries(1):
        assert loaded.gtin == "8938505974194"
    assert loaded.low_stock_threshold == 7 and loaded.weight_grams == 250
    assert loaded.product_id == variant.product_id


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (ProductVariant, lambda: VariantFactory()),
        (Product, lambda: OcopProductFactory(certifications=["vietgap"])),
        (Seller, lambda: SellerFactory()),
        (User, lambda: UserFactory()),
    ],
)
def test_instance_from_row_builds_the_same_instance_as_from_db(model, make):
    obj = make()
    for names in (
        sql.field_order(model),
        sql.field_order(model, ["id", model._meta.fields[1].attname]),
    ):
        row = _raw_row(model, names, obj.pk)
        direct = sql.instance_from_row(model, names, row)
        through_init = model.from_db("default", names, sql.values_from_row(model, names, row))

        assert type(direct) is model
        assert {k: v for k, v in direct.__dict__.items() if k != "_state"} == {
            k: v for k, v in through_init.__dict__.items() if k != "_state"
        }
        assert (direct._state.adding, direct._state.db) == (False, "default")
        assert direct.get_deferred_fields() == through_init.get_deferred_fields()
        assert direct == through_init


def test_instance_from_row_goes_through_init_when_a_model_has_init_listeners():
    from django.db.models.signals import post_init

    seller = SellerFactory()
    names = sql.field_order(Seller)
    row = _raw_row(Seller, names, seller.pk)
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(listener, sender=Seller)
    try:
        loaded = sql.instance_from_row(Seller, names, row)
    finally:
        post_init.disconnect(listener, sender=Seller)

    assert seen == [seller.pk] and loaded.pk == seller.pk


# field_order ----------------------------------------------------------------------------------


def test_field_order_follows_the_models_field_order_whatever_the_given_order():
    given = ["stock_on_hand", "sku", "id", "product_id", "price_vnd"]

    assert sql.field_order(ProductVariant, given) == (
        "id",
        "product_id",
        "sku",
        "price_vnd",
        "stock_on_hand",
    )
    assert sql.field_order(ProductVariant, list(reversed(given))) == sql.field_order(
        ProductVariant, given
    )


def test_field_order_without_names_gives_every_concrete_field():
    assert sql.field_order(StockMovement) == (
        "id",
        "variant_id",
        "delta_on_hand",
        "delta_reserved",
        "reason",
        "reference",
        "actor_id",
        "created_at",
    )


def test_field_order_and_instance_from_row_round_trip_names_given_out_of_order():
    variant = VariantFactory(price_vnd=123_000, stock_on_hand=9, stock_reserved=2)
    names = sql.field_order(ProductVariant, ["stock_reserved", "price_vnd", "id", "stock_on_hand"])

    loaded = sql.instance_from_row(
        ProductVariant, names, _raw_row(ProductVariant, names, variant.pk)
    )

    assert (loaded.pk, loaded.price_vnd, loaded.stock_on_hand, loaded.stock_reserved) == (
        variant.pk,
        123_000,
        9,
        2,
    )


# api_token_authenticate ---------------------------------------------------------------------------


def test_api_token_authenticate_returns_the_user_of_a_live_token():
    user = UserFactory(full_name="Trần Văn Bình")
    token, raw = api_token_create(user=user, name="ERP")

    found_token, found = api_token_authenticate(raw)

    assert isinstance(found, User) and found.pk == user.pk
    assert found_token.pk == token.pk and found_token.scope_set == {
        "read",
        "shop",
        "catalog",
        "trade",
        "sellers",
    }
    orm = User.objects.get(pk=user.pk)
    names = sql.field_order(User)
    assert _typed({name: getattr(found, name) for name in names}) == _typed(
        {name: getattr(orm, name) for name in names}
    )
    assert found.email == user.email and found.full_name == "Trần Văn Bình"
    assert found.is_active is True and found.is_staff is False
    assert timezone.is_aware(found.date_joined)
    token.refresh_from_db()
    assert token.last_used_at is None  # a read never writes


@pytest.mark.parametrize("case", ["revoked", "unknown", "inactive user", "deleted", "expired"])
def test_api_token_authenticate_refuses(case):
    user = UserFactory()
    token, raw = api_token_create(user=user, name="ERP")
    if case == "revoked":
        assert api_token_revoke(user=user, token_id=token.pk)
    elif case == "unknown":
        raw = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    elif case == "inactive user":
        User.objects.filter(pk=user.pk).update(is_active=False)
    elif case == "deleted":
        ApiToken.objects.filter(pk=token.pk).delete()
    elif case == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())

    assert api_token_authenticate(raw) is None


def test_insert_rows_each_stores_every_group_and_gives_each_row_its_own_pk():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    buyer = UserFactory()
    keys = [
        IdempotencyKey(user=buyer, scope="each", key=f"k{n}", request_hash=str(n) * 64)
        for n in range(3)
    ]
    checkouts = [
        Checkout(buyer=buyer, reference=f"PHEACH{n:04d}", payment_method="cod", total_vnd=n)
        for n in (7, 9)
    ]

    with CaptureQueriesContext(connection) as queries:
        sql.insert_rows_each(keys, [], checkouts)

    inserts = [q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(inserts) == (1 if connection.vendor == "postgresql" else 2)
    # Each object got the pk of its own row, in the order the groups listed them.
    assert [IdempotencyKey.objects.get(pk=key.pk).key for key in keys] == ["k0", "k1", "k2"]
    assert [Checkout.objects.get(pk=c.pk).total_vnd for c in checkouts] == [7, 9]
    assert all(not obj._state.adding for obj in [*keys, *checkouts])


def test_insert_rows_each_of_one_group_is_insert_rows(django_assert_num_queries):
    buyer = UserFactory()
    key = IdempotencyKey(user=buyer, scope="each", key="only", request_hash="h" * 64)
    with django_assert_num_queries(1):
        sql.insert_rows_each([key], [])
    assert IdempotencyKey.objects.get(pk=key.pk).key == "only"


def test_insert_rows_each_fills_in_the_ids_of_rows_inserted_earlier_in_the_statement():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    buyer = UserFactory()
    seller = SellerFactory()
    ward = Ward.objects.filter(province_id="01").order_by("code").first()
    address = Address(street="12 phố Hàng Bạc", ward=ward, province=ward.province)
    checkout = Checkout(buyer=buyer, reference="PHREFS0001", payment_method="cod", total_vnd=5)
    orders = [
        Order(
            number=f"PHREFS0001-{n}",
            checkout=checkout,
            buyer=buyer,
            seller=seller,
            address=address,
            recipient_name="Lê Thị Hoa",
            recipient_phone="0912345678",
            payment_method="cod",
            subtotal_vnd=n,
            shipping_vnd=0,
            total_vnd=n,
            commission_vnd=0,
            weight_grams=1000,
        )
        for n in (1, 2)
    ]

    with CaptureQueriesContext(connection) as queries:
        sql.insert_rows_each([address], [checkout], orders)

    inserts = [q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(inserts) == (1 if connection.vendor == "postgresql" else 3)
    assert all(obj.pk is not None for obj in [address, checkout, *orders])
    stored = list(Order.objects.filter(checkout=checkout).order_by("number"))
    assert [(o.pk, o.number, o.subtotal_vnd) for o in stored] == [
        (orders[0].pk, "PHREFS0001-1", 1),
        (orders[1].pk, "PHREFS0001-2", 2),
    ]
    assert {(o.checkout_id, o.address_id) for o in stored} == {(checkout.pk, address.pk)}
    # The objects in hand carry the ids too, as after save().
    assert {(o.checkout_id, o.address_id) for o in orders} == {(checkout.pk, address.pk)}
    assert Address.objects.get(pk=address.pk).street == "12 phố Hàng Bạc"


def test_insert_rows_each_refuses_a_row_pointing_at_an_unsaved_row_of_no_group():
    buyer = UserFactory()
    stray = Checkout(buyer=buyer, reference="PHSTRAY001", payment_method="cod", total_vnd=1)
    key = IdempotencyKey(user=buyer, scope="each", key="k-stray", request_hash="s" * 64)
    order = Order(
        number="PHSTRAY001-1",
        checkout=stray,
        buyer=buyer,
        seller=SellerFactory(),
        recipient_name="Lê Hoa",
        recipient_phone="0912345678",
        payment_method="cod",
        subtotal_vnd=1,
        total_vnd=1,
    )

    with pytest.raises(ValueError, match="unsaved related object"), transaction.atomic():
        sql.insert_rows_each([key], [order])
    assert not Order.objects.filter(number="PHSTRAY001-1").exists()


def test_insert_values_stores_what_the_orm_would_with_defaults_for_missing_fields():
    variant = VariantFactory()
    before = timezone.now()

    sql.insert_values(
        StockMovement,
        [
            {"variant_id": variant.pk, "delta_reserved": 2, "reason": "reserved", "reference": "A"},
            {"variant_id": variant.pk, "delta_on_hand": -1, "reason": StockMovement.Reason.SOLD},
        ],
    )

    stored = list(StockMovement.objects.filter(variant=variant).order_by("id"))
    assert [
        (m.delta_on_hand, m.delta_reserved, m.reason, m.reference, m.actor_id) for m in stored
    ] == [(0, 2, "reserved", "A", None), (-1, 0, "sold", "", None)]
    # A callable default (timezone.now) is called per row, as a new instance would.
    assert all(before <= m.created_at <= timezone.now() for m in stored)


def test_insert_values_refuses_a_key_that_is_no_column():
    variant = VariantFactory()
    with pytest.raises(TypeError, match="variant"):
        sql.insert_values(StockMovement, [{"variant": variant, "reason": "reserved"}])
    assert not StockMovement.objects.filter(variant=variant).exists()


def test_insert_values_deferred_joins_the_batch_and_is_dropped_on_error():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    variant = VariantFactory()
    row = {"variant_id": variant.pk, "delta_reserved": 1, "reason": "reserved"}

    # The block's writes go out as it ends, still inside the captured queries.
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), sql.deferred_writes():
        sql.insert_values(StockMovement, [row], defer=True)
        sql.insert_values(StockMovement, [row, row], defer=True)
        assert not StockMovement.objects.filter(variant=variant).exists()
    with pytest.raises(RuntimeError), transaction.atomic(), sql.deferred_writes():
        sql.insert_values(StockMovement, [row], defer=True)
        raise RuntimeError("refused")

    writes = [q for q in queries if q["sql"].lstrip().startswith(("INSERT", "WITH"))]
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)
    assert StockMovement.objects.filter(variant=variant).count() == 3
