"""Pages of the logistics context: thin adapters over selectors and services."""

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.core.views import protect_file_response

from . import selectors, services
from .carriers import configured_carriers, simulator, simulator_is_on
from .drawing import plan_drawing
from .forms import DayForm, PlanForm, ProofForm, ShipmentForm, StopForm, VehicleForm
from .label import label_pdf
from .models import Carrier, PlanRun, ShipmentStatus


def _found(getter, *args):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


def _day(request) -> datetime.date:
    """The day asked for (?date=YYYY-MM-DD), tomorrow by default: plans are made the day before."""
    form = DayForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["date"]
    return timezone.localdate() + datetime.timedelta(days=1)


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@signed_in
@require_GET
def home(request):
    """The hubs the user manages; one hub goes straight to its page."""
    hubs = list(selectors.hub_list_for(request.user))
    if len(hubs) == 1:
        return redirect(hubs[0].get_absolute_url())
    if not hubs:
        raise Http404
    return render(request, "logistics/home.html", {"hubs": hubs})


@signed_in
@require_GET
def hub_detail(request, public_id):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    day = _day(request)
    stops = list(selectors.stop_list(hub, day))
    vehicles = list(selectors.vehicle_list(hub))
    plan = selectors.plan_latest(hub, day)
    context = {
        "hub": hub,
        "day": day,
        "day_form": DayForm(initial={"date": day}),
        "days": selectors.stop_days(hub),
        "stops": stops,
        "vehicles": vehicles,
        "plan": plan,
        "plan_is_stale": plan is not None and plan.is_finished and selectors.plan_is_stale(plan),
        "plan_form": PlanForm(),
        "total_kg": sum(stop.demand_kg for stop in stops),
        "capacity_kg": sum(v.capacity_kg for v in vehicles if v.is_active),
    }
    return render(request, "logistics/hub_detail.html", context)


def _day_url(hub, day) -> str:
    return f"{hub.get_absolute_url()}?date={day.isoformat()}"


@signed_in
@require_POST
def stops_import(request, public_id):
    """The hub manager brings in the day's packed orders and due contract deliveries."""
    hub = _found(selectors.hub_get_for, request.user, public_id)
    day = _day(request)
    result = services.stops_import(
        hub=hub, run_date=day, user=request.user, context=audit_context_from_request(request)
    )
    messages.success(
        request,
        _("%(created)s stops added, %(already)s were already on a run.")
        % {"created": result.created, "already": result.already},
    )
    for reference, _reason in result.skipped:
        messages.warning(
            request,
            _("%(reference)s has no coordinates for its ward: add it by hand.")
            % {"reference": reference},
        )
    return redirect(_day_url(hub, day))


