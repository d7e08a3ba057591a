"""The demo library: themes and more than forty resources in English, Spanish and French.

Resources go through the library services, as a member's suggestion would: facilitators'
own are published at once, members' suggestions wait, and most of them are then
published by a facilitator (a few stay waiting for the queue to show something). A few
resources carry a small generated file (a PDF made with WeasyPrint, a text file, a CSV
table); the others link to the sites of organisations that publish such material.
Publication dates are spread over the years the resources are from. Loading twice
changes nothing: resources are found again by their title, themes by their slug.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_facilitator
from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue
from tertulia.library.demo_catalogue import RESOURCES, THEMES, DemoResource
from tertulia.library.models import Resource
from tertulia.library.services.resources import Related, submit_resource
from tertulia.library.services.review import approve_resource, feature_resource


def create_demo_themes() -> dict[str, Theme]:
    """The themes the demo resources are filed under (names kept if they exist)."""
    themes = {}
    for slug, english, spanish, french in THEMES:
        theme, _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name_en": english, "name_es": spanish, "name_fr": french}
        )
        themes[slug] = theme
    return themes


def _pdf(spec: DemoResource) -> bytes:
    html = (
        f'<html lang="{spec.languages[0]}"><body style="font-family: sans-serif">'
        f"<h1>{spec.title}</h1><p><em>{spec.organisation}, {spec.year}</em></p>"
        f"<p>{spec.description}</p></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def _csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["region", "year", "participants"])
    rows = random.Random(7)  # noqa: S311  # demo numbers, not secrets
    for region in ("Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe"):
        for year in range(2015, 2023):
            writer.writerow([region, year, rows.randint(40, 900)])
    return out.getvalue().encode()


def _file_for(spec: DemoResource) -> SimpleUploadedFile | None:
    name = slugify(spec.title)[:60] or "resource"
    if spec.file == "pdf":
        return SimpleUploadedFile(f"{spec.title[:80]}.pdf", _pdf(spec), "application/pdf")
    if spec.file == "txt":
        text = f"{spec.title}\n\n{spec.description}\n"
        return SimpleUploadedFile(f"{name}.txt", text.encode(), "text/plain")
    if spec.file == "csv":
        return SimpleUploadedFile(f"{name}.csv", _csv(), "text/csv")
    return None


def _published_on(spec: DemoResource, index: int) -> datetime:
    """Some time in the resource's year (or in the past weeks, for this year's)."""
    now = timezone.now()
    moment = datetime(spec.year, 1, 1, 9, tzinfo=UTC) + timedelta(days=(index * 37) % 330)
    return min(moment, now - timedelta(days=index % 20 + 1))


def _related_dialogues(spec: DemoResource) -> list[Dialogue]:
    """Link the dialogue on the same theme, when the demo has one."""
    return list(Dialogue.objects.filter(themes__slug__in=spec.themes).distinct()[:2])


def create_demo_resources(
    facilitators: Sequence[Member], members: Sequence[Member]
) -> list[Resource]:
    """Create the demo library (what already exists is kept); return every demo resource."""
    if not facilitators or not members:
        raise ValueError("The demo library needs at least one facilitator and one member.")
    themes = create_demo_themes()
    existing = {r.title: r for r in Resource.objects.filter(title__in=[s.title for s in RESOURCES])}
    resources = []
    for index, spec in enumerate(RESOURCES):
        resource = existing.get(spec.title)
        if resource is None:
            resource = _create(spec, index, facilitators, members, themes)
        resources.append(resource)
    return resources


def _create(
    spec: DemoResource,
    index: int,
    facilitators: Sequence[Member],
    members: Sequence[Member],
    themes: dict[str, Theme],
) -> Resource:
    facilitator = facilitators[index % len(facilitators)]
    plain_members = [member for member in members if not is_facilitator(member)] or members
    submitter = plain_members[index % len(plain_members)] if spec.by_member else facilitator
    resource = submit_resource(
        submitter,
        title=spec.title,
        kind=spec.kind,
        description=spec.description,
        languages=spec.languages,
        year=spec.year,
        authors=spec.authors,
        organisation=spec.organisation,
        url=spec.url,
        file=_file_for(spec),
        related=Related(
            themes=[themes[slug] for slug in spec.themes],
            dialogues=_related_dialogues(spec),
        ),
    )
    if not spec.pending and not resource.is_published:
        resource = approve_resource(facilitator, resource)
    if spec.featured:
        resource = feature_resource(facilitator, resource)
    now = timezone.now()
    # Suggestions still waiting arrived in the past days; the rest over the years.
    when = now - timedelta(days=index % 9 + 1) if spec.pending else _published_on(spec, index)
    resource.created_at = resource.updated_at = when
    if resource.is_published:
        resource.published_at = min(when + timedelta(days=2), now)
    resource.download_count = spec.downloads
    resource.save(update_fields=["created_at", "updated_at", "published_at", "download_count"])
    return resource
