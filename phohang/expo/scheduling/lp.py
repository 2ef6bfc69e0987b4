"""The LP relaxation of the time-indexed model: the upper bound every schedule is measured against.

Variables x[r, s] in [0, 1] for each request r and slot s both people can attend. Constraints:
each request at most once, each person at most once per slot and at most their cap in total,
at most `tables` meetings per slot (rows that can never bind are left out). The bound is
computed from the dual solution by weak duality (duals times right-hand sides plus the positive
reduced costs), so it is a valid upper bound even when the solver stops at a tolerance.

At 1,000 people and 8,000 requests the model has about 80,000 columns; building it message by
message in Python took seconds, so the rows are grouped with numpy and the model is written
directly in protobuf wire format (checked against the generated classes in the tests). GLOP
runs in a thread (it releases the GIL) and is interrupted if it outlives the deadline.
"""

from __future__ import annotations

import struct
import threading
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper

from .model import Compiled

OPTIMAL = linear_solver_pb2.MPSOLVER_OPTIMAL
# Seconds GLOP may overrun its own time limit before it is interrupted.
GRACE_S = 0.2


@dataclass
class Relaxation:
    bound: float
    keys: list[tuple[int, int]]  # (request, slot) of each column
    values: list[float]
    reduced_costs: list[float]  # w_j - a_j^T y with the duals clipped to be non-negative

    @property
    def integral(self) -> bool:
        return all(v < 1e-6 or v > 1 - 1e-6 for v in self.values)

    def per_request(self, request_count: int) -> list[float]:
        """How much of each request the LP schedules, over all its slots."""
        wanted = [0.0] * request_count
        for (r, _), value in zip(self.keys, self.values, strict=True):
            wanted[r] += value
        return wanted


@dataclass
class Rows:
    """The constraint matrix (all coefficients 1) in compressed rows, with right-hand sides."""

    rhs: np.ndarray
    starts: np.ndarray  # row i holds columns[starts[i]:starts[i + 1]]
    columns: np.ndarray


def column_keys(compiled: Compiled) -> tuple[np.ndarray, np.ndarray]:
    """Request and slot of each column, request by request."""
    lengths = [len(slots) for slots in compiled.req_slots]
    requests = np.repeat(np.arange(compiled.request_count, dtype=np.int64), lengths)
    slots = np.fromiter(
        (s for slots in compiled.req_slots for s in slots), dtype=np.int64, count=len(requests)
    )
    return requests, slots


