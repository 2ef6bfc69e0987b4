"""Turn a stored match breakdown into sentences a buyer or supplier can read."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .matching import WEIGHTS
from .models import certification_labels

FACTOR_LABELS = {
    "product": lambda: _("Product"),
    "quality": lambda: _("Quality requirements"),
    "quantity": lambda: _("Quantity"),
    "season": lambda: _("Season"),
    "price": lambda: _("Price"),
    "distance": lambda: _("Origin and distance"),
}


def match_reasons(breakdown: dict) -> list[dict]:
    """[{name, label, points, max, text}] for each factor, in the order of the weights."""
    points = breakdown.get("points", {})
    return [
        {
            "name": name,
            "label": FACTOR_LABELS[name](),
            "points": points.get(name, 0),
            "max": weight,
            "text": _SENTENCES[name](breakdown),
        }
        for name, weight in WEIGHTS.items()
    ]


def _product(breakdown: dict) -> str:
    return {
        "asked": _("The product asked for."),
        "substitute": _("A substitute for the product asked for."),
        "related": _("A related product, not the one asked for."),
    }.get(breakdown.get("product", ""), _("Another product."))


def _quality(breakdown: dict) -> str:
    missing = certification_labels(breakdown.get("missing_certifications", 0))
    if missing:
        return _("Missing: %(names)s.") % {"names": ", ".join(missing)}
    if breakdown.get("below_ocop_stars"):
        return _("Its OCOP rating is below the one asked for.")
    return _("Meets every certification and OCOP requirement.")


def _quantity(breakdown: dict) -> str:
    percent = breakdown.get("coverage_percent")
    if percent is None:
        text = _("Quantities are in units that cannot be compared.")
    else:
        text = _("Can supply %(percent)s%% of the quantity needed.") % {"percent": percent}
    if breakdown.get("below_minimum_order"):
        text += " " + _("Its minimum order is larger than one delivery.")
    return text


def _season(breakdown: dict) -> str:
    months, window = breakdown.get("season_months", 0), breakdown.get("window_months", 0)
    return ngettext(
        "In season for %(months)s of the %(window)s delivery month.",
        "In season for %(months)s of the %(window)s delivery months.",
        window,
    ) % {"months": months, "window": window}


def _price(breakdown: dict) -> str:
    over = breakdown.get("price_over_percent")
    if over is None:
        return _("No price ceiling to compare with.")
    if over == 0:
        return _("The lowest price is within the ceiling.")
    return _("The lowest price is %(percent)s%% above the ceiling.") % {"percent": over}


def _distance(breakdown: dict) -> str:
    km = breakdown.get("distance_km")
    if breakdown.get("outside_area"):
        text = _("Grown outside the area the buyer named.")
    elif km is None:
        return _("Distance unknown.")
    elif km == 0:
        text = _("Same province.")
    else:
        text = _("About %(km)s km in a straight line.") % {"km": f"{round(km):,}".replace(",", ".")}
    radius = breakdown.get("radius_km")
    if radius and km is not None and km > radius:
        text += " " + _("Beyond the %(radius)s km radius asked for.") % {"radius": radius}
    return text


_SENTENCES = {
    "product": _product,
    "quality": _quality,
    "quantity": _quantity,
    "season": _season,
    "price": _price,
    "distance": _distance,
}
