"""Pages of fairs and the Expo; each calls one service or selector and renders."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response

from . import selectors, services
from .forms import (
    ApplyForm,
    AvailabilityForm,
    BoothForm,
    CheckInForm,
    DecisionForm,
    EventForm,
    OutcomeForm,
    RegistrationForm,
)
from .models import Event, MeetingRequest, Participant

ORGANISER_ROLES = [Role.AUTHORITY, Role.ADMIN]


def _refused(request, error: DomainError, back: str):
    """A refused action: the message in the user's language, a 4xx status, nothing changed."""
    if error.status == 404:
        raise Http404
    context = {"message": error.message, "back": back}
    return render(request, "expo/refused.html", context, status=error.status)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError):
        return False
    return True


def _event_public(request, slug: str) -> Event:
    try:
        return selectors.event_get_public(slug, request.user)
    except DomainError as error:
        raise Http404 from error


def _organised(request, slug: str) -> Event:
    try:
        return selectors.event_get_for_organiser(request.user, slug=slug)
    except DomainError as error:
        raise Http404 from error


def _found(getter, *args):
    try:
        return getter(*args)
    except DomainError as error:
        raise Http404 from error


# Public pages


@public
@require_GET
def event_list(request):
    events = selectors.event_list_public()
    return render(request, "expo/event_list.html", {"events": events})


@public
@require_GET
def event_detail(request, slug):
    event = _event_public(request, slug)
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
    event = _event_public(request, slug)
    exhibitor = _found(selectors.exhibitor_get_public, event, public_id)
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
    event = _event_public(request, slug)
    sellers = selectors.sellers_of(request.user)
    if not sellers.exists():
        messages.info(request, _("Only members of an approved seller can exhibit."))
        return redirect("sellers:apply")
    form = ApplyForm(request.POST or None, event=event, sellers=sellers)
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
    exhibitor = _found(selectors.exhibitor_get_for_user, request.user, public_id)
    return render(request, "expo/application.html", {"exhibitor": exhibitor})


