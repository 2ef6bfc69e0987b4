import pytest

from phohang.directory import selectors
from phohang.directory.models import CraftVillage

from .factories import VillageFactory

pytestmark = pytest.mark.django_db


def _cells(limit: int = 1) -> list[tuple[int, int]]:
    points = selectors.village_points(CraftVillage.objects.all(), limit=limit)
    return sorted((point.count, int(point.latitude)) for point in points)


def test_many_villages_become_cells_and_a_new_village_redraws_the_cached_map(
    django_assert_num_queries,
):
    VillageFactory(latitude=20.97, longitude=105.91)
    VillageFactory(latitude=20.98, longitude=105.92)
    VillageFactory(latitude=16.05, longitude=108.20)

    first = _cells()
    with django_assert_num_queries(1):  # the stamp only: the cells come from the cache
        again = _cells()
    VillageFactory(latitude=16.06, longitude=108.21)
    redrawn = _cells()

    assert first == again == [(1, 16), (2, 20)]
    assert redrawn == [(2, 16), (2, 20)]


def test_few_villages_are_dots_with_their_pages():
    village = VillageFactory(name="Làng lụa Vạn Phúc", latitude=20.978, longitude=105.774)

    (point,) = selectors.village_points(CraftVillage.objects.all())

    assert (point.name, point.url, point.count) == (
        "Làng lụa Vạn Phúc",
        village.get_absolute_url(),
        1,
    )
