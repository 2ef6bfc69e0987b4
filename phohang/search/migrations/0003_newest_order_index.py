"""An index in the exact order of the "newest" listing (browsing without a query), so the first
page is read from the index instead of sorting every document."""

from django.db import migrations

FORWARD = {
    # SQLite sorts NULLs first, so DESC already puts them last.
    "sqlite": "CREATE INDEX search_doc_newest_id ON search_searchdocument (published_at DESC, id DESC)",
    "postgresql": "CREATE INDEX search_doc_newest_id ON search_searchdocument"
    " (published_at DESC NULLS LAST, id DESC)",
}
BACKWARD = "DROP INDEX IF EXISTS search_doc_newest_id"


def forward(apps, schema_editor):
    statement = FORWARD.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor in FORWARD:
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]

    operations = [migrations.RunPython(forward, backward)]
