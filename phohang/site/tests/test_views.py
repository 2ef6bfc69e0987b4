from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import translation

from phohang.site.views import error_500

pytestmark = pytest.mark.django_db


def test_home_is_in_vietnamese_by_default(client):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Tiếng Việt" in html or "Ngôn ngữ" in html


def test_language_switch_turns_the_site_english(client):
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get("/")
    assert switched.status_code == 302 and switched["Location"] == "/"
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_language_switch_ignores_an_offsite_next(client):
    switched = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert switched.status_code == 302
    assert not switched["Location"].startswith("https://evil.example")


def test_about_page(client):
    assert client.get(reverse("site:about")).status_code == 200


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client):
    broken = mock.MagicMock()
    broken.__enter__.return_value.execute.side_effect = OperationalError("connection refused")

    with mock.patch("phohang.site.views.connection") as connection:
        connection.cursor.return_value = broken
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_unknown_page_is_the_custom_404(client, settings):
    settings.DEBUG = False

    response = client.get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert '<html lang="vi">' in html and "language-switch" in html


def test_custom_404_in_english(client, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_page_is_the_site_404_with_debug_on_too(client, settings):
    settings.DEBUG = True

    response = client.get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert "language-switch" in html
    assert "Django" not in html


def test_missing_object_is_the_site_404_with_debug_on_too(client, settings):
    settings.DEBUG = True
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/danh-muc/khong-co-danh-muc-nay/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_api_404_stays_json_with_debug_on(client, settings):
    settings.DEBUG = True

    response = client.get("/api/v1/catalog/products/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("language", "heading"), [("vi", "Đã có lỗi xảy ra"), ("en", "Something went wrong")]
)
def test_server_error_page_is_styled_in_the_visitor_language_without_the_database(
    rf, language, heading
):
    request = rf.get("/")

    with (
        translation.override(language),
        mock.patch.object(
            connection, "cursor", side_effect=AssertionError("the 500 page read the database")
        ),
    ):
        response = error_500(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert heading in html
    assert f'<html lang="{language}">' in html
    assert "/static/css/site.css" in html


def test_ranking_criteria_publish_the_head_noun_rule_and_the_current_match_points(client):
    from phohang.search.ranking import HEAD_MISSING
    from phohang.trade.matching import WEIGHTS

    html = client.get(reverse("site:ranking_criteria")).content.decode()

    assert "Danh từ chính quyết định sản phẩm là gì" in html
    assert f"chỉ được tính {round(100 * HEAD_MISSING)} % số điểm" in html
    assert "<td>Vào vụ trong thời gian giao hàng</td><td>" + str(WEIGHTS["season"]) in html
    assert "<td>3</td><td>75–100</td>" in html
