"""Product search and autocomplete, shared by the page, the HTMX partials and the API.

`results` says what is asked and returned, `counts` counts matches and facets over a sample,
`pools` takes the samples and candidates that are re-ranked, `spelling` handles queries that find
little, `products` runs a search and `suggest` completes what is typed.
"""

from .products import product_search
from .results import (
    FACETS,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    PRICE_RANGES,
    SORTS,
    FacetValue,
    SearchFilters,
    SearchResult,
    price_label,
)
from .suggest import Suggestion, product_suggest

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "PRICE_RANGES",
    "SORTS",
    "FacetValue",
    "SearchFilters",
    "SearchResult",
    "Suggestion",
    "price_label",
    "product_search",
    "product_suggest",
]
