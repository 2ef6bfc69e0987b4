"""Rank offers for a demand (and demands for an offer) with an explainable score out of 100.

Text relevance folds with `core.text.search_fold` (the search app's normaliser: NFC, modern tone
placement, units such as "25 kg" → "25kg", no diacritics) and scores token overlap (syllables and
syllable pairs): the search app ranks catalog products through its engines and exposes no
relevance function for arbitrary text, and matching must stay in-process to meet its latency
budget. Every other factor is arithmetic over integer columns, fetched in one query.
"""

import heapq
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import Q

from phohang.core.text import search_fold

from .models import PER_MONTH, Demand, Offer, OfferTerm

WEIGHTS = {
    "text": 30,
    "category": 10,
    "quality": 20,
    "quantity": 15,
    "season": 10,
    "price": 10,
    "distance": 5,
}
MINIMUM_SCORE = 35
# Road distance is longer than the great circle; 1.3 is the usual detour factor for Vietnam.
ROAD_FACTOR = 1.3
FAR_KM = 1800.0

STOPWORDS = frozenset(
    [
        "can",
        "mua",
        "ban",
        "cung",
        "cap",
        "cho",
        "va",
        "cac",
        "loai",
        "hang",
        "hoa",
        "san",
        "pham",
        "tai",
        "tu",
        "de",
        "theo",
        "moi",
        "thang",
        "tuan",
        "nam",
        "tan",
        "kg",
        "dat",
        "chuan",
        "tieu",
        "chuan",
        "nhu",
        "cau",
        "don",
        "vi",
        "voi",
        "co",
        "la",
        "mot",
        "nhung",
    ]
)


def normalise_text(value: str) -> str:
    """Folded, space-padded token string stored on demands and offers for matching and search."""
    return " " + search_fold(value or "") + " "


def query_terms(value: str) -> tuple[list[str], list[str]]:
    """Content syllables and adjacent syllable pairs of a folded text, stopwords dropped."""
    words = search_fold(value or "").split()
    terms = [w for w in dict.fromkeys(words) if w not in STOPWORDS]
    pairs = [
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in STOPWORDS or b not in STOPWORDS
    ]
    return terms, list(dict.fromkeys(pairs))


def text_relevance(terms: list[str], pairs: list[str], padded_text: str) -> float:
    """Share of the query's syllables and syllable pairs that occur in `padded_text` (0–1)."""
    if not terms:
        return 0.0
    hits = 0
    for term in terms:
        if f" {term} " in padded_text:
            hits += 1
    unigram = hits / len(terms)
    if not pairs:
        return unigram
    pair_hits = 0
    for pair in pairs:
        if f" {pair} " in padded_text:
            pair_hits += 1
    return 0.5 * unigram + 0.5 * pair_hits / len(pairs)


def _relevance(keys: tuple[str, ...], pair_keys: tuple[str, ...], padded_text: str) -> float:
    """text_relevance with the query already padded (the hot loop of ranking)."""
    hits = 0
    for key in keys:
        if key in padded_text:
            hits += 1
    if not pair_keys:
        return hits / len(keys)
    pair_hits = 0
    for key in pair_keys:
        if key in padded_text:
            pair_hits += 1
    return 0.5 * hits / len(keys) + 0.5 * pair_hits / len(pair_keys)


@lru_cache(maxsize=1)
def _province_points() -> dict[str, tuple[float, float]]:
    from phohang.geo.models import Province

    return {
        code: (lat, lon)
        for code, lat, lon in Province.objects.values_list("code", "latitude", "longitude")
        if lat is not None and lon is not None
    }


@lru_cache(maxsize=2048)
def province_distance_km(from_code: str, to_code: str) -> float | None:
    """Approximate road distance between two provinces' centres (haversine × detour factor)."""
    if from_code == to_code:
        return 0.0
    points = _province_points()
    if from_code not in points or to_code not in points:
        return None
    (lat1, lon1), (lat2, lon2) = points[from_code], points[to_code]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return round(2 * 6371.0 * math.asin(math.sqrt(a)) * ROAD_FACTOR, 1)


def window_months_mask(start: date, end: date) -> int:
    """Bit mask of the calendar months a delivery window touches."""
    mask, year, month = 0, start.year, start.month
    while (year, month) <= (end.year, end.month):
        mask |= 1 << (month - 1)
        if mask == (1 << 12) - 1:
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return mask


def _bits(mask: int) -> int:
    return mask.bit_count()


