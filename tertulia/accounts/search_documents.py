"""Members in the search index (found by tertulia.search at start-up).

A member is found by display name, organisation, job title, city and areas of
expertise, by everyone or by signed-in members only, as their profile visibility
says. Deactivated members leave the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tertulia.accounts.models import Expertise, Member, Visibility
from tertulia.search.registry import (
    EVERYONE,
    MEMBERS,
    Document,
    follow_model,
    in_batches,
    register,
    reindex_objects,
)

MEMBER = "member"
# Saves that change nothing the index holds (signing in, preferences).
_QUIET_FIELDS = ("last_login", "password", "interface_language", "time_zone")


def _members() -> Any:
    return Member.objects.filter(is_active=True).prefetch_related(
        Prefetch("expertise", queryset=Expertise.objects.only("name"))
    )


class MemberSource:
    kind = MEMBER
    label = _("Members")

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        member: Member
        for member in in_batches(_members(), ids):
            details = [member.organisation, member.job_title, member.city]
            details += [expertise.name for expertise in member.expertise.all()]
            yield Document(
                kind=MEMBER,
                object_id=member.pk,
                title=member.display_name,
                body=" · ".join(detail for detail in details if detail),
                # Names and organisations are not stemmed: they are not words of a language.
                language="",
                url=reverse("member-profile", kwargs={"member_id": member.pk}),
                date=member.date_joined,
                access=EVERYONE if member.profile_visibility == Visibility.EVERYONE else MEMBERS,
            )

    def count(self) -> int:
        return Member.objects.filter(is_active=True).count()


def _expertise_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Member):
        reindex_objects(MEMBER, [instance.pk])
    elif kwargs.get("pk_set"):
        reindex_objects(MEMBER, kwargs["pk_set"])


register(MemberSource())
follow_model(Member, MEMBER, skip_fields=_QUIET_FIELDS)
follow_model(
    Expertise,
    MEMBER,
    object_ids=lambda expertise: list(expertise.members.values_list("pk", flat=True)),
)
m2m_changed.connect(
    _expertise_changed, sender=Member.expertise.through, dispatch_uid="search:member-expertise"
)
