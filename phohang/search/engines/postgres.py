"""PostgreSQL: a generated tsvector (unaccent through the phohang_vi configuration), GIN, pg_trgm."""

from django.db import connection

from .base import BROWSE_WHERE, Engine, MatchExpression, MatchSql

# ts_rank weights for {D, C, B, A}: description, seller and place, category, title.
_WEIGHTS = "'{0.1, 0.3, 0.4, 1.0}'"


def _phrase(tokens: tuple[str, ...], prefix: bool = False) -> str:
    # Tokens are [a-z0-9] only (search_fold), so quoting cannot break out of a lexeme.
    lexemes = [f"'{token}'" for token in tokens]
    if prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def tsquery_text(expression: MatchExpression) -> str:
    parts = []
    last = len(expression.groups) - 1
    for index, group in enumerate(expression.groups):
        prefix = expression.prefix_last and index == last
        parts.append("(" + " | ".join(_phrase(phrase, prefix) for phrase in group) + ")")
    return (" | " if expression.any_group else " & ").join(parts)


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
        )

    def term_candidates(self, token: str, limit: int = 40) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            cursor.execute(
                "SELECT term, frequency FROM search_searchterm WHERE term %% %s"
                " ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT %s",
                [token, token, limit],
            )
            return cursor.fetchall()

    def index_size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument')"
                " + pg_total_relation_size('search_searchtext')"
                " + pg_total_relation_size('search_searchterm')"
            )
            return int(cursor.fetchone()[0])
