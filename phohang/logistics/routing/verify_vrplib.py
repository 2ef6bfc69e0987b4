"""Independent check of a CVRPLIB solution against its VRPLIB instance.

It shares nothing with the planner (no PyVRP, no vrplib package, its own reading of the file,
its own distances and schedule), so a bug in either shows up as a disagreement. Customer ids in
the solution are 0-based node positions in the file (the depot, node 1 in the file, is 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

VIOLATION_KINDS = (
    "malformed",
    "unknown_customer",
    "depot_in_route",
    "duplicate_visit",
    "missing_customer",
    "capacity",
    "time_window",
    "depot_return",
    "vehicle_count",
    "cost_mismatch",
)
_MATRIX_FORMATS = {"FULL_MATRIX", "LOWER_ROW", "LOWER_DIAG_ROW", "UPPER_ROW", "UPPER_DIAG_ROW"}


@dataclass(frozen=True)
class Violation:
    kind: str
    detail: str


@dataclass
class CheckReport:
    cost: float = 0.0  # instance units under the convention
    routes: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def is_feasible(self) -> bool:
        return not self.violations

    def kinds(self) -> set[str]:
        return {violation.kind for violation in self.violations}


def _parse(text: str) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    headers: dict[str, str] = {}
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        first = stripped.split()[0].rstrip(":").upper()
        if first == "EOF":
            break
        if first.endswith("_SECTION"):
            current = sections.setdefault(first, [])
            continue
        if current is None or (":" in stripped and not _is_number(first)):
            key, _, value = stripped.partition(":")
            headers[key.strip().upper()] = value.strip()
            current = None
            continue
        current.append(stripped.split())
    return headers, sections


def _parse_solomon(text: str) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    """Solomon's table layout as the same headers and sections as a VRPLIB file."""
    rows = [line.split() for line in text.splitlines()]
    numeric = [row for row in rows if row and all(_is_number(token) for token in row)]
    fleet = next(row for row in numeric if len(row) == 2)
    customers = [row for row in numeric if len(row) == 7]
    headers = {
        "DIMENSION": str(len(customers)),
        "VEHICLES": fleet[0],
        "CAPACITY": fleet[1],
        "EDGE_WEIGHT_TYPE": "EUC_2D",
    }

    def column(*indices: int) -> list[list[str]]:
        return [[str(int(row[0]) + 1), *(row[i] for i in indices)] for row in customers]

    sections = {
        "NODE_COORD_SECTION": column(1, 2),
        "DEMAND_SECTION": column(3),
        "TIME_WINDOW_SECTION": column(4, 5),
        "SERVICE_TIME_SECTION": column(6),
        "DEPOT_SECTION": [["1"], ["-1"]],
    }
    return headers, sections


def _is_number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


def _explicit(headers: dict[str, str], rows: list[list[str]], size: int) -> list[list[float]]:
    values = [float(token) for row in rows for token in row]
    form = headers.get("EDGE_WEIGHT_FORMAT", "FULL_MATRIX").upper()
    if form not in _MATRIX_FORMATS:
        raise ValueError(f"EDGE_WEIGHT_FORMAT {form} is not understood")
    matrix = [[0.0] * size for _ in range(size)]
    if form == "FULL_MATRIX":
        for i in range(size):
            matrix[i] = values[i * size : (i + 1) * size]
        return matrix
    cells = []
    for i in range(size):
        if form.startswith("LOWER"):
            span = range(i + 1) if form == "LOWER_DIAG_ROW" else range(i)
        else:
            span = range(i, size) if form == "UPPER_DIAG_ROW" else range(i + 1, size)
        cells.extend((i, j) for j in span)
    for (i, j), value in zip(cells, values, strict=True):
        matrix[i][j] = matrix[j][i] = value
    return matrix


def _convention(headers: dict[str, str], sections: dict) -> str:
    if headers.get("EDGE_WEIGHT_TYPE", "").upper() == "EXPLICIT":
        return "exact"
    return "dimacs" if "TIME_WINDOW_SECTION" in sections else "round"


def _unit_distance(raw: float, convention: str) -> float:
    """A distance in checker units: integers for round/trunc, tenths for dimacs."""
    if convention == "round":
        return float(math.floor(raw + 0.5))
    if convention == "dimacs":
        return float(math.floor(raw * 10 + 1e-9))
    if convention == "trunc":
        return float(math.floor(raw + 1e-9))
    return raw


