from pathlib import Path

import pytest

# The shared data sit beside the repository (../shared); a worktree may be nested deeper.
SHARED_VRP = next(
    (
        p / "shared" / "data" / "vrp"
        for p in Path(__file__).resolve().parents[5:]
        if (p / "shared" / "data" / "vrp").is_dir()
    ),
    Path(__file__).resolve().parents[5] / "shared" / "data" / "vrp",
)

# Distances (DIMACS, tenths): depot-1 50, 1-2 50, depot-2 100, depot-3 50, 1-3 31, 2-3 67.
TINY_VRPTW = """NAME : tiny
TYPE : CVRPTW
DIMENSION : 4
VEHICLES : 2
CAPACITY : 10
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 6 8
4 0 5
DEMAND_SECTION
1 0
2 4
3 5
4 6
TIME_WINDOW_SECTION
1 0 100
2 0 50
3 0 50
4 0 8
SERVICE_TIME_SECTION
1 0
2 1
3 1
4 1
DEPOT_SECTION
1
-1
EOF
"""


@pytest.fixture
def shared_vrp() -> Path:
    assert SHARED_VRP.is_dir(), f"the shared VRP instances are expected at {SHARED_VRP}"
    return SHARED_VRP


@pytest.fixture
def tiny_vrptw(tmp_path) -> Path:
    path = tmp_path / "tiny.vrp"
    path.write_text(TINY_VRPTW)
    return path
