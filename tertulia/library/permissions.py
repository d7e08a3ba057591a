"""Who may see, submit, edit and review resources.

`can_*` returns a bool (templates, queries); `check_*` raises PermissionDenied with a
message for the member (services). Whether visitors may read the library at all when
the community is members-only is the middleware's business, not this module's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.library.models import Resource, ResourceStatus, ResourceTranslation


def _is_submitter(viewer: Viewer, resource: Resource) -> bool:
    return isinstance(viewer, Member) and resource.submitted_by_id == viewer.pk


def can_view_resource(viewer: Viewer, resource: Resource) -> bool:
    """Published resources are for everyone; the others for their submitter and facilitators."""
    if resource.status == ResourceStatus.PUBLISHED:
        return True
    return is_facilitator(viewer) or (is_member(viewer) and _is_submitter(viewer, resource))


def check_view_resource(viewer: Viewer, resource: Resource) -> None:
    if not can_view_resource(viewer, resource):
        raise PermissionDenied(_("This resource is not published."))


def can_submit_resource(viewer: Viewer) -> bool:
    return is_member(viewer)


def check_submit_resource(viewer: Viewer) -> None:
    if not can_submit_resource(viewer):
        raise PermissionDenied(_("Sign in to suggest a resource."))


def can_review_resources(viewer: Viewer) -> bool:
    """Publish, decline, feature, and see the queue: facilitators."""
    return is_facilitator(viewer)


def check_review_resources(viewer: Viewer) -> None:
    if not can_review_resources(viewer):
        raise PermissionDenied(_("Only facilitators review resources."))


def can_edit_resource(viewer: Viewer, resource: Resource) -> bool:
    """Facilitators, or the member who submitted it while it waits for review."""
    if is_facilitator(viewer):
        return True
    return (
        is_member(viewer)
        and _is_submitter(viewer, resource)
        and resource.status == ResourceStatus.PENDING
    )


def check_edit_resource(viewer: Viewer, resource: Resource) -> None:
    if can_edit_resource(viewer, resource):
        return
    if is_member(viewer) and _is_submitter(viewer, resource):
        raise PermissionDenied(
            _(
                "This resource has been reviewed, so only facilitators can change it now. "
                "Write to them if something needs correcting."
            )
        )
    raise PermissionDenied(_("You can only change resources you suggested."))


def can_manage_themes(viewer: Viewer) -> bool:
    """The theme list shared by resources, dialogues and trainings: facilitators."""
    return is_facilitator(viewer)


def check_manage_themes(viewer: Viewer) -> None:
    if not can_manage_themes(viewer):
        raise PermissionDenied(_("Only facilitators manage the themes."))


# --- Translating a resource, and saying which language it is described in ------------


def can_translate_resource(viewer: Viewer, resource: Resource) -> bool:
    return is_member(viewer) and can_view_resource(viewer, resource)


def check_translate_resource(viewer: Viewer, resource: Resource) -> None:
    if not is_member(viewer):
        raise PermissionDenied(_("Sign in to translate resources."))
    if not can_view_resource(viewer, resource):
        raise PermissionDenied(_("This resource is not published."))


def can_change_translation(viewer: Viewer, translation: ResourceTranslation) -> bool:
    """Its translator, or a facilitator, as long as they may still see the resource."""
    if not can_view_resource(viewer, translation.resource):
        return False
    if can_review_resources(viewer):
        return True
    return is_member(viewer) and translation.translator_id == viewer.pk


def check_change_translation(viewer: Viewer, translation: ResourceTranslation) -> None:
    if not can_change_translation(viewer, translation):
        raise PermissionDenied(
            _("Only its translator and the facilitators can change a translation.")
        )


def can_set_resource_language(viewer: Viewer, resource: Resource) -> bool:
    return can_edit_resource(viewer, resource)
