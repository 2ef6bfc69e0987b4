import json
import subprocess
import sys
from pathlib import Path

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


FULL_MATRIX_VRPTW = "\n".join(
    [
        "NAME : matrix",
        "TYPE : VRPTW",
        "DIMENSION : 4",
        "VEHICLES : 2",
        "CAPACITY : 10",
        "EDGE_WEIGHT_TYPE : EXPLICIT",
        "EDGE_WEIGHT_FORMAT : FULL_MATRIX",
        "EDGE_WEIGHT_SECTION",
        "0 4 6 4",
        "4 0 2.5 8",
        "6 2.5 0 8",
        "4 8 8 0",
        "DEMAND_SECTION",
        "1 0",
        "2 5",
        "3 5",
        "4 5",
        "TIME_WINDOW_SECTION",
        "1 0 100",
        "2 0 100",
        "3 0 100",
        "4 0 100",
        "SERVICE_TIME_SECTION",
        "1 0",
        "2 1",
        "3 1",
        "4 1",
        "DEPOT_SECTION",
        "1",
        "-1",
        "EOF",
    ]
)


def test_explicit_matrix_instance_with_service_section_is_planned_and_checked(tmp_path):
    path = tmp_path / "matrix.vrp"
    path.write_text(FULL_MATRIX_VRPTW)
    instance = read_instance(path)

    plan = plan_instance(instance, time_limit=5, workers=1, max_iterations=200)
    write_solution(tmp_path / "matrix.sol", plan.routes, plan.cost_text)
    report = check_files(path, tmp_path / "matrix.sol")

    assert instance.convention == "exact"
    assert instance.service_times.tolist() == [0, 1, 1, 1]
    assert report.violations == []
    # Capacity 10 pairs two customers: 1 and 2 (4 + 2.5 + 6) and 3 alone (4 + 4).
    assert (plan.cost_text, report.cost) == ("20.500", 20.5)


def test_depot_that_is_not_the_first_node_keeps_file_numbering(tmp_path):
    moved = (
        TWO_ARMS.replace("1 0 0\n2 10 0", "1 10 0\n2 0 0")
        .replace("DEPOT_SECTION\n1\n", "DEPOT_SECTION\n2\n")
        .replace("DEMAND_SECTION\n1 0\n2 1", "DEMAND_SECTION\n1 1\n2 0")
    )
    path = tmp_path / "moved.vrp"
    path.write_text(moved)

    plan = plan_instance(read_instance(path), time_limit=5, workers=1, max_iterations=200)
    write_solution(tmp_path / "moved.sol", plan.routes, plan.cost_text)

    assert check_files(path, tmp_path / "moved.sol").violations == []
    assert plan.cost_text == "48"
    assert sorted(sorted(route) for route in plan.routes) == [[0, 3, 5], [2, 4, 6]]


def test_benchmark_script_plans_a_folder_and_prints_gaps(tmp_path, tiny_vrptw):
    folder = tmp_path / "instances"
    folder.mkdir()
    (folder / "tiny.vrp").write_text(tiny_vrptw.read_text())
    (folder / "tiny.sol").write_text("Route #1: 1 2\nRoute #2: 3\nCost 30.0\n")
    (folder / "README.md").write_text("not an instance")
    bench = Path(__file__).resolve().parents[4] / "bench" / "routing.py"

    finished = subprocess.run(
        [
            sys.executable,
            str(bench),
            "--instances",
            str(folder),
            "--time-limit",
            "2",
            "--routes-out",
            str(tmp_path / "out"),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    summary = json.loads(finished.stdout.strip().splitlines()[-1])
    assert summary["gaps"] == {"tiny": 0.0}
    assert (summary["mean_gap_solomon"], summary["mean_gap_x"], summary["max_gap"]) == (
        0.0,
        None,
        0.0,
    )
    assert summary["all_feasible"] is True
    assert (tmp_path / "out" / "tiny.sol").read_text().endswith("Cost 30.0\n")


def test_solomon_table_layout_is_read_planned_and_checked(shared_vrp, tmp_path):
    vrplib_file = read_instance(shared_vrp / "C101.vrp")
    rows = [
        f"{i} {x:g} {y:g} {d} {a:g} {b:g} {s:g}"
        for i, ((x, y), d, (a, b), s) in enumerate(
            zip(
                vrplib_file.coords[:11],
                vrplib_file.demands[:11],
                vrplib_file.time_windows[:11],
                vrplib_file.service_times[:11],
                strict=True,
            )
        )
    ]
    text = "C101\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n\nCUSTOMER\n"
    text += "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n"
    path = tmp_path / "c101-10.txt"
    path.write_text(text + "\n".join(rows) + "\n")

    instance = read_instance(path)
    plan = plan_instance(instance, time_limit=5, workers=1, max_iterations=300)
    write_solution(tmp_path / "c101-10.sol", plan.routes, plan.cost_text)
    report = check_files(path, tmp_path / "c101-10.sol")

    assert (instance.num_clients, instance.vehicles, instance.convention) == (10, 25, "dimacs")
    assert report.violations == []
    assert report.cost == float(plan.cost_text)
