import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_open_in_vietnamese_whatever_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_the_language_switch_still_changes_the_page_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")

    assert '<html lang="en">' in response.content.decode()
