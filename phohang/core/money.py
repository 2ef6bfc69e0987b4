"""Money is a whole number of đồng; this module is the one place that rounds and formats it."""

from decimal import ROUND_HALF_UP, Decimal


def format_vnd(amount: int | None) -> str:
    """1250000 → "1.250.000 ₫" (Vietnamese grouping, no minor unit)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " ₫"


def percent_of(amount: int, percent: Decimal | str | int) -> int:
    """`percent` % of `amount` in whole đồng, rounded half up once."""
    value = Decimal(int(amount)) * Decimal(str(percent)) / Decimal(100)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_vnd(text: str) -> int:
    """Parse what people type for a price: "1.250.000", "1,250,000", "1250000 đ", "1.250.000₫"."""
    cleaned = text.strip().lower()
    for token in ("₫", "vnđ", "vnd", "đồng", "đ", " "):
        cleaned = cleaned.replace(token, "")
    if not cleaned:
        raise ValueError("empty amount")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-+")
    # Grouping with '.' or ',' every three digits; VND has no decimals to confuse with.
    groups = cleaned.replace(",", ".").split(".")
    if len(groups) > 1 and not all(len(g) == 3 and g.isdigit() for g in groups[1:]):
        raise ValueError("not a whole number of đồng")
    digits = "".join(groups)
    if not digits.isdigit():
        raise ValueError("not a number")
    value = int(digits)
    return -value if negative else value
