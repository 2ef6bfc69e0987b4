"""The engine for the database in use: SQLite FTS5 or PostgreSQL full-text search."""

from django.db import connection

from .base import Engine, MatchExpression
from .postgres import PostgresEngine
from .sqlite import SqliteEngine

__all__ = ["Engine", "MatchExpression", "engine_for_connection"]

_ENGINES = {"sqlite": SqliteEngine(), "postgresql": PostgresEngine()}


def engine_for_connection() -> Engine:
    return _ENGINES[connection.vendor]