class _Instance:
    def __init__(self, text: str, convention: str | None):
        upper = text.upper()
        is_solomon = "DIMENSION" not in upper and "CUSTOMER" in upper.split()
        headers, sections = _parse_solomon(text) if is_solomon else _parse(text)
        self.size = int(headers["DIMENSION"])
        self.convention = convention or _convention(headers, sections)
        self.scale = 10 if self.convention == "dimacs" else 1
        self.capacity = float(headers.get("CAPACITY", "inf"))
        self.vehicles = int(headers["VEHICLES"]) if "VEHICLES" in headers else None
        depots = [int(row[0]) for row in sections.get("DEPOT_SECTION", [["1"]])]
        self.depot = [d for d in depots if d > 0][0] - 1
        self.demand = self._column(sections, "DEMAND_SECTION", 1, 0.0)
        self.service = self._column(sections, "SERVICE_TIME_SECTION", 1, None)
        if self.service is None:
            scalar = float(headers.get("SERVICE_TIME", 0))
            self.service = [0.0 if i == self.depot else scalar for i in range(self.size)]
        self.early = self._column(sections, "TIME_WINDOW_SECTION", 1, None)
        self.late = self._column(sections, "TIME_WINDOW_SECTION", 2, None)
        if headers.get("EDGE_WEIGHT_TYPE", "").upper() == "EXPLICIT":
            raw = _explicit(headers, sections["EDGE_WEIGHT_SECTION"], self.size)
        else:
            points = {
                int(r[0]) - 1: (float(r[1]), float(r[2])) for r in sections["NODE_COORD_SECTION"]
            }
            raw = [
                [
                    math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1])
                    for j in range(self.size)
                ]
                for i in range(self.size)
            ]
        self.distance = [[_unit_distance(value, self.convention) for value in row] for row in raw]

    def _column(self, sections, name, index, default):
        rows = sections.get(name)
        if rows is None:
            return None if default is None else [default] * self.size
        values = [0.0] * self.size
        for row in rows:
            values[int(row[0]) - 1] = float(row[index])
        return values


def _parse_solution(text: str) -> tuple[list[list[int]], float | None, list[Violation]]:
    routes: list[list[int]] = []
    claimed = None
    problems = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.lower().startswith("route"):
            _, _, body = stripped.partition(":")
            try:
                route = [int(token) for token in body.split()]
            except ValueError:
                problems.append(Violation("malformed", stripped))
                continue
            if route:
                routes.append(route)
        elif stripped.lower().startswith("cost"):
            try:
                claimed = float(stripped.split()[1])
            except (IndexError, ValueError):
                problems.append(Violation("malformed", stripped))
    return routes, claimed, problems


def check_solution(
    instance_text: str, solution_text: str, *, convention: str | None = None
) -> CheckReport:
    """Every violation of `solution_text` against `instance_text`, and its recomputed cost."""
    instance = _Instance(instance_text, convention)
    routes, claimed, problems = _parse_solution(solution_text)
    report = CheckReport(routes=len(routes), violations=problems)
    scale = instance.scale
    seen: dict[int, int] = {}
    total = 0.0
    for number, route in enumerate(routes, 1):
        valid = [c for c in route if 0 <= c < instance.size and c != instance.depot]
        for customer in route:
            if customer == instance.depot:
                report.violations.append(Violation("depot_in_route", f"route {number}"))
            elif not 0 <= customer < instance.size:
                report.violations.append(
                    Violation("unknown_customer", f"route {number}: {customer}")
                )
        for customer in valid:
            if customer in seen:
                report.violations.append(
                    Violation(
                        "duplicate_visit",
                        f"customer {customer} in routes {seen[customer]} and {number}",
                    )
                )
            seen.setdefault(customer, number)
        load = sum(instance.demand[c] for c in valid)
        if load > instance.capacity:
            report.violations.append(
                Violation("capacity", f"route {number}: load {load:g} > {instance.capacity:g}")
            )
        total += _route_schedule(instance, number, valid, scale, report)
    missing = [c for c in range(instance.size) if c != instance.depot and c not in seen]
    if missing:
        report.violations.append(Violation("missing_customer", f"{len(missing)}: {missing[:10]}"))
    if instance.vehicles is not None and len(routes) > instance.vehicles:
        report.violations.append(
            Violation("vehicle_count", f"{len(routes)} routes > {instance.vehicles} vehicles")
        )
    report.cost = total / scale
    # Integral conventions print the cost exactly; an exact one prints three decimals.
    tolerance = 1e-6 + (0.0015 if instance.convention == "exact" else 0.5 / scale)
    if claimed is not None and abs(claimed - report.cost) > tolerance:
        report.violations.append(
            Violation("cost_mismatch", f"claimed {claimed:g}, recomputed {report.cost:g}")
        )
    return report


def _route_schedule(
    instance: _Instance, number: int, route: list[int], scale: int, report
) -> float:
    """Distance of the route in checker units; appends time-window violations to `report`."""
    depot = instance.depot
    path = [depot, *route, depot]
    distance = 0.0
    time = instance.early[depot] * scale if instance.early else 0.0
    for previous, node in zip(path, path[1:], strict=False):
        leg = instance.distance[previous][node]
        distance += leg
        time += leg
        if instance.early is None:
            continue
        time = max(time, instance.early[node] * scale)
        if time > instance.late[node] * scale + 1e-6:
            kind = "depot_return" if node == depot else "time_window"
            report.violations.append(
                Violation(
                    kind,
                    f"route {number}: node {node} at {time / scale:g}, due {instance.late[node]:g}",
                )
            )
        if node != depot:
            time += instance.service[node] * scale
    return distance


def check_files(
    instance_path: str | Path, solution_path: str | Path, *, convention: str | None = None
) -> CheckReport:
    return check_solution(
        Path(instance_path).read_text(encoding="utf-8", errors="replace"),
        Path(solution_path).read_text(encoding="utf-8", errors="replace"),
        convention=convention,
    )
