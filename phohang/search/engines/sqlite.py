"""SQLite FTS5 over the folded columns, kept in step by triggers (migration 0002)."""

import json

from django.db import connection

from .base import BROWSE_WHERE, Engine, MatchExpression, MatchSql, group_combinations, trigrams

# bm25 weights of search_fts columns: title, category, seller, place, description.
_BM25 = "bm25(search_fts, 10.0, 4.0, 3.0, 3.0, 1.0)"
_MATCH_WHERE = "search_fts MATCH %s"


def _phrase(tokens: tuple[str, ...], prefix: bool = False) -> str:
    # Tokens are [a-z0-9] only (search_fold), so quoting makes every FTS keyword literal.
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def fts5_query(expression: MatchExpression) -> str:
    parts = []
    last = len(expression.groups) - 1
    for index, group in enumerate(expression.groups):
        prefix = expression.prefix_last and index == last
        phrases = [_phrase(phrase, prefix) for phrase in group]
        parts.append("(" + " OR ".join(phrases) + ")")
    if expression.at_least:
        return " OR ".join(
            "(" + " AND ".join(combination) + ")"
            for combination in group_combinations(parts, expression)
        )
    return (" OR " if expression.any_group else " AND ").join(parts)


def _doclist_count(params: list) -> int:
    # Counting matches reads only the doclists, no row of the content table: exact and cheap.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM search_fts WHERE {_MATCH_WHERE}", params)  # noqa: S608
        return cursor.fetchone()[0]


class SqliteEngine(Engine):
    vendor = "sqlite"

    def match(self, expression: MatchExpression | None) -> MatchSql:
        if expression is None:
            return MatchSql("search_searchdocument d", BROWSE_WHERE, "0")
        return MatchSql(
            "search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid",
            _MATCH_WHERE,
            f"-{_BM25}",
            [fts5_query(expression)],
            id_sql="search_fts.rowid",
            sample_order_sql="ORDER BY search_fts.rowid DESC",
            bare_from_sql="search_fts",
        )

    def match_count(
        self, match: MatchSql, where_sql: str, params: list, *, cap: int
    ) -> tuple[int, bool]:
        if where_sql == _MATCH_WHERE:
            return _doclist_count(params), False
        return super().match_count(match, where_sql, params, cap=cap)

    def match_count_beyond(
        self, match: MatchSql, where_sql: str, params: list, *, cap: int
    ) -> tuple[int, bool]:
        if where_sql == _MATCH_WHERE:
            return _doclist_count(params), False
        return super().match_count_beyond(match, where_sql, params, cap=cap)

    def ids_sql(self, ids: list[int]) -> tuple[str, list]:
        # One JSON parameter instead of thousands of placeholders.
        return "d.id IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]

    def term_candidates(self, token: str, limit: int = 40) -> list[tuple[str, int]]:
        grams = trigrams(token)
        if not grams:
            return []
        query = " OR ".join(f'"{gram}"' for gram in grams)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.term, t.frequency FROM search_term_trigram"
                " JOIN search_searchterm t ON t.id = search_term_trigram.rowid"
                " WHERE search_term_trigram MATCH %s ORDER BY rank LIMIT %s",
                [query, limit],
            )
            return cursor.fetchall()

    def index_size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%%'"
                    " OR name LIKE 'search_term%%' OR name LIKE 'search_search%%'"
                    " OR name LIKE 'search_doc%%'"
                )
            except Exception:  # dbstat is a compile-time option of SQLite
                return 0
            return int(cursor.fetchone()[0] or 0)
