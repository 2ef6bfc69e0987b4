"""PostgreSQL: a generated tsvector (unaccent through the phohang_vi configuration), GIN, pg_trgm."""

import contextlib
import contextvars
import json
from collections.abc import Iterator

from django.db import connection, transaction

from .base import BROWSE_WHERE, Engine, MatchExpression, MatchSql, group_combinations

# During a search: the planner's row estimates by statement, and which scans are set.
_SEARCH_STATE: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "search_state", default=None
)
# Testing one row's tsvector in a scan costs about this many GIN postings read (measured on
# 100,000 products: about 1.5 µs a row against 0.1–0.3 µs a posting).
ROW_TEST_COST = 10

# The GIN indexes of migration 0002, dropped during a bulk load and built once after it.
_GIN_INDEXES = {
    "search_text_vector": "CREATE INDEX search_text_vector ON search_searchtext"
    " USING gin (search_vector)",
    "search_term_trigram": "CREATE INDEX search_term_trigram ON search_searchterm"
    " USING gin (term gin_trgm_ops)",
}

# ts_rank weights for {D, C, B, A}: description, seller and place, category, title.
_WEIGHTS = "'{0.1, 0.3, 0.4, 1.0}'"


def _phrase(tokens: tuple[str, ...], prefix: bool = False, adjacent: bool = True) -> str:
    # Tokens are [a-z0-9] only (search_fold), so quoting cannot break out of a lexeme.
    lexemes = [f"'{token}'" for token in tokens]
    if prefix:
        lexemes[-1] += ":*"
    return "(" + (" <-> " if adjacent else " & ").join(lexemes) + ")"


def tsquery_text(expression: MatchExpression) -> str:
    # A phrase (<->) is checked against every candidate row's positions, and a place name
    # ("ho chi minh") reaches thousands of rows. Near matches only feed the re-ranking, which
    # checks adjacency itself, so their phrases are plain conjunctions the GIN index answers.
    adjacent = not expression.at_least
    parts = []
    last = len(expression.groups) - 1
    for index, group in enumerate(expression.groups):
        prefix = expression.prefix_last and index == last
        phrases = [_phrase(phrase, prefix, adjacent) for phrase in group]
        parts.append("(" + " | ".join(phrases) + ")")
    if expression.at_least:
        return " | ".join(
            "(" + " & ".join(combination) + ")"
            for combination in group_combinations(parts, expression)
        )
    return (" | " if expression.any_group else " & ").join(parts)


_SCANS = ("enable_seqscan", "enable_indexscan", "enable_bitmapscan")


def _use_scans(*, dense: bool) -> None:
    """Let the planner meet dense matches by scanning rows, sparse ones through the index.

    The settings are local to the search's transaction (see `PostgresEngine.reading`); every
    other statement of a search reads rows by id or by word, which either setting serves.
    """
    state = _SEARCH_STATE.get()
    if state is not None and state.get("dense") is dense:
        return
    values = ("on", "on", "off") if dense else ("off", "off", "on")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(_SCANS)),
            [item for pair in zip(_SCANS, values, strict=True) for item in pair],
        )
    if state is not None:
        state["dense"] = dense


