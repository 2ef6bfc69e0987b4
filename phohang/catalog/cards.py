"""Product cards as HTML, rendered once per distinct content and language.

A card is a pure function of the values in `CardInputs`: the template sees nothing else, so
the memo below can never serve a stale card and needs no invalidation. A price, title, image
or OCOP change gives new inputs and therefore a new card on the very next request.
"""

import datetime
from functools import lru_cache
from typing import NamedTuple
from uuid import UUID

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from .models import Product, Unit

# Cards of a few thousand listing pages per worker (about 1 KB each).
CARD_MEMO_SIZE = 20_000


class CardInputs(NamedTuple):
    language: str
    script_prefix: str
    slug: str
    public_id: UUID
    title: str
    unit: str
    min_price_vnd: int | None
    cover_thumbnail: str
    valid_ocop_stars: int | None
    province: str
    rating_count: int
    rating_tenths: int
    sold_count: int

    @property
    def url(self) -> str:
        return reverse("catalog:product", kwargs={"slug": self.slug, "public_id": self.public_id})

    @property
    def thumbnail_url(self) -> str:
        return storages["default"].url(self.cover_thumbnail) if self.cover_thumbnail else ""

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label) if self.unit in Unit.values else self.unit

    @property
    def rating_label(self) -> str:
        return rating_display(self.rating_tenths, self.language)

    @property
    def sold_label(self) -> str:
        return count_display(self.sold_count, self.language)


def _decimal(value: float, language: str, *, keep_zero: bool) -> str:
    text = f"{value:.1f}"
    if not keep_zero:
        text = text.removesuffix(".0")
    return text if language == "en" else text.replace(".", ",")


def rating_display(tenths: int, language: str) -> str:
    """4,8 or 5,0 (Vietnamese decimal comma); 4.8 in English."""
    return _decimal(tenths / 10, language, keep_zero=True)


def count_display(count: int, language: str) -> str:
    """Counts as shoppers read them on marketplaces: 950, 1,2k, 12k."""
    if count < 1000:
        return str(count)
    if count < 10_000:
        return _decimal(int(count / 100) / 10, language, keep_zero=False) + "k"
    return f"{count // 1000}k"


def card_inputs(product: Product, today: datetime.date) -> CardInputs:
    return CardInputs(
        language=translation.get_language() or "",
        script_prefix=get_script_prefix(),
        slug=product.slug,
        public_id=product.public_id,
        title=product.title,
        unit=product.unit,
        min_price_vnd=product.min_price_vnd,
        cover_thumbnail=product.cover_thumbnail,
        valid_ocop_stars=product.ocop_stars if product.ocop_is_valid_on(today) else None,
        province=product.origin_province.short_name,
        rating_count=product.rating_count,
        rating_tenths=product.rating_tenths,
        sold_count=product.sold_count,
    )


@lru_cache(maxsize=CARD_MEMO_SIZE)
def _card_html(inputs: CardInputs) -> str:
    return render_to_string("catalog/partials/_product_card.html", {"card": inputs})


def product_cards_html(products) -> SafeString:
    """The `<li>` cards of `products` (rows from selectors.product_cards), in order."""
    today = timezone.localdate()
    return mark_safe("".join(_card_html(card_inputs(product, today)) for product in products))  # noqa: S308 - rendered by the autoescaping template


def _forget_cards(**kwargs) -> None:
    # Storage, URL and template settings are inputs too when tests override them.
    _card_html.cache_clear()


setting_changed.connect(_forget_cards, dispatch_uid="catalog_cards_forget")
