"""Organisers' pages: events, booths, exhibitor decisions, the scheduler, check-in."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import User
from phohang.core.access import roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError

from .. import selectors, services
from ..forms import (
    BoothForm,
    CheckInForm,
    DecisionForm,
    EventForm,
    OrganiserForm,
)
from ..models import Event
from .common import ORGANISER_ROLES, act, found, organised, refused


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


def _event_initial(event: Event) -> dict:
    fields = [
        "name_vi",
        "name_en",
        "kind",
        "description",
        "starts_on",
        "ends_on",
        "exhibitors_open_on",
        "exhibitors_close_on",
        "visitors_open_on",
        "visitors_close_on",
        "booth_fee_vnd",
        "meeting_day",
        "first_slot_at",
        "slot_minutes",
        "slot_count",
        "tables",
        "max_meetings",
        "requests_need_acceptance",
        "booking",
        "everyone_meets",
        "is_published",
    ]
    initial = {name: getattr(event, name) for name in fields}
    initial["venue"] = event.venue_id
    initial["hall_ids"] = list(event.halls.values_list("pk", flat=True))
    initial["categories"] = list(event.categories.values_list("pk", flat=True))
    return initial


@signed_in
@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    """The organisers change the event; a refused change shows why and keeps the event as it was."""
    event = organised(request, slug)
    form = EventForm(request.POST or None, initial=_event_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                user=request.user,
                event=event,
                data=form.event_data(),
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("expo:manage", slug=event.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "event": event}
    return render(request, "expo/event_form.html", context, status=status)


def _manage_url(slug: str) -> str:
    return reverse("expo:manage", kwargs={"slug": slug})


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
    event = organised(request, slug)
    return render(request, "expo/manage.html", _manage_context(request, event))


@signed_in
@require_POST
def event_publish(request, slug):
    event = organised(request, slug)
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
    event = organised(request, slug)
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
    exhibitor = found(selectors.exhibitor_get_for_user, request.user, public_id)
    event = exhibitor.event
    if not selectors.may_organise(request.user, event):
        raise Http404
    back = _manage_url(event.slug)
    form = DecisionForm(request.POST, event=event)
    if not form.is_valid():
        return refused(request, DomainError("invalid", _("Choose a free booth.")), back)
    context = audit_context_from_request(request)

    def decide():
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

    return act(request, decide, back=back, done=_("Saved."))


@signed_in
@require_POST
def schedule_start(request, slug):
    event = organised(request, slug)
    back = _manage_url(slug)
    try:
        run = services.schedule_start(
            user=request.user, event=event, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return refused(request, error, back)
    return redirect(reverse("expo:schedule_run", kwargs={"public_id": run.public_id}))


@signed_in
@require_GET
def schedule_run(request, public_id):
    run = found(selectors.schedule_run_get_for_user, request.user, public_id)
    template = "expo/partials/_schedule_run.html" if request.htmx else "expo/schedule_run.html"
    return render(request, template, {"run": run, "event": run.event})


@signed_in
@require_POST
def agenda_publish(request, slug):
    event = organised(request, slug)
    back = _manage_url(slug)
    try:
        count = services.agenda_publish(
            user=request.user, event=event, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return refused(request, error, back)
    messages.success(request, _("The agenda is final: %(count)s meetings.") % {"count": count})
    return redirect(back)


@signed_in
@require_POST
def meeting_held(request, public_id):
    meeting = found(selectors.meeting_get_for_user, request.user, public_id)
    if not selectors.may_organise(request.user, meeting.event):
        raise Http404
    back = _manage_url(meeting.event.slug)
    return act(
        request,
        lambda: services.meeting_check_in(
            user=request.user, meeting=meeting, context=audit_context_from_request(request)
        ),
        back=back,
        done=_("The meeting is marked held."),
    )


@signed_in
@require_GET
def check_in_page(request, slug):
    event = organised(request, slug)
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
    event = organised(request, slug)
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


@signed_in
@require_http_methods(["GET", "POST"])
def team(request, slug):
    """The event's organiser team (check-in staff, table hosts): add by e-mail, or remove."""
    event = organised(request, slug)
    form = OrganiserForm(request.POST if "add" in request.POST else None)
    context = audit_context_from_request(request)
    if request.method == "POST" and "remove" in request.POST:
        chosen = request.POST["remove"]
        # Only the team's own members can be named: any other id is not found.
        member = event.organisers.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if member is None:
            raise Http404
        return act(
            request,
            lambda: services.organiser_remove(
                user=request.user, event=event, member=member, context=context
            ),
            back=reverse("expo:team", kwargs={"slug": slug}),
            done=_("Taken off the organiser team."),
        )
    if request.method == "POST" and form.is_valid():
        member = User.objects.filter(
            email__iexact=form.cleaned_data["email"], is_active=True
        ).first()
        if member is None:
            form.add_error("email", _("No active account has this e-mail."))
        else:
            services.organiser_add(user=request.user, event=event, member=member, context=context)
            messages.success(request, _("Added to the organiser team."))
            return redirect("expo:team", slug=slug)
    status = 400 if request.method == "POST" else 200
    members = event.organisers.order_by("full_name", "email")
    return render(
        request, "expo/team.html", {"event": event, "members": members, "form": form}, status=status
    )
