"""Product search and autocomplete, shared by the page, the HTMX partials and the API."""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext_lazy as _

from phohang.core.text import search_fold

from .engines import engine_for_connection
from .engines.base import BROWSE_WHERE, MatchExpression, MatchSql
from .models import SearchDocument
from .query import (
    ParsedQuery,
    allowed_edits,
    normalized_tokens,
    query_parse,
    typo_corrections,
    variants_prefetch,
)
from .ranking import Candidate, rerank
from .synonyms import lexicon

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
}
_SORT_SQL = {
    "price_asc": "d.min_price_vnd ASC NULLS LAST, d.id",
    "price_desc": "d.min_price_vnd DESC NULLS LAST, d.id",
    "newest": "d.published_at DESC NULLS LAST, d.id DESC",
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

    def clauses(self, column_prefix: str = "") -> dict[str, tuple[str, list]]:
        p = column_prefix
        clauses: dict[str, tuple[str, list]] = {}

        def any_of(name: str, column: str, values: list) -> None:
            if values:
                marks = ", ".join(["%s"] * len(values))
                clauses[name] = (f"{p}{column} IN ({marks})", list(values))

        any_of("category", "category_slug", self.categories)
        any_of("province", "province_code", self.provinces)
        any_of("stars", "ocop_stars", self.stars)
        any_of("seller_type", "seller_type", self.seller_types)
        ranges = [PRICE_RANGES[key] for key in self.prices if key in PRICE_RANGES]
        if ranges:
            parts, params = [], []
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
    match: MatchSql, clauses: dict[str, tuple[str, list]], skip: str = ""
) -> tuple[str, list]:
    sql, params = [match.where_sql], list(match.where_params)
    for name, (clause, clause_params) in clauses.items():
        if name != skip:
            sql.append(clause)
            params.extend(clause_params)
    return " AND ".join(sql), params


Sample = list[tuple[int, float]]


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
            for value in values:
                value.count = max(1, round(value.count * scale))
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


def price_label(key: str) -> str:
    from phohang.core.money import format_vnd

    low, high = PRICE_RANGES.get(key, (0, None))
    if high is None:
        return _("from %(low)s") % {"low": format_vnd(low)}
    if low == 0:
        return _("under %(high)s") % {"high": format_vnd(high)}
    return _("%(low)s – %(high)s") % {"low": format_vnd(low), "high": format_vnd(high)}


_CANDIDATE_COLUMNS = (
    "d.id, t.title_norm, t.title_folded, t.category_folded, t.seller_folded, t.place_folded,"
    " SUBSTR(t.description_folded, 1, 600), d.has_stock, d.ocop_stars"
)


def _sample(match: MatchSql, filters: SearchFilters, limit: int) -> Sample:
    where_sql, where_params = _where(match, filters.clauses("d."))
    return engine_for_connection().sample(match, where_sql, where_params, limit=limit)


def _best(sample: Sample, offset: int, limit: int) -> list[int]:
    ordered = sorted(sample, key=lambda item: (-item[1], item[0]))
    return [pk for pk, _ in ordered[offset : offset + limit]]


def _candidates(pools: list[tuple[Sample, int]]) -> list[Candidate]:
    """The best of each pool by engine rank (as many as its depth), with the text the
    re-ranking reads, in one statement; an id in several pools keeps its first rank."""
    ranks: dict[int, float] = {}
    for sample, depth in pools:
        sample_ranks = dict(sample)
        for pk in _best(sample, 0, depth):
            ranks.setdefault(pk, sample_ranks[pk])
    if not ranks:
        return []
    ids_where, params = engine_for_connection().ids_sql(list(ranks))
    sql = (
        f"SELECT {_CANDIDATE_COLUMNS} FROM search_searchdocument d"  # noqa: S608
        f" JOIN search_searchtext t ON t.document_id = d.id WHERE {ids_where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Candidate(
            row[0],
            ranks[row[0]],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6] or "",
            bool(row[7]),
            row[8],
        )
        for row in rows
    ]


