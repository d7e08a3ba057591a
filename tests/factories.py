"""Test data. Factories take keyword-only arguments; richer set-ups go through services."""

from __future__ import annotations

from typing import Any

import factory

from tertulia.accounts.models import Member, MemberLanguage, Role
from tertulia.core.validators import fold_for_search

DEFAULT_PASSWORD = "a-long-test-passphrase-7"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Member {n:04d}")
    search_name = factory.LazyAttribute(lambda o: fold_for_search(o.display_name))
    country = "BR"
    time_zone = "America/Sao_Paulo"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def languages(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            MemberLanguage.objects.bulk_create(
                MemberLanguage(member=self, code=code) for code in extracted
            )

    @classmethod
    def _after_postgeneration(cls, instance: Member, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


def make_member(**fields: Any) -> Member:
    """A verified member who can sign in with DEFAULT_PASSWORD."""
    member: Member = MemberFactory(**fields)
    verify_email(member)
    return member


def make_facilitator(**fields: Any) -> Member:
    return make_member(role=Role.FACILITATOR, **fields)


def make_staff(**fields: Any) -> Member:
    return make_member(is_staff=True, is_superuser=True, **fields)


def verify_email(member: Member) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