class PostgresEngine(Engine):
    vendor = "postgresql"

    def match(self, expression: MatchExpression | None) -> MatchSql:
        if expression is None:
            return MatchSql("search_searchdocument d", BROWSE_WHERE, "0")
        text = tsquery_text(expression)
        return MatchSql(
            "search_searchtext t JOIN search_searchdocument d ON d.id = t.document_id",
            "t.search_vector @@ to_tsquery('phohang_vi', %s)",
            f"ts_rank({_WEIGHTS}, t.search_vector, to_tsquery('phohang_vi', %s))",
            [text],
            [text],
            includes_text=True,
            id_sql="t.document_id",
            bare_from_sql="search_searchtext t",
        )

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        # One snapshot for counts, facets and results; planner settings stay local to it.
        is_nested = not transaction.get_autocommit()
        token = _SEARCH_STATE.set({})
        try:
            with super().reading(), transaction.atomic():
                yield
                if is_nested and "dense" in (_SEARCH_STATE.get() or {}):
                    # An enclosing transaction goes on: give it back the session's settings.
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT set_config(name, reset_val, true) FROM pg_settings"
                            " WHERE name = ANY(%s)",
                            [list(_SCANS)],
                        )
        finally:
            _SEARCH_STATE.reset(token)

    def term_completions(self, prefix: str, limit: int) -> list[str]:
        # The default collation does not order by code point; LIKE uses the pattern index.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term LIKE %s"
                " ORDER BY frequency DESC, term LIMIT %s",
                [prefix + "%", limit],
            )
            return [row[0] for row in cursor.fetchall()]

    # The ids as an array first: an index look-up per id whichever scans are allowed.
    in_sample_sql = "d.id = ANY(ARRAY(SELECT id FROM s))"

    @contextlib.contextmanager
    def sampling(
        self, match: MatchSql, *, limit: int, where: tuple[str, list] | None = None
    ) -> Iterator[None]:
        # The planner prices testing a row's tsvector far below its cost, so with a LIMIT it
        # picks a scan that stops early even for a word in 4 % of products (measured 88 ms
        # against 3 ms through the GIN index at 100,000). The plan is chosen here instead:
        # scanning rows costs about limit / density row tests, the index about one posting per
        # match (documents x density), and a row test costs some ROW_TEST_COST postings.
        where_sql, params = where or (match.where_sql, match.where_params)
        from_sql = match.bare_from_sql if where_sql == match.where_sql else ""
        documents = max(self.document_count(), 1)
        density = self._estimated_rows(from_sql or match.from_sql, where_sql, params) / documents
        _use_scans(dense=density * density * documents > ROW_TEST_COST * limit)
        yield

    def match_counts(self, matches: list[MatchSql], *, cap: int) -> list[int]:
        # Respellings are rare words: their matches come from the index (see `sampling`).
        _use_scans(dense=False)
        return super().match_counts(matches, cap=cap)

    def _estimated_rows(self, from_sql: str, where_sql: str, params: list) -> int:
        sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {from_sql} WHERE {where_sql}"  # noqa: S608
        state = _SEARCH_STATE.get()
        key = f"{sql}|{params!r}"
        if state is not None and key in state:
            return state[key]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        rows = int(plan[0]["Plan"]["Plan Rows"])
        if state is not None:
            state[key] = rows
        return rows

    def match_count_beyond(
        self, match: MatchSql, where_sql: str, params: list, *, cap: int
    ) -> tuple[int, bool]:
        # Counting a huge match set visits every matching row; the planner's estimate (from the
        # tsvector's most-common-lexeme statistics) is read in well under a millisecond.
        from_sql = match.bare_from_sql if where_sql == match.where_sql else ""
        return max(
            self._estimated_rows(from_sql or match.from_sql, where_sql, params), cap + 1
        ), True

    def term_candidates(self, token: str, limit: int = 40) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            cursor.execute(
                "SELECT term, frequency FROM search_searchterm WHERE term %% %s"
                " ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT %s",
                [token, token, limit],
            )
            return cursor.fetchall()

    def bulk_load_begin(self) -> None:
        with connection.cursor() as cursor:
            for name in _GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def bulk_insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        with connection.cursor() as cursor:
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)

    def bulk_load_end(self) -> None:
        with connection.cursor() as cursor:
            # The deferred foreign-key checks must run before an index can be built.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SELECT set_config('maintenance_work_mem', '256MB', true)")
            for statement in _GIN_INDEXES.values():
                cursor.execute(statement)
            # Ids were given explicitly; later inserts continue after them.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'),"
                " (SELECT COALESCE(MAX(id), 0) + 1 FROM search_searchdocument), false)"
            )

    def index_size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument')"
                " + pg_total_relation_size('search_searchtext')"
                " + pg_total_relation_size('search_searchterm')"
            )
            return int(cursor.fetchone()[0])
