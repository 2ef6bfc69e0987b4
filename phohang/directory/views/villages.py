"""Craft villages: the list with its map and a page per village."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phohang.core.access import public, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .. import forms, selectors, services
from ..drawing import MapPoint, village_map
from .common import found

VILLAGES_PER_PAGE = 60
NEARBY_DEGREES = 1.4


@require_GET
@public
def village_list(request):
    province = request.GET.get("province", "")
    villages = selectors.village_list(province if len(province) == 2 else "")
    provinces = list(Province.objects.all())
    return render(
        request,
        "directory/village_list.html",
        {
            "page": selectors.page_of(villages, request.GET.get("page"), VILLAGES_PER_PAGE),
            "drawing": village_map(selectors.village_points(villages), provinces),
            "provinces": provinces,
            "province": province,
        },
    )


@require_GET
@public
def village_detail(request, slug):
    village = found(selectors.village_get, slug)
    sellers, products = selectors.village_sellers_and_products(village)
    points = (
        [MapPoint(village.name, village.latitude, village.longitude, village.get_absolute_url())]
        if village.latitude is not None and village.longitude is not None
        else []
    )
    # The region around the village: provinces whose centre lies within about 150 km of it.
    nearby = [
        province
        for province in Province.objects.all()
        if points
        and province.latitude is not None
        and province.longitude is not None
        and abs(province.latitude - village.latitude) < NEARBY_DEGREES
        and abs(province.longitude - village.longitude) < NEARBY_DEGREES
    ]
    drawing = village_map(points, nearby)
    return render(
        request,
        "directory/village_detail.html",
        {
            "village": village,
            "sellers": sellers,
            "products": products,
            "drawing": drawing,
            "can_manage": services.can_manage_village(request.user, village),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def village_shops(request, slug):
    village = found(selectors.village_get_for_manager, request.user, slug)
    if request.method == "POST":
        form = forms.VillageShopForm(request.POST)
        if form.is_valid():
            seller = Seller.objects.filter(public_id=form.cleaned_data["seller"]).first()
            if seller is None:
                messages.error(request, _("This shop is not open on Phố Hàng."))
            else:
                link = form.cleaned_data["action"] == "link"
                call = services.village_shop_link if link else services.village_shop_unlink
                try:
                    call(
                        user=request.user,
                        village=village,
                        seller=seller,
                        context=audit_context_from_request(request),
                    )
                except DomainError as error:
                    messages.error(request, str(error.message))
                else:
                    done = (
                        _("%(shop)s is shown on the village page.")
                        if link
                        else _("%(shop)s is no longer shown on the village page.")
                    )
                    messages.success(request, done % {"shop": seller.name})
        else:
            messages.error(request, _("Choose a shop."))
        return redirect("directory:village_shops", slug=village.slug)
    query = request.GET.get("ten", "")
    return render(
        request,
        "directory/village_shops.html",
        {
            "village": village,
            "linked": selectors.village_shops_linked(village),
            "query": query,
            "candidates": selectors.village_shop_candidates(village, query),
        },
    )
