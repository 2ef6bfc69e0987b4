from django.shortcuts import render
from django.views.decorators.http import require_GET

from phohang.core.access import public

from .selectors import unit_resolve, ward_list_for_province


@require_GET
@public
def ward_options(request):
    """HTMX: the <option>s of the ward select for the chosen province."""
    wards = ward_list_for_province(request.GET.get("province", ""))
    selected = request.GET.get("ward", "")
    return render(
        request, "geo/partials/_ward_options.html", {"wards": wards, "selected": selected}
    )


@require_GET
@public
def unit_lookup(request):
    """HTMX: tells the user which current unit an old or current place name maps to."""
    match = unit_resolve(request.GET.get("q", "")[:200])
    return render(request, "geo/partials/_unit_match.html", {"match": match})
