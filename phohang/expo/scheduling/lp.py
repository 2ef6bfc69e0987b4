"""The LP relaxation of the time-indexed model: the upper bound every schedule is measured against.

Variables x[r, s] in [0, 1] for each request r and slot s both people can attend. Constraints:
each request at most once, each person at most once per slot and at most their cap in total,
at most `tables` meetings per slot. The bound is computed from the dual solution by weak
duality (sum of duals times right-hand sides plus the positive reduced costs), so it is a valid
upper bound even when the solver stops at a tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.linear_solver import linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper

from .model import Compiled

OPTIMAL = linear_solver_pb2.MPSOLVER_OPTIMAL


@dataclass
class Relaxation:
    bound: float
    keys: list[tuple[int, int]]  # (request, slot) of each column
    values: list[float]
    reduced_costs: list[float]  # w_j - a_j^T y with the duals clipped to be non-negative

    @property
    def integral(self) -> bool:
        return all(v < 1e-6 or v > 1 - 1e-6 for v in self.values)


@dataclass
class _Rows:
    rhs: list[float]
    columns: list[list[int]]


def time_indexed_rows(compiled: Compiled) -> tuple[list[tuple[int, int]], _Rows]:
    """Columns (request, slot) and the rows of the time-indexed model, without redundant rows."""
    c = compiled
    keys: list[tuple[int, int]] = []
    rows = _Rows([], [])
    person_slot: dict[tuple[int, int], list[int]] = {}
    per_slot: list[list[int]] = [[] for _ in range(c.slots)]
    per_person: list[list[int]] = [[] for _ in c.caps]
    for r in range(c.request_count):
        a, b = c.req_a[r], c.req_b[r]
        own = []
        for s in c.req_slots[r]:
            j = len(keys)
            keys.append((r, s))
            own.append(j)
            person_slot.setdefault((a, s), []).append(j)
            person_slot.setdefault((b, s), []).append(j)
            per_slot[s].append(j)
            per_person[a].append(j)
            per_person[b].append(j)
        if len(own) > 1:
            rows.rhs.append(1.0)
            rows.columns.append(own)
    for columns in person_slot.values():
        if len(columns) > 1:
            rows.rhs.append(1.0)
            rows.columns.append(columns)
    for p, columns in enumerate(per_person):
        if len(columns) > c.caps[p]:
            rows.rhs.append(float(c.caps[p]))
            rows.columns.append(columns)
    for columns in per_slot:
        if len(columns) > c.tables:
            rows.rhs.append(float(c.tables))
            rows.columns.append(columns)
    return keys, rows


def solve_relaxation(compiled: Compiled, time_limit_s: float) -> Relaxation | None:
    """Solve the LP with GLOP; None when it does not finish in time."""
    c = compiled
    keys, rows = time_indexed_rows(c)
    if not keys:
        return Relaxation(0.0, [], [], [])
    request = linear_solver_pb2.MPModelRequest()
    request.solver_type = linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING
    request.solver_time_limit_seconds = max(0.05, time_limit_s)
    model = request.model
    model.maximize = True
    add_variable = model.variable.add
    for r, _ in keys:
        add_variable(lower_bound=0.0, upper_bound=1.0, objective_coefficient=float(c.req_w[r]))
    add_constraint = model.constraint.add
    for rhs, columns in zip(rows.rhs, rows.columns, strict=True):
        row = add_constraint(lower_bound=-math.inf, upper_bound=rhs)
        row.var_index.extend(columns)
        row.coefficient.extend([1.0] * len(columns))
    solver = model_builder_helper.ModelSolverHelper("")
    response = linear_solver_pb2.MPSolutionResponse.FromString(
        solver.solve_serialized_request(request.SerializeToString())
    )
    if response.status != OPTIMAL or len(response.dual_value) != len(rows.rhs):
        return None
    reduced = [float(c.req_w[r]) for r, _ in keys]
    bound = 0.0
    for dual, rhs, columns in zip(response.dual_value, rows.rhs, rows.columns, strict=True):
        if dual <= 0:
            continue
        bound += dual * rhs
        for j in columns:
            reduced[j] -= dual
    bound += sum(value for value in reduced if value > 0)
    return Relaxation(bound, keys, list(response.variable_value), reduced)
