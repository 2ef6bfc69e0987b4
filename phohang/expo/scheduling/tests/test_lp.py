import math
import time

import numpy as np
from ortools.linear_solver import linear_solver_pb2

from phohang.expo.scheduling import Options, problem_from_dict, schedule_instance
from phohang.expo.scheduling.lp import (
    column_keys,
    model_bytes,
    solve_relaxation,
    time_indexed_rows,
)
from phohang.expo.scheduling.model import compile_problem

from .instances import person, request

# Three people who all want to meet each other in the one slot they share: the LP holds each
# meeting half-way (1.5 meetings' worth), a schedule can hold only one of them.
TRIANGLE = {
    "slots": 2,
    "tables": 3,
    "participants": [
        person("b1", [0], cap=1, role="buyer"),
        person("b2", [0, 1], cap=2, role="buyer"),
        person("b3", [0], cap=2, role="buyer"),
    ],
    "requests": [request("b1", "b2", "must"), request("b2", "b3", "must"), request("b1", "b3")],
}


def compiled(instance):
    problem, _ = problem_from_dict(instance)
    return compile_problem(problem)


def test_model_bytes_are_the_time_indexed_model():
    c = compiled(TRIANGLE)
    requests, slots = column_keys(c)
    rows = time_indexed_rows(c, requests, slots)

    model = linear_solver_pb2.MPModelProto.FromString(
        model_bytes(np.asarray([5.0, 5.0, 1.0]), rows)
    )

    assert list(zip(requests.tolist(), slots.tolist(), strict=True)) == [(0, 0), (1, 0), (2, 0)]
    assert model.maximize
    assert [(v.lower_bound, v.upper_bound, v.objective_coefficient) for v in model.variable] == [
        (0.0, 1.0, 5.0),
        (0.0, 1.0, 5.0),
        (0.0, 1.0, 1.0),
    ]
    constraints = sorted(
        (tuple(sorted(ct.var_index)), ct.upper_bound, tuple(ct.coefficient))
        for ct in model.constraint
    )
    assert all(ct.lower_bound == -math.inf for ct in model.constraint)
    # b2, b1, b3 once in slot 0; caps and tables cannot bind.
    assert constraints == [
        ((0, 1), 1.0, (1.0, 1.0)),
        ((0, 2), 1.0, (1.0, 1.0)),
        ((1, 2), 1.0, (1.0, 1.0)),
    ]


def test_relaxation_bound_is_the_lp_optimum_above_the_best_schedule():
    c = compiled(TRIANGLE)

    relaxation = solve_relaxation(c, time.monotonic() + 10)
    result = schedule_instance(TRIANGLE, Options(time_limit_s=5, wait_for_lp_bound=True))

    assert math.isclose(relaxation.bound, 5.5)
    assert relaxation.values == [0.5, 0.5, 0.5]
    assert not relaxation.integral
    assert (result.objective, result.lp_bound, result.status) == (5, 5.5, "optimal")


def test_relaxation_gives_up_at_the_deadline():
    c = compiled(TRIANGLE)

    assert solve_relaxation(c, time.monotonic() - 1) is None
