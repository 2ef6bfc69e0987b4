"""Turn a stored match breakdown into sentences a buyer or supplier can read."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .matching import WEIGHTS
from .models import certification_labels

FACTOR_LABELS = {
    "text": lambda: _("Description"),
    "category": lambda: _("Category"),
    "quality": lambda: _("Quality requirements"),
    "quantity": lambda: _("Quantity"),
    "season": lambda: _("Season"),
    "price": lambda: _("Price"),
    "distance": lambda: _("Distance"),
}


def match_reasons(breakdown: dict) -> list[dict]:
    """[{label, points, max, text}] for each factor, in the order of the weights."""
    points = breakdown.get("points", {})
    reasons = []
    for name, weight in WEIGHTS.items():
        value = points.get(name, 0)
        reasons.append(
            {
                "name": name,
                "label": FACTOR_LABELS[name](),
                "points": value,
                "max": weight,
                "text": _sentence(name, value / weight if weight else 0, breakdown),
            }
        )
    return reasons


def _sentence(name: str, share: float, breakdown: dict) -> str:
    if name == "text":
        if share >= 0.8:
            return _("The product names match closely.")
        if share >= 0.4:
            return _("The product names partly match.")
        return _("The product names have little in common.")
    if name == "category":
        return _("Same category.") if share >= 1 else _("A sub-category of the one asked for.")
    if name == "quality":
        missing = certification_labels(breakdown.get("missing_certifications", 0))
        if missing:
            return _("Missing: %(names)s.") % {"names": ", ".join(missing)}
        return _("Meets every certification and OCOP requirement.")
    if name == "quantity":
        percent = breakdown.get("coverage_percent", 0)
        text = _("Can supply %(percent)s%% of the monthly quantity.") % {"percent": percent}
        if breakdown.get("below_minimum_order"):
            text += " " + _("Its minimum order is larger than one delivery.")
        return text
    if name == "season":
        months, window = breakdown.get("season_months", 0), breakdown.get("window_months", 0)
        return ngettext(
            "In season for %(months)s of the %(window)s delivery month.",
            "In season for %(months)s of the %(window)s delivery months.",
            window,
        ) % {"months": months, "window": window}
    if name == "price":
        if share >= 1:
            return _("The price range is within the ceiling.")
        if share >= 0.8:
            return _("The lowest price is within the ceiling.")
        return _("The price is above the ceiling.")
    km = breakdown.get("distance_km")
    if km is None:
        return _("Distance unknown.")
    if km == 0:
        return _("Same province.")
    return _("About %(km)s km by road.") % {"km": f"{round(km):,}".replace(",", ".")}
