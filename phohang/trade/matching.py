"""Rank offers for a demand (and demands for an offer) with an explainable score out of 100.

Text relevance uses `core.text.fold` and token overlap (syllables and syllable pairs): the search
app exposes no relevance function for arbitrary text yet, and matching must stay in-process to meet
its latency budget. Every other factor is arithmetic over integer columns, fetched in one query.
"""

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import F, Q, Sum

from phohang.core.text import fold

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

_WORD_RE = re.compile(r"[a-z0-9]+")
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
    return " " + " ".join(_WORD_RE.findall(fold(value or ""))) + " "


def query_terms(value: str) -> tuple[list[str], list[str]]:
    """Content syllables and adjacent syllable pairs of a folded text, stopwords dropped."""
    words = _WORD_RE.findall(fold(value or ""))
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
    hits = sum(1 for term in terms if f" {term} " in padded_text)
    unigram = hits / len(terms)
    if not pairs:
        return unigram
    pair_hits = sum(1 for pair in pairs if f" {pair} " in padded_text)
    return 0.5 * unigram + 0.5 * pair_hits / len(pairs)


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
    return bin(mask).count("1")


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


def score_pair(side: DemandSide, row: tuple) -> tuple[int, dict]:
    """Score one offer row (OFFER_FIELDS order) against a demand; returns (score, breakdown)."""
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
    relevance = text_relevance(side.terms, side.pairs, text)
    category = 1.0 if category_id == side.category_id else 0.6
    required = side.certifications_mask
    missing = required & ~held
    checks = _bits(required) + (1 if side.min_ocop_stars else 0)
    passed = _bits(required & held) + (
        1 if side.min_ocop_stars and stars >= side.min_ocop_stars else 0
    )
    quality = passed / checks if checks else 1.0
    coverage = min(1.0, monthly / side.monthly_base_quantity) if side.monthly_base_quantity else 1.0
    if minimum_order and minimum_order > side.per_delivery_base_quantity:
        coverage *= 0.5
    window = side.window_mask
    season_fit = _bits(window & season) / _bits(window) if window else 1.0
    ceiling = side.price_ceiling_vnd
    if not ceiling or price_max <= ceiling:
        price_fit = 1.0
    elif price_min <= ceiling:
        price_fit = 0.8
    else:
        price_fit = max(0.0, 1.0 - 2.0 * (price_min - ceiling) / ceiling)
    km = province_distance_km(origin, side.province_code)
    distance_fit = 0.5 if km is None else max(0.0, 1.0 - km / FAR_KM)
    factors = {
        "text": relevance,
        "category": category,
        "quality": quality,
        "quantity": coverage,
        "season": season_fit,
        "price": price_fit,
        "distance": distance_fit,
    }
    score = sum(WEIGHTS[name] * value for name, value in factors.items())
    # A required certification that is missing, or an out-of-season supply, is disqualifying
    # for a buyer's quality or timing rules: cap the score so such offers sink below real fits.
    if missing or (side.min_ocop_stars and stars < side.min_ocop_stars):
        score = min(score, 45)
    if season_fit == 0:
        score = min(score, 40)
    breakdown = {
        "points": {name: round(WEIGHTS[name] * value, 1) for name, value in factors.items()},
        "missing_certifications": missing,
        "coverage_percent": round(100 * min(1.0, monthly / side.monthly_base_quantity))
        if side.monthly_base_quantity
        else 100,
        "distance_km": km,
        "season_months": _bits(window & season),
        "window_months": _bits(window),
        "below_minimum_order": bool(
            minimum_order and minimum_order > side.per_delivery_base_quantity
        ),
    }
    return round(score), breakdown


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
CANDIDATE_LIMIT = 3000


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


def candidate_offer_ids(side: "DemandSide", family) -> list[int]:
    """Offers in the category family sharing the most weighted terms with the demand."""
    wanted = [term[:64] for term in side.terms[:10]] + [pair[:64] for pair in side.pairs[:10]]
    return list(
        OfferTerm.objects.filter(term__in=wanted, category_id__in=family)
        .values("offer_id")
        .annotate(hits=Sum("weight"))
        .order_by("-hits", "offer_id")
        .values_list("offer_id", flat=True)[:CANDIDATE_LIMIT]
    )


def rank_offers(demand: Demand, *, limit: int = 20) -> list[tuple]:
    """Best offers for `demand`: [(offer_id, score, breakdown)], highest score first.

    The term index picks the offers sharing most words with the demand in its category family;
    the database then applies status, unit and season overlap; Python scores what is left.
    """
    family = category_family(demand.category_id)
    side = DemandSide.of(demand, family)
    rows = Offer.objects.filter(status=Offer.Status.ACTIVE, unit_family=demand.unit_family)
    if side.terms:
        rows = rows.filter(pk__in=candidate_offer_ids(side, family))
    else:
        rows = rows.filter(category_id__in=family)[:CANDIDATE_LIMIT]
    if side.window_mask != (1 << 12) - 1:
        rows = rows.annotate(season_hit=F("season_mask").bitand(side.window_mask)).filter(
            season_hit__gt=0
        )
    if demand.visibility == Demand.Visibility.INVITED:
        rows = rows.filter(seller__in=demand.invited_sellers.all())
    scored = []
    for row in rows.values_list(*OFFER_FIELDS):
        score, breakdown = score_pair(side, row)
        if score >= MINIMUM_SCORE:
            scored.append((row[0], score, breakdown))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


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
            scored.append((demand.pk, score, breakdown))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


def monthly_base(quantity: int, unit: str, frequency_or_period: str) -> int:
    from .models import base_quantity

    _family, base = base_quantity(quantity, unit)
    return round(base * PER_MONTH[frequency_or_period])
