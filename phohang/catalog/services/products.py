"""Product lifecycle: create, edit, duplicate, publish, hide, suspend, OCOP verification."""

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import ean

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.text import clean_free_text, clean_identifier, clean_line, slugify_vi

from ..events import product_changed_send
from ..models import (
    PRODUCT_EDITABLE_FIELDS,
    PRODUCT_OCOP_FIELDS,
    Certification,
    OcopLevel,
    Product,
    ProductVariant,
    StockMovement,
    WholesaleTier,
)
from ..screening import screening_run

if TYPE_CHECKING:
    from phohang.accounts.models import User
    from phohang.sellers.models import Seller

AUDITED_FIELDS = ["status", "title", "suspension_reason", "ocop_stars", "ocop_certificate_number"]
MAX_VARIANTS = 50
MAX_PRICE_VND = 10_000_000_000

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h3", "h4", "h5", "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def description_render(text: str) -> str:
    """Markdown → HTML, then nh3 keeps only harmless tags (no scripts, handlers or styles)."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )


def gtin_validate(value: str) -> str:
    """GTIN-8/12/13/14 with a correct check digit, or ''."""
    value = clean_identifier(value or "").replace(" ", "")
    if not value:
        return ""
    if not value.isdigit() or len(value) not in (8, 12, 13, 14) or not ean.is_valid(value):
        raise ValidationError(_("The GTIN/barcode is not valid (check digit)."), code="gtin")
    return value


def _clean_fields(fields: dict[str, Any], *, seller: "Seller") -> dict[str, Any]:
    cleaned = dict(fields)
    errors: dict[str, list[str]] = {}
    if "title" in cleaned:
        cleaned["title"] = clean_line(cleaned["title"] or "")[:200]
        if len(cleaned["title"]) < 3:
            errors.setdefault("title", []).append(_("The title needs at least 3 characters."))
    if "description" in cleaned:
        cleaned["description"] = clean_free_text(cleaned["description"] or "")[:20_000]
    if "certifications" in cleaned:
        valid = set(Certification.values)
        values = list(dict.fromkeys(cleaned["certifications"] or []))
        if any(value not in valid for value in values):
            errors.setdefault("certifications", []).append(_("Unknown certification."))
        cleaned["certifications"] = [value for value in values if value in valid]
    if cleaned.get("ocop_stars") not in (None, "", 3, 4, 5):
        errors.setdefault("ocop_stars", []).append(_("OCOP products have 3, 4 or 5 stars."))
    if cleaned.get("ocop_stars") == "":
        cleaned["ocop_stars"] = None
    if cleaned.get("ocop_level") not in (None, "", *OcopLevel.values):
        errors.setdefault("ocop_level", []).append(_("Unknown OCOP level."))
    if "ocop_certificate_number" in cleaned:
        cleaned["ocop_certificate_number"] = clean_identifier(
            cleaned["ocop_certificate_number"] or ""
        )[:60]
    if cleaned.get("ocop_stars") and not cleaned.get("ocop_certificate_number"):
        errors.setdefault("ocop_certificate_number", []).append(
            _("Give the OCOP certificate number.")
        )
    if cleaned.get("ocop_stars") and not cleaned.get("ocop_expires_on"):
        errors.setdefault("ocop_expires_on", []).append(_("Give the certificate's expiry date."))
    ward = cleaned.get("origin_ward")
    province = cleaned.get("origin_province")
    if ward is not None and province is not None and ward.province_id != province.pk:
        errors.setdefault("origin_ward", []).append(
            _("This commune is not in the chosen province.")
        )
    category = cleaned.get("category")
    if category is not None and not category.is_active:
        errors.setdefault("category", []).append(_("This category is not available."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_variant(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    name = clean_line(str(data.get("name") or ""))[:80]
    sku = clean_identifier(str(data.get("sku") or ""))[:64]
    if not name:
        errors.setdefault("name", []).append(_("Name the variant (e.g. 500 g)."))
    if not sku:
        errors.setdefault("sku", []).append(_("Give the SKU."))
    try:
        gtin = gtin_validate(str(data.get("gtin") or ""))
    except ValidationError as error:
        errors.setdefault("gtin", []).extend(error.messages)
        gtin = ""
    price = data.get("price_vnd")
    if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
        errors.setdefault("price_vnd", []).append(_("The price must be a positive whole number."))
    elif price > MAX_PRICE_VND:
        errors.setdefault("price_vnd", []).append(_("The price is too large."))
    tiers = []
    for min_quantity, tier_price in data.get("tiers") or []:
        if int(min_quantity) < 2 or int(tier_price) <= 0:
            errors.setdefault("tiers", []).append(
                _("Wholesale tiers start at 2 units and have a positive price.")
            )
            break
        tiers.append((int(min_quantity), int(tier_price)))
    stock = data.get("stock_on_hand", 0) or 0
    if not isinstance(stock, int) or stock < 0:
        errors.setdefault("stock_on_hand", []).append(_("Stock cannot be negative."))
    if errors:
        raise ValidationError(errors)
    return {
        "id": data.get("id"),
        "name": name,
        "sku": sku,
        "gtin": gtin,
        "price_vnd": price,
        "weight_grams": data.get("weight_grams") or None,
        "stock_on_hand": stock,
        "low_stock_threshold": data.get("low_stock_threshold", 5) or 0,
        "tiers": sorted(dict(tiers).items()),
    }


def _product_slug(title: str) -> str:
    return slugify_vi(title, max_length=100)


def product_refresh_summary(product: Product) -> None:
    """Recompute the listing summaries (lowest price, cover thumbnail) from the rows."""
    lowest = product.variants.aggregate(lowest=Min("price_vnd"))["lowest"]
    cover = product.images.order_by("position", "id").values_list("thumbnail", flat=True).first()
    Product.objects.filter(pk=product.pk).update(min_price_vnd=lowest, cover_thumbnail=cover or "")
    product.min_price_vnd = lowest
    product.cover_thumbnail = cover or ""


def _save_variants(
    *, product: Product, variants: Iterable[dict[str, Any]], actor: "User | None"
) -> None:
    cleaned = [_clean_variant(v) for v in variants]
    if len(cleaned) > MAX_VARIANTS:
        raise ValidationError({"variants": [_("At most 50 variants per product.")]})
    skus = [v["sku"] for v in cleaned]
    if len(set(skus)) != len(skus):
        raise ValidationError({"sku": [_("Each variant needs its own SKU.")]})
    existing = {v.pk: v for v in product.variants.all()}
    by_sku = {v.sku: v for v in existing.values()}
    taken = set(
        ProductVariant.objects.filter(seller_id=product.seller_id, sku__in=skus)
        .exclude(product=product)
        .values_list("sku", flat=True)
    )
    if taken:
        raise ValidationError(
            {"sku": [_("SKU already used by another product: %s") % ", ".join(sorted(taken))]}
        )
    kept: set[int] = set()
    for position, data in enumerate(cleaned):
        variant = existing.get(data["id"]) or by_sku.get(data["sku"])
        if variant is None:
            variant = ProductVariant(product=product, seller_id=product.seller_id)
            new_stock = data["stock_on_hand"]
        else:
            new_stock = None
        variant.name = data["name"]
        variant.sku = data["sku"]
        variant.gtin = data["gtin"]
        variant.price_vnd = data["price_vnd"]
        variant.weight_grams = data["weight_grams"]
        variant.low_stock_threshold = data["low_stock_threshold"]
        variant.position = position
        if new_stock is not None:
            variant.stock_on_hand = new_stock
        variant.save()
        if new_stock:
            StockMovement.objects.create(
                variant=variant,
                delta_on_hand=new_stock,
                reason=StockMovement.Reason.RECEIVED,
                reference="initial",
                actor=actor,
            )
        kept.add(variant.pk)
        current = list(variant.wholesale_tiers.values_list("min_quantity", "price_vnd"))
        if current != data["tiers"]:
            variant.wholesale_tiers.all().delete()
            WholesaleTier.objects.bulk_create(
                WholesaleTier(variant=variant, min_quantity=q, price_vnd=p)
                for q, p in data["tiers"]
            )
    removed = [v for pk, v in existing.items() if pk not in kept]
    for variant in removed:
        if variant.stock_reserved:
            raise ValidationError(
                {"variants": [_("Variant %s has units reserved by orders.") % variant.sku]}
            )
        try:
            variant.delete()
        except ProtectedError as error:
            raise ValidationError(
                {"variants": [_("Variant %s is referenced by orders.") % variant.sku]}
            ) from error


def _actor(context: AuditContext | None) -> "User | None":
    return context.actor if context else None


def product_create(
    *, seller: "Seller", context: AuditContext | None, variants: list[dict[str, Any]], **fields: Any
) -> Product:
    """Create a draft product with its variants."""
    unknown = set(fields) - set(PRODUCT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    cleaned = _clean_fields(fields, seller=seller)
    if not variants:
        raise ValidationError({"variants": [_("Add at least one variant with a price.")]})
    with transaction.atomic():
        product = Product(seller=seller, **cleaned)
        product.slug = _product_slug(product.title)
        product.description_html = description_render(product.description)
        product.save()
        _save_variants(product=product, variants=variants, actor=_actor(context))
        product_refresh_summary(product)
        audit_record(
            context=context,
            action="catalog.product.create",
            obj=product,
            after=snapshot(product, AUDITED_FIELDS),
        )
    return product


def product_update(
    *,
    product: Product,
    context: AuditContext | None,
    variants: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Product:
    """Edit a product; changing OCOP data clears its verification until staff check it again."""
    unknown = set(fields) - set(PRODUCT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    merged = {name: getattr(product, name) for name in PRODUCT_EDITABLE_FIELDS}
    merged.update(fields)
    cleaned = _clean_fields(merged, seller=product.seller)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        before = snapshot(product, AUDITED_FIELDS)
        ocop_changed = any(getattr(product, name) != cleaned[name] for name in PRODUCT_OCOP_FIELDS)
        for name, value in cleaned.items():
            setattr(product, name, value)
        product.slug = _product_slug(product.title)
        product.description_html = description_render(product.description)
        if ocop_changed:
            product.ocop_verified_at = None
            product.ocop_verified_by = None
            product.ocop_revoked_at = None
            product.ocop_revoked_reason = ""
        product.updated_at = timezone.now()
        product.save()
        if variants is not None:
            _save_variants(product=product, variants=variants, actor=_actor(context))
        product_refresh_summary(product)
        audit_record(
            context=context,
            action="catalog.product.update",
            obj=product,
            before=before,
            after=snapshot(product, AUDITED_FIELDS),
        )
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")
    if product.is_published:
        _rescreen_published(product, context)
    return product


def _rescreen_published(product: Product, context: AuditContext | None) -> None:
    """An edited listing is screened again; a flagged one leaves the shop until reviewed."""
    held = screening_run(product)
    if not held:
        return
    _transition(product=product, status=Product.Status.HIDDEN, context=context, action="hidden")
    with transaction.atomic():
        for screener, findings in held:
            screener.hold(product, findings, context)


def product_duplicate(*, product: Product, context: AuditContext | None) -> Product:
    """A draft copy with fresh SKUs ("-copy", "-copy2", …) and no stock or images."""
    with transaction.atomic():
        taken = set(
            ProductVariant.objects.filter(seller_id=product.seller_id).values_list("sku", flat=True)
        )
        variants = []
        for variant in product.variants.prefetch_related("wholesale_tiers"):
            suffix, number = "-copy", 1
            while f"{variant.sku[: 64 - len(suffix)]}{suffix}" in taken:
                number += 1
                suffix = f"-copy{number}"
            sku = f"{variant.sku[: 64 - len(suffix)]}{suffix}"
            taken.add(sku)
            variants.append(
                {
                    "name": variant.name,
                    "sku": sku,
                    "gtin": "",
                    "price_vnd": variant.price_vnd,
                    "weight_grams": variant.weight_grams,
                    "low_stock_threshold": variant.low_stock_threshold,
                    "tiers": [(t.min_quantity, t.price_vnd) for t in variant.wholesale_tiers.all()],
                }
            )
        fields = {name: getattr(product, name) for name in PRODUCT_EDITABLE_FIELDS}
        fields["title"] = (_("%s (copy)") % product.title)[:200]
        return product_create(seller=product.seller, context=context, variants=variants, **fields)


def _transition(
    *, product: Product, status: str, context: AuditContext | None, action: str, reason: str = ""
) -> Product:
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        before = snapshot(product, AUDITED_FIELDS)
        product.status = status
        if status == Product.Status.SUSPENDED:
            product.suspension_reason = reason
        elif status == Product.Status.PUBLISHED:
            product.suspension_reason = ""
            product.published_at = product.published_at or timezone.now()
        product.updated_at = timezone.now()
        product.save(update_fields=["status", "suspension_reason", "published_at", "updated_at"])
        audit_record(
            context=context,
            action=f"catalog.product.{action}",
            obj=product,
            before=before,
            after=snapshot(product, AUDITED_FIELDS),
        )
        product_changed_send(product_id=product.pk, action=action)
    return product


def product_publish(*, product: Product, context: AuditContext | None) -> Product:
    """Screening before going live: a verified seller, a priced variant, not suspended."""
    if product.status == Product.Status.SUSPENDED:
        raise ValidationError(
            _("A suspended product can only be reinstated by the authority."), code="suspended"
        )
    if not product.seller.can_publish:
        raise ValidationError(_("Only active, verified sellers can publish."), code="seller")
    if not product.variants.exists():
        raise ValidationError(_("Add at least one variant with a price."), code="no_variant")
    _screen_or_hold(product, context)
    return _transition(
        product=product, status=Product.Status.PUBLISHED, context=context, action="published"
    )


def _screen_or_hold(product: Product, context: AuditContext | None) -> None:
    """Run the screening; a flagged listing goes to the review queue and is not published."""
    held = screening_run(product)
    if not held:
        return
    with transaction.atomic():
        for screener, findings in held:
            screener.hold(product, findings, context)
    matched = ", ".join(
        dict.fromkeys(finding.matched for _screener, findings in held for finding in findings)
    )
    raise ValidationError(
        _(
            "The listing is held for review by the platform (%(reasons)s); you will be told the outcome."
        )
        % {"reasons": matched},
        code="held_for_review",
    )


def product_hide(*, product: Product, context: AuditContext | None) -> Product:
    if product.status == Product.Status.SUSPENDED:
        raise ValidationError(
            _("A suspended product can only be reinstated by the authority."), code="suspended"
        )
    return _transition(
        product=product, status=Product.Status.HIDDEN, context=context, action="hidden"
    )


def product_suspend(*, product: Product, reason: str, context: AuditContext) -> Product:
    """Authority takes a product down; the seller sees `reason`."""
    reason = clean_free_text(reason or "")[:2000]
    if len(reason) < 5:
        raise ValidationError({"reason": [_("Give the reason the seller will see.")]})
    product = _transition(
        product=product,
        status=Product.Status.SUSPENDED,
        context=context,
        action="suspended",
        reason=reason,
    )
    _notify_seller(
        product,
        _("Product suspended: %(title)s") % {"title": product.title},
        reason,
    )
    return product


def product_reinstate(*, product: Product, context: AuditContext) -> Product:
    """Authority lifts a suspension; the product comes back hidden for the seller to publish."""
    if product.status != Product.Status.SUSPENDED:
        raise ValidationError(_("This product is not suspended."), code="not_suspended")
    return _transition(
        product=product, status=Product.Status.HIDDEN, context=context, action="hidden"
    )


def product_delete(*, product: Product, context: AuditContext | None) -> None:
    """Delete a product that no order refers to; otherwise ask the seller to hide it."""
    if _under_retention(product):
        raise ValidationError(
            _(
                "This listing was public: the law keeps it for %(days)d days after its last "
                "change. Hide it instead; it is removed when its period ends."
            )
            % {"days": settings.RETENTION_LISTING_DAYS},
            code="retention",
        )
    with transaction.atomic():
        if product.variants.filter(stock_reserved__gt=0).exists():
            raise ValidationError(_("Orders hold units of this product; hide it instead."))
        product_id = product.pk
        audit_record(
            context=context,
            action="catalog.product.delete",
            obj=product,
            before=snapshot(product, AUDITED_FIELDS),
        )
        try:
            with transaction.atomic():
                product.delete()
        except ProtectedError as error:
            raise ValidationError(_("Orders refer to this product; hide it instead.")) from error
        product_changed_send(product_id=product_id, action="deleted")


def _under_retention(product: Product) -> bool:
    """A listing that was public is kept RETENTION_LISTING_DAYS after it last changed
    (law 122/2025 on e-commerce: listings at least one year)."""
    if product.published_at is None:
        return False
    last = max(product.published_at, product.updated_at or product.published_at)
    return last > timezone.now() - timedelta(days=settings.RETENTION_LISTING_DAYS)


def product_ocop_verify(*, product: Product, context: AuditContext) -> Product:
    """Authority confirms the OCOP certificate; the badge shows until it expires."""
    if not (product.ocop_stars and product.ocop_certificate_number and product.ocop_expires_on):
        raise ValidationError(_("The product has no complete OCOP certificate to verify."))
    if product.ocop_expires_on < timezone.localdate():
        raise ValidationError(_("The OCOP certificate has expired."))
    with transaction.atomic():
        before = {"ocop_verified_at": None, "ocop_revoked_at": str(product.ocop_revoked_at)}
        product.ocop_verified_at = timezone.now()
        product.ocop_verified_by = context.actor
        product.ocop_revoked_at = None
        product.ocop_revoked_reason = ""
        product.save(
            update_fields=[
                "ocop_verified_at",
                "ocop_verified_by",
                "ocop_revoked_at",
                "ocop_revoked_reason",
            ]
        )
        audit_record(
            context=context,
            action="catalog.ocop.verify",
            obj=product,
            before=before,
            after={
                "ocop_stars": product.ocop_stars,
                "ocop_certificate_number": product.ocop_certificate_number,
                "ocop_expires_on": str(product.ocop_expires_on),
            },
        )
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")
    return product


def product_ocop_revoke(*, product: Product, reason: str, context: AuditContext) -> Product:
    reason = clean_free_text(reason or "")[:2000]
    if len(reason) < 5:
        raise ValidationError({"reason": [_("Give the reason the seller will see.")]})
    with transaction.atomic():
        product.ocop_revoked_at = timezone.now()
        product.ocop_revoked_reason = reason
        product.save(update_fields=["ocop_revoked_at", "ocop_revoked_reason"])
        audit_record(
            context=context,
            action="catalog.ocop.revoke",
            obj=product,
            after={"reason": reason, "ocop_certificate_number": product.ocop_certificate_number},
        )
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")
    _notify_seller(product, _("OCOP badge revoked: %(title)s") % {"title": product.title}, reason)
    return product


def _notify_seller(product: Product, subject: str, body: str) -> None:
    """Tell each active member of the seller, in the app and by email after commit."""
    from phohang.accounts.services import notification_send

    for member in product.seller.members.filter(is_active=True).select_related("user"):
        notification_send(
            user=member.user, title=subject, body=body, link=product_manage_url(product)
        )


def product_manage_url(product: Product) -> str:
    from django.urls import reverse

    return reverse("catalog:manage_edit", kwargs={"public_id": product.public_id})
