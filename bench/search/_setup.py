"""Throwaway database for the benchmarks: a temporary SQLite file, or a temporary PostgreSQL database."""

import contextlib
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


@contextlib.contextmanager
def throwaway_database(backend: str, *, every_app: bool = False):
    """Point Django at a fresh database with the search and geo tables (or, with `every_app`, every
    app's tables and seed data); remove it afterwards."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["LOG_LEVEL"] = "WARNING"
    temporary = tempfile.mkdtemp(prefix="phohang-bench-")
    os.environ["PHOHANG_VAR_DIR"] = temporary
    name = f"phohang_bench_{uuid.uuid4().hex[:10]}"
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{name}"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if every_app:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    else:
        executor = MigrationExecutor(connection)
        # Search reads place names from geo (a ward after "phường" is its province).
        targets = [(app, executor.loader.graph.leaf_nodes(app)[0][1]) for app in ("geo", "search")]
        executor.migrate(targets)
    try:
        yield connection
    finally:
        connection.close()
        if backend == "postgres":
            import psycopg

            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        import shutil

        shutil.rmtree(temporary, ignore_errors=True)


def corpus_rows(path: str):
    """Rows of a corpus TSV as index rows (doc_id, title; category, brand, description, province)."""
    import csv

    from phohang.core.text import slugify_vi

    csv.field_size_limit(10_000_000)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_MINIMAL):
            category = row.get("category") or ""
            yield {
                "id": row["doc_id"],
                "title": row.get("title") or "",
                "category_name": category,
                "category_slug": slugify_vi(category) if category else "",
                "brand": row.get("brand") or "",
                "description": row.get("description") or "",
                "province_name": row.get("province") or "",
                "has_stock": True,
            }
