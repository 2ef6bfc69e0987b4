"""Writing validated rows in chunks: a few bulk statements per chunk, row by row if refused."""

import copy
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phohang.core.text import slugify_vi
from phohang.sellers.models import Seller

from ...models import PRODUCT_EDITABLE_FIELDS, Product, ProductVariant, StockMovement
from ..products import description_render
from .validate import Row


class RowWriter:
    """Writes validated rows; products are grouped by title within the seller."""

    def __init__(self, seller: Seller, *, publish: bool, actor_id: int | None) -> None:
        self.seller = seller
        self.publish = publish
        self.actor_id = actor_id
        self.variants = {
            v.sku: v for v in ProductVariant.objects.filter(seller=seller).select_related("product")
        }
        self.changed: dict[int, str] = {}
        # product id → {sku: price}, kept in memory so the lowest price needs no query per row.
        self.prices: dict[int, dict[str, int]] = {}
        for variant in self.variants.values():
            self.prices.setdefault(variant.product_id, {})[variant.sku] = variant.price_vnd
        self.products_by_title = {
            p.title: p for p in Product.objects.filter(seller=seller).order_by("id")
        }
        # Catalogue files repeat a handful of descriptions; Markdown is the slowest step.
        self.rendered: dict[str, str] = {}

    def _description_html(self, text: str) -> str:
        if text not in self.rendered:
            self.rendered[text] = description_render(text)
        return self.rendered[text]

    def _product_fields(self, row: Row) -> dict[str, object]:
        fields = {_attname(name): row[ROW_KEYS.get(name, name)] for name in IMPORTED_FIELDS}
        fields["description_html"] = self._description_html(row["description"])
        return fields

    def write_chunk(self, rows: list[Row]) -> list[tuple[Row, str | Exception]]:
        """Each row with "created", "updated" or the error that kept it out."""
        try:
            with transaction.atomic():
                return self._write_bulk(rows)
        except IntegrityError:
            # Something in the chunk broke a constraint (say a SKU another upload just took):
            # nothing of the chunk was kept, so write it again, each row all or nothing.
            pass
        results: list[tuple[Row, str | Exception]] = []
        with transaction.atomic():
            for row in rows:
                try:
                    with transaction.atomic():
                        results.append((row, self.write(row)))
                except (ValidationError, IntegrityError) as error:
                    results.append((row, error))
        return results

    def _write_bulk(self, rows: list[Row]) -> list[tuple[Row, str | Exception]]:
        """The rows of one chunk in a few bulk statements; the caller holds the transaction.

        Objects already known to the writer are changed as copies, and the writer's own maps
        are updated only at the end, so a rolled-back chunk leaves the writer as it was.
        """
        now = timezone.now()
        results: list[tuple[Row, str | Exception]] = []
        new_products: dict[str, Product] = {}
        changed_products: dict[int, Product] = {}
        new_variants: list[ProductVariant] = []
        changed_variants: list[ProductVariant] = []
        movements: list[tuple[ProductVariant, int]] = []
        written: list[tuple[Product, ProductVariant, str]] = []
        for row in rows:
            known = self.variants.get(row["sku"])
            stock = row["stock"]
            if known is not None and stock is not None and stock < known.stock_reserved:
                results.append((row, self._below_reserved(stock, known.stock_reserved)))
                continue
            fields = self._product_fields(row)
            if known is not None:
                product = changed_products.get(known.product_id) or copy.copy(known.product)
                self._apply_update(product, fields, row, now)
                changed_products[product.pk] = product
                variant = copy.copy(known)
                changed_variants.append(variant)
                outcome = "updated"
            else:
                product = new_products.get(row["title"]) or self.products_by_title.get(row["title"])
                if product is None:
                    product = self._new_product(fields, row, now)
                    new_products[row["title"]] = product
                variant = ProductVariant(seller=self.seller, sku=row["sku"])
                new_variants.append(variant)
                outcome = "created"
            delta = self._apply_variant(variant, row)
            if delta:
                movements.append((variant, delta))
            written.append((product, variant, outcome))
            results.append((row, outcome))

        for product, variant, _outcome in written:
            if product.pk is None:
                product.min_price_vnd = min(
                    product.min_price_vnd or variant.price_vnd, variant.price_vnd
                )
        Product.objects.bulk_create(new_products.values())
        if changed_products:
            Product.objects.bulk_update(changed_products.values(), PRODUCT_UPDATE_FIELDS)
        for product, variant, _outcome in written:
            variant.product = product
        ProductVariant.objects.bulk_create(new_variants)
        if changed_variants:
            ProductVariant.objects.bulk_update(changed_variants, VARIANT_UPDATE_FIELDS)
        StockMovement.objects.bulk_create(
            [self._movement(variant, delta) for variant, delta in movements]
        )
        # product id → {sku: price} of the products this chunk touched, merged in at the end.
        prices: dict[int, dict[str, int]] = {}
        for product, variant, _outcome in written:
            if product.pk not in prices:
                prices[product.pk] = dict(self.prices.get(product.pk, {}))
            prices[product.pk][variant.sku] = variant.price_vnd
        repriced: dict[int, Product] = {}
        for product, _variant, _outcome in written:
            lowest = min(prices[product.pk].values())
            if product.min_price_vnd != lowest:
                repriced[product.pk] = copy.copy(product)
                repriced[product.pk].min_price_vnd = lowest
        if repriced:
            Product.objects.bulk_update(repriced.values(), ["min_price_vnd"])

        # The chunk is written: only now does the writer learn about it.
        self.prices.update(prices)
        for product, _variant, _outcome in written:
            if product.pk in repriced:
                product.min_price_vnd = repriced[product.pk].min_price_vnd
        self.products_by_title.update(new_products)
        for product, variant, outcome in written:
            self.variants[variant.sku] = variant
            if product.status == Product.Status.PUBLISHED:
                self.changed.setdefault(
                    product.pk, "published" if outcome == "created" else "updated"
                )
        return results

    def _new_product(self, fields: dict[str, object], row: Row, now: datetime) -> Product:
        return Product(
            seller=self.seller,
            slug=slugify_vi(row["title"], max_length=100),
            status=Product.Status.PUBLISHED if self.publish else Product.Status.DRAFT,
            published_at=now if self.publish else None,
            created_at=now,
            updated_at=now,
            **fields,
        )

    @staticmethod
    def _apply_update(product: Product, fields: dict[str, object], row: Row, now: datetime) -> None:
        ocop_before = (product.ocop_stars, product.ocop_certificate_number, product.ocop_expires_on)
        for name, value in fields.items():
            setattr(product, name, value)
        if ocop_before != (
            row["ocop_stars"],
            row["ocop_certificate_number"],
            row["ocop_expires_on"],
        ):
            product.ocop_verified_at = None
            product.ocop_revoked_at = None
        product.slug = slugify_vi(product.title, max_length=100)
        product.updated_at = now

    @staticmethod
    def _below_reserved(stock: int, reserved: int) -> ValidationError:
        return ValidationError(
            _("stock %(stock)s is below the %(reserved)s units reserved by orders")
            % {"stock": stock, "reserved": reserved}
        )

    @staticmethod
    def _apply_variant(variant: ProductVariant, row: Row) -> int:
        """Set the row's values on `variant`; returns the change in stock on hand."""
        variant.name = row["variant"]
        variant.gtin = row["gtin"]
        variant.price_vnd = row["price_vnd"]
        variant.weight_grams = row["weight_grams"]
        if row["stock"] is None:
            return 0
        delta: int = row["stock"] - variant.stock_on_hand
        variant.stock_on_hand = row["stock"]
        return delta

    def _movement(self, variant: ProductVariant, delta: int) -> StockMovement:
        return StockMovement(
            variant=variant,
            delta_on_hand=delta,
            reason=StockMovement.Reason.RECEIVED if delta > 0 else StockMovement.Reason.ADJUSTMENT,
            reference="import",
            actor_id=self.actor_id,
        )

    def write(self, row: Row) -> str:
        """One row on its own (the caller holds a savepoint); the slow path of write_chunk."""
        now = timezone.now()
        variant = self.variants.get(row["sku"])
        fields = self._product_fields(row)
        if variant is not None:
            product = variant.product
            self._apply_update(product, fields, row, now)
            product.save()
            outcome = "updated"
        else:
            product = self.products_by_title.get(row["title"])
            if product is None:
                product = self._new_product(fields, row, now)
                product.save()
                self.products_by_title[product.title] = product
            variant = ProductVariant(product=product, seller=self.seller, sku=row["sku"])
            outcome = "created"
        if row["stock"] is not None and row["stock"] < variant.stock_reserved:
            raise self._below_reserved(row["stock"], variant.stock_reserved)
        delta = self._apply_variant(variant, row)
        variant.save()
        if delta:
            self._movement(variant, delta).save()
        self.variants[variant.sku] = variant
        prices = self.prices.setdefault(product.pk, {})
        prices[variant.sku] = variant.price_vnd
        lowest = min(prices.values())
        if product.min_price_vnd != lowest:
            Product.objects.filter(pk=product.pk).update(min_price_vnd=lowest)
            product.min_price_vnd = lowest
        if product.status == Product.Status.PUBLISHED:
            # Sent in bulk once the whole file is imported (see import_job_run).
            self.changed.setdefault(product.pk, "published" if outcome == "created" else "updated")
        return outcome


def _attname(name: str) -> str:
    """The column a Product field is stored in (`category_id` for `category`)."""
    field = Product._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is a relation, not a field of Product")
    return field.attname


# The spreadsheet has every editable field but the ward and "made in Vietnam".
IMPORTED_FIELDS = [
    name for name in PRODUCT_EDITABLE_FIELDS if name not in {"origin_ward", "is_made_in_vietnam"}
]
# The validated row's key for a field, where it is not the field's own name.
ROW_KEYS = {"category": "category_id", "origin_province": "province_id"}
PRODUCT_UPDATE_FIELDS = [
    *(_attname(name) for name in IMPORTED_FIELDS),
    "description_html",
    "ocop_verified_at",
    "ocop_revoked_at",
    "slug",
    "updated_at",
]
VARIANT_UPDATE_FIELDS = ["name", "gtin", "price_vnd", "weight_grams", "stock_on_hand"]
