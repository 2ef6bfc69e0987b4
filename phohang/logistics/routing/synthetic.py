"""A reproducible Hanoi delivery day for benchmarks, demos and tests.

Hubs at real places (Long Biên and the Southern wholesale markets inside Ring Road 3.5, two
warehouses outside it), light vans (< 2 t gross) and heavy trucks (8 t gross), and stops
spread over the city: shops, kitchens with short morning or afternoon windows, night
deliveries to markets and traders, and some pickups from suppliers outside the ring.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .model import Hub, Stop, StopKind, TimeWindow, Vehicle
from .truck_rules import HANOI_TRUCK_RULES, clock

CENTRE = (21.0285, 105.8390)
HUBS = (
    Hub(
        "long-bien",
        21.0405,
        105.8520,
        TimeWindow(clock("00:00"), clock("12:00", 1)),
        "Chợ đầu mối Long Biên",
    ),
    Hub(
        "phia-nam",
        20.9650,
        105.8640,
        TimeWindow(clock("00:00"), clock("12:00", 1)),
        "Chợ đầu mối phía Nam",
    ),
    Hub(
        "hoai-duc", 21.0350, 105.6950, TimeWindow(clock("00:00"), clock("12:00", 1)), "Kho Hoài Đức"
    ),
    Hub(
        "dong-anh", 21.1480, 105.8450, TimeWindow(clock("00:00"), clock("12:00", 1)), "Kho Đông Anh"
    ),
)
# (share of stops, window, service minutes, kg range)
PROFILES = (
    (0.35, ("08:00", "20:00"), (5, 12), (5, 50)),  # shops
    (0.10, ("09:30", "11:30"), (8, 15), (10, 40)),  # kitchens, lunch
    (0.10, ("14:00", "17:30"), (8, 15), (10, 40)),  # kitchens, dinner
    (0.25, ("21:30", "28:30"), (10, 20), (80, 300)),  # night deliveries, until 04:30
    (0.20, ("07:00", "22:00"), (5, 10), (5, 50)),  # open all day
)


@dataclass(frozen=True)
class CityProblem:
    hubs: tuple[Hub, ...]
    vehicles: tuple[Vehicle, ...]
    stops: tuple[Stop, ...]


def _vehicles(count: int, heavy: int) -> list[Vehicle]:
    vehicles = []
    light_bases = ("hoai-duc", "dong-anh", "phia-nam", "long-bien")
    for number in range(count - heavy):
        late = number % 3 == 2  # every third van works the evening, after the peak ban
        shift = ("13:00", "23:59") if late else ("06:30", "18:30")
        vehicles.append(
            Vehicle(
                id=f"van-{number + 1:02d}",
                hub_id=light_bases[number % len(light_bases)],
                capacity_kg=950,
                capacity_m3=6.0,
                gross_weight_kg=1950,
                shift=TimeWindow(clock(shift[0]), clock(shift[1])),
            )
        )
    for number in range(heavy):
        # Heavy trucks from the markets inside the ring work nights; those from outside
        # start in the evening to serve the suburbs first.
        inside = number % 2 == 0
        vehicles.append(
            Vehicle(
                id=f"truck-{number + 1:02d}",
                hub_id="long-bien" if inside else "hoai-duc",
                capacity_kg=5000,
                capacity_m3=24.0,
                gross_weight_kg=8000,
                shift=TimeWindow(clock("20:00"), clock("06:00", 1))
                if inside
                else TimeWindow(clock("16:00"), clock("05:00", 1)),
            )
        )
    return vehicles


def _point(rng: random.Random, inside: bool) -> tuple[float, float]:
    while True:
        if inside:
            lat, lon = rng.gauss(CENTRE[0], 0.035), rng.gauss(CENTRE[1], 0.04)
        else:
            lat, lon = rng.uniform(20.88, 21.20), rng.uniform(105.65, 106.00)
        if HANOI_TRUCK_RULES.in_zone(lat, lon) == inside:
            return round(lat, 6), round(lon, 6)


def hanoi_city(stops: int = 500, vehicles: int = 25, heavy: int = 8, seed: int = 7) -> CityProblem:
    rng = random.Random(seed)
    shares = [profile[0] for profile in PROFILES]
    made = []
    for number in range(stops):
        _, (opens, closes), minutes, kilos = rng.choices(PROFILES, weights=shares)[0]
        inside = rng.random() < 0.6
        lat, lon = _point(rng, inside)
        kind = StopKind.PICKUP if not inside and rng.random() < 0.15 else StopKind.DELIVERY
        demand = rng.randint(*kilos)
        made.append(
            Stop(
                id=f"stop-{number + 1:03d}",
                lat=lat,
                lon=lon,
                demand_kg=demand,
                volume_m3=round(demand / rng.uniform(150, 300), 2),
                window=TimeWindow(clock(opens), clock(closes)),
                service_s=60 * rng.randint(*minutes),
                kind=kind,
            )
        )
    return CityProblem(HUBS, tuple(_vehicles(vehicles, heavy)), tuple(made))
