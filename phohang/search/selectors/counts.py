"""Totals and facet counts of a match set, over a bounded sample."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from phohang.search.engines import engine_for_connection
from phohang.search.engines.base import BROWSE_WHERE, MatchSql

from .pools import _sample
from .results import (
    _PRICE_CASE,
    BROWSE_FACETS_SECONDS,
    FACETS,
    PRICE_RANGES,
    SAMPLE,
    FacetValue,
    Sample,
    SearchFilters,
    _where,
    price_label,
)


@dataclass
class _Counts:
    total: int
    facets: dict[str, list[FacetValue]]
    is_estimated: bool = False
    # The unfiltered sample the counts came from, reused for the ranking when no filter is set,
    # and the filtered one when it had to be taken for the count.
    sample: Sample | None = None
    filtered_sample: Sample | None = None


def _no_facets() -> dict[str, list[FacetValue]]:
    return {name: [] for name in FACETS}


def _facet_counts(match: MatchSql, filters: SearchFilters, limit: int) -> _Counts:
    """Total and facet counts over the sample in one statement; each facet ignores its own
    filter (multi-select)."""
    engine = engine_for_connection()
    sample_sql, params = engine.sample_sql(match, match.where_sql, match.where_params, limit=limit)
    inner = filters.clauses()
    arms = [
        ("'total'", "''", "''", "", ""),
        ("'category'", "category_slug", "MAX(category_name)", "category_slug <> ''", "category"),
        ("'province'", "province_code", "MAX(province_name)", "province_code <> ''", "province"),
        ("'stars'", "CAST(ocop_stars AS TEXT)", "''", "ocop_stars > 0", "stars"),
        ("'price'", _PRICE_CASE, "''", "min_price_vnd IS NOT NULL", "price"),
        ("'seller_type'", "seller_type", "''", "seller_type <> ''", "seller_type"),
    ]
    selects = []
    for kind, value, label, condition, facet in arms:
        where = [condition] if condition else []
        for name, (clause, clause_params) in inner.items():
            if facet == "" or name != facet:
                where.append(clause)
                params.extend(clause_params)
        where_sql = " AND ".join(where) or "1 = 1"
        group = f" GROUP BY {value}" if facet else ""
        arm = f"SELECT {kind}, {value}, {label}, COUNT(*) FROM m WHERE {where_sql}{group}"  # noqa: S608
        selects.append(arm)
    # The sample's own rows come back too: they are the ranking pool when no filter is set.
    selects.append("SELECT 'sample', CAST(id AS TEXT), CAST(engine_rank AS TEXT), 0 FROM s")
    sql = (
        f"WITH s AS MATERIALIZED ({sample_sql}), m AS MATERIALIZED (SELECT d.category_slug,"  # noqa: S608
        " d.category_name, d.province_code, d.province_name, d.ocop_stars, d.min_price_vnd,"
        f" d.seller_type FROM search_searchdocument d WHERE {engine.in_sample_sql}) "
        + " UNION ALL ".join(selects)
    )
    with engine.sampling(match, limit=limit), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = 0
    facets = _no_facets()
    sample: Sample = []
    filtered: Sample | None = None
    for kind, value, label, count in rows:
        if kind == "sample":
            sample.append((int(value), float(label or 0)))
        elif kind == "total":
            total = count
        elif value is not None:
            facets[kind].append(FacetValue(str(value), label or str(value), count))
    is_estimated = False
    if len(sample) >= limit:
        # Very broad queries: the total comes from the engine, and facet counts are the sample's
        # scaled to all matches ("about N").
        matches, is_estimated = engine.match_count_beyond(
            match, match.where_sql, match.where_params, cap=limit
        )
        total = matches
        if inner:
            # The filtered sample is the ranking pool too; when it is not full it is the count.
            filtered = _sample(match, filters, limit)
            total, is_estimated = len(filtered), False
            if len(filtered) >= limit:
                total, is_estimated = _match_count(match, filters, beyond=limit)
        scale = matches / len(sample)
        for values in facets.values():
            for facet_value in values:
                facet_value.count = max(1, round(facet_value.count * scale))
    _decorate(facets, filters)
    return _Counts(total, facets, is_estimated, sample, filtered)


def _match_count(match: MatchSql, filters: SearchFilters, beyond: int = 0) -> tuple[int, bool]:
    """The count of matches; `beyond`: more than that many are known to match."""
    where_sql, where_params = _where(match, filters.clauses("d."))
    engine = engine_for_connection()
    if beyond:
        return engine.match_count_beyond(match, where_sql, where_params, cap=beyond)
    return engine.match_count(match, where_sql, where_params, cap=SAMPLE)


def _decorate(facets: dict[str, list[FacetValue]], filters: SearchFilters) -> None:
    from phohang.sellers.models import SellerType

    selected = {
        "category": set(filters.categories),
        "province": set(filters.provinces),
        "stars": {str(star) for star in filters.stars},
        "price": set(filters.prices),
        "seller_type": set(filters.seller_types),
    }
    seller_labels = dict(SellerType.choices)
    price_order = list(PRICE_RANGES)
    for name, values in facets.items():
        for value in values:
            value.is_selected = value.value in selected[name]
            if name == "seller_type":
                value.label = str(seller_labels.get(value.value, value.value))
            elif name == "price":
                value.label = price_label(value.value)
        if name == "price":
            values.sort(key=lambda v: price_order.index(v.value) if v.value in price_order else 99)
        elif name == "stars":
            values.sort(key=lambda v: -int(v.value))
        else:
            values.sort(key=lambda v: (-v.count, v.label))


def _totals(match: MatchSql, filters: SearchFilters, with_facets: bool, limit: int) -> _Counts:
    if with_facets and match.where_sql == BROWSE_WHERE:
        # Browsing everything: the same counts for every visitor, so a short cache is enough.
        digest = hashlib.sha256(repr(sorted(filters.clauses().items())).encode()).hexdigest()
        key = f"search:browse-facets:{digest[:32]}"
        cached: _Counts | None = cache.get(key)
        if cached is None:
            cached = _facet_counts(match, filters, limit)
            cached.sample = cached.filtered_sample = None
            cache.set(key, cached, BROWSE_FACETS_SECONDS)
        return cached
    if with_facets:
        return _facet_counts(match, filters, limit)
    total, is_estimated = _match_count(match, filters)
    return _Counts(total, _no_facets(), is_estimated)
