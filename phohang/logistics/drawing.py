"""A plan drawn as a map-like SVG: the restricted zone, the hub, each route in its colour."""

import math
from dataclasses import dataclass

from .routing import TruckRules

WIDTH, HEIGHT, MARGIN = 800, 560, 24
HUB_HALF = 8
# Colours that stay apart for the colour-blind (Okabe–Ito), then repeat.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    zone: str  # SVG points
    hub: tuple[str, ...]  # top-left corner of the hub's square (SVG numbers, never localised)
    routes: list[dict]  # colour, is_heavy, points, stops [(x, y, number, name, in_zone)]
    unserved: list[tuple[str, str, str]]


def _projector(points: list[tuple[float, float]]):
    """Equirectangular projection fitted to `points`, north up, scaled by cos(latitude)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    middle = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * middle, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = MARGIN + (lon - min(lons)) * middle * scale
        y = HEIGHT - MARGIN - (lat - min(lats)) * scale
        return round(x, 1), round(y, 1)

    return project


def plan_drawing(*, hub, result: dict, stops: dict, rules: TruckRules) -> Drawing:
    """`stops` maps public ids to Stop rows (for the unserved ones' places)."""
    visits = [v for route in result.get("routes", []) for v in route["visits"]]
    points = [(hub.latitude, hub.longitude)] + [(v["latitude"], v["longitude"]) for v in visits]
    unserved_places = [
        (stops[item["stop"]].latitude, stops[item["stop"]].longitude, item["name"])
        for item in result.get("unserved", [])
        if item["stop"] in stops and stops[item["stop"]].has_coordinates
    ]
    points += [(lat, lon) for lat, lon, _ in unserved_places]
    # The whole ring is fitted in: where the stops lie against it is what a planner checks.
    zone = list(rules.zone)
    project = _projector(points + zone)
    routes = []
    for index, route in enumerate(result.get("routes", [])):
        home = project(hub.latitude, hub.longitude)
        places = [project(v["latitude"], v["longitude"]) for v in route["visits"]]
        route_stops = [
            (f"{x:.1f}", f"{y:.1f}", number, v["name"], v["in_zone"])
            for number, ((x, y), v) in enumerate(zip(places, route["visits"], strict=True), 1)
        ]
        path = [home, *places, home]
        routes.append(
            {
                "colour": COLOURS[index % len(COLOURS)],
                "is_heavy": route["is_heavy"],
                "vehicle_name": route["vehicle_name"],
                "points": " ".join(f"{x},{y}" for x, y in path),
                "stops": route_stops,
            }
        )
    return Drawing(
        width=WIDTH,
        height=HEIGHT,
        zone=" ".join(f"{x},{y}" for x, y in (project(lat, lon) for lat, lon in zone)),
        hub=tuple(f"{c - HUB_HALF:.1f}" for c in project(hub.latitude, hub.longitude)),
        routes=routes,
        unserved=[
            (*(f"{c:.1f}" for c in project(lat, lon)), name) for lat, lon, name in unserved_places
        ],
    )