@signed_in
@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = _event_public(request, slug)
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
    event = _event_public(request, slug)
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
    event = _event_public(request, slug)
    registration = selectors.registration_for(request.user, event)
    if registration is None:
        raise Http404
    response = HttpResponse(services.badge_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="the-{event.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# B2B meetings


@signed_in
@require_GET
def meetings(request, slug):
    event = _event_public(request, slug)
    sides = []
    for participant in selectors.participants_for_user(request.user, event):
        requests = list(selectors.requests_for(participant))
        marks = {r.recipient_id: r for r in requests if r.requester_id == participant.pk}
        asked = {r.requester_id for r in requests if r.recipient_id == participant.pk}
        counterparts = [
            {"participant": other, "mark": marks.get(other.pk), "asked_me": other.pk in asked}
            for other in selectors.recommended_counterparts(participant)
        ]
        sides.append(
            {
                "participant": participant,
                "counterparts": counterparts,
                "incoming": [
                    r
                    for r in requests
                    if r.recipient_id == participant.pk
                    and r.status == MeetingRequest.Status.PENDING
                ],
                "accepted": [r for r in requests if r.status == MeetingRequest.Status.ACCEPTED],
                "agenda": list(selectors.agenda_for(participant)),
                "availability": AvailabilityForm(
                    event=event,
                    initial={
                        "slots": participant.available_slots,
                        "max_meetings": participant.max_meetings,
                    },
                    prefix=f"p{participant.pk}",
                ),
            }
        )
    context = {"event": event, "sides": sides, "slots": range(event.slot_count)}
    return render(request, "expo/meetings.html", context)


def _my_participant(request, public_id) -> Participant:
    participant = _found(selectors.participant_get_for_user, request.user, public_id)
    if not selectors.participant_is_users(request.user, participant):
        raise Http404
    return participant


@signed_in
@require_POST
def request_mark(request, public_id):
    participant = _my_participant(request, public_id)
    back = reverse("expo:meetings", kwargs={"slug": participant.event.slug})
    counterpart = request.POST.get("counterpart", "")
    recipient = (
        Participant.objects.filter(public_id=counterpart, event=participant.event).first()
        if _is_uuid(counterpart)
        else None
    )
    if recipient is None:
        return _refused(
            request, DomainError("unknown_counterpart", _("Choose a counterpart.")), back
        )
    try:
        services.meeting_request_mark(
            user=request.user,
            requester=participant,
            recipient=recipient,
            preference=request.POST.get("preference", ""),
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Saved."))
    return redirect(back)


@signed_in
@require_POST
def request_answer(request, public_id):
    meeting_request = _found(selectors.request_get_for_user, request.user, public_id)
    back = reverse("expo:meetings", kwargs={"slug": meeting_request.event.slug})
    try:
        services.meeting_request_answer(
            user=request.user,
            request=meeting_request,
            accept=request.POST.get("answer") == "accept",
            preference=request.POST.get("preference", "want"),
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Your answer was sent."))
    return redirect(back)


@signed_in
@require_POST
def availability(request, public_id):
    participant = _my_participant(request, public_id)
    event = participant.event
    back = reverse("expo:meetings", kwargs={"slug": event.slug})
    form = AvailabilityForm(request.POST, event=event, prefix=f"p{participant.pk}")
    if not form.is_valid():
        message = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return _refused(request, DomainError("invalid", message), back)
    try:
        services.availability_set(
            user=request.user,
            participant=participant,
            slots=form.cleaned_data["slots"],
            max_meetings=form.cleaned_data["max_meetings"],
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Your availability was saved."))
    return redirect(back)


@signed_in
@require_POST
def meeting_book(request, public_id):
    meeting_request = _found(selectors.request_get_for_user, request.user, public_id)
    back = reverse("expo:meetings", kwargs={"slug": meeting_request.event.slug})
    try:
        slot = int(request.POST.get("slot", ""))
        services.meeting_book(user=request.user, request=meeting_request, slot=slot)
    except ValueError:
        return _refused(request, DomainError("slot_missing", _("Choose a slot.")), back)
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("The meeting is booked."))
    return redirect(back)


@signed_in
@require_GET
def agenda(request, public_id):
    participant = _found(selectors.participant_get_for_user, request.user, public_id)
    context = {
        "event": participant.event,
        "participant": participant,
        "meetings": selectors.agenda_for(participant),
        "is_mine": selectors.participant_is_users(request.user, participant),
    }
    return render(request, "expo/agenda.html", context)


@signed_in
@require_GET
def agenda_ics(request, public_id):
    participant = _found(selectors.participant_get_for_user, request.user, public_id)
    response = HttpResponse(services.agenda_ics(participant), content_type="text/calendar")
    return protect_file_response(
        response, f"lich-hen-{participant.event.slug}.ics", cache="private, no-store"
    )


@signed_in
@require_POST
def meeting_cancel(request, public_id):
    meeting = _found(selectors.meeting_get_for_user, request.user, public_id)
    back = request.POST.get("back") or reverse("expo:meetings", kwargs={"slug": meeting.event.slug})
    if not back.startswith("/"):
        back = "/"
    try:
        services.meeting_cancel(
            user=request.user, meeting=meeting, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("The meeting was cancelled; the other side is told."))
    return redirect(back)


@signed_in
@require_POST
def meeting_outcome(request, public_id):
    meeting = _found(selectors.meeting_get_for_user, request.user, public_id)
    back = reverse("expo:meetings", kwargs={"slug": meeting.event.slug})
    form = OutcomeForm(request.POST)
    side = next(
        (
            p
            for p in (meeting.buyer, meeting.exhibitor)
            if selectors.participant_is_users(request.user, p)
        ),
        None,
    )
    if side is None:
        raise Http404
    if not form.is_valid():
        return _refused(request, DomainError("invalid", _("Choose what happened.")), back)
    try:
        services.meeting_outcome_record(
            user=request.user,
            meeting=meeting,
            participant=side,
            result=form.cleaned_data["result"],
            deal_value_vnd=form.cleaned_data["deal_value_vnd"] or 0,
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Thank you; the outcome is recorded."))
    return redirect(back)


# Organisers


@roles_required(ORGANISER_ROLES)
@require_GET
def organiser_events(request):
    events = selectors.event_list_for_organiser(request.user)
    return render(request, "expo/organiser_events.html", {"events": events})


@roles_required(ORGANISER_ROLES)
@require_http_methods(["GET", "POST"])
def event_create(request):
    form = EventForm(
        request.POST or None,
        initial={
            "kind": Event.Kind.OCOP_WEEK,
            "booth_fee_vnd": 4_500_000,
            "first_slot_at": "09:00",
            "slot_minutes": 20,
            "slot_count": 12,
            "tables": 20,
            "max_meetings": 8,
            "requests_need_acceptance": True,
            "booking": Event.Booking.SCHEDULER,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                user=request.user,
                data=form.event_data(),
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The event is created."))
            return redirect("expo:manage", slug=event.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "expo/event_form.html", {"form": form}, status=status)


def _manage_context(request, event: Event, **extra) -> dict:
    return {
        "event": event,
        "figures": selectors.event_figures(event),
        "plans": selectors.floor_plans(event),
        "applications": selectors.exhibitor_list_for_organiser(event),
        "booth_form": BoothForm(event=event),
        "decision_form": DecisionForm(event=event),
        "run": event.schedule_runs.first(),
        "meetings": selectors.meeting_list_for_organiser(event),
        "provinces": selectors.deal_value_by_province(event),
        **extra,
    }


@signed_in
@require_GET
def manage(request, slug):
    event = _organised(request, slug)
    return render(request, "expo/manage.html", _manage_context(request, event))


@signed_in
@require_POST
def event_publish(request, slug):
    event = _organised(request, slug)
    services.event_publish(
        user=request.user,
        event=event,
        is_published=request.POST.get("publish") == "on",
        context=audit_context_from_request(request),
    )
    messages.success(request, _("Saved."))
    return redirect("expo:manage", slug=slug)


@signed_in
@require_POST
def booth_add(request, slug):
    event = _organised(request, slug)
    form = BoothForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.booth_create(
                user=request.user,
                event=event,
                hall=data["hall"],
                code=data["code"],
                column=data["column"],
                row=data["row"],
                width=data["width"],
                depth=data["depth"],
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The booth is on the floor plan."))
            return redirect("expo:manage", slug=slug)
    context = _manage_context(request, event, booth_form=form)
    return render(request, "expo/manage.html", context, status=400)


@signed_in
@require_POST
def exhibitor_decide(request, public_id):
    exhibitor = _found(selectors.exhibitor_get_for_user, request.user, public_id)
    event = exhibitor.event
    if not selectors.may_organise(request.user, event):
        raise Http404
    back = reverse("expo:manage", kwargs={"slug": event.slug})
    form = DecisionForm(request.POST, event=event)
    if not form.is_valid():
        return _refused(request, DomainError("invalid", _("Choose a free booth.")), back)
    context = audit_context_from_request(request)
    try:
        if request.POST.get("decision") == "reject":
            services.exhibitor_reject(
                user=request.user,
                exhibitor=exhibitor,
                reason=form.cleaned_data["reason"],
                context=context,
            )
        elif request.POST.get("decision") == "paid":
            services.exhibitor_fee_paid(user=request.user, exhibitor=exhibitor, context=context)
        else:
            services.exhibitor_approve(
                user=request.user,
                exhibitor=exhibitor,
                booth=form.cleaned_data["booth"],
                context=context,
            )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Saved."))
    return redirect(back)


@signed_in
@require_POST
def schedule_start(request, slug):
    event = _organised(request, slug)
    back = reverse("expo:manage", kwargs={"slug": slug})
    try:
        run = services.schedule_start(
            user=request.user, event=event, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return _refused(request, error, back)
    return redirect(reverse("expo:schedule_run", kwargs={"public_id": run.public_id}))


@signed_in
@require_GET
def schedule_run(request, public_id):
    run = _found(selectors.schedule_run_get_for_user, request.user, public_id)
    template = "expo/partials/_schedule_run.html" if request.htmx else "expo/schedule_run.html"
    return render(request, template, {"run": run, "event": run.event})


@signed_in
@require_POST
def agenda_publish(request, slug):
    event = _organised(request, slug)
    back = reverse("expo:manage", kwargs={"slug": slug})
    try:
        count = services.agenda_publish(
            user=request.user, event=event, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("The agenda is final: %(count)s meetings.") % {"count": count})
    return redirect(back)


@signed_in
@require_POST
def meeting_held(request, public_id):
    meeting = _found(selectors.meeting_get_for_user, request.user, public_id)
    if not selectors.may_organise(request.user, meeting.event):
        raise Http404
    back = reverse("expo:manage", kwargs={"slug": meeting.event.slug})
    try:
        services.meeting_check_in(
            user=request.user, meeting=meeting, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("The meeting is marked held."))
    return redirect(back)


@signed_in
@require_GET
def check_in_page(request, slug):
    event = _organised(request, slug)
    context = {
        "event": event,
        "form": CheckInForm(),
        "count": services.checked_in_count(event),
        "registrations": event.registrations.count(),
    }
    response = render(request, "expo/check_in.html", context)
    # The page reads tickets with the phone camera; every other page keeps it off.
    response["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    return response


@signed_in
@require_POST
def check_in_scan(request, slug):
    """One scan (camera or typed); JSON for the page's script, which queues scans offline."""
    event = _organised(request, slug)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "message": _("Enter the ticket code.")}, status=400)
    try:
        registration = services.check_in(
            user=request.user,
            event=event,
            token=form.cleaned_data["token"],
            context=audit_context_from_request(request),
        )
    except DomainError as error:
        body = {"ok": False, "code": error.code, "message": str(error.message)}
        body["count"] = services.checked_in_count(event)
        return JsonResponse(body, status=error.status)
    return JsonResponse(
        {
            "ok": True,
            "message": _("Welcome, %(name)s.") % {"name": registration.full_name},
            "kind": registration.get_kind_display(),
            "count": services.checked_in_count(event),
        }
    )
