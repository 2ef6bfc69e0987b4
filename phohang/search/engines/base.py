"""What an engine does: turn a parsed query into SQL over `search_searchdocument d`."""

import contextlib
import contextvars
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection

Phrase = tuple[str, ...]
BROWSE_WHERE = "1 = 1"


@dataclass(frozen=True)
class MatchExpression:
    """Groups joined by AND (or OR); a group matches when any of its phrases does."""

    groups: tuple[tuple[Phrase, ...], ...]
    any_group: bool = False
    prefix_last: bool = False
    # When set, any this many of the groups (a near match) instead of all of them.
    at_least: int = 0


def group_combinations(parts: list[str], expression: MatchExpression) -> list[list[str]]:
    """The sets of rendered groups of which one must match entirely."""
    if expression.at_least and expression.at_least < len(parts):
        return [list(combination) for combination in combinations(parts, expression.at_least)]
    return [parts]


@dataclass(frozen=True)
class MatchSql:
    from_sql: str
    where_sql: str
    rank_sql: str
    where_params: list = field(default_factory=list)
    rank_params: list = field(default_factory=list)
    # Whether from_sql already joins search_searchtext as t (the candidates need its columns).
    includes_text: bool = False
    # The document id as the engine iterates it fastest (FTS5 walks its rowids in order).
    id_sql: str = "d.id"
    # How a bounded sample of matches is taken cheaply: FTS5 walks its doclists newest first;
    # PostgreSQL stops its scan after the first matches it meets.
    sample_order_sql: str = ""
    # from_sql without the documents table, for reads that need no document column.
    bare_from_sql: str = ""

    @property
    def from_with_text(self) -> str:
        if self.includes_text:
            return self.from_sql
        return f"{self.from_sql} JOIN search_searchtext t ON t.document_id = d.id"


