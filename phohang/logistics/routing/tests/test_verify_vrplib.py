import pytest

from phohang.logistics.routing.verify_vrplib import check_files, check_solution
from phohang.logistics.routing.vrplib_io import read_best_known

from .conftest import TINY_VRPTW

VALID = "Route #1: 1 2\nRoute #2: 3\nCost 30.0\n"


def test_best_known_solutions_of_the_shared_instances_pass_at_their_stated_cost(shared_vrp):
    for instance in sorted(shared_vrp.glob("*.vrp")):
        report = check_files(instance, instance.with_suffix(".sol"))

        assert report.violations == [], instance.name
        assert report.cost == pytest.approx(read_best_known(instance)), instance.name


def test_valid_solution_has_no_violation_and_its_dimacs_cost():
    report = check_solution(TINY_VRPTW, VALID)

    assert report.violations == []
    assert (report.cost, report.routes) == (30.0, 2)


@pytest.mark.parametrize(
    ("solution", "kind"),
    [
        ("Route #1: 2 3\nRoute #2: 1\n", "capacity"),
        ("Route #1: 1 3\nRoute #2: 2\n", "time_window"),
        ("Route #1: 1\nRoute #2: 2\nRoute #3: 3\n", "vehicle_count"),
        ("Route #1: 1 2\nRoute #2: 3 1\n", "duplicate_visit"),
        ("Route #1: 1 2\n", "missing_customer"),
        ("Route #1: 1 2 9\nRoute #2: 3\n", "unknown_customer"),
        ("Route #1: 1 0 2\nRoute #2: 3\n", "depot_in_route"),
        ("Route #1: 1 2\nRoute #2: 3\nCost 29.0\n", "cost_mismatch"),
        ("Route #1: 1 x\nRoute #2: 3\n", "malformed"),
    ],
)
def test_checker_reports_each_kind_of_violation(solution, kind):
    report = check_solution(TINY_VRPTW, solution)

    assert kind in report.kinds()
    assert not report.is_feasible


def test_late_return_to_the_depot_is_a_violation():
    instance = TINY_VRPTW.replace("1 0 100\n", "1 0 21\n")

    report = check_solution(instance, VALID)

    assert report.kinds() == {"depot_return"}


def test_explicit_lower_row_matrix_is_read_as_given():
    instance = "\n".join(
        [
            "NAME : m",
            "TYPE : CVRP",
            "DIMENSION : 3",
            "CAPACITY : 5",
            "EDGE_WEIGHT_TYPE : EXPLICIT",
            "EDGE_WEIGHT_FORMAT : LOWER_ROW",
            "EDGE_WEIGHT_SECTION",
            "7",
            "4 2",
            "DEMAND_SECTION",
            "1 0",
            "2 2",
            "3 3",
            "DEPOT_SECTION",
            "1",
            "-1",
            "EOF",
        ]
    )

    report = check_solution(instance, "Route #1: 1 2\nCost 13\n")

    assert report.violations == []
    assert report.cost == 13.0
