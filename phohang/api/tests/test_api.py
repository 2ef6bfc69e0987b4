import re

import pytest
from django.test import Client

from phohang.accounts.services import api_token_create, api_token_revoke
from phohang.accounts.tests.factories import UserFactory
from phohang.sellers.tests.factories import SellerApplicationFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["info"]["title"] == "Phố Hàng API"
    assert "/api/v1/geo/provinces" in schema["paths"]
    assert "/api/v1/sellers/applications" in schema["paths"]
    assert "BearerAuth" in str(schema["components"]["securitySchemes"]) or "TokenAuth" in str(
        schema["components"]["securitySchemes"]
    )


def test_docs_page_loads_nothing_from_a_cdn(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert response.status_code == 200
    assert urls
    assert [url for url in urls if not url.startswith("/static/")] == []
    assert "cdn" not in html.lower()


def test_api_health_is_public(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_bearer_token_authenticates_an_integration():
    user = UserFactory()
    application = SellerApplicationFactory(applicant=user)
    _token, raw = api_token_create(user=user, name="ERP")
    client = Client(headers={"authorization": f"Bearer {raw}"})

    response = client.get("/api/v1/sellers/applications")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [str(application.public_id)]


def test_revoked_token_is_refused_with_401():
    user = UserFactory()
    token, raw = api_token_create(user=user, name="ERP")
    api_token_revoke(user=user, token_id=token.pk)
    client = Client(headers={"authorization": f"Bearer {raw}"})

    response = client.get("/api/v1/sellers/applications")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response.json()["error"]["message"] == {
        "vi": response.json()["error"]["message"]["vi"],
        "en": "Sign in or send a valid API token.",
    }
    assert response.json()["error"]["message"]["vi"] != "Sign in or send a valid API token."


@pytest.mark.parametrize(
    "header", ["Bearer ph_not-a-real-token-at-all-xxxxxx", "Bearer ", "Basic dXNlcjpwYXNz", "ph_x"]
)
def test_bad_authorization_header_is_401(header):
    response = Client(headers={"authorization": header}).get("/api/v1/sellers/applications")

    assert response.status_code == 401


def test_token_of_a_deactivated_user_is_refused():
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="ERP")
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = Client(headers={"authorization": f"Bearer {raw}"}).get(
        "/api/v1/sellers/applications"
    )

    assert response.status_code == 401


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/khong-co/")

    assert response.status_code == 404


def test_english_and_vietnamese_messages_do_not_depend_on_the_request_language():
    vi = Client(headers={"accept-language": "vi"}).get("/api/v1/sellers/applications").json()
    en = Client(headers={"accept-language": "en"}).get("/api/v1/sellers/applications").json()

    assert vi == en
