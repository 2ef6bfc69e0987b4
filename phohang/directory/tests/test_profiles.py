"""A manufacturer keeps its own capabilities current; nobody else's."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.core.errors import DomainError, NotFound
from phohang.core.models import AuditRecord
from phohang.directory import selectors, services
from phohang.directory.models import Manufacturer

from .factories import manufacturer

pytestmark = pytest.mark.django_db


def _maker_with_member():
    owner = UserFactory()
    maker = manufacturer(
        "Công ty TNHH Nhựa kỹ thuật Tân Phát",
        processes=["plastic_injection"],
        certifications=["iso9001"],
        materials="ABS",
    )
    maker.members.add(owner)
    return maker, owner


def _profile(maker, **changes) -> services.ManufacturerProfile:
    return services.ManufacturerProfile(**(vars(services.ManufacturerProfile.of(maker)) | changes))


def _state(maker) -> tuple:
    maker.refresh_from_db()
    return (
        maker.materials,
        maker.tolerance_mm,
        sorted(maker.processes.values_list("code", flat=True)),
        sorted(maker.certifications.values_list("code", "valid_until")),
        maker.search_text,
    )


def test_member_updates_capabilities_and_search_finds_the_new_process():
    maker, owner = _maker_with_member()
    until = datetime.date(2028, 3, 31)

    services.manufacturer_profile_update(
        user=owner,
        manufacturer=maker,
        profile=_profile(
            maker,
            processes=("plastic_injection", "die_casting"),
            certifications={"iso9001": until, "iatf16949": None},
            materials="Nhôm ADC12, ABS",
            tolerance_mm=Decimal("0.02"),
            employees=240,
        ),
    )

    assert _state(maker)[:4] == (
        "Nhôm ADC12, ABS",
        Decimal("0.020"),
        ["die_casting", "plastic_injection"],
        [("iatf16949", None), ("iso9001", until)],
    )
    found = selectors.manufacturer_search(
        selectors.CapabilityFilters(query="duc ap luc", certification="iatf16949")
    )
    assert list(found) == [maker]
    record = AuditRecord.objects.get(action="directory.manufacturer.updated")
    assert record.before["processes"] == ["plastic_injection"]
    assert record.after["processes"] == ["die_casting", "plastic_injection"]


def test_a_dropped_process_is_no_longer_found():
    maker, owner = _maker_with_member()

    services.manufacturer_profile_update(
        user=owner, manufacturer=maker, profile=_profile(maker, processes=("cnc_machining",))
    )

    assert not selectors.manufacturer_search(selectors.CapabilityFilters(query="ep nhua")).exists()
    assert selectors.manufacturer_search(selectors.CapabilityFilters(query="gia cong cnc")).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"processes": ()}, "processes"),
        ({"processes": ("plastic_injection", "teleportation")}, "processes"),
        ({"certifications": {"iso27001": None}}, "certifications"),
        ({"tolerance_mm": Decimal("-0.01")}, "tolerance_mm"),
        ({"tolerance_mm": Decimal("0")}, "tolerance_mm"),
        ({"employees": -3}, "employees"),
    ],
)
def test_bad_capabilities_are_refused_and_nothing_changes(changes, field):
    maker, owner = _maker_with_member()
    before = _state(maker)

    with pytest.raises(DomainError) as refused:
        services.manufacturer_profile_update(
            user=owner, manufacturer=maker, profile=_profile(maker, **changes)
        )

    assert refused.value.field == field
    assert _state(maker) == before
    assert not AuditRecord.objects.filter(action__startswith="directory.manufacturer").exists()


def test_another_companys_user_and_another_provinces_officer_cannot_edit():
    maker, _owner = _maker_with_member()
    rival = manufacturer("Công ty TNHH Nhựa Hồng Hà", processes=["plastic_injection"])
    rival_owner = UserFactory()
    rival.members.add(rival_owner)
    officer_elsewhere = AuthorityFactory(authority_province_id="79")
    before = _state(maker)

    for user in (rival_owner, officer_elsewhere):
        with pytest.raises(NotFound):
            services.manufacturer_profile_update(
                user=user, manufacturer=maker, profile=_profile(maker, materials="Giả mạo")
            )

    assert _state(maker) == before


def test_an_officer_of_the_province_corrects_a_profile_as_staff_on_the_record():
    maker, _owner = _maker_with_member()
    officer = AuthorityFactory(authority_province_id="01")

    services.manufacturer_profile_update(
        user=officer, manufacturer=maker, profile=_profile(maker, capacity="2 triệu chi tiết/tháng")
    )

    record = AuditRecord.objects.get(action="directory.manufacturer.staff_edit")
    assert (record.actor, record.after["capacity"]) == (officer, "2 triệu chi tiết/tháng")


def test_edit_page_saves_for_the_member_and_is_404_for_others(client):
    maker, owner = _maker_with_member()
    url = reverse("directory:manufacturer_edit", args=[maker.slug])
    form = {
        "processes": ["plastic_injection", "mould_making"],
        "certifications": ["iso9001", "iso14001"],
        "valid_until_iso14001": "30/06/2027",
        "materials": "PC, POM",
        "tolerance_mm": "0.01",
        "capacity": "",
        "employees": "120",
        "customers": "Canon",
        "description": "",
    }
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, form).status_code == 404
    assert _state(maker)[0] == "ABS"

    client.force_login(owner)
    page = client.get(url)
    saved = client.post(url, form)

    assert page.status_code == 200
    assert "Cập nhật năng lực" in page.content.decode()
    assert saved.status_code == 302
    assert _state(maker)[3] == [("iso14001", datetime.date(2027, 6, 30)), ("iso9001", None)]


def test_edit_page_shows_the_refusal_and_changes_nothing(client):
    maker, owner = _maker_with_member()
    client.force_login(owner)
    before = _state(maker)

    response = client.post(
        reverse("directory:manufacturer_edit", args=[maker.slug]),
        {"processes": [], "employees": "5", "tolerance_mm": "-1"},
    )

    assert response.status_code == 200
    assert "Chọn ít nhất một công nghệ gia công." in response.content.decode()
    assert _state(maker) == before


def test_my_profiles_sends_a_single_company_member_straight_to_its_edit_page(client):
    maker, owner = _maker_with_member()
    client.force_login(owner)

    response = client.get(reverse("directory:my_manufacturers"))

    assert response["Location"] == reverse("directory:manufacturer_edit", args=[maker.slug])


def test_officer_edit_page_needs_the_second_factor_and_the_province(client):
    maker, _owner = _maker_with_member()
    officer = AuthorityFactory(authority_province_id="79")
    login_verified(client, officer)

    response = client.get(reverse("directory:manufacturer_edit", args=[maker.slug]))

    assert response.status_code == 404
    assert Manufacturer.objects.get(pk=maker.pk).materials == "ABS"
