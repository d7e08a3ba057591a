"""Members' translations of forum posts, and the language a post is said to be written in.

Any member who may read a post may translate it into another of the community's
languages, once per language: the translation shows beside the original, marked as a
member's translation with its translator's name. The translator and the facilitators
may change or delete it. Hidden posts and posts waiting for approval cannot be
translated. Locked threads and forums closed to posting can: a translation adds
nothing to the discussion, it only lets more members read what was said (past virtual
dialogues are read for years).

The detected language of a short post is often wrong ("¡Gracias!" reads as English),
and a translation into the language a post is said to be in is refused, so its author
and the facilitators may correct that language here.

Every write raises the thread's revision in its own transaction (services/revisions.py),
so cached thread pages show it at once; the search index follows by signal
(search_documents.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.languages import language_name
from tertulia.core.markdown import render_markdown
from tertulia.forums.languages import is_content_language
from tertulia.forums.models import POST_BODY_MAX, Post, PostTranslation, Thread
from tertulia.forums.permissions import (
    check_change_translation,
    check_set_post_language,
    check_translate_post,
)
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.services import revisions

TRANSLATION_MAX = POST_BODY_MAX


# --- Checking what was typed ----------------------------------------------------------


def clean_language(language: str) -> str:
    """A content language code, or ValidationError saying which ones there are."""
    code = language.strip().lower()
    if not code:
        raise ValidationError(_("Choose a language."), code="required")
    if not is_content_language(code):
        raise ValidationError(
            _("“%(code)s” is not one of the languages of this community.") % {"code": code[:20]},
            code="unknown_language",
        )
    return code


def clean_translation_language(post: Post, language: str) -> str:
    code = clean_language(language)
    if code == post.language:
        raise ValidationError(
            _(
                "This post is already written in %(language)s: choose another language. "
                "If the post is in fact written in another language, its author or a "
                "facilitator can correct that."
            )
            % {"language": language_name(code)},
            code="same_language",
        )
    return code


def clean_translation_body(body: str) -> str:
    body = body.replace("\x00", "")
    if not body.strip():
        raise ValidationError(_("Write the translation before saving it."), code="empty")
    body = body.rstrip().lstrip("\r\n")
    if len(body) > TRANSLATION_MAX:
        raise ValidationError(
            _(
                "Your translation is %(length)s characters long; a translation can hold "
                "%(limit)s, as a post can."
            )
            % {"length": f"{len(body):,}", "limit": f"{TRANSLATION_MAX:,}"},
            code="too_long",
        )
    return body


def _already_translated(language: str) -> ValidationError:
    return _at_field(
        "language",
        ValidationError(
            _(
                "This post already has a translation into %(language)s. Read it, and ask its "
                "translator or a facilitator if something in it needs changing."
            )
            % {"language": language_name(language)},
            code="exists",
        ),
    )


def _at_field(field: str, problem: ValidationError) -> ValidationError:
    """The problem as forms and the API expect it: keyed by the field it is about."""
    return ValidationError({field: [problem]})


# --- Writing --------------------------------------------------------------------------


def add_post_translation(
    member: Member, post: Post, *, language: str, body: str
) -> PostTranslation:
    """Add the member's translation of the post; ValidationError keyed by field."""
    check_translate_post(member, post, has_posted_in_thread=has_posted_in(member, post.thread))
    errors: dict[str, list[ValidationError]] = {}
    try:
        language = clean_translation_language(post, language)
    except ValidationError as problem:
        errors["language"] = [problem]
    try:
        body = clean_translation_body(body)
    except ValidationError as problem:
        errors["body"] = [problem]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            # Ask again on the locked row: the post may have been hidden, or its
            # language corrected, while the member was translating.
            current = (
                Post.objects.select_for_update().select_related("thread__forum").get(pk=post.pk)
            )
            check_translate_post(member, current, has_posted_in_thread=True)
            try:
                clean_translation_language(current, language)
            except ValidationError as problem:
                raise _at_field("language", problem) from None
            if PostTranslation.objects.filter(post=current, language=language).exists():
                raise _already_translated(language)
            translation = PostTranslation.objects.create(
                post=current,
                language=language,
                body=body,
                body_html=render_markdown(body),
                translator=member,
            )
            revisions.thread_changed(current.thread_id)
    except IntegrityError:
        # Two members sent a translation into the same language at the same moment.
        raise _already_translated(language) from None
    return translation


def edit_post_translation(
    actor: Member, translation: PostTranslation, *, body: str
) -> PostTranslation:
    check_change_translation(actor, translation)
    try:
        body = clean_translation_body(body)
    except ValidationError as problem:
        raise _at_field("body", problem) from None
    if body == translation.body:
        return translation
    translation.body = body
    translation.body_html = render_markdown(body)
    translation.edited_at = timezone.now()
    with transaction.atomic():
        translation.save(update_fields=["body", "body_html", "edited_at"])
        revisions.thread_changed(translation.post.thread_id)
    return translation


def delete_post_translation(actor: Member, translation: PostTranslation) -> None:
    check_change_translation(actor, translation)
    with transaction.atomic():
        translation.delete()
        revisions.thread_changed(translation.post.thread_id)


def set_post_language(actor: Member, post: Post, language: str) -> Post:
    """Say which language the post is written in (for an opening post, the thread too)."""
    check_set_post_language(actor, post)
    language = clean_post_language(post, language)
    if language == post.language:
        return post
    with transaction.atomic():
        post.language = language
        post.save(update_fields=["language"])
        thread_follows_post_language(post)
        revisions.thread_changed(post.thread_id)
    return post


def clean_post_language(post: Post, language: str) -> str:
    """A language the post may be said to be written in; ValidationError keyed by field.

    Refused: a code that is not one of the community's languages, and a language the
    post already has a member's translation into (other than its own).
    """
    try:
        language = clean_language(language)
    except ValidationError as problem:
        raise _at_field("language", problem) from None
    if (
        language != post.language
        and PostTranslation.objects.filter(post=post, language=language).exists()
    ):
        raise _at_field(
            "language",
            ValidationError(
                _(
                    "There is a member's translation of this post into %(language)s. "
                    "Delete it first if the post itself is written in %(language)s."
                )
                % {"language": language_name(language)},
                code="translated",
            ),
        )
    return language


def thread_follows_post_language(post: Post) -> None:
    """An opening post's language is its thread's: copy it over (inside the write's
    transaction), and tell the forum's pages, which show and filter by it."""
    if post.position != 1:
        return
    thread: Thread = post.thread
    if thread.language == post.language:
        return
    thread.language = post.language
    thread.save(update_fields=["language"])
    revisions.forum_changed(thread.forum_id)
