import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phohang.search.selectors import product_search, product_suggest

from .factories import coffee_corpus

pytestmark = pytest.mark.django_db

NASTY = [
    "x" * 10_000,
    "cà phê " * 1_500,
    "!!!...,,,???",
    '"',
    '"cà phê',
    "*",
    "cà*",
    "NEAR(cà phê)",
    "cà NEAR phê",
    "-",
    "-cà",
    ":",
    "title:cà",
    "{title}: cà",
    "' OR 1=1 --",
    "'; DROP TABLE search_searchdocument; --",
    "cà & phê | !x <-> y:*",
    "\u200b\u200c\u200d\ufeff",
    "\u202ecà phê\u202c",
    "\u2066\u2067\u2069",
    "\x00\x01\x1f",
    "AND OR NOT",
    "^cà",
    "()",
    "\\",
    "%",
    "_",
]
FTS_ALPHABET = st.sampled_from(
    list("\"*-:^()[]{}<>|&!~+.,;%_\\'")
    + ["NEAR", "AND", "OR", "NOT", " ", "cà", "phê", "\u200b", "\u202e", "đ"]
)


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_return_a_page(query):
    coffee_corpus()

    result = product_search(query=query)
    suggestions = product_suggest(query=query)

    assert result.total >= 0
    assert isinstance(suggestions, list)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_text_never_raises(query):
    product_search(query=query, with_facets=False)
    product_suggest(query=query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.lists(FTS_ALPHABET, max_size=25).map("".join))
def test_fts_syntax_never_raises(query):
    product_search(query=query)
    product_suggest(query=query)


def test_nasty_query_through_the_page_and_api(client):
    coffee_corpus()

    page = client.get("/search/", {"q": '"NEAR* -:\u202e' + "x" * 10_000})
    api = client.get("/api/v1/search/", {"q": "' OR 1=1 -- \u200b"})

    assert (page.status_code, api.status_code) == (200, 200)
