"""Product search: match, count, relax, re-rank and page, shared by the page, partials and API."""

from phohang.search.engines import engine_for_connection
from phohang.search.engines.base import MatchSql
from phohang.search.models import SearchDocument
from phohang.search.query import query_parse

from .counts import _Counts, _totals
from .pools import _best, _ranked_ids, _sample, _sorted_ids
from .results import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    RELAX_BELOW,
    RELAXED_DEPTH,
    RELAXED_SAMPLE,
    RERANK_DEPTH,
    SAMPLE,
    SORTS,
    Sample,
    SearchFilters,
    SearchResult,
)
from .spelling import _concepts_found, _did_you_mean, _relaxed_expression, _suggestions


def _match_sample(
    match: MatchSql, counts: _Counts, filters: SearchFilters, depth: int, limit: int
) -> Sample:
    """The ranking pool of `match`: the facet sample when it fits, else a filtered or deeper one."""
    if depth <= limit:
        if not filters.clauses() and counts.sample is not None:
            return counts.sample
        if filters.clauses() and counts.filtered_sample is not None:
            return counts.filtered_sample
    return _sample(match, filters, max(limit, depth))


def product_search(
    *,
    query: str,
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> SearchResult:
    """Published products matching `query`, filtered, sorted and paginated, with facet counts."""
    with engine_for_connection().reading():
        return _product_search(
            query=query,
            filters=filters,
            sort=sort,
            page=page,
            page_size=page_size,
            with_facets=with_facets,
        )


def _product_search(
    *,
    query: str,
    filters: SearchFilters | None,
    sort: str,
    page: int,
    page_size: int,
    with_facets: bool,
) -> SearchResult:
    engine = engine_for_connection()
    filters = filters or SearchFilters()
    sort = sort if sort in SORTS else "relevance"
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    page = max(page, 1)
    parsed = query_parse(query, engine=engine)
    query_text = parsed.text
    expression = parsed.expression()
    match = engine.match(expression)
    counts = _totals(match, filters, with_facets, SAMPLE)
    did_you_mean, is_partial, is_confident = "", False, False
    if counts.total == 0 and expression is not None:
        did_you_mean, is_confident = _did_you_mean(parsed, engine, _concepts_found(parsed, engine))
        if is_confident:
            # Show what the respelling finds, as a shopper expects, and say so on the page.
            parsed = query_parse(did_you_mean, engine=engine)
            expression = parsed.expression()
            match = engine.match(expression)
            counts = _totals(match, filters, with_facets, SAMPLE)
    strict, strict_counts = match, counts
    if counts.total == 0 and expression is not None:
        found = _concepts_found(parsed, engine)
        if not all(found):
            # Some word matches nothing at all (nonsense, or a word the shop does not know):
            # say so, and offer queries that do find products, rather than hundreds of
            # products sharing another, common word with it.
            suggestions = _suggestions(parsed, engine, did_you_mean, found)
            return SearchResult(query_text, [], 0, page, page_size, sort, counts.facets,
                                did_you_mean, False, False, False, suggestions)  # fmt: skip
    relaxed_expression = _relaxed_expression(parsed, expression)
    if counts.total < RELAX_BELOW and relaxed_expression is not None:
        # Few exact matches: follow them with products matching some of the words; the
        # ranking weighs what is missing, so exact matches stay first.
        relaxed = engine.match(relaxed_expression)
        relaxed_counts = _totals(relaxed, filters, with_facets, RELAXED_SAMPLE)
        if relaxed_counts.total > counts.total:
            match, counts, is_partial = relaxed, relaxed_counts, True
    offset = (page - 1) * page_size
    if sort == "relevance" and expression is not None:
        depth = offset + page_size
        limit = RELAXED_SAMPLE if is_partial else SAMPLE
        sample = _match_sample(match, counts, filters, depth, limit)
        if depth > RERANK_DEPTH:
            # Deep pages keep the engine's order; shoppers rarely go this far.
            ids = _best(sample, offset, page_size)
        else:
            pools = [(sample, RERANK_DEPTH)]
            if is_partial:
                strict_sample = _match_sample(strict, strict_counts, filters, depth, SAMPLE)
                pools.insert(0, (strict_sample, RERANK_DEPTH))
                near = parsed.near_expression()
                if near is not None:
                    # The best partial matches; a sample of every partial match could miss
                    # them when that set is large. Behind them, products matching any word
                    # are a weak pool: only enough of them to fill the page are re-ranked.
                    near_sample = _sample(engine.match(near), filters, SAMPLE)
                    pools[1:] = [(near_sample, RERANK_DEPTH), (sample, max(RELAXED_DEPTH, depth))]
                head = parsed.head_expression()
                if head is not None:
                    # Products naming the head noun: a "balo laptop" is a balo first.
                    head_sample = _sample(engine.match(head), filters, SAMPLE)
                    pools.insert(len(pools) - 1, (head_sample, RERANK_DEPTH))
            ids = _ranked_ids(parsed, pools, offset, page_size)
    else:
        ids = _sorted_ids(
            match, filters, "newest" if sort == "relevance" else sort, offset, page_size
        )
    by_id = SearchDocument.objects.in_bulk(ids)
    documents = [by_id[pk] for pk in ids if pk in by_id]
    return SearchResult(
        query_text,
        documents,
        counts.total,
        page,
        page_size,
        sort,
        counts.facets,
        did_you_mean,
        is_partial,
        is_confident,
        counts.is_estimated,
    )
