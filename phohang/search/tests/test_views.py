import pytest
from django.urls import reverse

from .factories import coffee_corpus

pytestmark = pytest.mark.django_db


def test_results_page_lists_matches_with_facets_and_works_without_js(client):
    coffee_corpus()

    response = client.get(reverse("search:results"), {"q": "cafe daklak"})

    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["search/results.html", "base.html"]
    html = response.content.decode()
    assert "Cà phê Buôn Ma Thuột rang xay 500g" in html
    assert 'type="checkbox" name="province" value="66"' in html
    assert "<noscript>" in html


def test_results_page_filters_by_checkbox_values(client):
    coffee_corpus()

    response = client.get(reverse("search:results"), {"q": "cà phê", "province": "14"})

    assert [d.title for d in response.context["result"].documents] == ["Cà phê Sơn La Arabica 500g"]


def test_htmx_request_gets_only_the_results_partial(client):
    coffee_corpus()

    response = client.get(reverse("search:results"), {"q": "chè"}, headers={"HX-Request": "true"})

    assert [t.name for t in response.templates][0] == "search/partials/_results.html"
    assert "<html" not in response.content.decode()


def test_bad_parameters_are_ignored(client):
    coffee_corpus()

    response = client.get(
        reverse("search:results"),
        {
            "q": "chè",
            "page": "x",
            "sort": "drop",
            "stars": "9",
            "price": "1-2",
            "province": "'; --",
        },
    )

    assert response.status_code == 200
    assert response.context["result"].total == 1


def test_suggest_returns_a_listbox(client):
    coffee_corpus()

    response = client.get(reverse("search:suggest"), {"q": "ca phe b"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="listbox"' in html
    assert 'role="option"' in html
    assert "Cà phê Buôn Ma Thuột rang xay 500g" in html


def test_header_search_box_has_autocomplete(client):
    response = client.get(reverse("search:results"))

    html = response.content.decode()
    assert 'role="combobox"' in html
    assert f'hx-get="{reverse("search:suggest")}"' in html


def test_api_search_returns_items_facets_and_pagination(client):
    coffee_corpus()

    response = client.get("/api/v1/search/", {"q": "ca phe", "page_size": 1, "sort": "price_asc"})

    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    assert [item["title"] for item in body["items"]] == ["Cà phê Sơn La Arabica 500g"]
    assert {value["value"]: value["count"] for value in body["facets"]["province"]} == {
        "66": 1,
        "14": 1,
    }


def test_api_search_without_trailing_slash_redirects(client):
    coffee_corpus()

    response = client.get("/api/v1/search", {"q": "chè"}, follow=True)

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [
        "Chè Thái Nguyên Tân Cương 200g"
    ]


def test_api_filters_and_suggest(client):
    coffee_corpus()

    filtered = client.get("/api/v1/search/", {"q": "", "seller_type": "enterprise"}).json()
    suggested = client.get("/api/v1/search/suggest", {"q": "nuoc m"}).json()

    assert [item["title"] for item in filtered["items"]] == ["Gạo ST25 túi 5kg"]
    assert [item["title"] for item in suggested] == ["Nước mắm Phú Quốc 40 độ đạm chai 500ml"]
