"""An index in the exact order of the "newest" listing (browsing without a query), so the first
page is read from the index instead of sorting every document; on PostgreSQL, a pattern index
for the vocabulary prefix look-ups of autocomplete (SQLite ranges over the unique index)."""

from django.db import migrations

FORWARD = {
    # SQLite sorts NULLs first, so DESC already puts them last.
    "sqlite": [
        "CREATE INDEX search_doc_newest_id ON search_searchdocument (published_at DESC, id DESC)"
    ],
    "postgresql": [
        "CREATE INDEX search_doc_newest_id ON search_searchdocument"
        " (published_at DESC NULLS LAST, id DESC)",
        "CREATE INDEX search_term_prefix ON search_searchterm (term text_pattern_ops)",
    ],
}
BACKWARD = {
    "sqlite": ["DROP INDEX IF EXISTS search_doc_newest_id"],
    "postgresql": [
        "DROP INDEX IF EXISTS search_term_prefix",
        "DROP INDEX IF EXISTS search_doc_newest_id",
    ],
}


def forward(apps, schema_editor):
    for statement in FORWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]

    operations = [migrations.RunPython(forward, backward)]
