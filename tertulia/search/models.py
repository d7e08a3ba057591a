"""The search index: one row per searchable object, whatever app it comes from.

The full-text part depends on the database (see `tertulia.search.backends`): on SQLite
an FTS5 table `search_fts` holds the stemmed words of each row (rowid = this row's id);
on PostgreSQL a `vector` tsvector column with a GIN index is added to this table. Both
are created by migrations that check the database vendor, so the model lists only what
both share. Rows are written by the backends with plain SQL, never through `save()`.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    title = models.TextField()  # plain text, unstemmed: shown and highlighted
    display_title = models.TextField(blank=True)  # shown instead of the title when set
    body = models.TextField(blank=True)  # plain text, unstemmed: snippets come from it
    language = models.CharField(max_length=8, blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField()
    access = models.CharField(max_length=12)
    group = models.CharField(max_length=60, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["group"], name="search_document_group"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
