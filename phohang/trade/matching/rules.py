"""How well one offer meets one demand: a grade by the buyer's rules, and a score out of 100.

Grades, best first (published on the ranking-criteria page):
3 the asked product, every required certification (VietGAP is met by GlobalGAP, HACCP by
  ISO 22000, ISO 9001 by IATF 16949, OCOP n stars by n or more), in season during the delivery
  window, lowest price at or under the ceiling after converting units, at least half the need;
2 the same with one soft shortfall: capacity 15–50 % of the need, origin beyond the radius the
  buyer wrote or outside the growing area they named, price up to 10 % over the ceiling, a
  substitute product, in season for only a quarter to half of a recurring window, a minimum
  order above one delivery;
1 a related product (a processed form), two soft shortfalls, or a hard one (capacity under
  15 %, price more than 10 % over, in season under a quarter of a recurring window);
0 another product, a missing required certification, or no month of the window in season.
Within a grade, offers closer to the asked product rank first, then nearer and cheaper ones.
"""

import math
from dataclasses import dataclass

from ..models import CERTIFICATION_EQUIVALENTS

WEIGHTS = {"product": 40, "quality": 15, "quantity": 15, "season": 10, "price": 10, "distance": 10}
BANDS = {3: (75, 100), 2: (55, 75), 1: (35, 55), 0: (0, 35)}
DESCRIPTION_PRESENCE = 0.8
KNOWN_HEAD_CREDIT = 0.5
WORD_HEAD_CREDIT = 0.15
ASKED_COVERAGE = 0.75
SUBSTITUTE_COVERAGE = 0.45
RELATED_COVERAGE = 0.2
FAR_KM = 1500.0


@dataclass(frozen=True)
class Concept:
    term: str
    weight: float
    heads: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class DemandSide:
    """The demand's half of every comparison, computed once per ranking."""

    product: tuple[Concept, ...]
    extra: tuple[Concept, ...]
    anchors: frozenset[str]
    related: frozenset[str]
    states: frozenset[str]
    category_ids: frozenset[int]
    certifications_mask: int
    min_ocop_stars: int
    is_recurring: bool
    unit_family: str
    need_base: float
    per_delivery_base: int
    window_mask: int
    price_ceiling_per_base: float | None
    province_code: str
    radius_km: int | None
    area_provinces: frozenset[str]
    # Words so common among offers that they only break ties: left out of the candidate pool.
    common_terms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OfferFacts:
    id: int
    category_id: int
    unit_family: str
    unit_factor: int
    monthly_base: int
    minimum_order_base: int
    season_mask: int
    origin_code: str
    price_min_vnd: int
    certifications_mask: int
    ocop_stars: int


def _presence(postings: dict[str, int], term: str) -> float:
    weight = postings.get(term, 0)
    return 1.0 if weight >= 2 else (DESCRIPTION_PRESENCE if weight else 0.0)


def coverage(concepts: tuple[Concept, ...], postings: dict[str, int]) -> float:
    """Rarity-weighted share of `concepts` the offer names (a broader kind counts in part)."""
    total = sum(concept.weight for concept in concepts)
    if not total:
        return 0.0
    found = 0.0
    for concept in concepts:
        credit = _presence(postings, concept.term)
        for head, share in concept.heads:
            if credit >= share:
                break
            credit = max(credit, share * _presence(postings, head))
        found += concept.weight * credit
    return found / total


def product_fit(side: DemandSide, postings: dict[str, int], states: set[str]) -> tuple[str, float]:
    """("asked" | "substitute" | "related" | "other", text coverage)."""
    covered = coverage(side.product, postings)
    has_anchor = any(postings.get(term) for term in side.anchors)
    conflict = bool(side.states and states and not side.states & states)
    is_related = any(postings.get(term, 0) >= 2 for term in side.related)
    if covered >= ASKED_COVERAGE and not conflict:
        return "asked", covered
    if covered >= SUBSTITUTE_COVERAGE and has_anchor and not conflict:
        return "substitute", covered
    if is_related or conflict or (has_anchor and covered >= RELATED_COVERAGE):
        return "related", covered
    return "other", covered


def held_mask(mask: int) -> int:
    """Certifications held, with those that a held one satisfies (GlobalGAP → VietGAP)."""
    for held, satisfied in CERTIFICATION_EQUIVALENTS:
        if mask & held:
            mask |= satisfied
    return mask


def distance_km(points: dict, origin: str, destination: str) -> float | None:
    """Straight-line distance between two provinces' centres."""
    key = (origin, destination)
    if key not in _DISTANCES:
        _DISTANCES[key] = _distance(points, origin, destination)
    return _DISTANCES[key]


# Province centres do not move: distances are remembered by pair of codes.
_DISTANCES: dict[tuple[str, str], float | None] = {}


def _distance(points: dict, origin: str, destination: str) -> float | None:
    if origin == destination:
        return 0.0
    if origin not in points or destination not in points:
        return None
    (lat1, lon1), (lat2, lon2) = points[origin], points[destination]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return round(2 * 6371.0 * math.asin(math.sqrt(a)), 1)


def _window_months(mask: int) -> int:
    return mask.bit_count()


