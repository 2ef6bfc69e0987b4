"""Reading search parameters from a query string; anything malformed is dropped, never an error."""

from django.http import QueryDict

from phohang.core.text import clean_line
from phohang.sellers.models import SellerType

from .selectors import PRICE_RANGES, SORTS, SearchFilters

MAX_VALUES = 20
MAX_QUERY_CHARS = 200


def _values(params: QueryDict, name: str, length: int) -> list[str]:
    values = [clean_line(value)[:length] for value in params.getlist(name)[:MAX_VALUES]]
    return list(dict.fromkeys(value for value in values if value))


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def search_params(params: QueryDict) -> dict:
    """Keyword arguments for `product_search` from GET parameters."""
    stars = [
        int(value) for value in _values(params, "stars", 1) if value in {"1", "2", "3", "4", "5"}
    ]
    filters = SearchFilters(
        categories=_values(params, "category", 120),
        provinces=[code for code in _values(params, "province", 2) if code.isdigit()],
        stars=stars,
        prices=[key for key in _values(params, "price", 20) if key in PRICE_RANGES],
        seller_types=[
            value for value in _values(params, "seller_type", 20) if value in SellerType.values
        ],
    )
    sort = params.get("sort", "relevance")
    return {
        "query": (params.get("q") or "")[: MAX_QUERY_CHARS * 5],
        "filters": filters,
        "sort": sort if sort in SORTS else "relevance",
        "page": _int(params.get("page"), 1, 1, 10_000),
    }
