"""Public event pages, exhibitor applications, visitor registration, tickets and badges."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phohang.core.access import public, signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response

from .. import selectors, services
from ..forms import (
    ApplyForm,
    RegistrationForm,
)
from .common import event_public, found


@public
@require_GET
def event_list(request):
    events = selectors.event_list_public()
    return render(request, "expo/event_list.html", {"events": events})


@public
@require_GET
def event_detail(request, slug):
    event = event_public(request, slug)
    context = {
        "event": event,
        "plans": selectors.floor_plans(event),
        "exhibitors": selectors.exhibitor_list_public(event),
        "registration": selectors.registration_for(request.user, event),
        "may_organise": selectors.may_organise(request.user, event),
        "my_sellers": selectors.sellers_of(request.user) if request.user.is_authenticated else [],
    }
    return render(request, "expo/event_detail.html", context)


@public
@require_GET
def virtual_booth(request, slug, public_id):
    event = event_public(request, slug)
    exhibitor = found(selectors.exhibitor_get_public, event, public_id)
    mine = [p for p in selectors.participants_for_user(request.user, event) if p.role == "buyer"]
    context = {
        "event": event,
        "exhibitor": exhibitor,
        "products": selectors.exhibitor_products(exhibitor),
        "buyer": mine[0] if mine else None,
    }
    return render(request, "expo/virtual_booth.html", context)


# Exhibitors and visitors


@signed_in
@require_http_methods(["GET", "POST"])
def exhibitor_apply(request, slug):
    event = event_public(request, slug)
    sellers = selectors.sellers_of(request.user)
    if not sellers.exists():
        messages.info(request, _("Only members of an approved seller can exhibit."))
        return redirect("sellers:apply")
    form = ApplyForm(request.POST or None, request.FILES or None, event=event, sellers=sellers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exhibitor = services.exhibitor_apply(
                user=request.user,
                seller=data["seller"],
                event=event,
                booth_size=data["booth_size"],
                preferred_hall=data["preferred_hall"],
                product_ids=[product.pk for product in data["products"]],
                note=data["note"],
                document=data["document"],
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your application was sent to the organiser."))
            return redirect("expo:application", public_id=exhibitor.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "expo/apply.html", {"event": event, "form": form}, status=status)


@signed_in
@require_GET
def application(request, public_id):
    exhibitor = found(selectors.exhibitor_get_for_user, request.user, public_id)
    return render(request, "expo/application.html", {"exhibitor": exhibitor})


DOCUMENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@signed_in
@require_GET
def application_document(request, public_id):
    """The document sent with an application: to the seller's members and the organisers."""
    exhibitor = found(selectors.exhibitor_get_for_user, request.user, public_id)
    extension = exhibitor.document.name.rsplit(".", 1)[-1] if exhibitor.document else ""
    if extension not in DOCUMENT_TYPES:
        raise Http404
    audit_record(
        context=audit_context_from_request(request, purpose="exhibitor application"),
        action="expo.exhibitor.document_viewed",
        obj=exhibitor,
    )
    response = FileResponse(exhibitor.document.open("rb"), content_type=DOCUMENT_TYPES[extension])
    return protect_file_response(response, f"ho-so-{exhibitor.public_id.hex[:8]}.{extension}")


@signed_in
@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = event_public(request, slug)
    if selectors.registration_for(request.user, event):
        return redirect("expo:ticket", slug=slug)
    initial = {"full_name": request.user.full_name, "kind": "trade"}
    form = RegistrationForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_create(
                user=request.user,
                event=event,
                kind=data["kind"],
                full_name=data["full_name"],
                organisation=data["organisation"],
                province_id=data["province"].pk if data["province"] else None,
                seeking=data["seeking"],
                category_ids=[category.pk for category in data["categories"]],
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("You are registered. Your e-ticket is below."))
            return redirect("expo:ticket", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "expo/register.html", {"event": event, "form": form}, status=status)


@signed_in
@require_GET
def ticket(request, slug):
    event = event_public(request, slug)
    registration = selectors.registration_for(request.user, event)
    if registration is None:
        return redirect("expo:register", slug=slug)
    context = {
        "event": event,
        "registration": registration,
        "qr_svg": services.ticket_qr_svg(registration),
        "token": services.ticket_token(registration),
    }
    return render(request, "expo/ticket.html", context)


@signed_in
@require_GET
def badge(request, slug):
    event = event_public(request, slug)
    registration = selectors.registration_for(request.user, event)
    if registration is None:
        raise Http404
    response = HttpResponse(services.badge_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="the-{event.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
