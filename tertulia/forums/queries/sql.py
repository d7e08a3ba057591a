"""SQL written by hand for the few lookups on the busiest pages.

Every thread page and thread list a member opens asks a handful of tiny questions about
them (their read mark, their likes, whether they follow...). Built through the ORM each
costs about half a millisecond of Python, twenty times what SQLite spends answering
it, in a page budget of a few milliseconds (see bench/README.md). So these few are
written as SQL: plain enough for SQLite and PostgreSQL alike, with every table and
column name taken from the models and every value passed as a query parameter (%s).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def model_sql(model: type[Model], template: str, **extra: str) -> str:
    """The template with `{table}` and each `{field}` replaced by the model's quoted table
    and column names (and any `extra` pieces, such as a list of placeholders)."""
    quote = connection.ops.quote_name
    columns = {field.name: quote(field.column) for field in model._meta.concrete_fields}
    return template.format(table=quote(model._meta.db_table), **columns, **extra)


def placeholders(count: int) -> str:
    """`%s, %s, ...` for an IN list of `count` values."""
    return ", ".join(["%s"] * count)
