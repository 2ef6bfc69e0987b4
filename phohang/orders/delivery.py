"""Expected delivery dates and carriers' tracking pages (pure functions of an order's fields)."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from phohang.core.text import fold

# Door-to-door days by distance between the provinces' centres, as the big carriers quote them
# for standard service (same province 1–2 days, neighbours 2–3, across the country 4–6).
TRANSIT_DAYS_BY_KM = ((0, (1, 2)), (300, (2, 3)), (800, (3, 4)), (math.inf, (4, 6)))
# The seller packs within a working day of the order.
PACKING_DAYS = 1

# Public tracking pages; `{}` is the tracking number. Keys are folded carrier names.
TRACKING_URLS = {
    "ghn": "https://donhang.ghn.vn/?order_code={}",
    "giao hang nhanh": "https://donhang.ghn.vn/?order_code={}",
    "ghtk": "https://i.ghtk.vn/{}",
    "giao hang tiet kiem": "https://i.ghtk.vn/{}",
    "viettel post": "https://viettelpost.com.vn/tra-cuu-hanh-trinh-don/?orderNumber={}",
    "viettelpost": "https://viettelpost.com.vn/tra-cuu-hanh-trinh-don/?orderNumber={}",
    "vnpost": "https://vnpost.vn/vi-vn/tra-cuu-hanh-trinh/buu-pham?key={}",
    "vietnam post": "https://vnpost.vn/vi-vn/tra-cuu-hanh-trinh/buu-pham?key={}",
    "buu dien": "https://vnpost.vn/vi-vn/tra-cuu-hanh-trinh/buu-pham?key={}",
    "j&t": "https://jtexpress.vn/vi/tracking?type=track&billcode={}",
    "j&t express": "https://jtexpress.vn/vi/tracking?type=track&billcode={}",
    "ninja van": "https://www.ninjavan.co/vi-vn/tracking?id={}",
    "ninjavan": "https://www.ninjavan.co/vi-vn/tracking?id={}",
}


@dataclass(frozen=True)
class DeliveryWindow:
    earliest: date
    latest: date


def _distance_km(origin, destination) -> float:
    """Great-circle distance between two provinces' centres; 0 when a centre is unknown."""
    if None in (origin.latitude, origin.longitude, destination.latitude, destination.longitude):
        return 0.0
    lat1, lon1, lat2, lon2 = map(
        math.radians,
        (origin.latitude, origin.longitude, destination.latitude, destination.longitude),
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def transit_days(origin, destination) -> tuple[int, int]:
    """(fewest, most) days on the road between two provinces."""
    if origin.pk == destination.pk:
        return TRANSIT_DAYS_BY_KM[0][1]
    distance = _distance_km(origin, destination)
    for limit, days in TRANSIT_DAYS_BY_KM[1:]:
        if distance <= limit:
            return days
    return TRANSIT_DAYS_BY_KM[-1][1]


def delivery_window(*, origin, destination, ordered_on: date, shipped_on: date | None = None):
    """When a parcel from `origin` should reach `destination` (provinces)."""
    fewest, most = transit_days(origin, destination)
    start = shipped_on or ordered_on + timedelta(days=PACKING_DAYS)
    return DeliveryWindow(start + timedelta(days=fewest), start + timedelta(days=most))


def tracking_url(carrier: str, tracking_number: str) -> str:
    """The carrier's public tracking page for this parcel, or "" for a carrier we do not know."""
    template = TRACKING_URLS.get(" ".join(fold(carrier).split()))
    if not template or not tracking_number.strip():
        return ""
    return template.format(quote(tracking_number.strip(), safe=""))
