"""Facilitators' review: publish, decline with a reason, feature; and counting downloads.

The member who suggested a resource is told when it is published or declined, through
the notifications app's `notify()` (a "suggestion approved / declined" notification,
written in the same transaction and mailed after commit if they want mail), unless they
reviewed it themselves. Each decision is taken on the locked row, so two facilitators
(or a double click) deciding the same thing tell the member once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.validators import validate_multiline_text
from tertulia.library.models import REASON_MAX, Resource, ResourceStatus
from tertulia.library.permissions import check_review_resources
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify


def _tell_submitter(actor: Member, resource: Resource) -> None:
    """Notify the submitter of the decision just saved (nobody when it is the actor)."""
    member = resource.submitted_by
    if resource.status == ResourceStatus.PUBLISHED:
        with translation.override(member.interface_language or settings.LANGUAGE_CODE):
            snippet = _("It is now in the library, for every member to find.")
        notify(
            member,
            Kind.SUGGESTION_APPROVED,
            actor=actor,
            url=reverse(
                "resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug}
            ),
            params={"subject": resource.title},
            snippet=snippet,
        )
    else:
        notify(
            member,
            Kind.SUGGESTION_DECLINED,
            actor=actor,
            url=reverse("resource-submit"),
            params={"subject": resource.title},
            snippet=resource.decline_reason,
        )


def _locked(resource: Resource) -> Resource:
    """The row as it is now, locked until the end of the transaction (two facilitators
    pressing at once see each other's decision, not a stale page)."""
    return (
        Resource.objects.select_for_update(of=("self",))
        .select_related("submitted_by")
        .get(pk=resource.pk)
    )


def approve_resource(actor: Member, resource: Resource) -> Resource:
    """Publish a waiting (or earlier declined) resource."""
    check_review_resources(actor)
    with transaction.atomic():
        current = _locked(resource)
        if current.status == ResourceStatus.PUBLISHED:
            return current
        now = timezone.now()
        current.status = ResourceStatus.PUBLISHED
        current.decline_reason = ""
        current.approved_by = actor
        current.published_at = current.published_at or now
        current.updated_at = now
        current.save(
            update_fields=["status", "decline_reason", "approved_by", "published_at", "updated_at"]
        )
        _tell_submitter(actor, current)
    return current


def clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, in a sentence the member who suggested it will read.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(limit)s characters; it has %(length)s.")
                % {"limit": REASON_MAX, "length": len(reason)}
            }
        )
    try:
        validate_multiline_text(reason)
    except ValidationError as problem:
        raise ValidationError({"reason": problem.messages}) from None
    return reason


def decline_resource(actor: Member, resource: Resource, *, reason: str) -> Resource:
    """Decline a waiting resource, or take a published one down, saying why."""
    check_review_resources(actor)
    reason = clean_reason(reason)
    with transaction.atomic():
        current = _locked(resource)
        if (current.status, current.decline_reason) == (ResourceStatus.DECLINED, reason):
            return current  # the same decision sent twice: the member is told once
        current.status = ResourceStatus.DECLINED
        current.decline_reason = reason
        current.is_featured = False
        current.approved_by = actor
        current.updated_at = timezone.now()
        current.save(
            update_fields=["status", "decline_reason", "is_featured", "approved_by", "updated_at"]
        )
        _tell_submitter(actor, current)
    return current


def set_featured(actor: Member, resource: Resource, *, featured: bool) -> Resource:
    """Put a published resource on top of the list, or take it off."""
    check_review_resources(actor)
    with transaction.atomic():
        current = _locked(resource)
        if featured and current.status != ResourceStatus.PUBLISHED:
            raise ValidationError(_("Only a published resource can be featured."))
        if current.is_featured != featured:
            current.is_featured = featured
            current.save(update_fields=["is_featured"])
    return current


def feature_resource(actor: Member, resource: Resource) -> Resource:
    return set_featured(actor, resource, featured=True)


def unfeature_resource(actor: Member, resource: Resource) -> Resource:
    return set_featured(actor, resource, featured=False)


def record_download(resource: Resource) -> None:
    """Count one download of a published resource.

    One UPDATE adding 1 in the database: two downloads at the same moment are both
    counted, which reading the number, adding one and saving it would not guarantee.
    Facilitators looking at a resource before it is published do not count.
    """
    Resource.objects.filter(pk=resource.pk, status=ResourceStatus.PUBLISHED).update(
        download_count=F("download_count") + 1
    )
