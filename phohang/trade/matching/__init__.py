"""Rank offers for a demand (and demands for an offer) by the buyer's rules, explained.

Text: both postings are read as concepts (`text.read_posting`, using the search app's synonym
list), and the offers' concepts are kept in an inverted index (`OfferTerm`: 2 when the title
names the concept, 1 when only the description does). A demand's concepts are weighted by
rarity among offers (the BM25 idf, from the index's document frequencies), so a rare variety
such as "ST25" counts more than "gạo", and stock phrases count nothing. One grouped statement
picks the offers with the most weighted concepts; Python grades them (`rules.assess`). The index
and the idf are the same on SQLite and PostgreSQL, so both rank alike.
"""

import math
import time
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import Q

from phohang.core.text import search_fold

from ..models import PER_MONTH, UNIT_BASE, Demand, Frequency, Offer, OfferTerm
from .rules import (
    WEIGHTS,
    Concept,
    DemandSide,
    OfferFacts,
    assess,
    distance_km,
    product_fit,
)
from .text import province_of_place, read_posting

__all__ = [
    "WEIGHTS",
    "category_family",
    "category_lineage",
    "index_terms",
    "monthly_base",
    "normalise_text",
    "offer_terms_rebuild",
    "offer_terms_refresh",
    "query_terms",
    "rank_demands",
    "rank_offers",
]

MINIMUM_SCORE = 35
CANDIDATE_LIMIT = 600
# Offers grouped by shared concepts before the conditions on offers are applied.
POOL_LIMIT = 2000
EXTRA_TERMS = 8
# A word named by more than this share of active offers ("nguyên liệu", "nhân") says little
# about the product; reading its postings for the pool cost up to 0.2 s at 100,000 offers.
COMMON_SHARE = 0.2
STATE_PREFIX = "~"


def normalise_text(value: str) -> str:
    """Folded, space-padded token string stored on demands and offers for the boards' search."""
    return " " + search_fold(value or "") + " "


def query_terms(value: str) -> tuple[list[str], list[str]]:
    """Folded words of a board search and adjacent pairs (the board filters by every word)."""
    words = search_fold(value or "").split()
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return list(dict.fromkeys(words)), list(dict.fromkeys(pairs))


def index_terms(title: str, description: str = "") -> dict[str, int]:
    """Concepts of an offer (2: in the title, 1: only in the description) and its states."""
    posting = read_posting(title, description)
    weights = posting.concept_weights()
    for state in posting.states:
        weights[STATE_PREFIX + state] = 2
    return weights


def offer_terms_rows(offer: Offer) -> list[OfferTerm]:
    return [
        OfferTerm(offer_id=offer.pk, term=term, weight=weight, category_id=offer.category_id)
        for term, weight in index_terms(offer.title, offer.description).items()
    ]


def offer_terms_refresh(offer: Offer) -> None:
    OfferTerm.objects.filter(offer_id=offer.pk).delete()
    OfferTerm.objects.bulk_create(offer_terms_rows(offer))


def offer_terms_rebuild(*, offer_ids: list[int]) -> int:
    """Re-read the given offers' text into the term index, in one transaction; rows written."""
    from django.db import transaction

    offers = Offer.objects.filter(pk__in=offer_ids).only(
        "id", "title", "description", "category_id"
    )
    rows = [row for offer in offers for row in offer_terms_rows(offer)]
    with transaction.atomic():
        OfferTerm.objects.filter(offer_id__in=offer_ids).delete()
        OfferTerm.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def monthly_base(quantity: int, unit: str, frequency_or_period: str) -> int:
    from ..models import base_quantity

    _family, base = base_quantity(quantity, unit)
    return round(base * PER_MONTH[frequency_or_period])


@lru_cache(maxsize=1)
def _province_points() -> dict[str, tuple[float, float]]:
    from phohang.geo.models import Province

    return {
        code: (lat, lon)
        for code, lat, lon in Province.objects.values_list("code", "latitude", "longitude")
        if lat is not None and lon is not None
    }


def province_distance_km(from_code: str, to_code: str) -> float | None:
    """Straight-line distance between two provinces' centres."""
    return distance_km(_province_points(), from_code, to_code)


def window_months_mask(start: date, end: date) -> int:
    """Bit mask of the calendar months a delivery window touches."""
    mask, year, month = 0, start.year, start.month
    while (year, month) <= (end.year, end.month):
        mask |= 1 << (month - 1)
        if mask == (1 << 12) - 1:
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return mask


