"""Starting threads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from tertulia.accounts.models import Member
from tertulia.forums.languages import detect_language, is_content_language
from tertulia.forums.models import Forum, Thread, ThreadTag
from tertulia.forums.permissions import check_start_thread
from tertulia.forums.services.attachments import ValidatedUpload
from tertulia.forums.services.posts import append_post, check_posting_limits, submitted_post
from tertulia.forums.text import clean_fields

MAX_TAGS = 5
TAG_NAME_MAX = 50


def _tags_for(names: Iterable[str]) -> list[ThreadTag]:
    tags: dict[str, ThreadTag] = {}
    for raw in names:
        name = " ".join(raw.split())[:TAG_NAME_MAX]
        slug = slugify(name, allow_unicode=True)[:60]
        if not slug or slug in tags:
            continue
        tags[slug], _created = ThreadTag.objects.get_or_create(slug=slug, defaults={"name": name})
        if len(tags) == MAX_TAGS:
            break
    return list(tags.values())


def start_thread(
    member: Member,
    forum: Forum,
    *,
    title: str,
    body: str,
    language: str | None = None,
    tags: Iterable[str] = (),
    submission_key: str = "",
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
) -> Thread:
    """Open a thread with its first post. Sending the same form twice returns the first one."""
    existing = submitted_post(member, submission_key)
    if existing is not None:
        return existing.thread
    check_start_thread(member, forum)
    body, clean = clean_fields(body=body, title=title)
    title = clean or title
    check_posting_limits(member, new_thread=True)
    if not language or not is_content_language(language):
        language = detect_language(f"{title}\n{body}")
    try:
        with transaction.atomic():
            now = timezone.now()
            thread = Thread.objects.create(
                forum=forum,
                title=title,
                author=member,
                created_at=now,
                last_activity_at=now,
                language=language,
            )
            thread.tags.set(_tags_for(tags))
            append_post(
                member,
                thread,
                body=body,
                language=language,
                submission_key=submission_key,
                uploads=uploads,
                alt_texts=alt_texts,
            )
    except IntegrityError:
        existing = submitted_post(member, submission_key)
        if existing is None:
            raise
        return existing.thread
    thread.refresh_from_db()
    return thread
