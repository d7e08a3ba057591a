"""Test data. Factories take keyword-only arguments; richer set-ups go through services."""

from __future__ import annotations

from typing import Any

import factory

from tertulia.accounts.models import Member, MemberLanguage, Role
from tertulia.core.validators import fold_for_search
from tertulia.forums.models import Forum, Post, Thread

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


# --- Forums ---------------------------------------------------------------------------


def make_forum(**fields: Any) -> Forum:
    from django.utils.text import slugify

    n = Forum.objects.count() + 1
    fields.setdefault("title", f"Forum {n}")
    fields.setdefault("slug", slugify(fields["title"]) or f"forum-{n}")
    return Forum.objects.create(**fields)


def make_thread(
    *,
    forum: Forum | None = None,
    author: Member | None = None,
    title: str = "A thread",
    body: str = "The first post.",
    **fields: Any,
) -> Thread:
    """A thread with its first post, counters set as the services set them."""
    forum = forum or make_forum()
    author = author or make_member()
    thread = Thread.objects.create(forum=forum, author=author, title=title, **fields)
    post = add_post(thread=thread, author=author, body=body)
    thread.refresh_from_db()
    assert post.position == 1
    return thread


def add_post(
    *, thread: Thread, author: Member | None = None, body: str = "A reply.", **fields: Any
) -> Post:
    """Append a post the way the posting service does (position, counters, last post)."""
    from django.db.models import F

    from tertulia.core.markdown import render_markdown

    author = author or make_member()
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, revision=F("revision") + 1
    )
    thread.refresh_from_db(fields=["post_count"])
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_markdown(body),
        position=thread.post_count,
        **fields,
    )
    visible = not post.is_hidden and post.is_approved
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + (1 if post.position > 1 and visible else 0),
        last_post=post,
        last_activity_at=post.created_at,
    )
    Forum.objects.filter(pk=thread.forum_id).update(
        post_count=F("post_count") + 1,
        thread_count=F("thread_count") + (1 if post.position == 1 else 0),
        last_post=post,
        revision=F("revision") + 1,
    )
    return post
