"""Checkout's batched write (about a hundred parameters) is parsed once per process, not on
every call: psycopg's statement cache takes statements that long."""

from psycopg import _queries, adapt

from phohang.core.apps import psycopg_statement_cache_widen


def test_a_statement_with_a_hundred_parameters_is_parsed_once():
    assert psycopg_statement_cache_widen() is True
    values = ", ".join(["(%s, %s, %s, %s)"] * 30)  # 120 parameters, about 600 characters
    statement = f"WITH w0 AS (INSERT INTO t (a, b, c, d) VALUES {values}) SELECT 1"
    params = list(range(120))
    _queries._query2pg.cache_clear()

    for _ in range(3):
        query = _queries.PostgresQuery(adapt.Transformer())
        query.convert(statement, params)

    info = _queries._query2pg.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    assert query.query.count(b"$") == 120  # still converted to server placeholders


def test_widening_never_lowers_the_limits():
    before = (_queries.MAX_CACHED_STATEMENT_LENGTH, _queries.MAX_CACHED_STATEMENT_PARAMS)
    psycopg_statement_cache_widen()
    psycopg_statement_cache_widen()
    after = (_queries.MAX_CACHED_STATEMENT_LENGTH, _queries.MAX_CACHED_STATEMENT_PARAMS)
    assert after >= before and after >= (16_384, 400)