def category_family(category_id: int) -> set[int]:
    """The category and its descendants (the tree is shallow: two levels below any node)."""
    from phohang.catalog.models import Category

    ids = {category_id}
    frontier = {category_id}
    for _depth in range(3):
        frontier = set(Category.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        if not frontier:
            break
        ids |= frontier
    return ids


def category_lineage(category_id: int) -> set[int]:
    """The category and its ancestors."""
    from phohang.catalog.models import Category

    ids, current = set(), category_id
    while current and current not in ids:
        ids.add(current)
        current = Category.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return ids


def _idf(frequencies: dict[str, int], documents: int, term: str) -> float:
    frequency = frequencies.get(term, 0)
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def _document_frequencies(terms: set[str]) -> tuple[dict[str, int], int]:
    table = OfferTerm._meta.db_table
    wanted = sorted(term[:64] for term in terms)
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        # Values are parameters and the table name comes from the model.
        cursor.execute(
            f"SELECT term, COUNT(*) FROM {table} WHERE term IN ({marks}) GROUP BY term",  # noqa: S608
            wanted,
        )
        frequencies = dict(cursor.fetchall())
    return frequencies, _active_offers()


def _active_offers() -> int:
    """Active offers, remembered for a minute (the idf needs only its order of magnitude)."""
    now = time.monotonic()
    cached = _OFFER_COUNT.get(connection.alias)
    if cached and now - cached[1] < 60:
        return cached[0]
    count = max(Offer.objects.filter(status=Offer.Status.ACTIVE).count(), 1)
    _OFFER_COUNT[connection.alias] = (count, now)
    return count


_OFFER_COUNT: dict[str, tuple[int, float]] = {}


def demand_side(demand: Demand, frequencies=None, documents: int = 0) -> DemandSide:
    """The demand's concepts weighted by rarity, its needs in base units, and its places."""
    posting = read_posting(demand.title, demand.description)
    product_segments = posting.title or posting.description[:4]
    extra_segments = [s for s in posting.description if s not in product_segments]
    if frequencies is None:
        terms = {t for s in posting.title + posting.description for t in (s.concept, *s.heads)}
        frequencies, documents = _document_frequencies(terms) if terms else ({}, 1)
    from phohang.search.synonyms import concepts

    table = concepts()
    known = table.known

    def concept(segment, weight_scale: float = 1.0) -> Concept:
        heads = tuple((head, 0.5 if head in known else 0.15) for head in segment.heads)
        return Concept(
            segment.concept[:64],
            weight_scale * _idf(frequencies, documents, segment.concept),
            heads,
        )

    product = tuple({c.term: c for c in map(concept, product_segments)}.values())
    extra = sorted(
        {c.term: c for c in map(concept, extra_segments)}.values(),
        key=lambda c: -c.weight,
    )[:EXTRA_TERMS]
    first = product_segments[0] if product_segments else None
    anchors = {first.concept, *(h for h in first.heads if h in known)} if first else set()
    related = {
        other for segment in product_segments for other in table.related.get(segment.concept, ())
    }
    family, factor = UNIT_BASE[demand.unit]
    per_delivery = int(demand.quantity) * factor
    is_recurring = demand.frequency in (Frequency.WEEKLY, Frequency.MONTHLY)
    need = per_delivery * PER_MONTH[demand.frequency] if is_recurring else per_delivery
    ceiling = demand.price_ceiling_vnd / factor if demand.price_ceiling_vnd else None
    common = {
        term[:64]
        for term, frequency in frequencies.items()
        if frequency > COMMON_SHARE * documents and term[:64] not in anchors
    }
    areas = {province_of_place(place) for place in posting.origin_places}
    areas.discard(None)
    if areas == {demand.delivery_province_id} and not _names_origin(demand):
        areas = set()
    return DemandSide(
        product=product,
        extra=tuple(extra),
        anchors=frozenset(a[:64] for a in anchors),
        related=frozenset(related),
        states=frozenset(posting.states),
        category_ids=frozenset(category_family(demand.category_id)),
        certifications_mask=demand.certifications_mask,
        min_ocop_stars=demand.min_ocop_stars,
        is_recurring=is_recurring,
        unit_family=family,
        need_base=need,
        per_delivery_base=per_delivery,
        window_mask=window_months_mask(demand.delivery_start, demand.delivery_end),
        price_ceiling_per_base=ceiling,
        province_code=demand.delivery_province_id,
        radius_km=posting.radius_km,
        area_provinces=frozenset(areas),
        common_terms=frozenset(common),
    )


def _names_origin(demand: Demand) -> bool:
    folded = search_fold(demand.title)
    return any(cue in folded for cue in ("xuat xu", "nguon goc", "vung trong", "dac san"))


_OFFER_COLUMNS = (
    "id", "category_id", "unit", "monthly_base_quantity", "minimum_order_base", "season_mask",
    "origin_province_id", "price_min_vnd", "certifications_mask", "ocop_stars",
)  # fmt: skip


def _facts(row: tuple) -> OfferFacts:
    pk, category, unit, monthly, minimum, season, origin, price, held, stars = row
    family, factor = UNIT_BASE.get(unit, ("", 1))
    return OfferFacts(
        pk, category, family, factor, monthly, minimum, season, origin, price, held, stars
    )


def _term_weights(side: DemandSide, *, with_extra: bool = True) -> dict[str, float]:
    weights: dict[str, float] = {}
    for concept in side.product:
        weights[concept.term] = weights.get(concept.term, 0) + 3 * concept.weight
        for head, share in concept.heads:
            weights[head] = max(weights.get(head, 0), share * concept.weight)
    # Words of the description only break ties: they are read for the pool, not to form it.
    for concept in side.extra if with_extra else ():
        weights[concept.term] = weights.get(concept.term, 0) + 0.5 * concept.weight
    for term in side.related:
        weights.setdefault(term, 1.0)
    return {term: weight for term, weight in weights.items() if weight > 0}


def _qualifying_sql(side: DemandSide) -> tuple[str, list]:
    """Conditions every offer above grade 0 meets: active, a month of the window in season,
    each required certification (or one that satisfies it), the OCOP rating."""
    from ..models import CERTIFICATION_EQUIVALENTS

    sql = ["o.status = %s", "(o.season_mask & %s) > 0"]
    params: list = [Offer.Status.ACTIVE, side.window_mask]
    required = side.certifications_mask
    bit = 1
    while bit <= required:
        if required & bit:
            accepted = bit
            for held, satisfied in CERTIFICATION_EQUIVALENTS:
                if satisfied & bit:
                    accepted |= held
            sql.append("(o.certifications_mask & %s) > 0")
            params.append(accepted)
        bit <<= 1
    if side.min_ocop_stars:
        sql.append("o.ocop_stars >= %s")
        params.append(side.min_ocop_stars)
    return " AND ".join(sql), params


def _candidates(side: DemandSide, seller_ids=None) -> list[tuple]:
    """Qualifying offers with the most rarity-weighted concepts of the demand, one statement."""
    weights = _term_weights(side, with_extra=not side.product)
    distinctive = {t: w for t, w in weights.items() if t not in side.common_terms}
    weights = distinctive or weights
    if not weights:
        return []
    offer_table, term_table = Offer._meta.db_table, OfferTerm._meta.db_table
    cases = " ".join(["WHEN %s THEN %s"] * len(weights))
    marks = ", ".join(["%s"] * len(weights))
    columns = ", ".join(f"o.{column}" for column in _OFFER_COLUMNS)
    qualifying, qualifying_params = _qualifying_sql(side)
    params: list = [value for item in weights.items() for value in item]
    params += [*weights, POOL_LIMIT, *qualifying_params]
    sellers = ""
    if seller_ids is not None:
        sellers = " AND o.seller_id IN (" + ", ".join(["%s"] * len(seller_ids)) + ")"
        params += list(seller_ids)
    params.append(CANDIDATE_LIMIT)
    # The grouping reads only the covering index of the term table; the conditions on the
    # offers apply to the pool it returns. Table and column names come from the models;
    # every value is a parameter.
    sql = (
        f"SELECT {columns} FROM {offer_table} o JOIN ("  # noqa: S608
        f" SELECT offer_id, SUM(weight * (CASE term {cases} ELSE 0 END)) AS hits"
        f" FROM {term_table} WHERE term IN ({marks})"
        f" GROUP BY offer_id ORDER BY hits DESC, offer_id LIMIT %s"
        f") c ON c.offer_id = o.id WHERE {qualifying}{sellers}"
        f" ORDER BY c.hits DESC, o.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _postings(side: DemandSide, offer_ids: list[int]) -> dict[int, dict[str, int]]:
    """For each offer, the demand's concepts (and any processing state) it names."""
    if not offer_ids:
        return {}
    terms = set(_term_weights(side)) | side.anchors
    if side.states:
        # States matter only when the demand names one; most offers carry one.
        from .text import STATES

        terms |= {STATE_PREFIX + state for state in set(STATES.values())}
    table = OfferTerm._meta.db_table
    term_marks = ", ".join(["%s"] * len(terms))
    id_marks = ", ".join(["%s"] * len(offer_ids))
    sql = (
        f"SELECT offer_id, term, weight FROM {table}"  # noqa: S608
        f" WHERE term IN ({term_marks}) AND offer_id IN ({id_marks})"
    )
    found: dict[int, dict[str, int]] = {pk: {} for pk in offer_ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sorted(terms), *offer_ids])
        for offer_id, term, weight in cursor.fetchall():
            found[offer_id][term] = weight
    return found


def _split_states(postings: dict[str, int]) -> set[str]:
    return {term[1:] for term in postings if term.startswith(STATE_PREFIX)}


def rank_offers(
    demand: Demand, *, limit: int = 20, minimum_score: int = MINIMUM_SCORE
) -> list[tuple]:
    """Best offers for `demand`: [(offer_id, score, breakdown)], highest score first."""
    side = demand_side(demand)
    sellers = None
    if demand.visibility == Demand.Visibility.INVITED:
        sellers = list(demand.invited_sellers.values_list("pk", flat=True))
    rows = _candidates(side, sellers)
    if not rows:
        rows = _browse(demand, sellers)
    postings = _postings(side, [row[0] for row in rows])
    points = _province_points()
    scored = []
    # Offers that name some other product cannot reach grade 1: only the best of them by
    # text (the statement's order) are graded in full, enough to fill the list.
    others = 0
    facts = {}
    for row in rows:
        offer_postings = postings.get(row[0], {})
        states = _split_states(offer_postings)
        fit = product_fit(side, offer_postings, states)
        if fit[0] == "other":
            others += 1
            if others > limit:
                continue
        facts[row[0]] = _facts(row)
        _grade, score, _none = assess(
            side, facts[row[0]], offer_postings, states, points, explain=False, fit=fit
        )
        if score >= minimum_score:
            scored.append((score, row[0]))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranked = []
    for score, pk in scored[:limit]:
        offer_postings = postings.get(pk, {})
        states = _split_states(offer_postings)
        _grade, _score, breakdown = assess(side, facts[pk], offer_postings, states, points)
        ranked.append((pk, round(score), breakdown))
    return ranked


def _browse(demand: Demand, sellers) -> list[tuple]:
    """A demand naming no product words: the active offers of its category."""
    rows = Offer.objects.filter(
        status=Offer.Status.ACTIVE, category_id__in=category_family(demand.category_id)
    )
    if sellers is not None:
        rows = rows.filter(seller_id__in=sellers)
    return list(rows.values_list(*_OFFER_COLUMNS)[:CANDIDATE_LIMIT])


def rank_demands(offer: Offer, *, today: date, limit: int = 20) -> list[tuple]:
    """Best open demands for `offer`: [(demand_id, score, breakdown)], highest score first."""
    demands = list(
        Demand.objects.filter(status=Demand.Status.OPEN, closing_date__gte=today)
        .filter(
            Q(visibility=Demand.Visibility.PUBLIC)
            | Q(visibility=Demand.Visibility.INVITED, invited_sellers=offer.seller_id)
        )
        .exclude(organisation__members__seller_memberships__seller_id=offer.seller_id)
        .distinct()[:5000]
    )
    postings = index_terms(offer.title, offer.description)
    states = _split_states(postings)
    row = tuple(getattr(offer, column) for column in _OFFER_COLUMNS)
    facts = _facts(row)
    terms = set(postings)
    frequencies, documents = _document_frequencies(terms) if terms else ({}, 1)
    points = _province_points()
    scored = []
    for demand in demands:
        side = demand_side(demand, frequencies, documents)
        _grade, score, breakdown = assess(side, facts, postings, states, points)
        if score >= MINIMUM_SCORE:
            scored.append((demand.pk, round(score), breakdown))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]
