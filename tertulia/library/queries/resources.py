"""One resource: its page, its download, its edit form; and the facilitators' queue.

A resource the viewer may not see answers "not found", so the titles of suggestions
waiting for review (or declined) do not leak to other members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.core.pagination import paginate
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event
from tertulia.forums.uploads import type_label
from tertulia.library.models import Resource, ResourceStatus, ResourceTranslation
from tertulia.library.permissions import (
    can_edit_resource,
    can_review_resources,
    can_translate_resource,
    can_view_resource,
    check_review_resources,
)

QUEUE_PER_PAGE = 20


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # "" when the page it would open does not exist (yet)


def _url(name: str, **kwargs: object) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def dialogue_link(dialogue: Dialogue) -> Link:
    label = _("Virtual dialogue %(number)s: %(title)s") % {
        "number": dialogue.number,
        "title": dialogue.title,
    }
    return Link(label, _url("dialogue-detail", number=dialogue.number, slug=dialogue.slug))


def event_link(event: Event) -> Link:
    return Link(str(event.title), _url("event-detail", event_id=event.pk, slug=event.slug))


def file_description(resource: Resource) -> str:
    """What a member on a slow link needs before downloading ("PDF document, 1.2 MB")."""
    if not resource.has_file:
        return ""
    return _("%(type)s, %(size)s") % {
        "type": type_label(resource.file_content_type),
        "size": filesizeformat(resource.file_size),
    }


@dataclass
class ResourcePage:
    resource: Resource
    file_description: str
    languages: list[str]  # names in the interface language
    dialogues: list[Link]
    events: list[Link]
    can_edit: bool
    can_review: bool
    # Members' translations of its title and description (their languages only).
    translations: list[ResourceTranslation] = field(default_factory=list)
    can_translate: bool = False


def _translations(resource: Resource) -> list[ResourceTranslation]:
    """The resource's translations, read only when it has some (`has_translations`)."""
    if not getattr(resource, "has_translations", False):
        return []
    return list(
        ResourceTranslation.objects.filter(resource=resource)
        .only("pk", "resource", "language")
        .order_by("language")
    )


def _visible(viewer: Viewer, resource_id: int, queryset: QuerySet[Resource]) -> Resource:
    resource = queryset.filter(pk=resource_id).first()
    if resource is None or not can_view_resource(viewer, resource):
        raise Http404(_("There is no such resource."))
    return resource


def resource_page(viewer: Viewer, resource_id: int) -> ResourcePage:
    resource = _visible(
        viewer,
        resource_id,
        Resource.objects.select_related("submitted_by")
        .annotate(
            has_translations=Exists(ResourceTranslation.objects.filter(resource=OuterRef("pk")))
        )
        .prefetch_related(
            "themes",
            Prefetch("related_dialogues", queryset=Dialogue.objects.order_by("-number")),
            Prefetch(
                "related_events",
                queryset=Event.objects.order_by("-starts_at").only(
                    "pk", "title", "slug", "starts_at"
                ),
            ),
        ),
    )
    return ResourcePage(
        resource=resource,
        file_description=file_description(resource),
        languages=[language_name(code) for code in resource.languages],
        dialogues=[dialogue_link(d) for d in resource.related_dialogues.all()],
        events=[event_link(e) for e in resource.related_events.all()],
        can_edit=can_edit_resource(viewer, resource),
        can_review=can_review_resources(viewer),
        translations=_translations(resource),
        can_translate=can_translate_resource(viewer, resource),
    )


def resource_for_download(viewer: Viewer, resource_id: int) -> Resource:
    return _visible(viewer, resource_id, Resource.objects.all())


def resource_for_edit(viewer: Viewer, resource_id: int) -> Resource:
    """The resource with its relations loaded, for the edit form (permission by the caller)."""
    return _visible(
        viewer,
        resource_id,
        Resource.objects.prefetch_related("themes", "related_dialogues", "related_events"),
    )


@dataclass
class ReviewQueue:
    pending: Page[Resource]
    featured: list[Resource]


def review_queue(viewer: Viewer, page_number: str | None) -> ReviewQueue:
    """Suggestions waiting for review, oldest first, and what is featured now."""
    check_review_resources(viewer)
    pending = (
        Resource.objects.filter(status=ResourceStatus.PENDING)
        .select_related("submitted_by")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )
    featured = Resource.objects.filter(status=ResourceStatus.PUBLISHED, is_featured=True).order_by(
        "-published_at", "-pk"
    )
    return ReviewQueue(
        pending=paginate(pending, page_number, QUEUE_PER_PAGE), featured=list(featured)
    )


def my_submissions(viewer: Viewer) -> list[Resource]:
    """What the viewer suggested that is not published (yet), so they can follow it."""
    if not getattr(viewer, "pk", None):
        return []
    return list(
        Resource.objects.filter(submitted_by_id=viewer.pk)
        .exclude(status=ResourceStatus.PUBLISHED)
        .order_by("-created_at", "-pk")[:20]
    )


def featured_resources(limit: int = 3) -> list[Resource]:
    """The latest featured resources, for a section of the home page (one query)."""
    return list(
        Resource.objects.filter(status=ResourceStatus.PUBLISHED, is_featured=True).order_by(
            "-published_at", "-pk"
        )[:limit]
    )
