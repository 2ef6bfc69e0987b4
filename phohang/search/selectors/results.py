"""What a search returns and how it is asked: filters, sorts, price ranges, facet values, limits."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from phohang.search.engines.base import MatchSql
from phohang.search.models import SearchDocument

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
RERANK_DEPTH = 120
SUGGESTION_LIMIT = 8
SUGGESTION_POOL = 40
SUGGESTION_COMPLETIONS = 8
MAX_RESPELLED_WORDS = 6
# Respellings tried per word (all counted in one statement): a short syllable has many
# neighbours, and the one that finds most ("nge" → "nghe") is not always the most frequent word.
RESPELLINGS = 5
RELAX_BELOW = 10
BROWSE_FACETS_SECONDS = 60
# Broad queries are bounded: facets are counted over a sample of at most SAMPLE matches, taken
# in the engine's cheapest order (newest first on SQLite), and the re-ranking pool is the best
# RERANK_DEPTH of that sample by the engine's own rank (see bench/search/README.md).
SAMPLE = 1000
# Partial matches (any of the words) are a weaker pool, backed by the near matches (all words
# but one), so their samples are smaller.
RELAXED_SAMPLE = 300
RELAXED_DEPTH = 40

SORTS = {
    "relevance": _("Relevance"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "newest": _("Newest"),
    "rating": _("Best rated"),
}
_SORT_SQL = {
    "price_asc": "d.min_price_vnd ASC NULLS LAST, d.id",
    "price_desc": "d.min_price_vnd DESC NULLS LAST, d.id",
    "newest": "d.published_at DESC NULLS LAST, d.id DESC",
    "rating": "d.rating_tenths DESC, d.rating_count DESC, d.id DESC",
}
# Price ranges (whole đồng): key → (from, below).
PRICE_RANGES = {
    "0-50000": (0, 50_000),
    "50000-100000": (50_000, 100_000),
    "100000-200000": (100_000, 200_000),
    "200000-500000": (200_000, 500_000),
    "500000-1000000": (500_000, 1_000_000),
    "1000000-": (1_000_000, None),
}
_PRICE_CASE = (
    "CASE "
    + " ".join(
        f"WHEN min_price_vnd >= {low}"
        + (f" AND min_price_vnd < {high}" if high else "")
        + f" THEN '{key}'"
        for key, (low, high) in PRICE_RANGES.items()
    )
    + " END"
)
FACETS = ("category", "province", "stars", "price", "seller_type")


@dataclass
class SearchFilters:
    categories: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    stars: list[int] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)
    seller_types: list[str] = field(default_factory=list)

    def clauses(self, column_prefix: str = "") -> dict[str, tuple[str, list[str | int]]]:
        p = column_prefix
        clauses: dict[str, tuple[str, list[str | int]]] = {}

        def any_of(name: str, column: str, values: Sequence[str | int]) -> None:
            if values:
                marks = ", ".join(["%s"] * len(values))
                clauses[name] = (f"{p}{column} IN ({marks})", list(values))

        any_of("category", "category_slug", self.categories)
        any_of("province", "province_code", self.provinces)
        any_of("stars", "ocop_stars", self.stars)
        any_of("seller_type", "seller_type", self.seller_types)
        ranges = [PRICE_RANGES[key] for key in self.prices if key in PRICE_RANGES]
        if ranges:
            parts: list[str] = []
            params: list[str | int] = []
            for low, high in ranges:
                parts.append(
                    f"({p}min_price_vnd >= %s" + (f" AND {p}min_price_vnd < %s)" if high else ")")
                )
                params.extend([low, high] if high else [low])
            clauses["price"] = ("(" + " OR ".join(parts) + ")", params)
        return clauses


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    is_selected: bool = False


@dataclass
class SearchResult:
    query: str
    documents: list[SearchDocument]
    total: int
    page: int
    page_size: int
    sort: str
    facets: dict[str, list[FacetValue]]
    did_you_mean: str = ""
    is_partial_match: bool = False
    is_respelled: bool = False
    # The total is the engine's estimate: too many matches to count in time (facet counts are
    # then always scaled from a sample).
    is_total_estimated: bool = False
    # When nothing matches: queries that do find products, with how many (best first).
    suggestions: list[tuple[str, int]] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _where(
    match: MatchSql, clauses: dict[str, tuple[str, list[str | int]]], skip: str = ""
) -> tuple[str, list[str | int]]:
    sql, params = [match.where_sql], list(match.where_params)
    for name, (clause, clause_params) in clauses.items():
        if name != skip:
            sql.append(clause)
            params.extend(clause_params)
    return " AND ".join(sql), params


Sample = list[tuple[int, float]]


def price_label(key: str) -> str:
    from phohang.core.money import format_vnd

    low, high = PRICE_RANGES.get(key, (0, None))
    if high is None:
        return _("from %(low)s") % {"low": format_vnd(low)}
    if low == 0:
        return _("under %(high)s") % {"high": format_vnd(high)}
    return _("%(low)s – %(high)s") % {"low": format_vnd(low), "high": format_vnd(high)}
