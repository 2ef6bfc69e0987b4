"""The list screener registered with catalog's publish step, and the review queue's writes."""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from phohang.catalog.models import Category, Product
from phohang.catalog.screening import Finding
from phohang.core.audit import AuditContext, audit_record
from phohang.core.text import search_fold

from .models import ReviewItem, ScreeningRule

K = ScreeningRule.Kind


def content_key(product: Product) -> str:
    """What a reviewer approved: text, category, origin and certificates of the listing."""
    parts = [
        product.title,
        product.description,
        str(product.category_id),
        str(product.origin_province_id),
        str(product.origin_ward_id),
        ",".join(sorted(product.certifications or [])),
        product.ocop_certificate_number,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _category_ids(category_id: int | None) -> set[int]:
    """The listing's category and its ancestors: a rule on "Thuốc" covers its children."""
    found: set[int] = set()
    while category_id and category_id not in found:
        found.add(category_id)
        category_id = (
            Category.objects.filter(pk=category_id).values_list("parent_id", flat=True).first()
        )
    return found


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def screen_text(product: Product, rules: list[ScreeningRule]) -> list[Finding]:
    """The rules that `product` trips, folded like the search does (no diacritics, đ → d)."""
    text = search_fold(f"{product.title} {product.description}")
    categories = _category_ids(product.category_id)
    findings = []
    for rule in rules:
        matched = (
            rule.phrase
            if _contains(text, rule.phrase_folded)
            else (str(rule.category) if rule.category_id in categories and rule.category else "")
        )
        if not matched:
            continue
        if rule.kind == K.NEEDS_ORIGIN and product.origin_ward_id:
            continue
        if rule.kind == K.NEEDS_CERTIFICATE and (
            product.certifications or product.ocop_certificate_number
        ):
            continue
        findings.append(Finding(code=rule.kind, matched=matched, note=rule.note))
    return findings


class ListScreener:
    """Screens against the maintained list; a listing approved as it is passes again."""

    def screen(self, product: Product) -> list[Finding]:
        if ReviewItem.objects.filter(
            product=product, status=ReviewItem.Status.APPROVED, content_key=content_key(product)
        ).exists():
            return []
        rules = list(ScreeningRule.objects.filter(is_active=True).select_related("category"))
        return screen_text(product, rules)

    def hold(self, product: Product, findings: list[Finding], context: AuditContext | None) -> None:
        review_item_open(
            product=product,
            source=ReviewItem.Source.SCREENING,
            reasons=[
                {"code": finding.code, "matched": finding.matched, "note": finding.note}
                for finding in findings
            ],
            context=context,
        )


@transaction.atomic
def review_item_open(
    *, product: Product, source: str, reasons: list[dict], context: AuditContext | None
) -> ReviewItem:
    """Put `product` in the queue (or add the reasons to its open item of that source)."""
    key = content_key(product)
    item = ReviewItem.objects.filter(
        product=product, source=source, status=ReviewItem.Status.OPEN
    ).first()
    if item is None:
        try:
            with transaction.atomic():
                item = ReviewItem.objects.create(
                    product=product, source=source, reasons=reasons, content_key=key
                )
        except IntegrityError:
            item = ReviewItem.objects.get(
                product=product, source=source, status=ReviewItem.Status.OPEN
            )
    if item.reasons != reasons or item.content_key != key:
        merged = item.reasons + [reason for reason in reasons if reason not in item.reasons]
        ReviewItem.objects.filter(pk=item.pk).update(
            reasons=merged, content_key=key, created_at=item.created_at or timezone.now()
        )
        item.reasons, item.content_key = merged, key
    audit_record(
        context=context or AuditContext(),
        action=f"compliance.review.{source}",
        obj=product,
        after={"reasons": [reason.get("matched", "") for reason in reasons]},
    )
    return item
