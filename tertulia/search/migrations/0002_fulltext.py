"""The full-text part of the index, which depends on the database.

SQLite: an FTS5 table of stemmed words, a smaller one of titles alone, and a trigger
that drops a document's FTS rows with it. PostgreSQL: the unaccent extension, four text-search configurations (english,
spanish, french and simple, each reading words through unaccent first), a weighted
tsvector column and one of titles alone, their GIN indexes, and an index on the date.
The same file runs on both: each step asks which database it is on.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, meta, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_fts_title USING fts5("
    "title, meta, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    "DELETE FROM search_fts_title WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TABLE IF EXISTS search_fts_title",
    "DROP TABLE IF EXISTS search_fts",
]

CONFIGURATIONS = {
    "tertulia_en": ("english", "english_stem"),
    "tertulia_es": ("spanish", "spanish_stem"),
    "tertulia_fr": ("french", "french_stem"),
    "tertulia_simple": ("simple", "simple"),
}
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, (parent, dictionary) in CONFIGURATIONS.items()
        for statement in (
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {dictionary}",
        )
    ),
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
    # Titles alone, so "the most recent title matches" has an index and its own
    # statistics (a title word is rare among a million replies without titles).
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_document_title_vector ON search_searchdocument "
    "USING GIN (title_vector)",
    # The most recent matches are the ones ranked: read in date order, newest first.
    "CREATE INDEX search_document_date ON search_searchdocument (date)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_date",
    "DROP INDEX IF EXISTS search_document_vector",
    "DROP INDEX IF EXISTS search_document_title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in CONFIGURATIONS),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
