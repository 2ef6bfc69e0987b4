"""Platform-wide logistics tables kept by city-level authority staff and platform admins:
the shipping rate table (bands and cash-on-delivery fees) and Hanoi's truck rules."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request

from . import selectors
from .forms import CodFeeForm, ShippingRateForm, TruckClassForm, TruckZoneForm
from .models import CodFee, ShippingRate, TruckClassRule, TruckZone
from .services import rates, rules

# The tables are platform-wide: city-level authority staff and platform admins only.
TABLE_EDITORS = [Role.CITY_AUTHORITY, Role.ADMIN]


def _refused(form, error: rates.RateInvalid) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, str(message))


def _band_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "origin_province": data["origin_province"],
        "destination_province": data["destination_province"],
        "max_weight_grams": data["max_weight_grams"],
        "max_volume_cm3": data["max_volume_cm3"],
        "fee_vnd": data["fee_vnd"],
    }


def _rates_page(request, band_form, cod_form, status=200):
    return render(
        request,
        "logistics/rates.html",
        {
            "zones": selectors.rate_zone_list(),
            "cod_fees": selectors.cod_fee_list(),
            "form": band_form,
            "cod_form": cod_form,
        },
        status=status,
    )


@roles_required(TABLE_EDITORS)
@require_http_methods(["GET", "POST"])
def rate_list(request):
    """The rate table with forms to add a band and to set a COD fee; refusals answer 400."""
    band_form = ShippingRateForm(request.POST if "band" in request.POST else None)
    cod_form = CodFeeForm(request.POST if "cod" in request.POST else None)
    if request.method == "GET":
        return _rates_page(request, band_form, cod_form)
    context = audit_context_from_request(request)
    if "cod" in request.POST and cod_form.is_valid():
        try:
            rates.cod_fee_set(context=context, **cod_form.cleaned_data)
        except rates.RateInvalid as error:
            _refused(cod_form, error)
        else:
            messages.success(request, _("Cash-on-delivery fee saved."))
            return redirect("logistics:rates")
    elif "band" in request.POST and band_form.is_valid():
        try:
            rates.shipping_rate_create(context=context, **_band_fields(band_form))
        except rates.RateInvalid as error:
            _refused(band_form, error)
        else:
            messages.success(request, _("Shipping band added."))
            return redirect("logistics:rates")
    return _rates_page(request, band_form, cod_form, status=400)


@roles_required(TABLE_EDITORS)
@require_http_methods(["GET", "POST"])
def rate_edit(request, rate_id: int):
    rate = get_object_or_404(ShippingRate, pk=rate_id)
    initial = {
        "origin_province": rate.origin_province_id,
        "destination_province": rate.destination_province_id,
        "max_weight_grams": rate.max_weight_grams,
        "max_volume_cm3": rate.max_volume_cm3,
        "fee_vnd": rate.fee_vnd,
    }
    form = ShippingRateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rates.shipping_rate_update(
                rate=rate, context=audit_context_from_request(request), **_band_fields(form)
            )
        except rates.RateInvalid as error:
            _refused(form, error)
        else:
            messages.success(request, _("Shipping band saved."))
            return redirect("logistics:rates")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "logistics/staff_form.html",
        {"form": form, "title": _("Edit shipping band"), "back": "logistics:rates"},
        status=status,
    )


@roles_required(TABLE_EDITORS)
@require_POST
def rate_delete(request, rate_id: int):
    rate = get_object_or_404(ShippingRate, pk=rate_id)
    rates.shipping_rate_delete(rate=rate, context=audit_context_from_request(request))
    messages.success(request, _("Shipping band deleted."))
    return redirect("logistics:rates")


@roles_required(TABLE_EDITORS)
@require_POST
def cod_fee_delete(request, fee_id: int):
    fee = get_object_or_404(CodFee, pk=fee_id)
    rates.cod_fee_delete(fee=fee, context=audit_context_from_request(request))
    messages.success(request, _("Cash-on-delivery fee deleted."))
    return redirect("logistics:rates")


@roles_required(TABLE_EDITORS)
@require_GET
def truck_rules(request):
    """The zones and weight classes the route planner obeys."""
    zones = TruckZone.objects.prefetch_related("classes").order_by("name")
    return render(request, "logistics/truck_rules.html", {"zones": zones})


def _truck_rule_form(request, form, *, title: str, save):
    """One truck-rule edit page: `save(cleaned_data, context)` writes, or the form says why not."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data, audit_context_from_request(request))
        except rates.RateInvalid as error:
            _refused(form, error)
        else:
            messages.success(request, _("Truck rules saved."))
            return redirect("logistics:truck_rules")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "logistics/staff_form.html",
        {"form": form, "title": title, "back": "logistics:truck_rules"},
        status=status,
    )


@roles_required(TABLE_EDITORS)
@require_http_methods(["GET", "POST"])
def truck_zone_edit(request, zone_id: int):
    zone = get_object_or_404(TruckZone, pk=zone_id)
    initial = {
        "name": zone.name,
        "legal_basis": zone.legal_basis,
        "polygon": "\n".join(f"{lat}, {lon}" for lat, lon in zone.polygon),
        "is_active": zone.is_active,
    }
    return _truck_rule_form(
        request,
        TruckZoneForm(request.POST or None, initial=initial),
        title=zone.name,
        save=lambda data, context: rules.truck_zone_update(
            zone=zone,
            name=data["name"],
            legal_basis=data["legal_basis"],
            polygon_text=data["polygon"],
            is_active=data["is_active"],
            context=context,
        ),
    )


@roles_required(TABLE_EDITORS)
@require_http_methods(["GET", "POST"])
def truck_class_edit(request, rule_id: int):
    rule = get_object_or_404(TruckClassRule.objects.select_related("zone"), pk=rule_id)
    initial = {
        "name": rule.name,
        "min_gross_kg": rule.min_gross_kg,
        "max_gross_kg": rule.max_gross_kg,
        "allowed_windows": "; ".join(f"{start}-{end}" for start, end in rule.allowed_windows),
    }
    return _truck_rule_form(
        request,
        TruckClassForm(request.POST or None, initial=initial),
        title=rule.name,
        save=lambda data, context: rules.truck_class_update(
            rule=rule,
            name=data["name"],
            min_gross_kg=data["min_gross_kg"],
            max_gross_kg=data["max_gross_kg"],
            windows_text=data["allowed_windows"],
            context=context,
        ),
    )
