import pytest

from phohang.geo.models import Province, Ward
from phohang.geo.selectors import unit_resolve

pytestmark = pytest.mark.django_db


def test_migration_loads_the_current_units():
    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321
    assert Ward.objects.filter(province__isnull=True).count() == 0
    assert Province.objects.get(code="01").name == "Thành phố Hà Nội"


@pytest.mark.parametrize(
    ("typed", "province_code"),
    [
        ("Hà Tây", "01"),
        ("Quận Cầu Giấy, Hà Nội", "01"),
        ("tỉnh Bắc Giang", "24"),
    ],
)
def test_pre_2025_names_map_to_the_current_province_as_legacy(typed, province_code):
    match = unit_resolve(typed)

    assert match is not None
    assert match.province.code == province_code
    assert match.is_legacy_name is True
    assert match.typed == typed


def test_bac_giang_is_now_part_of_bac_ninh():
    match = unit_resolve("tỉnh Bắc Giang")

    assert match.province.short_name == "Bắc Ninh"


def test_old_ward_and_district_map_to_the_current_ward():
    match = unit_resolve("Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội")

    assert match is not None
    assert match.is_legacy_name is True
    assert match.ward is not None
    assert match.ward.name == "Phường Cầu Giấy"
    assert match.ward.province_id == "01"
    assert match.label == "Phường Cầu Giấy, Thành phố Hà Nội"


@pytest.mark.parametrize(
    ("typed", "province_code"),
    [
        ("Hà Nội", "01"),
        ("Thành phố Hà Nội", "01"),
        ("tỉnh Bắc Ninh", "24"),
        ("HN", "01"),
        ("HCM", "79"),
        ("TP.HCM", "79"),
        ("  hà   nội ", "01"),
    ],
)
def test_current_names_and_abbreviations_are_not_legacy(typed, province_code):
    match = unit_resolve(typed)

    assert match is not None
    assert (match.province.code, match.ward, match.is_legacy_name) == (province_code, None, False)


def test_current_ward_name_resolves_without_legacy_flag():
    match = unit_resolve("Phường Cầu Giấy, Hà Nội")

    assert match is not None
    assert match.ward.name == "Phường Cầu Giấy"
    assert match.is_legacy_name is False


def test_nfd_input_resolves_like_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Quận Cầu Giấy, Hà Nội")

    assert unit_resolve(nfd).province.code == "01"


@pytest.mark.parametrize("typed", ["", "   ", "xyzzy qwerty", "12345", "\u202e\u200b", "Atlantis"])
def test_nonsense_is_not_recognised(typed):
    assert unit_resolve(typed) is None


def test_ward_names_are_stored_clean():
    assert not Ward.objects.filter(name__contains="  ").exists()
    assert Ward.objects.get(province_id="66", name="Phường Buôn Ma Thuột")


def test_current_ward_matches_whatever_apostrophe_is_typed():
    match = unit_resolve("Xã Cư M'gar, Đắk Lắk")

    assert match is not None
    assert (match.ward.name, match.province.code, match.is_legacy_name) == (
        "Xã Cư M’gar",
        "66",
        False,
    )
