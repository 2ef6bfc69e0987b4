"""What an engine does: turn a parsed query into SQL over `search_searchdocument d`."""

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db import connection

Phrase = tuple[str, ...]
BROWSE_WHERE = "1 = 1"


@dataclass(frozen=True)
class MatchExpression:
    """Groups joined by AND (or OR); a group matches when any of its phrases does."""

    groups: tuple[tuple[Phrase, ...], ...]
    any_group: bool = False
    prefix_last: bool = False


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

    @property
    def from_with_text(self) -> str:
        if self.includes_text:
            return self.from_sql
        return f"{self.from_sql} JOIN search_searchtext t ON t.document_id = d.id"


class Engine(ABC):
    """One search backend per database vendor; both implement the abstract methods."""

    vendor = ""

    @abstractmethod
    def match(self, expression: MatchExpression | None) -> MatchSql:
        """SQL that selects and ranks documents matching `expression`."""

    @abstractmethod
    def term_candidates(self, token: str, limit: int = 40) -> list[tuple[str, int]]:
        """Vocabulary words that share trigrams with `token`, most similar first."""

    def known_terms(self, terms: set[str]) -> dict[str, int]:
        if not terms:
            return {}
        placeholders = ", ".join(["%s"] * len(terms))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, frequency FROM search_searchterm WHERE term IN ({placeholders})",  # noqa: S608
                list(terms),
            )
            return dict(cursor.fetchall())

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


def trigrams(token: str) -> list[str]:
    return sorted({token[i : i + 3] for i in range(len(token) - 2)})