@dataclass(frozen=True)
class DemandSide:
    """The demand's half of every comparison, computed once per ranking."""

    terms: list[str]
    pairs: list[str]
    category_id: int
    category_ids: frozenset
    certifications_mask: int
    min_ocop_stars: int
    monthly_base_quantity: int
    per_delivery_base_quantity: int
    window_mask: int
    price_ceiling_vnd: int | None
    province_code: str

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f" {term} " for term in self.terms)

    @property
    def pair_keys(self) -> tuple[str, ...]:
        return tuple(f" {pair} " for pair in self.pairs)

    @classmethod
    def of(cls, demand: Demand, category_ids=None) -> "DemandSide":
        from .models import base_quantity

        terms, pairs = query_terms(f"{demand.title}")
        _family, per_delivery = base_quantity(demand.quantity, demand.unit)
        return cls(
            terms=terms,
            pairs=pairs,
            category_id=demand.category_id,
            category_ids=frozenset(category_ids or {demand.category_id}),
            certifications_mask=demand.certifications_mask,
            min_ocop_stars=demand.min_ocop_stars,
            monthly_base_quantity=demand.monthly_base_quantity,
            per_delivery_base_quantity=per_delivery,
            window_mask=window_months_mask(demand.delivery_start, demand.delivery_end),
            price_ceiling_vnd=demand.price_ceiling_vnd,
            province_code=demand.delivery_province_id,
        )


OFFER_FIELDS = (
    "id",
    "search_text",
    "category_id",
    "certifications_mask",
    "ocop_stars",
    "monthly_base_quantity",
    "minimum_order_base",
    "season_mask",
    "origin_province_id",
    "price_min_vnd",
    "price_max_vnd",
)


def score_pair(
    side: DemandSide, row: tuple, *, explain: bool = True, relevance: float | None = None
) -> tuple[float, dict | None]:
    """Score one offer row (OFFER_FIELDS order) against a demand: (score, breakdown or None)."""
    (
        _id,
        text,
        category_id,
        held,
        stars,
        monthly,
        minimum_order,
        season,
        origin,
        price_min,
        price_max,
    ) = row
    if relevance is None:
        relevance = text_relevance(side.terms, side.pairs, text)
    category = 1.0 if category_id == side.category_id else 0.6
    required = side.certifications_mask
    missing = required & ~held
    below_stars = bool(side.min_ocop_stars and stars < side.min_ocop_stars)
    checks = _bits(required) + (1 if side.min_ocop_stars else 0)
    passed = _bits(required & held) + (1 if side.min_ocop_stars and not below_stars else 0)
    quality = passed / checks if checks else 1.0
    need = side.monthly_base_quantity
    coverage = min(1.0, monthly / need) if need else 1.0
    below_minimum = bool(minimum_order and minimum_order > side.per_delivery_base_quantity)
    quantity = coverage * 0.5 if below_minimum else coverage
    window = side.window_mask
    in_season = _bits(window & season)
    season_fit = in_season / _bits(window) if window else 1.0
    ceiling = side.price_ceiling_vnd
    if not ceiling or price_max <= ceiling:
        price_fit = 1.0
    elif price_min <= ceiling:
        price_fit = 0.8
    else:
        price_fit = max(0.0, 1.0 - 2.0 * (price_min - ceiling) / ceiling)
    km = province_distance_km(origin, side.province_code)
    distance_fit = 0.5 if km is None else max(0.0, 1.0 - km / FAR_KM)
    score = (
        WEIGHTS["text"] * relevance
        + WEIGHTS["category"] * category
        + WEIGHTS["quality"] * quality
        + WEIGHTS["quantity"] * quantity
        + WEIGHTS["season"] * season_fit
        + WEIGHTS["price"] * price_fit
        + WEIGHTS["distance"] * distance_fit
    )
    # A missing required certification or OCOP rating, or a supply wholly out of season, breaks
    # a buyer's rule: cap the score so such offers sink below every real fit.
    if missing or below_stars:
        score = min(score, 45)
    if season_fit == 0:
        score = min(score, 40)
    if not explain:
        return score, None
    factors = {
        "text": relevance,
        "category": category,
        "quality": quality,
        "quantity": quantity,
        "season": season_fit,
        "price": price_fit,
        "distance": distance_fit,
    }
    breakdown = {
        "points": {name: round(WEIGHTS[name] * value, 1) for name, value in factors.items()},
        "missing_certifications": missing,
        "coverage_percent": round(100 * coverage),
        "distance_km": km,
        "season_months": in_season,
        "window_months": _bits(window),
        "below_minimum_order": below_minimum,
    }
    return score, breakdown


def best_scored(side: DemandSide, rows, limit: int) -> list[tuple]:
    """Top `limit` rows by score (ties: lower id first), explained; skips hopeless rows early."""
    heap: list[tuple[float, int, tuple]] = []
    rest = sum(WEIGHTS.values()) - WEIGHTS["text"]
    text_weight = WEIGHTS["text"]
    keys, pair_keys = side.keys, side.pair_keys
    for row in rows:
        relevance = _relevance(keys, pair_keys, row[1]) if keys else 0.0
        # Bound: even perfect other factors cannot lift this row above the current last.
        if len(heap) == limit and text_weight * relevance + rest < heap[0][0]:
            continue
        score, _none = score_pair(side, row, explain=False, relevance=relevance)
        if score < MINIMUM_SCORE:
            continue
        item = (score, -row[0], row)
        if len(heap) < limit:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)
    ranked = []
    for _score, _negative_id, row in sorted(heap, reverse=True):
        score, breakdown = score_pair(side, row)
        ranked.append((row[0], round(score), breakdown))
    return ranked


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


