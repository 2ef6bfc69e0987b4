"""The shipping weight of what a buyer orders (the fee table lives in logistics, see
`orders.shipping`)."""

from phohang.core.text import grams_stated

DEFAULT_ITEM_WEIGHT_GRAMS = 500
# Goods sold by the kilogram or the litre weigh about that much per unit.
UNIT_WEIGHT_GRAMS = {"kg": 1000, "l": 1000}


def item_weight_grams(*, weight_grams: int | None, variant_name: str, unit: str = "") -> int:
    """Shipping weight of one unit of a variant: the weight its seller entered, else what its
    name states ("Túi 2 kg"), else a kilogram or litre for goods sold by that unit, else 500 g."""
    if weight_grams:
        return weight_grams
    return grams_stated(variant_name) or UNIT_WEIGHT_GRAMS.get(unit) or DEFAULT_ITEM_WEIGHT_GRAMS
