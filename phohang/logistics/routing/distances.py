"""Road distances and travel times between points (latitude, longitude).

Speed model (the default, `HaversineProvider`): road distance = great-circle distance x a road
factor (1.35: Hanoi's street grid, rivers and one-way streets make a trip about a third longer
than the straight line), travel time = road distance / an average speed (22 km/h door to
door for city delivery traffic; a vehicle may set its own `speed_kmh`, e.g. higher for night
runs). Travel times are whole seconds, rounded up.

`OsrmProvider` asks an OSRM server's table service instead. It is optional: nothing in the
planner or its tests needs a server, and it is only used when a caller passes one in.
"""

from __future__ import annotations

import json
import math
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_ROAD_FACTOR = 1.35
DEFAULT_SPEED_KMH = 22.0

Point = tuple[float, float]


def haversine_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def haversine_matrix(points: Sequence[Point]) -> np.ndarray:
    """All pairwise great-circle distances in metres."""
    radians = np.radians(np.asarray(points, dtype=float).reshape(-1, 2))
    lat, lon = radians[:, 0][:, None], radians[:, 1][:, None]
    h = (
        np.sin((lat.T - lat) / 2) ** 2
        + np.cos(lat) * np.cos(lat.T) * np.sin((lon.T - lon) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def travel_seconds(distance_m: np.ndarray | float, speed_kmh: float) -> np.ndarray:
    """Whole seconds (rounded up) to drive `distance_m` at `speed_kmh`."""
    return np.ceil(np.asarray(distance_m, dtype=float) * 3.6 / speed_kmh).astype(np.int64)


class DistanceProvider(Protocol):
    speed_kmh: float

    def matrices(self, points: Sequence[Point]) -> tuple[np.ndarray, np.ndarray]:
        """(metres, seconds) between every ordered pair of points, as integer arrays."""
        ...


@dataclass(frozen=True)
class HaversineProvider:
    road_factor: float = DEFAULT_ROAD_FACTOR
    speed_kmh: float = DEFAULT_SPEED_KMH

    def matrices(self, points: Sequence[Point]) -> tuple[np.ndarray, np.ndarray]:
        metres = np.ceil(haversine_matrix(points) * self.road_factor).astype(np.int64)
        return metres, travel_seconds(metres, self.speed_kmh)


@dataclass(frozen=True)
class OsrmProvider:
    """OSRM `table` service (`/table/v1/{profile}/{lon,lat;...}?annotations=distance,duration`)."""

    base_url: str
    profile: str = "driving"
    timeout_s: float = 30.0
    speed_kmh: float = DEFAULT_SPEED_KMH  # used only for vehicles with their own speed

    def matrices(self, points: Sequence[Point]) -> tuple[np.ndarray, np.ndarray]:
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        url = (
            f"{self.base_url.rstrip('/')}/table/v1/{self.profile}/{coordinates}"
            "?annotations=distance,duration"
        )
        if not url.startswith(("http://", "https://")):
            raise ValueError("OSRM base_url must be an http(s) URL")
        with urllib.request.urlopen(url, timeout=self.timeout_s) as response:  # noqa: S310
            answer = json.load(response)
        if answer.get("code") != "Ok":
            raise RuntimeError(f"OSRM table failed: {answer.get('code')} {answer.get('message')}")
        return self.parse(answer)

    @staticmethod
    def parse(answer: dict) -> tuple[np.ndarray, np.ndarray]:
        """Integer (metres, seconds) from a table answer; unreachable pairs (null) get no route."""
        far = np.iinfo(np.int32).max

        def grid(key: str) -> np.ndarray:
            rows = [[far if v is None else math.ceil(v) for v in row] for row in answer[key]]
            return np.asarray(rows, dtype=np.int64)

        return grid("distances"), grid("durations")
