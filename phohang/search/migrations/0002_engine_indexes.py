"""Full-text structures of the engine the database has: FTS5 on SQLite; tsvector, unaccent and pg_trgm on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_folded, category_folded, seller_folded, place_folded, description_folded,
        content='search_searchtext', content_rowid='document_id',
        tokenize="unicode61 remove_diacritics 0", prefix='2 3')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title_folded, category_folded, seller_folded, place_folded, description_folded)
        VALUES (new.document_id, new.title_folded, new.category_folded, new.seller_folded, new.place_folded, new.description_folded);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_folded, category_folded, seller_folded, place_folded, description_folded)
        VALUES ('delete', old.document_id, old.title_folded, old.category_folded, old.seller_folded, old.place_folded, old.description_folded);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_folded, category_folded, seller_folded, place_folded, description_folded)
        VALUES ('delete', old.document_id, old.title_folded, old.category_folded, old.seller_folded, old.place_folded, old.description_folded);
        INSERT INTO search_fts(rowid, title_folded, category_folded, seller_folded, place_folded, description_folded)
        VALUES (new.document_id, new.title_folded, new.category_folded, new.seller_folded, new.place_folded, new.description_folded);
    END""",
    """CREATE VIRTUAL TABLE search_term_trigram USING fts5(
        term, content='search_searchterm', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_term_trigram_insert AFTER INSERT ON search_searchterm BEGIN
        INSERT INTO search_term_trigram(rowid, term) VALUES (new.id, new.term);
    END""",
    """CREATE TRIGGER search_term_trigram_delete AFTER DELETE ON search_searchterm BEGIN
        INSERT INTO search_term_trigram(search_term_trigram, rowid, term) VALUES ('delete', old.id, old.term);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_term_trigram_delete",
    "DROP TRIGGER IF EXISTS search_term_trigram_insert",
    "DROP TABLE IF EXISTS search_term_trigram",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'phohang_vi') THEN
            CREATE TEXT SEARCH CONFIGURATION phohang_vi (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION phohang_vi
                ALTER MAPPING FOR asciiword, word, numword, hword, hword_part, hword_asciipart,
                    asciihword, numhword
                WITH unaccent, simple;
        END IF;
    END $$""",
    """ALTER TABLE search_searchtext ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('phohang_vi'::regconfig, title_norm), 'A')
        || setweight(to_tsvector('phohang_vi'::regconfig, category_folded), 'B')
        || setweight(to_tsvector('phohang_vi'::regconfig, seller_folded || ' ' || place_folded), 'C')
        || setweight(to_tsvector('phohang_vi'::regconfig, description_folded), 'D')
    ) STORED""",
    "CREATE INDEX search_text_vector ON search_searchtext USING gin (search_vector)",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trigram",
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
