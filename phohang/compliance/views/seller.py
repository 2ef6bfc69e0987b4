"""The seller's desk: identification, takedowns and complaints."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.sellers import identification

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AppealForm,
)
from .common import (
    found,
    seller_for,
    show_error,
)

# The seller's desk: identification, takedowns, complaints --------------------------------


@roles_required([Role.SELLER])
@require_GET
def seller_desk(request):
    seller = seller_for(request)
    return render(
        request,
        "compliance/seller_desk.html",
        {
            "seller": seller,
            "identifications": seller.identifications.all()[:5],
            "eid_available": identification.eid_provider() is not None,
            "takedowns": selectors.takedowns_for_seller(seller)[:50],
            "complaints": selectors.complaints_for_seller(seller)[:50],
            "appeal_form": AppealForm(),
            "answer_form": AnswerForm(),
        },
    )


@roles_required([Role.SELLER])
@require_POST
def identification_start(request):
    seller = seller_for(request)
    try:
        url = identification.identification_start(
            seller=seller,
            user=request.user,
            callback_url=request.build_absolute_uri(reverse("compliance:eid_callback")),
        )
    except DomainError as error:
        show_error(request, error)
        return redirect("compliance:seller_desk")
    return HttpResponseRedirect(url)


@roles_required([Role.SELLER])
@require_GET
def eid_callback(request):
    answer = {
        key: request.GET.get(key, "")[:200]
        for key in ("outcome", "level", "reference", "signature")
    }
    try:
        seller = identification.identification_complete(
            state=request.GET.get("state", "")[:100],
            user=request.user,
            answer=answer,
            context=audit_context_from_request(request, purpose="seller identification"),
        )
    except DomainError as error:
        show_error(request, error)
        return redirect("compliance:seller_desk")
    services.seller_listings_changed(seller)
    messages.success(request, _("Your identity is verified; you can publish and sell."))
    return redirect("compliance:seller_desk")


@signed_in
@require_http_methods(["GET", "POST"])
def eid_simulator(request):
    """The local stand-in of an e-ID intermediary (DEBUG only): the person confirms or refuses."""
    if not identification.simulator_is_on():
        raise Http404
    state = (request.GET.get("state") or request.POST.get("state") or "")[:100]
    redirect_uri = request.GET.get("redirect_uri") or request.POST.get("redirect_uri") or ""
    try:
        identification.identification_attempt_get(state=state, user=request.user)
    except DomainError as error:
        show_error(request, error)
        return redirect("compliance:seller_desk")
    if request.method == "POST":
        from urllib.parse import urlencode

        from django.conf import settings

        level = "2" if request.POST.get("level") == "2" else "1"
        outcome = "verified" if request.POST.get("decision") == "approve" else "refused"
        reference = f"SIM-{state[:8]}"
        signature = identification.answer_signature(
            settings.SECRET_KEY, state=state, level=level, reference=reference
        )
        query = urlencode(
            {
                "state": state,
                "outcome": outcome,
                "level": level,
                "reference": reference,
                "signature": signature,
            }
        )
        return HttpResponseRedirect(f"{reverse('compliance:eid_callback')}?{query}")
    return render(
        request, "compliance/eid_simulator.html", {"state": state, "redirect_uri": redirect_uri}
    )


def _seller_reply(request, public_id, *, getter, form_class, write, done: str):
    """The seller's written move on its own case (appeal, answer), back to the desk."""
    seller = seller_for(request)
    case = found(getter, seller=seller, public_id=public_id)
    form = form_class(request.POST)
    text = next(iter(form.cleaned_data.values())) if form.is_valid() else ""
    try:
        write(case, seller=seller, text=text, context=audit_context_from_request(request))
        messages.success(request, done)
    except DomainError as error:
        show_error(request, error)
    return redirect("compliance:seller_desk")


@roles_required([Role.SELLER])
@require_POST
def takedown_appeal(request, public_id):
    return _seller_reply(
        request,
        public_id,
        getter=selectors.takedown_for_seller,
        form_class=AppealForm,
        write=lambda case, text, **kw: services.takedown_appeal(takedown=case, text=text, **kw),
        done=_("Your appeal was sent to the authority."),
    )


@roles_required([Role.SELLER])
@require_POST
def complaint_answer(request, public_id):
    return _seller_reply(
        request,
        public_id,
        getter=selectors.complaint_for_seller,
        form_class=AnswerForm,
        write=lambda case, text, **kw: services.complaint_answer(complaint=case, answer=text, **kw),
        done=_("Your answer was sent to the buyer."),
    )
