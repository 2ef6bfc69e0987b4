from datetime import datetime

from django.conf import settings
from ninja import Field, Query, Router, Schema

from .forms import search_params
from .selectors import product_search, product_suggest

router = Router(tags=["search"])
# Operations anyone may call without signing in (checked by the route audit test).
PUBLIC_OPERATIONS = frozenset({"search", "suggest"})


class SearchIn(Schema):
    q: str = ""
    category: list[str] = Field(default_factory=list)
    province: list[str] = Field(default_factory=list)
    stars: list[str] = Field(default_factory=list)
    price: list[str] = Field(default_factory=list)
    seller_type: list[str] = Field(default_factory=list)
    sort: str = "relevance"
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1)


class ProductHit(Schema):
    id: str = Field(alias="key")
    public_id: str
    title: str
    category_name: str
    category_slug: str
    seller_name: str
    seller_type: str
    province_code: str
    province_name: str
    min_price_vnd: int | None
    ocop_stars: int
    has_stock: bool
    published_at: datetime | None
    url: str
    image_url: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    is_selected: bool


class SuggestedQueryOut(Schema):
    query: str
    count: int


class SearchOut(Schema):
    query: str
    items: list[ProductHit]
    count: int
    page: int
    page_size: int
    sort: str
    facets: dict[str, list[FacetValueOut]]
    did_you_mean: str
    is_partial_match: bool
    is_respelled: bool
    # `count` is the engine's estimate: too many matches to count exactly in time.
    is_count_estimated: bool
    # When nothing matches: queries that do find products, with how many.
    suggested_queries: list[SuggestedQueryOut]


class SuggestionOut(Schema):
    title: str
    url: str


@router.get(
    "", response=SearchOut, auth=None, summary="Search published products, with facet counts"
)
def search(request, params: Query[SearchIn]):
    # The form parser reads repeated parameters (?province=01&province=79) and drops bad values.
    arguments = search_params(request.GET)
    result = product_search(
        **arguments, page_size=min(params.page_size, settings.API_MAX_PAGE_SIZE)
    )
    return {
        "query": result.query,
        "items": result.documents,
        "count": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "sort": result.sort,
        "facets": {
            name: [value.__dict__ for value in values] for name, values in result.facets.items()
        },
        "did_you_mean": result.did_you_mean,
        "is_partial_match": result.is_partial_match,
        "is_respelled": result.is_respelled,
        "is_count_estimated": result.is_total_estimated,
        "suggested_queries": [
            {"query": text, "count": count} for text, count in result.suggestions
        ],
    }


@router.get(
    "/suggest", response=list[SuggestionOut], auth=None, summary="Autocomplete product titles"
)
def suggest(request, q: str = ""):
    return [{"title": s.title, "url": s.url} for s in product_suggest(query=q[:200])]
