"""VRPLIB instances (CVRP and VRPTW) in, CVRPLIB solution files out.

Distance conventions (`Convention`), as the benchmark literature uses them:

- ``round``: Euclidean distance rounded to the nearest integer (CVRPLIB, the X set);
- ``dimacs``: Euclidean distance truncated to one decimal, times on the same tenth-unit grid
  (Solomon and Gehring-Homberger as in the DIMACS challenge);
- ``trunc``: Euclidean distance truncated to an integer;
- ``exact``: distances as they are (explicit matrices; kept to three decimals inside).

Files in Solomon's original table layout are read too. Without an explicit choice,
`infer_convention` picks ``exact`` for EXPLICIT weights, ``dimacs``
for instances with time windows and ``round`` otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import vrplib

CONVENTIONS = ("round", "dimacs", "trunc", "exact")
# Internal integer units per unit of the instance, per convention.
SCALE = {"round": 1, "dimacs": 10, "trunc": 1, "exact": 1000}


class InstanceError(ValueError):
    """The file is not a VRPLIB instance this planner can read."""


@dataclass(frozen=True)
class VrpInstance:
    """A single-depot CVRP/VRPTW instance; node 0 of every array is the depot."""

    name: str
    node_ids: tuple[int, ...]  # 0-based index in the file for each node (depot first)
    coords: np.ndarray | None  # (n, 2) floats, None for a matrix-only instance
    weights: np.ndarray  # (n, n) distances in instance units, before the convention
    demands: np.ndarray  # (n,) ints
    capacity: int
    vehicles: int | None  # None: as many as needed
    time_windows: np.ndarray | None  # (n, 2) floats
    service_times: np.ndarray  # (n,) floats
    convention: str

    @property
    def num_clients(self) -> int:
        return len(self.node_ids) - 1

    @property
    def has_time_windows(self) -> bool:
        return self.time_windows is not None

    @property
    def scale(self) -> int:
        return SCALE[self.convention]

    def distance_matrix(self) -> np.ndarray:
        """Integer distances in internal units (instance units x `scale`)."""
        return convert(self.weights, self.convention)

    def times(self, values: np.ndarray) -> np.ndarray:
        """Times (windows, service) in internal units."""
        scaled = np.asarray(values, dtype=float) * self.scale
        return np.round(scaled).astype(np.int64)

    def route_cost(self, routes: list[list[int]]) -> int:
        """Total distance of `routes` (lists of node positions, depot omitted), internal units."""
        matrix = self.distance_matrix()
        total = 0
        for route in routes:
            path = [0, *route, 0]
            total += int(sum(matrix[a, b] for a, b in zip(path, path[1:], strict=False)))
        return total

    def format_cost(self, internal: int) -> str:
        """`internal` in instance units as CVRPLIB prints it (8273 -> '827.3' for dimacs)."""
        if self.scale == 1:
            return str(internal)
        decimals = round(math.log10(self.scale))
        return f"{internal / self.scale:.{decimals}f}"


def convert(weights: np.ndarray, convention: str) -> np.ndarray:
    """Apply a distance convention to float distances; result in internal integer units."""
    if convention == "round":
        # TSPLIB's nint: halves round up (numpy's round would round them to even).
        return np.floor(weights + 0.5).astype(np.int64)
    if convention == "dimacs":
        # A tiny epsilon keeps exact tenths (e.g. 5.0 stored as 4.9999...) on their value.
        return np.floor(weights * 10 + 1e-9).astype(np.int64)
    if convention == "trunc":
        return np.floor(weights + 1e-9).astype(np.int64)
    if convention == "exact":
        return np.round(weights * 1000).astype(np.int64)
    raise InstanceError(f"Unknown distance convention {convention!r}; use one of {CONVENTIONS}.")


def infer_convention(raw: dict) -> str:
    if str(raw.get("edge_weight_type", "")).upper() == "EXPLICIT":
        return "exact"
    return "dimacs" if "time_window" in raw else "round"


def read_instance(path: str | Path, convention: str | None = None) -> VrpInstance:
    """Read a VRPLIB file; raises InstanceError with the reason when it cannot be planned."""
    path = Path(path)
    # Solomon's own layout (VEHICLE / CUSTOMER tables) is still common for VRPTW sets.
    text_format = "solomon" if is_solomon_text(path.read_text(errors="replace")) else "vrplib"
    try:
        raw = vrplib.read_instance(str(path), instance_format=text_format)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise InstanceError(f"{path.name}: not a readable VRPLIB instance ({error}).") from error
    if convention is None:
        convention = infer_convention(raw)
    if convention not in CONVENTIONS:
        raise InstanceError(f"Unknown distance convention {convention!r}.")
    weights = _weights(raw, path)
    size = weights.shape[0]
    depots = [int(d) for d in np.atleast_1d(raw.get("depot", [0]))]
    if len(depots) != 1:
        raise InstanceError(f"{path.name}: {len(depots)} depots; one depot is supported.")
    depot = depots[0]
    order = [depot, *[i for i in range(size) if i != depot]]
    weights = weights[np.ix_(order, order)]
    coords = raw.get("node_coord")
    if coords is not None:
        coords = np.asarray(coords, dtype=float)[order]
    demands = _per_node(raw.get("demand", 0), size, path, "DEMAND")[order]
    service = _per_node(raw.get("service_time", 0), size, path, "SERVICE_TIME")[order]
    windows = raw.get("time_window")
    if windows is not None:
        windows = np.asarray(windows, dtype=float).reshape(size, 2)[order]
    capacity = raw.get("capacity")
    if capacity is None:
        capacity = int(demands.sum()) or 1
    vehicles = raw.get("vehicles")
    return VrpInstance(
        name=str(raw.get("name") or path.stem).strip(),
        node_ids=tuple(order),
        coords=coords,
        weights=weights,
        demands=np.round(demands).astype(np.int64),
        capacity=int(np.atleast_1d(capacity)[0]),
        vehicles=int(vehicles) if vehicles is not None else None,
        time_windows=windows,
        service_times=service.astype(float),
        convention=convention,
    )


def is_solomon_text(text: str) -> bool:
    words = text.upper().split()
    return "DIMENSION" not in text.upper() and "VEHICLE" in words and "CUSTOMER" in words


def _weights(raw: dict, path: Path) -> np.ndarray:
    weight_type = str(raw.get("edge_weight_type", "")).upper()
    if "edge_weight" in raw and weight_type in {"EXPLICIT", ""}:
        return np.asarray(raw["edge_weight"], dtype=float)
    coords = raw.get("node_coord")
    if coords is None:
        raise InstanceError(f"{path.name}: no NODE_COORD_SECTION and no explicit weights.")
    if weight_type not in {"EUC_2D", ""}:
        raise InstanceError(f"{path.name}: EDGE_WEIGHT_TYPE {weight_type} is not supported.")
    points = np.asarray(coords, dtype=float)
    delta = points[:, None, :] - points[None, :, :]
    return np.sqrt((delta**2).sum(axis=-1))


def _per_node(value, size: int, path: Path, section: str) -> np.ndarray:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        # A scalar header (SERVICE_TIME : 90) applies to every client, never the depot.
        array = np.full(size, float(array))
        array[0] = 0.0
        return array
    if array.shape[0] != size:
        raise InstanceError(f"{path.name}: {section} has {array.shape[0]} rows for {size} nodes.")
    return array


def read_best_known(instance_path: str | Path) -> float | None:
    """The `Cost` of the `.sol` file beside an instance, if there is one."""
    solution = Path(instance_path).with_suffix(".sol")
    if not solution.exists():
        return None
    for line in solution.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].lower() == "cost":
            try:
                return float(parts[1])
            except ValueError:
                return None
    return None


def write_solution(path: str | Path, routes: list[list[int]], cost: str) -> None:
    """CVRPLIB solution: one `Route #k:` line of customer ids per route, then `Cost`."""
    lines = [f"Route #{k}: {' '.join(map(str, route))}" for k, route in enumerate(routes, 1)]
    lines.append(f"Cost {cost}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
