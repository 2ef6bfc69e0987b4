from django.apps import AppConfig

# psycopg caches the parsing of a statement's %s placeholders only for statements up to 4 KB
# and 50 parameters; checkout's batched write (`core.sql.deferred_writes`) has about a hundred,
# and re-parsing it cost a tenth of a checkout's CPU. Its cache stays bounded (128 entries).
PSYCOPG_CACHED_STATEMENT_LENGTH = 16_384
PSYCOPG_CACHED_STATEMENT_PARAMS = 400


def psycopg_statement_cache_widen() -> bool:
    """Raise psycopg's limits for caching parsed statements; False if psycopg or the limits
    are not there (another driver, or a psycopg that changed them: nothing to do)."""
    try:
        from psycopg import _queries
    except ImportError:
        return False
    if not hasattr(_queries, "MAX_CACHED_STATEMENT_PARAMS"):
        return False
    _queries.MAX_CACHED_STATEMENT_LENGTH = max(
        _queries.MAX_CACHED_STATEMENT_LENGTH, PSYCOPG_CACHED_STATEMENT_LENGTH
    )
    _queries.MAX_CACHED_STATEMENT_PARAMS = max(
        _queries.MAX_CACHED_STATEMENT_PARAMS, PSYCOPG_CACHED_STATEMENT_PARAMS
    )
    return True


class CoreConfig(AppConfig):
    name = "phohang.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.conf import settings

        from . import checks  # noqa: F401 (registers the settings checks)

        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            psycopg_statement_cache_widen()
