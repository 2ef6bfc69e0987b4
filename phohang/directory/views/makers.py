"""Manufacturers: capability search and pages, the key-product tag, sourcing needs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound

from .. import forms, selectors, services
from ..models import KeyProduct
from .common import STAFF, found, saved


def _capability_filters(form) -> selectors.CapabilityFilters:
    if not (form.is_bound and form.is_valid()):
        return selectors.CapabilityFilters()
    data = form.cleaned_data
    return selectors.CapabilityFilters(
        query=data["q"],
        process=data["process"],
        certification=data["certification"],
        province_id=data["province"].code if data["province"] else "",
        key_products_only=data["key"],
    )


@require_GET
@public
def manufacturer_list(request):
    form = forms.CapabilitySearchForm(request.GET or None)
    page = selectors.page_of(
        selectors.manufacturer_search(_capability_filters(form)), request.GET.get("page")
    )
    page.object_list = selectors.manufacturer_cards(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/manufacturer_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@public
def manufacturer_detail(request, slug):
    maker = found(selectors.manufacturer_get, slug)
    user = request.user
    is_staff = (
        user.is_authenticated
        and (user.is_authority or user.is_superuser)
        and user.province_scope.covers(maker.province_id)
    )
    form = forms.KeyProductForm(request.POST or None, initial={"year": timezone.now().year})
    if request.method == "POST":
        if not is_staff:
            raise Http404
        tagged = saved(
            request,
            form,
            lambda data: services.key_product_tag(
                user=user,
                manufacturer=maker,
                name=data["name"],
                year=data["year"],
                context=audit_context_from_request(request),
            ),
            _("Tagged as a key industrial product."),
        )
        if tagged:
            return redirect(maker.get_absolute_url())
    return render(
        request,
        "directory/manufacturer_detail.html",
        {
            "maker": maker,
            "key_form": form,
            "is_staff": is_staff,
            "can_edit": services.can_edit_manufacturer(user, maker),
        },
    )


@require_POST
@roles_required(STAFF)
def key_product_untag(request, public_id):
    product = KeyProduct.objects.filter(public_id=public_id).select_related("manufacturer").first()
    if product is None:
        raise Http404
    try:
        services.key_product_untag(
            user=request.user, product=product, context=audit_context_from_request(request)
        )
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The tag was removed."))
    return redirect(product.manufacturer.get_absolute_url())


@require_GET
@public
def key_products(request):
    products = selectors.page_of(selectors.key_product_list(), request.GET.get("page"), 50)
    return render(request, "directory/key_products.html", {"page": products})


@require_http_methods(["GET", "POST"])
@signed_in
def sourcing_need(request):
    form = forms.SourcingNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            demand = services.sourcing_need_post(
                user=request.user,
                need=services.SourcingNeed(
                    title=data["title"],
                    category_id=data["category"].pk,
                    quantity=data["quantity"],
                    unit=data["unit"],
                    frequency=data["frequency"],
                    delivery_province_id=data["delivery_province"].code,
                    delivery_start=data["delivery_start"],
                    delivery_end=data["delivery_end"],
                    closing_date=data["closing_date"],
                    description=data["description"],
                    organisation_name=data["organisation_name"],
                ),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Your sourcing need is posted; matching suppliers will be told.")
            )
            return redirect(demand.get_absolute_url())
    return render(request, "directory/sourcing_need.html", {"form": form})


def _profile_initial(maker) -> dict:
    profile = services.ManufacturerProfile.of(maker)
    initial = {
        name: getattr(profile, name)
        for name in ("description", "materials", "tolerance_mm", "capacity", "employees")
    }
    initial["customers"] = profile.customers
    initial["processes"] = list(profile.processes)
    initial["certifications"] = list(profile.certifications)
    for code, until in profile.certifications.items():
        initial[f"valid_until_{code}"] = until
    return initial


@require_GET
@signed_in
def my_manufacturers(request):
    makers = list(selectors.manufacturers_for_member(request.user))
    if len(makers) == 1:
        return redirect("directory:manufacturer_edit", slug=makers[0].slug)
    return render(request, "directory/my_manufacturers.html", {"makers": makers})


@require_http_methods(["GET", "POST"])
@signed_in
def manufacturer_edit(request, slug):
    maker = found(selectors.manufacturer_get_for_editor, request.user, slug)
    form = forms.ManufacturerProfileForm(request.POST or None, initial=_profile_initial(maker))
    if request.method == "POST" and saved(
        request,
        form,
        lambda data: services.manufacturer_profile_update(
            user=request.user,
            manufacturer=maker,
            profile=services.ManufacturerProfile(
                description=data["description"],
                materials=data["materials"],
                tolerance_mm=data["tolerance_mm"],
                capacity=data["capacity"],
                employees=data["employees"] or 0,
                customers=data["customers"],
                processes=tuple(data["processes"]),
                certifications=form.certification_days(),
            ),
            context=audit_context_from_request(request),
        ),
        _("Your capabilities are saved and searchable."),
    ):
        return redirect(maker.get_absolute_url())
    return render(request, "directory/manufacturer_edit.html", {"maker": maker, "form": form})