def _sorted_ids(
    match: MatchSql, filters: SearchFilters, sort: str, offset: int, limit: int
) -> list[int]:
    where_sql, where_params = _where(match, filters.clauses("d."))
    sql = (
        f"SELECT d.id FROM {match.from_sql} WHERE {where_sql}"  # noqa: S608
        f" ORDER BY {_SORT_SQL[sort]} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*where_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _ranked_ids(
    parsed: ParsedQuery, pools: list[tuple[Sample, int]], offset: int, limit: int
) -> list[int]:
    """Re-ranked ids; `pools` are tried in order (exact matches first, then relaxed ones)."""
    ranked = rerank(_candidates(pools), parsed)
    return [candidate.id for candidate in ranked[offset : offset + limit]]


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


def _totals(match: MatchSql, filters: SearchFilters, with_facets: bool, limit: int) -> _Counts:
    if with_facets and match.where_sql == BROWSE_WHERE:
        # Browsing everything: the same counts for every visitor, so a short cache is enough.
        digest = hashlib.sha256(repr(sorted(filters.clauses().items())).encode()).hexdigest()
        key = f"search:browse-facets:{digest[:32]}"
        cached = cache.get(key)
        if cached is None:
            cached = _facet_counts(match, filters, limit)
            cached.sample = cached.filtered_sample = None
            cache.set(key, cached, BROWSE_FACETS_SECONDS)
        return cached
    if with_facets:
        return _facet_counts(match, filters, limit)
    total, is_estimated = _match_count(match, filters)
    return _Counts(total, _no_facets(), is_estimated)


def _did_you_mean(parsed: ParsedQuery, engine, found: list[bool]) -> tuple[str, bool]:
    """The respelling, one word changed, that finds the most products; and whether the word
    was long enough (4+ letters) to show its results straight away. `found`: for each required
    concept, whether some product has it."""
    tokens = parsed.literal_tokens
    # Words of a known phrase or place ("quận cầu giấy") are never respelled, nor words of the
    # maintained list that find products on their own: "balo laptop" is no typo of "bao".
    fixed = {t for concept in parsed.concepts if len(concept.literal) > 1 for t in concept.literal}
    known = lexicon()[0]
    found_words = {
        token
        for concept, is_found in zip(parsed.required, found, strict=True)
        if is_found
        for token in concept.literal
    }
    fixed.update(
        token
        for concept, is_found in zip(parsed.required, found, strict=True)
        if is_found and concept.literal in known
        for token in concept.literal
    )
    variants_prefetch([t for t in tokens[:MAX_RESPELLED_WORDS] if t not in fixed], engine=engine)
    respellings: list[tuple[str, bool, MatchSql]] = []
    for position, token in enumerate(tokens[:MAX_RESPELLED_WORDS]):
        if token in fixed:
            continue
        # A shopper who found nothing gets a hint even for a short syllable (bun → buon).
        edits = max(allowed_edits(token), 1 if len(token) >= 3 and not token.isdigit() else 0)
        if not edits:
            continue
        for correction in typo_corrections(token, engine=engine, limit=RESPELLINGS, edits=edits):
            candidate = " ".join([*tokens[:position], correction, *tokens[position + 1 :]])
            retry = query_parse(candidate, engine=engine).expression()
            if retry is not None:
                # Long words, and a letter left out of a short one (nge → nghe), are sure
                # enough to show the respelling's results straight away.
                # A short word that finds products itself ("loa") is only offered.
                is_sure = allowed_edits(token) > 0 or (
                    token not in found_words and _is_one_insertion(token, correction)
                )
                respellings.append((candidate, is_sure, engine.match(retry)))
    # All respellings are counted in one statement (each count stops at the sample size).
    counts = engine.match_counts([respelling[2] for respelling in respellings], cap=SAMPLE)
    best, best_count, is_confident = "", 0, False
    for (candidate, is_long_word, _match), count in zip(respellings, counts, strict=True):
        if count > best_count:
            best, best_count, is_confident = candidate, count, is_long_word
    return best, is_confident


def _relaxed_expression(parsed: ParsedQuery, expression) -> MatchExpression | None:
    """Any of the query's concepts; a query that is one known phrase ("gạo ST25", "bắp nếp")
    relaxes to any of its words instead."""
    if expression is None:
        return None
    if len(expression.groups) > 1:
        return parsed.expression(any_group=True)
    words = parsed.literal_tokens
    if len(words) < 2:
        return None
    return MatchExpression(tuple(((word,),) for word in dict.fromkeys(words)), any_group=True)


