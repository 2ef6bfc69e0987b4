"""SEC-12 request-size limits and FUZ-05 huge or deep payloads: always a 4xx JSON error, never 500."""

import json
import re
import time

import pytest
from django.conf import settings
from django.test import Client

from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import UserFactory
from phohang.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db

APPLY = "/api/v1/sellers/applications"
BILINGUAL = {"vi", "en"}


@pytest.fixture
def token_client():
    _token, raw = api_token_create(user=UserFactory(), name="ERP")
    return Client(headers={"authorization": f"Bearer {raw}"})


def _assert_json_error(response, status, code):
    body = response.json()
    assert response.status_code == status, body
    assert body["error"]["code"] == code
    assert set(body["error"]["message"]) == BILINGUAL
    assert body["error"]["message"]["vi"] != body["error"]["message"]["en"]


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_json_body_over_the_upload_limit_is_413(token_client):
    body = json.dumps({"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = token_client.post(APPLY, body, content_type="application/json")

    _assert_json_error(response, 413, "too_large")
    assert response.json()["error"]["message"]["vi"] == "Yêu cầu quá lớn."


def test_form_body_over_the_upload_limit_to_the_api_is_413(token_client):
    data = {"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}

    response = token_client.post(APPLY, data)

    assert response.status_code == 413
    _assert_json_error(response, 413, "too_large")


def test_form_body_over_the_upload_limit_to_a_site_form_is_400(client):
    data = {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "x"}

    response = client.post("/accounts/login/", data)

    assert response.status_code == 400


def _many_fields():
    return {f"field{index}": "1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}


def test_more_than_1000_form_fields_to_the_api_is_400(token_client):
    response = token_client.post(APPLY, _many_fields())

    # A form body is not JSON, so the token caller gets the parse error first.
    _assert_json_error(response, 400, "bad_request")


def test_more_than_1000_form_fields_from_a_session_without_csrf_token_is_403():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(APPLY, _many_fields())

    _assert_json_error(response, 403, "forbidden")


def test_more_than_1000_form_fields_to_a_site_form_is_400(client):
    response = client.post("/accounts/login/", _many_fields())

    assert response.status_code == 400


def test_more_than_1000_query_parameters_is_400(client):
    query = "&".join(f"p{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = client.get(f"/api/v1/sellers/?{query}")

    _assert_json_error(response, 400, "too_many_fields")


def test_page_size_is_capped(client):
    SellerFactory.create_batch(settings.API_MAX_PAGE_SIZE + 1)

    response = client.get("/api/v1/sellers/", {"page_size": 1_000_000})

    body = response.json()
    assert response.status_code == 200
    assert settings.API_MAX_PAGE_SIZE == 100
    assert body["page_size"] == 100
    assert len(body["items"]) == 100
    assert body["count"] == 101


@pytest.mark.parametrize("params", [{"page_size": 0}, {"page": 0}, {"page": "x" * 10_000}])
def test_bad_paging_is_422(client, params):
    response = client.get("/api/v1/sellers/", params)

    _assert_json_error(response, 422, "invalid")


@pytest.mark.parametrize("body", ["{bad json", "", "\x00\xff", '{"a": 1} trailing', "NaN"])
def test_invalid_json_is_a_400_json_error(token_client, body):
    response = token_client.post(APPLY, body, content_type="application/json")

    assert response.status_code in (400, 422)
    assert set(response.json()["error"]["message"]) == BILINGUAL


def test_unparseable_json_is_400(token_client):
    response = token_client.post(APPLY, "{bad json", content_type="application/json")

    _assert_json_error(response, 400, "bad_request")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sellers/?province={long}&seller_type={long}",
        "/api/v1/geo/resolve?q={long}",
        "/api/v1/geo/provinces/{long}/wards",
        "/api/v1/sellers/{long}",
        "/api/v1/sellers/applications/{long}",
        "/geo/wards/?province={long}",
        "/geo/lookup/?q={long}",
        "/?q={long}",
        "/healthz?{long}",
    ],
)
def test_10000_character_query_strings_are_never_a_server_error(token_client, path):
    long = "%C3%A1" * 3_334  # "á" × 3,334: 10,000 characters once decoded and URL-encoded

    response = token_client.get(path.format(long=long))

    assert response.status_code < 500


def test_json_nested_10000_levels_is_400_within_a_second(token_client):
    body = "[" * 10_000 + "]" * 10_000

    response, elapsed = _timed(
        lambda: token_client.post(APPLY, body, content_type="application/json")
    )

    _assert_json_error(response, 400, "bad_request")
    assert elapsed < 1.0


def test_json_object_nested_10000_levels_is_400(token_client):
    body = '{"a":' * 10_000 + "1" + "}" * 10_000

    response = token_client.post(APPLY, body, content_type="application/json")

    _assert_json_error(response, 400, "bad_request")


def test_array_of_100000_elements_is_422_within_a_second(token_client):
    body = json.dumps({"seller_type": "enterprise", "name": list(range(100_000))})

    response, elapsed = _timed(
        lambda: token_client.post(APPLY, body, content_type="application/json")
    )

    _assert_json_error(response, 422, "invalid")
    assert elapsed < 1.0


def test_top_level_array_of_100000_elements_is_4xx(token_client):
    response = token_client.post(APPLY, json.dumps([0] * 100_000), content_type="application/json")

    assert 400 <= response.status_code < 500
    assert set(response.json()["error"]["message"]) == BILINGUAL


def test_one_megabyte_field_is_422(token_client):
    body = json.dumps({"name": "ạ" * 1_000_000}, ensure_ascii=False)

    response, elapsed = _timed(
        lambda: token_client.post(APPLY, body, content_type="application/json")
    )

    _assert_json_error(response, 422, "invalid")
    assert elapsed < 1.0


def test_api_errors_never_echo_the_payload(token_client):
    response = token_client.post(
        APPLY, json.dumps({"name": "<script>secret</script>"}), content_type="application/json"
    )

    assert "<script>" not in response.content.decode()
    assert re.search(r"secret", response.content.decode()) is None
