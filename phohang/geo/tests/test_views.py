import pytest
from django.urls import reverse

from phohang.geo.forms import AddressFields
from phohang.geo.models import Address, Ward

pytestmark = pytest.mark.django_db


def _option_values(html: str) -> list[str]:
    import re

    return re.findall(r'<option value="(\d*)"', html)


def test_ward_options_lists_only_the_wards_of_that_province(client):
    response = client.get(reverse("geo:ward_options"), {"province": "24"})

    values = _option_values(response.content.decode())
    assert response.status_code == 200
    assert values[0] == ""
    assert set(values[1:]) == set(
        Ward.objects.filter(province_id="24").values_list("code", flat=True)
    )
    assert len(values) - 1 == Ward.objects.filter(province_id="24").count()


def test_ward_options_marks_the_selected_ward(client):
    ward = Ward.objects.filter(province_id="01").order_by("code").first()

    response = client.get(reverse("geo:ward_options"), {"province": "01", "ward": ward.code})

    assert f'<option value="{ward.code}" selected>' in response.content.decode()


@pytest.mark.parametrize("province", ["xx", "", "99", "0", "01' OR 1=1", "٠١", "1" * 10_000])
def test_ward_options_on_bad_input_is_an_empty_list(client, province):
    response = client.get(reverse("geo:ward_options"), {"province": province})

    assert response.status_code == 200
    assert _option_values(response.content.decode()) == [""]


def test_ward_options_refuses_post(client):
    assert client.post(reverse("geo:ward_options"), {"province": "01"}).status_code == 405


def test_unit_lookup_says_an_old_name_now_belongs_elsewhere(client):
    response = client.get(reverse("geo:unit_lookup"), {"q": "tỉnh Bắc Giang"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "tỉnh Bắc Giang" in html and "Tỉnh Bắc Ninh" in html
    assert "2025" in html


def test_unit_lookup_in_english(client):
    client.cookies["django_language"] = "en"

    response = client.get(reverse("geo:unit_lookup"), {"q": "Hà Tây"})

    assert "is a name from before the 2025 reorganisation" in response.content.decode()


@pytest.mark.parametrize("q", ["", "không có đâu", "x" * 10_000, "<script>alert(1)</script>"])
def test_unit_lookup_on_unknown_or_bad_input_is_empty(client, q):
    response = client.get(reverse("geo:unit_lookup"), {"q": q})

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def _address_data(**overrides):
    ward = Ward.objects.filter(province_id="01").order_by("code").first()
    data = {"street": "12 phố Hàng Bạc", "province": "01", "ward": ward.code, "old_place_name": ""}
    data.update(overrides)
    return data


def test_address_form_saves_a_ward_of_the_chosen_province():
    form = AddressFields(data=_address_data())

    assert form.is_valid(), form.errors
    address = form.save_address()
    assert Address.objects.get() == address
    assert address.province_id == "01" and address.ward.province_id == "01"


def test_address_form_refuses_a_ward_of_another_province():
    other = Ward.objects.filter(province_id="79").order_by("code").first()

    form = AddressFields(data=_address_data(ward=other.code))

    assert not form.is_valid()
    assert "ward" in form.errors
    assert Address.objects.count() == 0


def test_address_form_maps_an_old_place_name_and_says_so():
    form = AddressFields(
        data=_address_data(
            province="", ward="", old_place_name="Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội"
        )
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ward"].name == "Phường Cầu Giấy"
    assert form.cleaned_data["province"].code == "01"
    assert form.unit_match.is_legacy_name is True
    assert form.unit_match.label == "Phường Cầu Giấy, Thành phố Hà Nội"


def test_address_form_with_an_old_province_name_still_asks_for_the_ward():
    form = AddressFields(data=_address_data(province="", ward="", old_place_name="Hà Tây"))

    assert not form.is_valid()
    assert "ward" in form.errors
    assert form.cleaned_data["province"].code == "01"


def test_address_form_refuses_an_unknown_place_name():
    form = AddressFields(
        data=_address_data(province="", ward="", old_place_name="Thành phố Atlantis")
    )

    assert not form.is_valid()
    assert form.errors["old_place_name"] == ["Không nhận dạng được địa danh này."]


def test_address_form_offers_no_wards_before_a_province_is_chosen():
    form = AddressFields()

    assert form.fields["ward"].queryset.count() == 0
    assert form.fields["province"].widget.attrs["hx-get"] == reverse("geo:ward_options")
