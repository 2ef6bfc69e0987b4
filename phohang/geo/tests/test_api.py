import pytest

from phohang.geo.models import Ward

pytestmark = pytest.mark.django_db


def test_provinces_lists_all_34(client):
    response = client.get("/api/v1/geo/provinces")

    body = response.json()
    assert response.status_code == 200
    assert len(body) == 34
    assert {"code": "01", "name": "Thành phố Hà Nội", "short_name": "Hà Nội"} in body


def test_wards_of_a_province(client):
    response = client.get("/api/v1/geo/provinces/24/wards")

    body = response.json()
    assert response.status_code == 200
    assert len(body) == Ward.objects.filter(province_id="24").count()
    assert {ward["province_id"] for ward in body} == {"24"}


@pytest.mark.parametrize("code", ["xx", "99", "011", "01x", "0" * 5000])
def test_wards_of_an_unknown_province_is_empty(client, code):
    response = client.get(f"/api/v1/geo/provinces/{code}/wards")

    assert (response.status_code, response.json()) == (200, [])


def test_resolve_an_old_name(client):
    response = client.get("/api/v1/geo/resolve", {"q": "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội"})

    body = response.json()
    assert response.status_code == 200
    assert body["province_code"] == "01"
    assert body["ward_name"] == "Phường Cầu Giấy"
    assert body["is_legacy_name"] is True


def test_resolve_a_current_abbreviation(client):
    body = client.get("/api/v1/geo/resolve", {"q": "HCM"}).json()

    assert body == {
        "province_code": "79",
        "province_name": "Thành phố Hồ Chí Minh",
        "ward_code": None,
        "ward_name": None,
        "is_legacy_name": False,
    }


@pytest.mark.parametrize("q", ["Atlantis", "x" * 10_000])
def test_resolve_unknown_is_a_bilingual_404(client, q):
    response = client.get("/api/v1/geo/resolve", {"q": q})

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": {"vi": "Không nhận ra địa danh này.", "en": "Place name not recognised."},
        }
    }


def test_resolve_without_q_is_a_422(client):
    response = client.get("/api/v1/geo/resolve")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
