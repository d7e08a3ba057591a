"""Only members who may read a post translate it; only its translator and the
facilitators change or delete a translation. Refusals change nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, ForumKind, Post, PostTranslation, Thread
from tertulia.forums.services.translations import add_post_translation
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

SPANISH = "Empiezo con una ronda de nombres."


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


def test_a_visitor_reads_translations_but_is_asked_to_sign_in_to_translate(
    client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body=SPANISH)

    page = page_text(client.get(f"/forums/p/{post.pk}/translations/?lang=es"))
    form = client.get(f"/forums/p/{post.pk}/translations/new/")
    sent = client.post(
        f"/forums/p/{post.pk}/translations/new/", {"language": "fr", "body": "Les noms."}
    )

    assert SPANISH in page
    assert "Sign in to translate this post." in page
    assert "Add a translation" not in page
    assert form.status_code == sent.status_code == 302
    assert form["Location"].startswith("/accounts/login/")
    assert list(PostTranslation.objects.values_list("language", flat=True)) == ["es"]


def test_a_visitor_sees_no_translate_link_on_the_thread(client: Client, thread: Thread) -> None:
    page = page_text(client.get(f"/forums/t/{thread.pk}/"))

    assert "/translations/new/" not in page


def test_a_member_sees_a_translate_link_on_each_post(member_client: Client, thread: Thread) -> None:
    post = opening(thread)

    page = page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    assert f'href="/forums/p/{post.pk}/translations/new/"' in page


def test_a_member_who_cannot_read_a_restricted_forum_cannot_translate_or_read(
    member_client: Client,
) -> None:
    restricted = make_forum(title="Facilitators", read_access=Access.FACILITATORS)
    thread = make_thread(forum=restricted, title="Planning", body="Our plans for May.")
    post = opening(thread)

    reading = member_client.get(f"/forums/p/{post.pk}/translations/")
    form = member_client.get(f"/forums/p/{post.pk}/translations/new/")
    sent = member_client.post(
        f"/forums/p/{post.pk}/translations/new/", {"language": "es", "body": "Nuestros planes."}
    )

    assert reading.status_code == form.status_code == sent.status_code == 403
    assert "Our plans for May." not in page_text(reading)
    assert not PostTranslation.objects.exists()


def test_a_visitor_cannot_read_translations_in_a_members_only_forum(
    client: Client, member: Member
) -> None:
    closed = make_forum(title="Members", read_access=Access.MEMBERS)
    thread = make_thread(forum=closed, title="Inside", body="For members only.")
    add_post_translation(member, opening(thread), language="es", body="Solo para miembros.")

    response = client.get(f"/forums/p/{opening(thread).pk}/translations/?lang=es")

    assert response.status_code == 403
    assert "Solo para miembros." not in page_text(response)


def test_someone_else_cannot_edit_or_delete_a_translation(member: Member, thread: Thread) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body=SPANISH)
    stranger = client_for(make_member())

    page = page_text(stranger.get(f"/forums/p/{post.pk}/translations/?lang=es"))
    edit_form = stranger.get(f"/forums/p/{post.pk}/translations/es/edit/")
    edited = stranger.post(f"/forums/p/{post.pk}/translations/es/edit/", {"body": "Otro."})
    deleted = stranger.post(f"/forums/p/{post.pk}/translations/es/delete/", {"confirm": "1"})

    assert "/translations/es/edit/" not in page
    assert edit_form.status_code == edited.status_code == deleted.status_code == 403
    assert "Only its translator and the facilitators can change a translation." in page_text(edited)
    assert PostTranslation.objects.get(post=post).body == SPANISH


def test_the_posts_author_cannot_change_a_members_translation_either(
    member: Member, other_member: Member, thread: Thread
) -> None:
    post = opening(thread)  # written by other_member
    add_post_translation(member, post, language="es", body=SPANISH)

    response = client_for(other_member).post(
        f"/forums/p/{post.pk}/translations/es/delete/", {"confirm": "1"}
    )

    assert response.status_code == 403
    assert PostTranslation.objects.filter(post=post).exists()


def test_an_answer_stays_closed_to_a_member_who_has_not_answered_yet(
    member_client: Client,
) -> None:
    qa = make_forum(title="Questions", kind=ForumKind.QUESTION_AND_ANSWER)
    thread = make_thread(forum=qa, title="How do you evaluate?", body="Tell us how.")
    answer = add_post(thread=thread, author=make_member(), body="With a questionnaire.")

    reading = member_client.get(f"/forums/p/{answer.pk}/translations/")
    sent = member_client.post(
        f"/forums/p/{answer.pk}/translations/new/", {"language": "es", "body": "Con encuesta."}
    )

    assert reading.status_code == sent.status_code == 404
    assert not PostTranslation.objects.exists()
