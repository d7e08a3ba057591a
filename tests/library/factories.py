"""Library test data: resources and themes as the services leave them, keyword-only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.library.models import Resource, ResourceLanguage, ResourceStatus
from tests.factories import make_member

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_theme(*, name: str = "Intersectionality", **fields: Any) -> Theme:
    fields.setdefault("slug", slugify(name))
    theme, _created = Theme.objects.get_or_create(
        slug=fields.pop("slug"), defaults={"name_en": name, **fields}
    )
    return theme


def make_resource(
    *,
    title: str = "Gender equality training manual",
    kind: str = "manual",
    status: str = ResourceStatus.PUBLISHED,
    themes: Sequence[Theme] = (),
    languages: Sequence[str] = ("en",),
    submitted_by: Member | None = None,
    description: str = "A practical manual for trainers.",
    url: str = "https://www.example.org/manual",
    file_bytes: bytes | None = None,
    file_name: str = "Manual.pdf",
    published_at: datetime | None = None,
    **fields: Any,
) -> Resource:
    """A resource (a link, unless `file_bytes` is given), published unless told otherwise."""
    now = timezone.now()
    if status == ResourceStatus.PUBLISHED:
        published_at = published_at or now
    resource = Resource(
        title=title,
        slug=slugify(title, allow_unicode=True)[:120] or "resource",
        kind=kind,
        status=status,
        description=description,
        description_html=render_markdown(description),
        description_language="en",
        languages=list(languages),
        submitted_by=submitted_by or make_member(),
        url="" if file_bytes is not None else url,
        published_at=published_at,
        **fields,
    )
    if file_bytes is not None:
        resource.file.save("stored-name.pdf", ContentFile(file_bytes), save=False)
        resource.file_name = file_name
        resource.file_size = len(file_bytes)
        resource.file_content_type = "application/pdf"
    resource.save()
    resource.themes.set(themes)
    ResourceLanguage.objects.bulk_create(
        ResourceLanguage(resource=resource, code=code) for code in languages
    )
    return resource