def assess(
    side: DemandSide,
    offer: OfferFacts,
    postings: dict[str, int],
    states: set[str],
    points: dict,
    *,
    explain: bool = True,
    fit: tuple[str, float] | None = None,
) -> tuple[int, float, dict | None]:
    """(grade, score out of 100, breakdown or None) of one offer for one demand."""
    fit, covered = fit or product_fit(side, postings, states)
    extra = coverage(side.extra, postings) if side.extra else covered
    soft: list[str] = []
    hard: list[str] = []
    if fit == "substitute":
        soft.append("substitute")
    missing = side.certifications_mask & ~held_mask(offer.certifications_mask)
    below_stars = bool(side.min_ocop_stars and offer.ocop_stars < side.min_ocop_stars)
    in_season = _window_months(side.window_mask & offer.season_mask)
    window = _window_months(side.window_mask) or 1
    same_family = offer.unit_family == side.unit_family
    capacity = _capacity_share(side, offer, in_season) if same_family else None
    _grade_capacity(capacity, soft, hard)
    season_share = in_season / window
    if side.is_recurring and in_season:
        if season_share < 0.25:
            hard.append("season")
        elif season_share < 0.5:
            soft.append("season")
    below_minimum = bool(same_family and offer.minimum_order_base > side.per_delivery_base > 0)
    if below_minimum:
        soft.append("minimum_order")
    price_ratio = None
    if side.price_ceiling_per_base and same_family and offer.unit_factor:
        price_ratio = offer.price_min_vnd / offer.unit_factor / side.price_ceiling_per_base
        if price_ratio > 1.10:
            hard.append("price")
        elif price_ratio > 1.0:
            soft.append("price")
    km = distance_km(points, offer.origin_code, side.province_code)
    if side.radius_km and km is not None and km > side.radius_km:
        soft.append("radius")
    outside_area = bool(side.area_provinces and offer.origin_code not in side.area_provinces)
    if outside_area:
        soft.append("area")
    if fit == "other" or missing or below_stars or in_season == 0:
        grade = 0
    elif fit == "related" or hard or len(soft) >= 2:
        grade = 1
    else:
        grade = 3 - len(soft)
    closeness = 0.5 if km is None else max(0.0, 1.0 - km / FAR_KM)
    price_fit = 1.0 if price_ratio is None else max(0.0, min(1.0, 1.7 - price_ratio))
    in_category = 1.0 if offer.category_id in side.category_ids else 0.0
    fine = 0.5 * covered + 0.15 * extra + 0.15 * closeness + 0.1 * price_fit + 0.1 * in_category
    low, high = BANDS[grade]
    score = low + (high - low) * min(fine, 0.999)
    if not explain:
        return grade, score, None
    breakdown = {
        "grade": grade,
        "product": fit,
        "text_percent": round(100 * covered),
        "points": _points(
            fit,
            covered,
            missing or below_stars,
            capacity,
            season_share,
            in_season,
            price_ratio,
            closeness,
            soft,
        ),  # fmt: skip
        "shortfalls": soft + hard,
        "missing_certifications": missing,
        "below_ocop_stars": below_stars,
        "coverage_percent": None if capacity is None else round(100 * min(capacity, 9.99)),
        "distance_km": km,
        "radius_km": side.radius_km,
        "outside_area": outside_area,
        "season_months": in_season,
        "window_months": _window_months(side.window_mask),
        "below_minimum_order": below_minimum,
        "price_over_percent": None
        if price_ratio is None
        else max(0, round(100 * (price_ratio - 1))),
    }
    return grade, score, breakdown


def _capacity_share(side: DemandSide, offer: OfferFacts, in_season: int) -> float | None:
    if not side.need_base:
        return None
    if side.is_recurring:
        return offer.monthly_base / side.need_base
    # Once or for a season: what the months in season within the window can supply.
    return offer.monthly_base * in_season / side.need_base


def _grade_capacity(capacity: float | None, soft: list[str], hard: list[str]) -> None:
    if capacity is None:
        return
    if capacity < 0.15:
        hard.append("capacity")
    elif capacity < 0.5:
        soft.append("capacity")


def _points(
    fit, covered, unqualified, capacity, season_share, in_season, price_ratio, closeness, soft
) -> dict[str, float]:
    product = {"asked": 1.0, "substitute": 0.6, "related": 0.3}.get(fit, 0.0) * covered
    quantity = 1.0 if capacity is None or capacity >= 0.5 else (0.5 if capacity >= 0.15 else 0.1)
    if "minimum_order" in soft:
        quantity *= 0.7
    season = 0.0 if not in_season else (1.0 if season_share >= 0.5 else 0.5)
    price = 1.0 if price_ratio is None or price_ratio <= 1 else (0.5 if price_ratio <= 1.1 else 0)
    place = 0.4 if ("radius" in soft or "area" in soft) else closeness
    shares = {
        "product": product,
        "quality": 0.0 if unqualified else 1.0,
        "quantity": quantity,
        "season": season,
        "price": price,
        "distance": place,
    }
    return {name: round(WEIGHTS[name] * share, 1) for name, share in shares.items()}
