import numpy as np
import pytest

from phohang.logistics.routing.verify_vrplib import check_files
from phohang.logistics.routing.vrplib_io import (
    InstanceError,
    convert,
    read_best_known,
    read_instance,
    write_solution,
)
from phohang.logistics.routing.vrplib_plan import plan_instance

TWO_ARMS = "\n".join(
    [
        "NAME : arms",
        "TYPE : CVRP",
        "DIMENSION : 7",
        "CAPACITY : 3",
        "EDGE_WEIGHT_TYPE : EUC_2D",
        "NODE_COORD_SECTION",
        "1 0 0",
        "2 10 0",
        "3 0 11",
        "4 12 0",
        "5 0 10",
        "6 11 0",
        "7 0 12",
        "DEMAND_SECTION",
        "1 0",
        *[f"{i} 1" for i in range(2, 8)],
        "DEPOT_SECTION",
        "1",
        "-1",
        "EOF",
    ]
)


def test_parser_reads_an_x_instance_with_rounded_euclidean_distances(shared_vrp):
    instance = read_instance(shared_vrp / "X-n101-k25.vrp")

    assert (instance.name, instance.num_clients, instance.capacity) == ("X-n101-k25", 100, 206)
    assert (instance.convention, instance.vehicles, instance.has_time_windows) == (
        "round",
        None,
        False,
    )
    # Node 1 (365, 689) to node 2 (146, 180): 554.11 rounds to 554.
    assert instance.distance_matrix()[0, 1] == 554
    assert instance.demands[:3].tolist() == [0, 38, 51]


def test_parser_reads_a_solomon_instance_on_the_dimacs_grid(shared_vrp):
    instance = read_instance(shared_vrp / "C101.vrp")

    assert (instance.num_clients, instance.capacity, instance.vehicles) == (100, 200, 25)
    assert instance.convention == "dimacs"
    # Depot (40, 50) to customer 1 (45, 68): 18.68 truncates to 18.6, i.e. 186 tenths.
    assert instance.distance_matrix()[0, 1] == 186
    # SERVICE_TIME : 90 applies to customers, not the depot.
    assert instance.service_times[:3].tolist() == [0.0, 90.0, 90.0]
    assert instance.times(instance.time_windows[1]).tolist() == [9120, 9670]


def test_explicit_convention_override_and_best_known(shared_vrp):
    instance = read_instance(shared_vrp / "R101.vrp", convention="round")

    assert instance.convention == "round"
    assert read_best_known(shared_vrp / "R101.vrp") == 1637.7


def test_reading_a_file_that_is_not_vrplib_raises_instance_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("NAME : x\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : GEO\nEOF\n")

    with pytest.raises(InstanceError):
        read_instance(path)


def test_two_arms_instance_is_solved_to_its_known_optimum(tmp_path):
    path = tmp_path / "arms.vrp"
    path.write_text(TWO_ARMS)

    plan = plan_instance(read_instance(path), time_limit=5, workers=1, max_iterations=200)

    assert plan.is_feasible
    assert plan.cost_text == "48"
    assert sorted(sorted(route) for route in plan.routes) == [[1, 3, 5], [2, 4, 6]]


def test_tiny_vrptw_needs_two_routes_because_of_time_windows(tiny_vrptw, tmp_path):
    instance = read_instance(tiny_vrptw)

    plan = plan_instance(instance, time_limit=5, workers=1, max_iterations=200)
    write_solution(tmp_path / "tiny.sol", plan.routes, plan.cost_text)
    report = check_files(tiny_vrptw, tmp_path / "tiny.sol")

    assert report.violations == []
    assert (plan.cost_text, report.cost) == ("30.0", 30.0)
    assert sorted(sorted(route) for route in plan.routes) == [[1, 2], [3]]


def test_convention_round_uses_tsplib_nint_on_halves():
    rounded = convert(np.array([[0.5, 1.5, 2.4999]]), "round")
    tenths = convert(np.array([[18.6815, 5.0]]), "dimacs")

    assert rounded.tolist() == [[1, 2, 2]]
    assert tenths.tolist() == [[186, 50]]
