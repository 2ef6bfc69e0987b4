"""Where checkout gets its shipping fees: the quoter a higher app registers (logistics' rate
table and carriers), else the flat default fee. Orders never imports that app."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ParcelQuery:
    """One seller's parcel of a checkout, to be priced."""

    seller_id: int
    origin_province_id: str
    destination_province_id: str
    weight_grams: int
    # Known once the buyer picked a ward; a carrier's live quote needs it.
    destination_ward_id: str | None = None


Quoter = Callable[[Sequence[ParcelQuery]], list[int]]


class QuoterSlot:
    """The one quoter of this process: set by an app's ready(), never grows."""

    quoter: Quoter | None = None


def quoter_register(quoter: Quoter) -> None:
    """Price parcels with `quoter` (called once, from the registering app's ready())."""
    QuoterSlot.quoter = quoter


def shipping_quote_many(parcels: Sequence[ParcelQuery]) -> list[int]:
    """The fee of each parcel in đồng, in order."""
    if not parcels:
        return []
    if QuoterSlot.quoter is None:
        return [settings.SHIPPING_DEFAULT_FEE_VND for _parcel in parcels]
    return QuoterSlot.quoter(parcels)