def _is_one_insertion(token: str, correction: str) -> bool:
    if len(correction) != len(token) + 1:
        return False
    return any(correction[:i] + correction[i + 1 :] == token for i in range(len(correction)))


def _concepts_found(parsed: ParsedQuery, engine) -> list[bool]:
    """For each required concept, whether any product has it (one statement)."""
    singles = [engine.match(_expression_of([concept])) for concept in parsed.required]
    return [bool(count) for count in engine.match_counts(singles, cap=1)]


def _suggestions(
    parsed: ParsedQuery, engine, did_you_mean: str, has: list[bool]
) -> list[tuple[str, int]]:
    """Queries that find products when the one typed finds none: a respelling, and the query
    without the words that nothing matches (counted in one statement, each up to SAMPLE)."""
    concepts = parsed.required
    found = [concept for concept, is_found in zip(concepts, has, strict=True) if is_found]
    candidates: list[str] = []
    if did_you_mean:
        candidates.append(did_you_mean)
    if found and len(found) < len(concepts):
        candidates.append(" ".join(" ".join(concept.accented) for concept in found))
        if len(found) > 1:
            candidates.extend(" ".join(concept.accented) for concept in found)
    candidates = list(dict.fromkeys(c for c in candidates if c and c != parsed.text))[:4]
    if not candidates:
        # Nothing typed is known: the largest categories, which always find products.
        candidates = _largest_categories(engine)
    if not candidates:
        return []
    matches = []
    for candidate in candidates:
        retry = query_parse(candidate, engine=engine).expression()
        matches.append(engine.match(retry))
    totals = engine.match_counts(matches, cap=SAMPLE)
    return [(text, total) for text, total in zip(candidates, totals, strict=True) if total][:3]


def _largest_categories(engine, limit: int = 3) -> list[str]:
    """Names of the categories with the most products (the browse facets, cached briefly)."""
    counts = _totals(engine.match(None), SearchFilters(), True, SAMPLE)
    return [value.label for value in counts.facets["category"][:limit] if value.label]


def _expression_of(concepts) -> MatchExpression:
    return MatchExpression(
        tuple(tuple(dict.fromkeys(phrase for phrase, _ in c.alternatives)) for c in concepts)
    )


@dataclass
class Suggestion:
    title: str
    url: str
    key: str


def product_suggest(*, query: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Titles completing what has been typed so far (the last word as a prefix)."""
    _, folded = normalized_tokens(query)
    if not folded or len(folded[-1]) < 2 and len(folded) == 1:
        return []
    engine = engine_for_connection()
    with engine.reading():
        # A one-letter prefix would reach nearly every word; it is matched against the titles
        # of what the words before it find. A longer one becomes its most frequent completions
        # in the vocabulary (an index range), never a prefix scan of the full-text index.
        letter = folded[-1] if len(folded[-1]) < 2 else ""
        groups = [((token,),) for token in folded[:-1]]
        if not letter:
            completions = engine.term_completions(folded[-1], SUGGESTION_COMPLETIONS)
            if not completions:
                return []
            groups.append(tuple((word,) for word in completions))
        match = engine.match(MatchExpression(tuple(groups)))
        # Any bounded set of matches (the newest on SQLite) is cheap to take.
        pool = SUGGESTION_POOL * (3 if letter else 1)
        sample_sql, params = engine.sample_sql(
            match, match.where_sql, match.where_params, limit=pool
        )
        sql = (
            f"WITH s AS MATERIALIZED ({sample_sql}) SELECT d.title, d.url, d.key"  # noqa: S608
            f" FROM search_searchdocument d WHERE {engine.in_sample_sql}"
        )
        with engine.sampling(match, limit=pool), connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [(search_fold(row[0]), row) for row in cursor.fetchall()]
    if letter:
        typed_words = set(folded[:-1])
        rows = [
            (title, row)
            for title, row in rows
            if any(word.startswith(letter) and word not in typed_words for word in title.split())
        ]
    # The titles that start with what was typed first, shortest first.
    typed = " ".join(folded)
    rows.sort(key=lambda item: (not item[0].startswith(typed), len(item[1][0]), item[1][2]))
    return [Suggestion(title, url, key) for _, (title, url, key) in rows[:limit]]
