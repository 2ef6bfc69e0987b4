"""Autocomplete: titles completing what has been typed so far."""

from dataclasses import dataclass

from django.db import connection

from phohang.core.text import search_fold
from phohang.search.engines import engine_for_connection
from phohang.search.engines.base import MatchExpression
from phohang.search.query import normalized_tokens

from .results import SUGGESTION_COMPLETIONS, SUGGESTION_LIMIT, SUGGESTION_POOL


@dataclass
class Suggestion:
    title: str
    url: str
    key: str


def product_suggest(*, query: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Titles completing what has been typed so far (the last word as a prefix)."""
    _, folded = normalized_tokens(query)
    if not folded or len(folded[-1]) < 2 and len(folded) == 1:
        return []
    engine = engine_for_connection()
    with engine.reading():
        # A one-letter prefix would reach nearly every word; it is matched against the titles
        # of what the words before it find. A longer one becomes its most frequent completions
        # in the vocabulary (an index range), never a prefix scan of the full-text index.
        letter = folded[-1] if len(folded[-1]) < 2 else ""
        groups: list[tuple[tuple[str, ...], ...]] = [((token,),) for token in folded[:-1]]
        if not letter:
            completions = engine.term_completions(folded[-1], SUGGESTION_COMPLETIONS)
            if not completions:
                return []
            groups.append(tuple((word,) for word in completions))
        match = engine.match(MatchExpression(tuple(groups)))
        # Any bounded set of matches (the newest on SQLite) is cheap to take.
        pool = SUGGESTION_POOL * (3 if letter else 1)
        sample_sql, params = engine.sample_sql(
            match, match.where_sql, match.where_params, limit=pool
        )
        sql = (
            f"WITH s AS MATERIALIZED ({sample_sql}) SELECT d.title, d.url, d.key"  # noqa: S608
            f" FROM search_searchdocument d WHERE {engine.in_sample_sql}"
        )
        with engine.sampling(match, limit=pool), connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [(search_fold(row[0]), row) for row in cursor.fetchall()]
    if letter:
        typed_words = set(folded[:-1])
        rows = [
            (title, row)
            for title, row in rows
            if any(word.startswith(letter) and word not in typed_words for word in title.split())
        ]
    # The titles that start with what was typed first, shortest first.
    typed = " ".join(folded)
    rows.sort(key=lambda item: (not item[0].startswith(typed), len(item[1][0]), item[1][2]))
    return [Suggestion(title, url, key) for _, (title, url, key) in rows[:limit]]