def _groups(
    keys: np.ndarray, members: np.ndarray, limits: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows `sum(members with the same key) <= limits[key]`, only where they can bind."""
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], members[order]
    unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
    keep = counts > limits[unique]
    lengths = counts[keep]
    pick = np.repeat(first[keep], lengths) + _ranges(lengths)
    return limits[unique[keep]].astype(np.float64), lengths, members[pick]


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """0..n-1 for each n in `lengths`, concatenated."""
    total = int(lengths.sum())
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total, dtype=np.int64) - starts


def _binding_caps(c: Compiled) -> np.ndarray:
    """Each person's cap, or a number never reached when the once-per-slot rows imply it."""
    caps = []
    for p, requests in enumerate(c.person_reqs):
        slots = 0
        for r in requests:
            slots |= c.req_mask[r]
        caps.append(c.caps[p] if c.caps[p] < slots.bit_count() else c.request_count + 1)
    return np.asarray(caps + [0], dtype=np.int64)


def time_indexed_rows(compiled: Compiled, requests: np.ndarray, slots: np.ndarray) -> Rows:
    c = compiled
    people = len(c.caps)
    columns = np.arange(len(requests), dtype=np.int64)
    a = np.asarray(c.req_a, dtype=np.int64)[requests]
    b = np.asarray(c.req_b, dtype=np.int64)[requests]
    both = np.concatenate([columns, columns])
    parts = [
        _groups(requests, columns, np.ones(max(1, c.request_count), dtype=np.int64)),
        _groups(
            np.concatenate([a * c.slots + slots, b * c.slots + slots]),
            both,
            np.ones(max(1, people * c.slots), dtype=np.int64),
        ),
        _groups(np.concatenate([a, b]), both, _binding_caps(c)),
        _groups(slots, columns, np.full(max(1, c.slots), c.tables, dtype=np.int64)),
    ]
    lengths = np.concatenate([part[1] for part in parts])
    return Rows(
        rhs=np.concatenate([part[0] for part in parts]),
        starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        columns=np.concatenate([part[2] for part in parts]),
    )


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _small_varints():
    """`_varint` with the values below 2**14 precomputed."""
    table = [_varint(value) for value in range(1 << 14)]

    def varint(value: int) -> bytes:
        return table[value] if value < 1 << 14 else _varint(value)

    return varint


def _varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Protobuf varints of non-negative values below 2**28: bytes, and where each one starts."""
    sizes = 1 + (values >= 1 << 7) + (values >= 1 << 14) + (values >= 1 << 21)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for k in range(4):
        has = sizes > k
        more = (sizes > k + 1).astype(np.uint8) << 7
        out[starts[has] + k] = ((values[has] >> (7 * k)) & 0x7F).astype(np.uint8) | more[has]
    return out, np.concatenate([[0], ends]).astype(np.int64)


def model_bytes(weights: np.ndarray, rows: Rows) -> bytes:
    """An MPModelProto that maximises `weights` @ x over 0 <= x <= 1 and the rows."""
    variable = np.dtype(
        [
            ("tag", "u1"),
            ("size", "u1"),
            ("lb_tag", "u1"),
            ("lb", "<f8"),
            ("ub_tag", "u1"),
            ("ub", "<f8"),
            ("obj_tag", "u1"),
            ("obj", "<f8"),
        ]
    )
    table = np.zeros(len(weights), dtype=variable)
    # MPModelProto.variable = 3; MPVariableProto lower_bound = 1, upper_bound = 2, objective = 3.
    table["tag"], table["size"] = 0x1A, 27
    table["lb_tag"], table["ub_tag"], table["obj_tag"] = 0x09, 0x11, 0x19
    table["ub"], table["obj"] = 1.0, weights
    chunks = [b"\x08\x01", table.tobytes()]  # maximize = 1
    encoded, offsets = _varints(rows.columns)
    encoded_bytes = encoded.tobytes()
    byte_starts = offsets[rows.starts].tolist()
    counts = np.diff(rows.starts).tolist()
    ones = struct.pack("<d", 1.0) * max(counts, default=0)
    varint = _small_varints()
    # MPConstraintProto: lower_bound = 2 (-inf), upper_bound = 3, var_index = 6, coefficient = 7.
    bounds = {
        rhs: b"\x11" + struct.pack("<d", float("-inf")) + b"\x19" + struct.pack("<d", rhs)
        for rhs in set(rows.rhs.tolist())
    }
    for i, rhs in enumerate(rows.rhs.tolist()):
        size = byte_starts[i + 1] - byte_starts[i]
        count = counts[i]
        body = b"".join(
            (
                bounds[rhs],
                b"\x32",
                varint(size),
                encoded_bytes[byte_starts[i] : byte_starts[i + 1]],
                b"\x3a",
                varint(8 * count),
                ones[: 8 * count],
            )
        )
        chunks.append(b"\x22" + varint(len(body)) + body)  # MPModelProto.constraint = 4
    return b"".join(chunks)


def _solve(
    request: bytes, limit: float, cancel: threading.Event | None
) -> linear_solver_pb2.MPSolutionResponse | None:
    solver = model_builder_helper.ModelSolverHelper("")
    answer: list[bytes] = []
    thread = threading.Thread(
        target=lambda: answer.append(solver.solve_serialized_request(request)), daemon=True
    )
    thread.start()
    give_up = time.monotonic() + limit + GRACE_S
    while thread.is_alive() and time.monotonic() < give_up:
        if cancel is not None and cancel.is_set():
            break
        thread.join(0.05)
    if thread.is_alive():
        solver.interrupt_solve()
        thread.join()
    if not answer:
        return None
    return linear_solver_pb2.MPSolutionResponse.FromString(answer[0])


@dataclass
class Aggregate:
    bound: float  # an upper bound too, never below the time-indexed LP's
    values: list[float]  # per request


def solve_aggregate(compiled: Compiled, deadline: float) -> Aggregate | None:
    """How much of each request the slot-free relaxation schedules (None if not in time).

    Without slots the model is a b-matching: each person at most their cap, all meetings
    together at most slots x tables. It is solved in a fraction of the time of the full model,
    and for buyer-exhibitor requests its optimum is integral, so it tells which requests a good
    schedule holds when caps bind.
    """
    c = compiled
    if c.request_count == 0:
        return Aggregate(0.0, [])
    columns = np.arange(c.request_count, dtype=np.int64)
    a = np.asarray(c.req_a, dtype=np.int64)
    b = np.asarray(c.req_b, dtype=np.int64)
    caps = np.asarray(c.caps + [0], dtype=np.int64)
    parts = [
        _groups(np.concatenate([a, b]), np.concatenate([columns, columns]), caps),
        _groups(np.zeros_like(columns), columns, np.asarray([c.slots * c.tables])),
    ]
    lengths = np.concatenate([part[1] for part in parts])
    rows = Rows(
        rhs=np.concatenate([part[0] for part in parts]),
        starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        columns=np.concatenate([part[2] for part in parts]),
    )
    weights = np.asarray(c.req_w, dtype=np.float64)
    response = _run_glop(weights, rows, deadline, None)
    if response is None:
        return None
    bound, _ = _dual_bound(weights, rows, response)
    return Aggregate(bound, list(response.variable_value))


def _dual_bound(
    weights: np.ndarray, rows: Rows, response: linear_solver_pb2.MPSolutionResponse
) -> tuple[float, np.ndarray]:
    """Weak-duality bound from the (clipped) duals, and the reduced costs."""
    duals = np.maximum(np.asarray(response.dual_value, dtype=np.float64), 0.0)
    per_entry = np.repeat(duals, np.diff(rows.starts))
    reduced = weights - np.bincount(rows.columns, weights=per_entry, minlength=len(weights))
    return float(duals @ rows.rhs + reduced[reduced > 0].sum()), reduced


def _run_glop(
    weights: np.ndarray, rows: Rows, deadline: float, cancel: threading.Event | None
) -> linear_solver_pb2.MPSolutionResponse | None:
    """GLOP on `weights` @ x over 0 <= x <= 1 and `rows`; None unless optimal by `deadline`."""
    model = model_bytes(weights, rows)
    limit = deadline - time.monotonic()
    if limit <= 0.05:
        return None
    header = linear_solver_pb2.MPModelRequest(
        solver_type=linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING,
        solver_time_limit_seconds=limit,
    )
    request = b"\x0a" + _varint(len(model)) + model + header.SerializeToString()
    response = _solve(request, limit, cancel)
    if response is None or response.status != OPTIMAL:
        return None
    if len(response.dual_value) != len(rows.rhs):
        return None
    return response


def solve_relaxation(
    compiled: Compiled, deadline: float, cancel: threading.Event | None = None
) -> Relaxation | None:
    """Solve the LP with GLOP; None when it does not finish by `deadline` or is cancelled."""
    c = compiled
    if c.request_count == 0:
        return Relaxation(0.0, [], [], [])
    requests, slots = column_keys(c)
    weights = np.asarray(c.req_w, dtype=np.float64)[requests]
    rows = time_indexed_rows(c, requests, slots)
    response = _run_glop(weights, rows, deadline, cancel)
    if response is None:
        return None
    bound, reduced = _dual_bound(weights, rows, response)
    keys = list(zip(requests.tolist(), slots.tolist(), strict=True))
    return Relaxation(bound, keys, list(response.variable_value), reduced.tolist())
