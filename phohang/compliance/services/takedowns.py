"""Takedowns of listings and suspensions of sellers, with deadlines and appeals."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import ProvinceScope, User
from phohang.catalog import services as catalog_services
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.text import clean_line
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.sellers.identification import seller_standing_set
from phohang.sellers.models import Seller

from ..models import (
    Complaint,
    Takedown,
    TakedownEvent,
)
from .common import (
    AUTHORITY,
    PLATFORM,
    SELLER,
    is_uuid,
    reason_clean,
    seller_listings_changed,
    seller_reply,
    tell_seller,
)

T = Takedown.Status
TAKEDOWN = StateMachine(
    name="compliance.takedown",
    moves={
        (T.ORDERED, T.DONE): {PLATFORM, AUTHORITY},
        (T.DONE, T.APPEALED): {SELLER},
        (T.APPEALED, T.UPHELD): {AUTHORITY},
        (T.APPEALED, T.REVERSED): {AUTHORITY},
    },
    history=history_row(TakedownEvent, "takedown"),
)


# Takedowns -------------------------------------------------------------------------------


@transaction.atomic
def takedown_order(
    *,
    kind: str,
    product_public_id: str = "",
    seller_public_id: str = "",
    reason: str,
    legal_basis: str,
    officer: User,
    context: AuditContext,
    complaint: Complaint | None = None,
    scope: ProvinceScope | None = None,
) -> Takedown:
    """The authority orders a listing taken down or a seller suspended, with a deadline;
    an officer of one province reaches that province's sellers only (`scope`)."""
    reason = reason_clean(reason)
    scope = scope or ProvinceScope.everywhere()
    product = None
    if kind == Takedown.Kind.LISTING:
        product = (
            scope.filter(Product.objects.select_related("seller"), "seller__province_id")
            .filter(public_id=product_public_id)
            .first()
            if is_uuid(product_public_id)
            else None
        )
        if product is None:
            raise DomainError(
                "listing_missing", _("No listing has this code; nothing was ordered."), "target"
            )
        seller = product.seller
        hours = settings.COMPLIANCE_TAKEDOWN_HOURS
    elif kind == Takedown.Kind.SELLER:
        seller = (
            scope.filter(Seller.objects.all(), "province_id")
            .filter(public_id=seller_public_id)
            .first()
            if is_uuid(seller_public_id)
            else None
        )
        if seller is None:
            raise DomainError(
                "seller_missing", _("No seller has this code; nothing was ordered."), "target"
            )
        hours = settings.COMPLIANCE_SUSPENSION_HOURS
    else:
        raise DomainError("takedown_kind", _("Choose what is ordered."), "kind")
    now = timezone.now()
    takedown = Takedown.objects.create(
        kind=kind,
        product=product,
        seller=seller,
        reason=reason,
        legal_basis=clean_line(legal_basis or "")[:200],
        ordered_by=officer,
        ordered_at=now,
        due_at=now + datetime.timedelta(hours=hours),
        complaint=complaint,
    )
    history_start(TAKEDOWN, takedown, actor=officer)
    audit_record(
        context=context,
        action="compliance.takedown.ordered",
        obj=takedown,
        after={"kind": kind, "product": product.pk if product else None, "seller": seller.pk},
    )
    return takedown


def takedown_carry_out(*, takedown: Takedown, actor_kind: str, context: AuditContext) -> Takedown:
    """Take the listing down or suspend the seller; the seller is told why and may appeal."""
    with transaction.atomic():
        takedown = Takedown.objects.select_related("product", "seller").get(pk=takedown.pk)
        transition(
            TAKEDOWN,
            takedown,
            to=T.DONE,
            actor_kind=actor_kind,
            actor=context.actor,
            fields={"done_at": timezone.now()},
            context=context,
        )
        if takedown.kind == Takedown.Kind.LISTING and takedown.product:
            if takedown.product.status != Product.Status.SUSPENDED:
                catalog_services.product_suspend(
                    product=takedown.product, reason=takedown.reason, context=context
                )
        else:
            seller_standing_set(
                seller=takedown.seller, is_active=False, reason=takedown.reason, context=context
            )
            seller_listings_changed(takedown.seller)
        tell_seller(
            takedown.seller,
            title=str(takedown.get_kind_display()),
            body=takedown.reason,
            link=reverse("compliance:seller_desk"),
        )
    return takedown


@transaction.atomic
def takedown_appeal(
    *, takedown: Takedown, seller: Seller, text: str, context: AuditContext
) -> Takedown:
    return seller_reply(
        TAKEDOWN,
        takedown,
        seller=seller,
        to=T.APPEALED,
        text=text,
        form_field="text",
        text_field="appeal_text",
        stamp_field="appealed_at",
        context=context,
    )


@transaction.atomic
def takedown_appeal_decide(
    *, takedown: Takedown, accept: bool, note: str, context: AuditContext
) -> Takedown:
    """Lift the takedown (appeal accepted) or keep it; the seller is told either way."""
    note = reason_clean(note, field="note")
    takedown = Takedown.objects.select_related("product", "seller").get(pk=takedown.pk)
    transition(
        TAKEDOWN,
        takedown,
        to=T.REVERSED if accept else T.UPHELD,
        actor_kind=AUTHORITY,
        actor=context.actor,
        fields={"appeal_decision": note},
        context=context,
    )
    if accept:
        if takedown.kind == Takedown.Kind.LISTING and takedown.product:
            if takedown.product.status == Product.Status.SUSPENDED:
                catalog_services.product_reinstate(product=takedown.product, context=context)
        else:
            seller_standing_set(
                seller=takedown.seller, is_active=True, reason=note, context=context
            )
            seller_listings_changed(takedown.seller)
    tell_seller(
        takedown.seller,
        title=str(takedown.get_status_display()),
        body=note,
        link=reverse("compliance:seller_desk"),
    )
    return takedown
