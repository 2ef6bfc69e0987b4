"""Authority staff: suspend or reinstate products, verify or revoke OCOP certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request

from .. import selectors, services
from ..forms import ReasonForm
from ..models import Product

AUTHORITY = [Role.AUTHORITY, Role.ADMIN]


@roles_required(AUTHORITY)
@require_GET
def moderation_list(request):
    """The flat list of every product gave way to the review queue (new, reported, flagged);
    a search for one product (?q=) still lists matches."""
    query = request.GET.get("q", "")[:100]
    if not query:
        return redirect("compliance:queue")
    products = selectors.product_list_for_authority(
        scope=request.user.province_scope, status="", ocop="", query=query
    )
    page = Paginator(products, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/authority/moderation_list.html",
        {
            "page": page,
            "status": "",
            "ocop": "",
            "query": query,
            "statuses": Product.Status.choices,
        },
    )


@roles_required(AUTHORITY)
@require_GET
def moderation_detail(request, public_id):
    product = selectors.product_get_for_authority(
        scope=request.user.province_scope, public_id=public_id
    )
    return render(
        request,
        "catalog/authority/moderation_detail.html",
        {"product": product, "reason_form": ReasonForm()},
    )


@roles_required(AUTHORITY)
@require_POST
def moderation_action(request, public_id, action: str):
    product = selectors.product_get_for_authority(
        scope=request.user.province_scope, public_id=public_id
    )
    context = audit_context_from_request(request)
    form = ReasonForm(request.POST)
    try:
        if action == "suspend":
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.product_suspend(product=product, reason=reason, context=context)
            messages.success(request, _("The product is suspended; the seller was told why."))
        elif action == "reinstate":
            services.product_reinstate(product=product, context=context)
            messages.success(request, _("The suspension was lifted."))
        elif action == "verify":
            services.product_ocop_verify(product=product, context=context)
            messages.success(request, _("The OCOP certificate is verified."))
        elif action == "revoke":
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.product_ocop_revoke(product=product, reason=reason, context=context)
            messages.success(request, _("The OCOP badge was revoked."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("catalog:moderation_detail", public_id=product.public_id)
