"""The pages of a post's translations: reading a post in another language, writing,
changing and deleting a translation.

A post is read here only by those who may read it on its thread page (readable_post);
hidden posts only by facilitators, who may still delete what was translated of them.
Each page takes a fixed number of queries: the post with its thread and forum, and
its translations with their translators.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.forums.languages import CONTENT_LANGUAGES
from tertulia.forums.models import Post, PostTranslation
from tertulia.forums.permissions import (
    can_change_translation,
    can_moderate,
    can_set_post_language,
    can_translate_post,
)
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.queries.threads import readable_post


@dataclass
class PostTranslations:
    """A post, the language it is shown in, and what the viewer may do about its languages."""

    post: Post
    translations: list[PostTranslation]
    translation: PostTranslation | None  # the one shown; None shows the original
    asked_language: str  # a language asked for that has no translation yet, else ""
    can_translate: bool
    can_set_language: bool
    changeable: list[PostTranslation]  # the translations this viewer may change or delete
    untranslated: list[tuple[str, str]]  # (code, name): languages nobody has translated into


def _translations_of(post: Post) -> list[PostTranslation]:
    return list(
        PostTranslation.objects.filter(post=post).select_related("translator").order_by("language")
    )


def post_to_translate(viewer: Viewer, post_id: int) -> Post:
    """A post the viewer may read, with its thread and forum; hidden ones for facilitators."""
    post = readable_post(viewer, post_id)
    if post.is_hidden and not can_moderate(viewer):
        raise Http404("This post is hidden.")
    return post


def post_translations(viewer: Viewer, post_id: int, language: str) -> PostTranslations:
    """The post in `language` (its original when that is its own, empty or unknown)."""
    post = post_to_translate(viewer, post_id)
    translations = _translations_of(post)
    for translation in translations:
        translation.post = post  # spare the permission checks a query each
    shown = next((t for t in translations if t.language == language), None)
    asked = language if shown is None and language in CONTENT_LANGUAGES else ""
    if asked == post.language:
        asked = ""
    translated = {post.language, *(t.language for t in translations)}
    return PostTranslations(
        post=post,
        translations=translations,
        translation=shown,
        asked_language=asked,
        can_translate=can_translate_post(
            viewer, post, has_posted_in_thread=has_posted_in(viewer, post.thread)
        ),
        can_set_language=can_set_post_language(viewer, post),
        changeable=[t for t in translations if can_change_translation(viewer, t)],
        untranslated=[
            (code, language_name(code)) for code in CONTENT_LANGUAGES if code not in translated
        ],
    )


def translation_to_change(viewer: Viewer, post_id: int, language: str) -> PostTranslation:
    """A translation of a post the viewer may read, with its post, thread and translator
    (the service checks whether the viewer may change it)."""
    post = post_to_translate(viewer, post_id)
    translation = get_object_or_404(
        PostTranslation.objects.select_related("translator"), post=post, language=language[:8]
    )
    translation.post = post
    return translation
