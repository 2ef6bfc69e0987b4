from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from phohang.core.access import public
from phohang.core.htmx import render_page_or_partial

from .forms import search_params
from .selectors import SORTS, product_search, product_suggest


def _page_link(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return "?" + params.urlencode()


@require_GET
@public
def search_results(request):
    """The results page: works without JavaScript; HTMX swaps only the results block."""
    params = search_params(request.GET)
    result = product_search(**params)
    context = {
        "result": result,
        "query": params["query"][:200],
        "sorts": SORTS,
        "previous_link": _page_link(request, result.page - 1) if result.has_previous else "",
        "next_link": _page_link(request, result.page + 1) if result.has_next else "",
        "did_you_mean_link": "?" + urlencode({"q": result.did_you_mean})
        if result.did_you_mean
        else "",
    }
    return render_page_or_partial(
        request, "search/results.html", "search/partials/_results.html", context
    )


@require_GET
@public
def search_suggest(request):
    """HTMX: the autocomplete listbox under the header search box."""
    query = (request.GET.get("q") or "")[:200]
    suggestions = product_suggest(query=query)
    return render(
        request, "search/partials/_suggestions.html", {"suggestions": suggestions, "query": query}
    )
