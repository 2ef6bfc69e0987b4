"""Ranking pools: samples of a match set, the candidates read for re-ranking, sorted pages."""

from django.db import connection

from phohang.search.engines import engine_for_connection
from phohang.search.engines.base import MatchSql
from phohang.search.query import ParsedQuery
from phohang.search.ranking import Candidate, rerank

from .results import _SORT_SQL, Sample, SearchFilters, _where

_CANDIDATE_COLUMNS = (
    "d.id, t.title_norm, t.title_folded, t.category_folded, t.seller_folded, t.place_folded,"
    " SUBSTR(t.description_folded, 1, 600), d.has_stock, d.ocop_stars"
)


def _sample(match: MatchSql, filters: SearchFilters, limit: int) -> Sample:
    where_sql, where_params = _where(match, filters.clauses("d."))
    return engine_for_connection().sample(match, where_sql, where_params, limit=limit)


def _best(sample: Sample, offset: int, limit: int) -> list[int]:
    ordered = sorted(sample, key=lambda item: (-item[1], item[0]))
    return [pk for pk, _ in ordered[offset : offset + limit]]


def _candidates(pools: list[tuple[Sample, int]]) -> list[Candidate]:
    """The best of each pool by engine rank (as many as its depth), with the text the
    re-ranking reads, in one statement; an id in several pools keeps its first rank."""
    ranks: dict[int, float] = {}
    for sample, depth in pools:
        sample_ranks = dict(sample)
        for pk in _best(sample, 0, depth):
            ranks.setdefault(pk, sample_ranks[pk])
    if not ranks:
        return []
    ids_where, params = engine_for_connection().ids_sql(list(ranks))
    sql = (
        f"SELECT {_CANDIDATE_COLUMNS} FROM search_searchdocument d"  # noqa: S608
        f" JOIN search_searchtext t ON t.document_id = d.id WHERE {ids_where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Candidate(
            row[0],
            ranks[row[0]],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6] or "",
            bool(row[7]),
            row[8],
        )
        for row in rows
    ]


def _sorted_ids(
    match: MatchSql, filters: SearchFilters, sort: str, offset: int, limit: int
) -> list[int]:
    where_sql, where_params = _where(match, filters.clauses("d."))
    sql = (
        f"SELECT d.id FROM {match.from_sql} WHERE {where_sql}"  # noqa: S608
        f" ORDER BY {_SORT_SQL[sort]} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*where_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _ranked_ids(
    parsed: ParsedQuery, pools: list[tuple[Sample, int]], offset: int, limit: int
) -> list[int]:
    """Re-ranked ids; `pools` are tried in order (exact matches first, then relaxed ones)."""
    ranked = rerank(_candidates(pools), parsed)
    return [candidate.id for candidate in ranked[offset : offset + limit]]
