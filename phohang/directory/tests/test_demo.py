import pytest

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.directory.demo import (
    DEMO_BUYER_EMAIL,
    MANUFACTURER_EMAIL,
    VILLAGE_BOARD_EMAIL,
    load_demo,
)
from phohang.directory.models import CraftVillage, Manufacturer

pytestmark = pytest.mark.django_db


def test_demo_has_a_manufacturer_login_and_bat_trangs_board():
    AuthorityFactory(email="canbo@congthuong.hanoi.gov.vn", is_city_authority=True)
    UserFactory(email=DEMO_BUYER_EMAIL)

    load_demo()

    kept = Manufacturer.objects.get(members__email=MANUFACTURER_EMAIL)
    assert kept.processes.filter(code="plastic_injection").exists()
    village = CraftVillage.objects.get(board__email=VILLAGE_BOARD_EMAIL)
    assert village.slug == "lang-gom-bat-trang"
    assert CraftVillage.objects.count() == 47