class Engine(ABC):
    """One search backend per database vendor; both implement the abstract methods."""

    vendor = ""

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """The span of one search: vocabulary look-ups are remembered for its duration (a
        respelling re-parses the same words many times)."""
        # No transaction here: SQLite opens every transaction for writing (BEGIN IMMEDIATE).
        token = _TERMS_SEEN.set({})
        try:
            yield
        finally:
            _TERMS_SEEN.reset(token)

    @abstractmethod
    def match(self, expression: MatchExpression | None) -> MatchSql:
        """SQL that selects and ranks documents matching `expression`."""

    @abstractmethod
    def term_candidates(self, token: str, limit: int = 40) -> list[tuple[str, int]]:
        """Vocabulary words that share trigrams with `token`, most similar first."""

    def term_completions(self, prefix: str, limit: int) -> list[str]:
        """The `limit` most frequent vocabulary words starting with `prefix` (a B-tree range)."""
        # Folded words are [a-z0-9] only, so the next code point bounds the range.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term >= %s AND term < %s"
                " ORDER BY frequency DESC, term LIMIT %s",
                [prefix, upper, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def known_terms(self, terms: set[str]) -> dict[str, int]:
        """Frequencies of the words of `terms` that are in the vocabulary."""
        seen = _TERMS_SEEN.get()
        if seen is None:
            return self._terms_lookup(terms)
        missing = [term for term in terms if term not in seen]
        if missing:
            found = self._terms_lookup(set(missing))
            seen.update({term: found.get(term) for term in missing})
        return {term: seen[term] for term in terms if seen[term] is not None}

    def _terms_lookup(self, terms: set[str]) -> dict[str, int]:
        if not terms:
            return {}
        placeholders = ", ".join(["%s"] * len(terms))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, frequency FROM search_searchterm WHERE term IN ({placeholders})",  # noqa: S608
                list(terms),
            )
            return dict(cursor.fetchall())

    # A condition on `d.id` selecting the ids of a sample named `s` in the same statement.
    in_sample_sql = "d.id IN (SELECT id FROM s)"

    def sample_sql(
        self, match: MatchSql, where_sql: str, params: list, *, limit: int
    ) -> tuple[str, list]:
        """SQL for up to `limit` (id, engine_rank) of documents satisfying `where_sql`, taken in
        the engine's cheapest order (a bounded pool: never ranks or counts every match)."""
        # Without filters no document column is needed, so the engine's own table is enough.
        from_sql = match.bare_from_sql if where_sql == match.where_sql else ""
        sql = (
            f"SELECT {match.id_sql} AS id, {match.rank_sql} AS engine_rank"  # noqa: S608
            f" FROM {from_sql or match.from_sql}"
            f" WHERE {where_sql} {match.sample_order_sql} LIMIT {int(limit)}"
        )
        return sql, [*match.rank_params, *params]

    @contextlib.contextmanager
    def sampling(
        self, match: MatchSql, *, limit: int, where: tuple[str, list] | None = None
    ) -> Iterator[None]:
        """Settings for a statement that takes a sample of `match` (see `sample_sql`), filtered
        by `where` (condition and parameters) when given."""
        yield

    def sample(
        self, match: MatchSql, where_sql: str, params: list, *, limit: int
    ) -> list[tuple[int, float]]:
        """Up to `limit` (id, engine rank) of documents satisfying `where_sql`."""
        sql, sql_params = self.sample_sql(match, where_sql, params, limit=limit)
        with (
            self.sampling(match, limit=limit, where=(where_sql, params)),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, sql_params)
            return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]

    def ids_sql(self, ids: list[int]) -> tuple[str, list]:
        """A condition on `d.id` selecting exactly `ids`, with its parameters."""
        return "d.id = ANY(%s)", [list(ids)]

    def match_count(
        self, match: MatchSql, where_sql: str, params: list, *, cap: int
    ) -> tuple[int, bool]:
        """How many documents satisfy `where_sql` (over `match.from_sql`), and whether that is an
        estimate; exact up to `cap` matches."""
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {match.from_sql} WHERE {where_sql} LIMIT %s) s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, cap + 1])
            count = cursor.fetchone()[0]
        if count <= cap:
            return count, False
        return self.match_count_beyond(match, where_sql, params, cap=cap)

    def match_counts(self, matches: list[MatchSql], *, cap: int) -> list[int]:
        """How many documents each of `matches` finds, counting no further than `cap`."""
        if not matches:
            return []
        selects, params = [], []
        for match in matches:
            selects.append(
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM {match.bare_from_sql or match.from_sql}"  # noqa: S608
                f" WHERE {match.where_sql} LIMIT {int(cap)}) c)"
            )
            params.extend(match.where_params)
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)  # noqa: S608
            return list(cursor.fetchone())

    def match_count_beyond(
        self, match: MatchSql, where_sql: str, params: list, *, cap: int
    ) -> tuple[int, bool]:
        """The count when more than `cap` documents match (an engine may estimate it)."""
        sql = f"SELECT COUNT(*) FROM {match.from_sql} WHERE {where_sql}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0], False

    def bulk_load_begin(self) -> None:  # noqa: B027 (an optional hook)
        """Prepare the empty index tables for a bulk load (runs inside its transaction)."""

    def bulk_insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Append `rows` to `table` as fast as the database takes them."""
        if not rows:
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def bulk_load_end(self) -> None:  # noqa: B027 (an optional hook)
        """Finish a bulk load: build what was left out while loading."""

    @abstractmethod
    def index_size_bytes(self) -> int:
        """Bytes the index tables and their indexes take on disk."""

    def document_count(self) -> int:
        """Documents in the index, cached for a minute (used only to weigh query words)."""
        now = time.monotonic()
        cached = _COUNT_CACHE.get(connection.alias)
        if cached and now - cached[1] < 60:
            return cached[0]
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_searchdocument")
            count = cursor.fetchone()[0]
        _COUNT_CACHE[connection.alias] = (count, now)
        return count


_COUNT_CACHE: dict[str, tuple[int, float]] = {}
# Vocabulary words looked up during the current search (None: not in the vocabulary).
_TERMS_SEEN: contextvars.ContextVar[dict[str, int | None] | None] = contextvars.ContextVar(
    "search_terms_seen", default=None
)


def trigrams(token: str) -> list[str]:
    return sorted({token[i : i + 3] for i in range(len(token) - 2)})