# Offers scored in Python per demand, at most; the term index orders them by shared words first.
CANDIDATE_LIMIT = 2500


def index_terms(text: str) -> dict[str, int]:
    """Folded syllables (weight 1) and adjacent syllable pairs (weight 2) of a posting's text."""
    terms, pairs = query_terms(text)
    weights = {term[:64]: 1 for term in terms}
    weights.update({pair[:64]: 2 for pair in pairs})
    return weights


def offer_terms_rows(offer: Offer) -> list[OfferTerm]:
    return [
        OfferTerm(offer_id=offer.pk, term=term, weight=weight, category_id=offer.category_id)
        for term, weight in index_terms(offer.search_text).items()
    ]


def offer_terms_refresh(offer: Offer) -> None:
    OfferTerm.objects.filter(offer_id=offer.pk).delete()
    OfferTerm.objects.bulk_create(offer_terms_rows(offer))


def _candidate_rows(demand: Demand, side: "DemandSide", family) -> list[tuple]:
    """Active offers sharing the most weighted terms with the demand, in one SQL statement.

    The GROUP BY reads only the covering index (term, category, offer, weight); the join then
    applies status, unit family and season overlap. Plain SQL that SQLite and PostgreSQL share.
    """
    wanted = [term[:64] for term in side.terms[:10]] + [pair[:64] for pair in side.pairs[:10]]
    offer_table = Offer._meta.db_table
    term_table = OfferTerm._meta.db_table
    columns = ", ".join(f"o.{field}" for field in OFFER_FIELDS)
    terms_sql = ", ".join(["%s"] * len(wanted))
    family_sql = ", ".join(["%s"] * len(family))
    # Table and column names come from the models, values are parameters: nothing user-typed.
    sql = (
        f"SELECT {columns} FROM {offer_table} o JOIN ("  # noqa: S608
        f" SELECT offer_id, SUM(weight) AS hits FROM {term_table}"
        f" WHERE term IN ({terms_sql}) AND category_id IN ({family_sql})"
        f" GROUP BY offer_id HAVING SUM(weight) >= %s ORDER BY hits DESC, offer_id LIMIT %s"
        f") t ON t.offer_id = o.id"
        f" WHERE o.status = %s AND o.unit_family = %s AND (o.season_mask & %s) > 0"
    )
    # An offer sharing a single word (say only "gạo") cannot rank when the demand names more.
    least = 2 if len(wanted) > 1 else 1
    params = [*wanted, *sorted(family), least, CANDIDATE_LIMIT]
    params += [Offer.Status.ACTIVE, demand.unit_family, side.window_mask]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rank_offers(demand: Demand, *, limit: int = 20) -> list[tuple]:
    """Best offers for `demand`: [(offer_id, score, breakdown)], highest score first.

    The term index picks the offers sharing most words with the demand in its category family,
    the database applies status, unit and season overlap, and Python scores what is left.
    """
    family = category_family(demand.category_id)
    side = DemandSide.of(demand, family)
    if demand.visibility == Demand.Visibility.INVITED or not side.terms:
        rows = Offer.objects.filter(
            status=Offer.Status.ACTIVE, unit_family=demand.unit_family, category_id__in=family
        )
        if demand.visibility == Demand.Visibility.INVITED:
            rows = rows.filter(seller__in=demand.invited_sellers.all())
        rows = rows.values_list(*OFFER_FIELDS)[:CANDIDATE_LIMIT]
    else:
        rows = _candidate_rows(demand, side, family)
    return best_scored(side, rows, limit)


def rank_demands(offer: Offer, *, today: date, limit: int = 20) -> list[tuple]:
    """Best open demands for `offer`: [(demand_id, score, breakdown)], highest score first."""
    lineage = category_lineage(offer.category_id)
    demands = (
        Demand.objects.filter(
            status=Demand.Status.OPEN,
            closing_date__gte=today,
            category_id__in=lineage,
            unit_family=offer.unit_family,
        )
        .filter(
            Q(visibility=Demand.Visibility.PUBLIC)
            | Q(visibility=Demand.Visibility.INVITED, invited_sellers=offer.seller_id)
        )
        .exclude(organisation__members__seller_memberships__seller_id=offer.seller_id)
        .distinct()
    )
    row = tuple(getattr(offer, field) for field in OFFER_FIELDS)
    scored = []
    for demand in demands.iterator(chunk_size=1000):
        score, breakdown = score_pair(DemandSide.of(demand, {demand.category_id}), row)
        if score >= MINIMUM_SCORE:
            scored.append((demand.pk, round(score), breakdown))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


def monthly_base(quantity: int, unit: str, frequency_or_period: str) -> int:
    from .models import base_quantity

    _family, base = base_quantity(quantity, unit)
    return round(base * PER_MONTH[frequency_or_period])
