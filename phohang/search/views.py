from urllib.parse import urlencode

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from phohang.catalog.cards import product_cards_html
from phohang.catalog.selectors import product_cards_for_public_ids
from phohang.core.access import public
from phohang.core.htmx import render_page_or_partial

from .forms import search_params
from .selectors import SORTS, product_search, product_suggest


def _page_link(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return "?" + params.urlencode()


def _result_cards(documents) -> SafeString:
    """The catalog's own product cards (read fresh, one query) in the engine's order; a document
    the catalog no longer lists keeps a card of the same shape built from the projection."""
    rows = {
        str(row.public_id): row
        for row in product_cards_for_public_ids(document.public_id for document in documents)
    }
    return mark_safe(  # noqa: S308 - both come from autoescaping templates
        "".join(
            product_cards_html([rows[document.public_id]])
            if document.public_id in rows
            else render_to_string("search/partials/_document_card.html", {"document": document})
            for document in documents
        )
    )


@require_GET
@public
def search_results(request):
    """The results page: works without JavaScript; HTMX swaps only the results block."""
    params = search_params(request.GET)
    result = product_search(**params)
    context = {
        "result": result,
        # Rendered when the page template reaches them.
        "cards": lazy(_result_cards, SafeString)(result.documents),
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