@signed_in
@require_POST
def plan_start(request, public_id):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    day = _day(request)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_start(
                hub=hub,
                run_date=day,
                time_limit_s=form.cleaned_data["time_limit_s"],
                user=request.user,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            return redirect(plan.get_absolute_url())
    stops = list(selectors.stop_list(hub, day))
    vehicles = list(selectors.vehicle_list(hub))
    context = {
        "hub": hub,
        "day": day,
        "day_form": DayForm(initial={"date": day}),
        "stops": stops,
        "vehicles": vehicles,
        "plan": selectors.plan_latest(hub, day),
        "plan_form": form,
        "total_kg": sum(stop.demand_kg for stop in stops),
        "capacity_kg": sum(v.capacity_kg for v in vehicles if v.is_active),
    }
    return render(request, "logistics/hub_detail.html", context, status=422)


def _plan_context(plan: PlanRun) -> dict:
    stops = {str(stop.public_id): stop for stop in selectors.stop_list(plan.hub, plan.run_date)}
    context = {"plan": plan, "hub": plan.hub}
    if plan.status == PlanRun.Status.DONE:
        context.update(
            drawing=plan_drawing(
                hub=plan.hub,
                result=plan.result,
                stops=stops,
                rules=selectors.truck_rules_current(),
            ),
            is_stale=selectors.plan_is_stale(plan),
            served=sum(len(route["visits"]) for route in plan.result["routes"]),
        )
    return context


@signed_in
@require_GET
def plan_detail(request, public_id):
    plan = _found(selectors.plan_get_for, request.user, public_id)
    context = _plan_context(plan) | {
        "plan_form": PlanForm(initial={"time_limit_s": plan.time_limit_s})
    }
    return render(request, "logistics/plan_detail.html", context)


@signed_in
@require_GET
def plan_progress(request, public_id):
    """HTMX: the progress bar while the plan runs; the whole page once it is done."""
    plan = _found(selectors.plan_get_for, request.user, public_id)
    if plan.is_finished:
        response = render(request, "logistics/partials/_plan_progress.html", {"plan": plan})
        response["HX-Refresh"] = "true"
        return response
    return render(request, "logistics/partials/_plan_progress.html", {"plan": plan})


@signed_in
@require_GET
def run_sheet(request, public_id, vehicle_id):
    """The driver's printable sheet: stops in order with times, loads and a proof form each."""
    plan = _found(selectors.plan_get_for, request.user, public_id)
    route = next(
        (r for r in plan.result.get("routes", []) if r["vehicle"] == str(vehicle_id)), None
    )
    if route is None:
        raise Http404
    stops = {
        str(stop.public_id): stop
        for stop in selectors.stop_list(plan.hub, plan.run_date).select_related("proof")
    }
    lines = [{"visit": visit, "stop": stops.get(visit["stop"])} for visit in route["visits"]]
    context = {"plan": plan, "hub": plan.hub, "route": route, "lines": lines, "form": ProofForm()}
    return render(request, "logistics/run_sheet.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def vehicle_add(request, public_id):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    form = VehicleForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.vehicle_create(
                hub=hub, data=form.cleaned_data, context=audit_context_from_request(request)
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The vehicle is added."))
            return redirect(hub.get_absolute_url())
    status = 422 if form.is_bound else 200
    context = {"hub": hub, "form": form, "title": _("Add a vehicle")}
    return render(request, "logistics/form.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def vehicle_edit(request, public_id):
    vehicle = _found(selectors.vehicle_get_for, request.user, public_id)
    initial = {name: getattr(vehicle, name) for name in services.network.VEHICLE_FIELDS}
    form = VehicleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.vehicle_update(
                vehicle=vehicle, data=form.cleaned_data, context=audit_context_from_request(request)
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The vehicle is saved."))
            return redirect(vehicle.hub.get_absolute_url())
    status = 422 if form.is_bound else 200
    context = {"hub": vehicle.hub, "form": form, "title": vehicle}
    return render(request, "logistics/form.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def stop_add(request, public_id):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    day = _day(request)
    form = StopForm(request.POST or None, province_code=hub.ward.province_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_create(
                hub=hub,
                run_date=day,
                data=form.cleaned_data,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The stop is added."))
            return redirect(_day_url(hub, day))
    status = 422 if form.is_bound else 200
    context = {"hub": hub, "form": form, "title": _("Add a stop"), "day": day}
    return render(request, "logistics/form.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def stop_edit(request, public_id):
    stop = _found(selectors.stop_get_for, request.user, public_id)
    hub = stop.hub
    initial = {name: getattr(stop, name) for name in services.network.STOP_FIELDS}
    form = StopForm(request.POST or None, initial=initial, province_code=hub.ward.province_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["ward"] != stop.ward and data["latitude"] == stop.latitude:
            data.pop("latitude"), data.pop("longitude")  # a new ward: its centre, unless typed
        try:
            services.stop_update(stop=stop, data=data, context=audit_context_from_request(request))
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The stop is saved. Plan again to include the change."))
            return redirect(_day_url(hub, stop.run_date))
    status = 422 if form.is_bound else 200
    context = {"hub": hub, "form": form, "title": stop.name, "day": stop.run_date, "stop": stop}
    return render(request, "logistics/form.html", context, status=status)


@signed_in
@require_POST
def stop_delete(request, public_id):
    stop = _found(selectors.stop_get_for, request.user, public_id)
    hub, day = stop.hub, stop.run_date
    services.stop_delete(stop=stop, context=audit_context_from_request(request))
    messages.success(request, _("The stop is removed."))
    return redirect(_day_url(hub, day))


@signed_in
@require_POST
def stop_proof(request, public_id):
    """The driver records the outcome of a stop with a signature or a photo."""
    stop = _found(selectors.stop_get_for, request.user, public_id)
    form = ProofForm(request.POST, request.FILES)
    back = request.POST.get("back", "")
    if form.is_valid():
        try:
            services.proof_record(
                stop=stop,
                outcome=form.cleaned_data["outcome"],
                received_by=form.cleaned_data["received_by"],
                photo=form.cleaned_data["photo"],
                signature=form.cleaned_data["signature"],
                note=form.cleaned_data["note"],
                user=request.user,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Recorded for %(stop)s.") % {"stop": stop.name})
    else:
        messages.error(request, _("Choose the outcome and add a signature or a photo."))
    plan = selectors.plan_latest(stop.hub, stop.run_date)
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(plan.get_absolute_url() if plan else _day_url(stop.hub, stop.run_date))


@signed_in
@require_GET
def proof_image(request, public_id):
    """A proof's signature or photo, only to the hub's managers."""
    stop = _found(selectors.stop_get_for, request.user, public_id)
    proof = getattr(stop, "proof", None)
    if proof is None or not proof.image:
        raise Http404
    extension = proof.image.name.rsplit(".", 1)[-1]
    content_type = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[extension]
    response = FileResponse(proof.image.open("rb"), content_type=content_type)
    return protect_file_response(response, f"{stop.public_id}.{extension}")


@signed_in
@require_GET
def shipment_list(request):
    """Parcels the user follows: as a buyer, and those of the shops they work for."""
    shipments = selectors.shipment_list_for(request.user).order_by("-created_at")[:100]
    packed = selectors.packed_orders_for_seller_member(request.user)[:100]
    deliveries = selectors.deliveries_to_ship_for_seller_member(request.user)[:100]
    context = {"shipments": shipments, "packed": packed, "deliveries": deliveries}
    return render(request, "logistics/shipment_list.html", context)


def _booking_page(request, *, book, quote, template: str, context: dict):
    """A carrier booking page: every carrier's quote, one click books (`book(carrier, key)`)
    once per idempotency key, a refusal is shown on the form."""
    carriers = configured_carriers()
    form = ShipmentForm(request.POST or None, carriers=carriers)
    if request.method == "POST" and form.is_valid():
        try:
            shipment = book(form.cleaned_data["carrier"], form.cleaned_data["idempotency_key"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The parcel is booked with the carrier."))
            return redirect(shipment.get_absolute_url())
    quotes = []
    for code in carriers:
        try:
            quotes.append((Carrier(code).label, quote(code)))
        except DomainError:
            quotes.append((Carrier(code).label, None))
    status = 422 if form.is_bound else 200
    context |= {"form": form, "quotes": quotes}
    return render(request, template, context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def shipment_create(request, public_id):
    """The seller books a packed order with a carrier (quotes shown, one click, idempotent)."""
    order = _found(selectors.order_for_seller_member, request.user, public_id)
    return _booking_page(
        request,
        book=lambda carrier, key: services.shipment_create_for_order(
            order=order,
            carrier=carrier,
            user=request.user,
            idempotency_key=key,
            context=audit_context_from_request(request),
        ),
        quote=lambda code: services.shipment_quote(order=order, carrier=code),
        template="logistics/shipment_create.html",
        context={"order": order},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def delivery_shipment_create(request, contract_id, sequence: int):
    """The seller books a scheduled contract delivery with a carrier."""
    delivery = _found(selectors.delivery_for_seller_member, request.user, contract_id, sequence)
    return _booking_page(
        request,
        book=lambda carrier, key: services.shipment_create_for_delivery(
            delivery=delivery,
            carrier=carrier,
            user=request.user,
            idempotency_key=key,
            context=audit_context_from_request(request),
        ),
        quote=lambda code: services.shipment_quote_for_delivery(delivery=delivery, carrier=code),
        template="logistics/delivery_shipment_create.html",
        context={
            "delivery": delivery,
            "contract": delivery.contract,
            "weight_kg": services.delivery_weight_grams(delivery) // 1000,
        },
    )


def _shipment_context(request, shipment) -> dict:
    is_seller = request.user.seller_memberships.filter(
        seller_id=shipment.seller_id, is_active=True
    ).exists()
    return {
        "shipment": shipment,
        "events": shipment.events.order_by("created_at", "id"),
        "is_seller": is_seller,
        "simulator": simulator_is_on() and is_seller,
        "statuses": ShipmentStatus.choices,
    }


@signed_in
@require_GET
def shipment_detail(request, public_id):
    """The parcel's timeline, for its buyer and the seller's team."""
    shipment = _found(selectors.shipment_get_for, request.user, public_id)
    return render(request, "logistics/shipment_detail.html", _shipment_context(request, shipment))


@signed_in
@require_POST
def shipment_cancel(request, public_id):
    shipment = _found(selectors.shipment_get_for, request.user, public_id)
    try:
        services.shipment_cancel(
            shipment=shipment, user=request.user, context=audit_context_from_request(request)
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The shipment is cancelled."))
    return redirect(shipment.get_absolute_url())


@signed_in
@require_POST
def shipment_simulate(request, public_id):
    """Development only: the simulated carrier sends the chosen status as a signed callback."""
    shipment = _found(selectors.shipment_get_for, request.user, public_id)
    context = _shipment_context(request, shipment)
    status = request.POST.get("status", "")
    if not context["simulator"] or status not in ShipmentStatus.values:
        raise Http404
    headers, query, body = simulator.webhook(
        shipment.carrier,
        tracking_code=shipment.tracking_code,
        status=status,
        at=timezone.now(),
        cod_vnd=shipment.cod_vnd if status == ShipmentStatus.DELIVERED else 0,
    )
    services.shipment_webhook_receive(
        carrier=shipment.carrier, headers=headers, query=query, body=body
    )
    return redirect(shipment.get_absolute_url())


@roles_required([Role.ADMIN])
@require_GET
def cod_review(request):
    """Platform staff: delivered cash-on-delivery parcels whose collected amount differs."""
    return render(
        request, "logistics/cod_review.html", {"shipments": selectors.cod_mismatch_list()[:200]}
    )


@roles_required([Role.ADMIN])
@require_POST
def cod_reviewed(request, public_id):
    shipment = _found(selectors.shipment_get_for, request.user, public_id)
    try:
        services.shipment_cod_review(
            shipment=shipment, user=request.user, context=audit_context_from_request(request)
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("logistics:cod_review")


@signed_in
@require_GET
def shipment_label(request, public_id):
    """The A6 label to stick on the parcel, for the seller's team."""
    shipment = _found(selectors.shipment_get_for, request.user, public_id)
    if not _shipment_context(request, shipment)["is_seller"]:
        raise Http404
    seller = shipment.seller
    sender = f"{seller.name} · {seller.contact_phone} · {seller.address}"
    pdf = label_pdf(
        shipment,
        tracking_url=request.build_absolute_uri(shipment.get_absolute_url()),
        sender=sender,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{shipment.tracking_code}.pdf"'
    return response
