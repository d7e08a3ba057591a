"""Members' translations are searched with their post: a Spanish search finds the English
post somebody translated, and stops finding it once the translation is deleted."""

from __future__ import annotations

import pytest

from tertulia.accounts.models import Member
from tertulia.forums.models import Post, Thread
from tertulia.forums.search_documents import PostSource
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.translations import (
    add_post_translation,
    delete_post_translation,
    edit_post_translation,
)
from tests.factories import make_member
from tests.search.conftest import urls

pytestmark = pytest.mark.django_db


def test_a_translated_reply_is_found_by_its_translation(thread: Thread, member: Member) -> None:
    reply = post_reply(make_member(), thread, body="We use a ball of wool.")

    translation = add_post_translation(
        member, reply, language="es", body="Usamos un ovillo de lana."
    )
    assert urls("ovillo") == [f"/forums/p/{reply.pk}/"]
    assert urls("wool") == [f"/forums/p/{reply.pk}/"]  # the original still is

    edit_post_translation(member, translation, body="Usamos una pelota.")
    assert urls("ovillo") == []
    assert urls("pelota") == [f"/forums/p/{reply.pk}/"]

    delete_post_translation(member, translation)
    assert urls("pelota") == []


def test_a_translated_opening_post_makes_its_thread_found(thread: Thread, member: Member) -> None:
    opening = Post.objects.get(thread=thread, position=1)

    add_post_translation(member, opening, language="fr", body="Je commence par un tour de noms.")

    assert urls("commence") == [f"/forums/t/{thread.pk}/"]


def test_a_full_reindex_reads_translations_in_batches(thread: Thread, member: Member) -> None:
    replies = [post_reply(make_member(), thread, body=f"Reply {n}") for n in range(3)]
    add_post_translation(member, replies[1], language="es", body="Respuesta traducida.")

    documents = {document.object_id: document for document in PostSource().documents()}

    assert documents[replies[1].pk].body == "Reply 1\n\nRespuesta traducida."
    assert documents[replies[0].pk].body == "Reply 0"
