"""How a demo product line is written: a line, its variants priced from a price per kilogram or
litre (a larger pack costs more but less per kilogram, a gift box more than the same weight in a
bag), the unit a price is shown per, and the kinds of seller."""

from dataclasses import dataclass, field

COOPERATIVE, ENTERPRISE, HOUSEHOLD, INDIVIDUAL = (
    "cooperative",
    "enterprise",
    "household",
    "individual",
)


@dataclass(frozen=True)
class Variant:
    name: str
    price_vnd: int
    weight_grams: int
    # Content in grams or millilitres (0 for pieces), so prices can be compared per kilogram.
    amount: int = 0
    is_gift: bool = False


@dataclass(frozen=True)
class Line:
    title: str
    category: str
    picture: str
    unit: str
    variants: tuple[Variant, ...]
    ocop_stars: int | None = None
    certifications: tuple[str, ...] = ()


@dataclass
class DemoSeller:
    name: str
    seller_type: str
    province: str
    representative: str
    trade: str
    description: str
    lines: list[Line] = field(default_factory=list)
    email: str | None = None


def rounded(price: float) -> int:
    step = 1_000 if price < 200_000 else 5_000 if price < 2_000_000 else 10_000
    return max(step, int(round(price / step)) * step)


def amount_text(grams: int, liquid: bool = False) -> str:
    if liquid:
        return f"{grams} ml" if grams < 1000 else f"{grams / 1000:g} lít".replace(".", ",")
    return f"{grams} g" if grams < 1000 else f"{grams / 1000:g} kg".replace(".", ",")


def premium(amount: int) -> float:
    """Small packs cost more per kilogram or litre, as in any shop."""
    if amount <= 10:
        return 1.6
    if amount <= 30:
        return 1.45
    if amount <= 100:
        return 1.3
    if amount <= 250:
        return 1.15
    if amount <= 500:
        return 1.06
    if amount <= 1000:
        return 1.0
    if amount <= 2000:
        return 0.95
    if amount <= 5000:
        return 0.92
    return 0.9


def packs(per_kg: int, *grams: int, noun: str = "Gói", gift: tuple[int, int] | None = None,
          packaging: int = 40) -> tuple[Variant, ...]:  # fmt: skip
    """Packs priced from a price per kilogram; `gift` = (grams, cost of the box)."""
    variants = [
        Variant(
            f"{noun} {amount_text(g)}", rounded(per_kg * g / 1000 * premium(g)), g + packaging, g
        )
        for g in grams
    ]
    if gift:
        g, box = gift
        variants.append(
            Variant(
                f"Hộp quà {amount_text(g)}",
                rounded(per_kg * g / 1000 * premium(g) + box),
                g + 350,
                g,
                is_gift=True,
            )
        )
    return tuple(variants)


def crates(per_kg: int, *kilos: float, noun: str = "Thùng") -> tuple[Variant, ...]:
    """Fresh fruit by the box; a box of carton and foam adds about 10 % to the weight."""
    return tuple(
        Variant(
            f"{noun} {amount_text(int(k * 1000))}",
            rounded(per_kg * k * (1.08 if k <= 1 else 1.0 if k <= 3 else 0.95) + 15_000),
            int(k * 1100),
            int(k * 1000),
        )
        for k in kilos
    )


def bottles(per_litre: int, *mls: int, noun: str = "Chai", density: float = 1.0,
            gift: tuple[int, int] | None = None) -> tuple[Variant, ...]:  # fmt: skip
    """Bottles priced from a price per litre; glass adds weight; `gift` = (ml, cost of the box)."""
    variants = [
        Variant(
            f"{noun} {amount_text(ml, liquid=True)}",
            rounded(per_litre * ml / 1000 * premium(ml)),
            int(ml * density) + 150 + ml // 3,
            ml,
        )
        for ml in mls
    ]
    if gift:
        ml, box = gift
        variants.append(
            Variant(
                f"Hộp quà 2 chai {amount_text(ml, liquid=True)}",
                rounded(2 * per_litre * ml / 1000 * premium(ml) + box),
                2 * (int(ml * density) + 150 + ml // 3) + 300,
                2 * ml,
                is_gift=True,
            )
        )
    return tuple(variants)


def pieces(*items: tuple[str, int, int]) -> tuple[Variant, ...]:
    """Goods sold by the piece or set: (name, price, shipping weight in grams)."""
    return tuple(Variant(name, price, weight) for name, price, weight in items)


# The unit a price is shown per ("145.000 ₫ / thùng") is the container the variants come in.
NOUN_UNITS = {"Gói": "pack", "Túi": "bag", "Bao": "bag", "Thùng": "carton", "Hộp": "box",
              "Hũ": "jar", "Chai": "bottle", "Lọ": "bottle", "Cây": "piece"}  # fmt: skip


def variant_unit(variant: Variant) -> str | None:
    """The unit a measured variant is sold in, from its name ("Túi 5 kg" → bag)."""
    return (
        None if variant.is_gift or not variant.amount else NOUN_UNITS.get(variant.name.split()[0])
    )


def L(title, category, picture, unit, variants, stars=None, certs=()) -> Line:  # noqa: N802
    units = {variant_unit(v) for v in variants} - {None}
    if len(units) == 1:
        unit = units.pop()
    return Line(title, category, picture, unit, tuple(variants), stars, tuple(certs))
