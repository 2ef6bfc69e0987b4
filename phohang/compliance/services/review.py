"""The banned-goods list and the review queue of listings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.catalog import services as catalog_services
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.text import clean_free_text, clean_line, search_fold

from ..models import (
    ReviewItem,
    ScreeningRule,
)
from ..screening import content_key
from .common import reason_clean, tell_seller

# Screening rules -------------------------------------------------------------------------


@transaction.atomic
def screening_rule_add(
    *, kind: str, phrase: str, category_id: int | None, note: str, context: AuditContext
) -> ScreeningRule:
    phrase = clean_line(phrase or "")[:120]
    if kind not in ScreeningRule.Kind.values:
        raise DomainError("rule_kind", _("Choose the kind of rule."), "kind")
    if not phrase and not category_id:
        raise DomainError("rule_empty", _("Give the words or the category."), "phrase")
    folded = search_fold(phrase)
    if phrase and not folded:
        raise DomainError("rule_empty", _("Give the words or the category."), "phrase")
    if (
        folded
        and ScreeningRule.objects.filter(kind=kind, phrase_folded=folded, is_active=True).exists()
    ):
        raise DomainError("rule_exists", _("These words are already on the list."), "phrase")
    rule = ScreeningRule.objects.create(
        kind=kind,
        phrase=phrase,
        phrase_folded=folded,
        category_id=category_id,
        note=clean_line(note or "")[:200],
    )
    audit_record(
        context=context,
        action="compliance.screening_rule.add",
        obj=rule,
        after={"kind": kind, "phrase": phrase, "category": category_id},
    )
    return rule


@transaction.atomic
def screening_rule_remove(*, rule: ScreeningRule, context: AuditContext) -> None:
    ScreeningRule.objects.filter(pk=rule.pk).update(is_active=False)
    audit_record(
        context=context,
        action="compliance.screening_rule.remove",
        obj=rule,
        before={"kind": rule.kind, "phrase": rule.phrase},
    )


# The review queue ------------------------------------------------------------------------


def review_approve(*, item: ReviewItem, note: str, context: AuditContext) -> ReviewItem:
    """Approve the listing as it stands; a listing held by screening is published."""
    with transaction.atomic():
        item = _review_decide(
            item=item, status=ReviewItem.Status.APPROVED, note=note, context=context
        )
        product = Product.objects.select_related("seller").get(pk=item.product_id)
    if item.source == ReviewItem.Source.SCREENING and product.status != Product.Status.PUBLISHED:
        try:
            catalog_services.product_publish(product=product, context=context)
        except ValidationError as error:
            # The approval stands (e.g. the seller's identification lapsed meanwhile); the
            # seller publishes once the reason is gone.
            note = "; ".join(filter(None, [note, *error.messages]))
        tell_seller(
            product.seller,
            title=str(_("Listing approved: %(title)s") % {"title": product.title}),
            body=note,
            link=reverse("catalog:manage_edit", kwargs={"public_id": product.public_id}),
        )
    return item


def review_reject(*, item: ReviewItem, note: str, context: AuditContext) -> ReviewItem:
    """Refuse the listing: it is suspended with the reason the seller sees."""
    note = reason_clean(note, field="note")
    with transaction.atomic():
        item = _review_decide(
            item=item, status=ReviewItem.Status.REJECTED, note=note, context=context
        )
        product = Product.objects.get(pk=item.product_id)
        if product.status != Product.Status.SUSPENDED:
            catalog_services.product_suspend(product=product, reason=note, context=context)
    return item


def _review_decide(
    *, item: ReviewItem, status: str, note: str, context: AuditContext
) -> ReviewItem:
    now = timezone.now()
    product = Product.objects.get(pk=item.product_id)
    updated = ReviewItem.objects.filter(pk=item.pk, status=ReviewItem.Status.OPEN).update(
        status=status,
        decided_at=now,
        decided_by=context.actor,
        decision_note=clean_free_text(note or "")[:4000],
        content_key=content_key(product),
    )
    if not updated:
        raise DomainError("review_decided", _("This item was already decided."))
    item.refresh_from_db()
    audit_record(
        context=context,
        action=f"compliance.review.{status}",
        obj=product,
        after={"source": item.source, "note": item.decision_note},
    )
    return item


def review_mark_seen(*, product: Product, context: AuditContext) -> ReviewItem:
    """A new listing checked by staff leaves the "new" tab."""
    now = timezone.now()
    item = ReviewItem.objects.create(
        product=product,
        source=ReviewItem.Source.NEW,
        status=ReviewItem.Status.APPROVED,
        content_key=content_key(product),
        decided_at=now,
        decided_by=context.actor,
    )
    audit_record(context=context, action="compliance.review.seen", obj=product)
    return item
