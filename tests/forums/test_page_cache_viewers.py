"""Cached forum pages never show one viewer what belongs to another: each test has one
viewer fill the caches first, then checks what a different viewer sees."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.fragments import csrf_placeholder
from tertulia.forums.models import ForumKind, Post, Reaction, Thread
from tertulia.forums.services.reactions import like_post
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def thread_url(thread: Thread) -> str:
    return f"/forums/t/{thread.pk}/"


def test_a_like_button_says_unlike_only_to_who_liked(
    member: Member, member_client: Client, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)
    like_post(member, first)
    other = client_for(make_member())

    mine = page_text(member_client.get(thread_url(thread)))
    theirs = page_text(other.get(thread_url(thread)))

    assert f'action="/forums/p/{first.pk}/unlike/"' in mine
    assert f'action="/forums/p/{first.pk}/like/"' in theirs
    assert f'action="/forums/p/{first.pk}/unlike/"' not in theirs


def test_a_post_waiting_for_approval_shows_to_its_author_only(
    member: Member, member_client: Client, client: Client, thread: Thread
) -> None:
    add_post(thread=thread, author=member, body="My held reply", is_approved=False)

    assert "My held reply" in page_text(member_client.get(thread_url(thread)))
    assert "My held reply" not in page_text(client.get(thread_url(thread)))
    assert "My held reply" not in page_text(client_for(make_member()).get(thread_url(thread)))


def test_facilitators_tools_and_hidden_text_stay_with_facilitators(
    facilitator_client: Client, member_client: Client, client: Client, thread: Thread
) -> None:
    add_post(thread=thread, body="Hidden words", is_hidden=True, hidden_reason="Spam")

    moderated = page_text(facilitator_client.get(thread_url(thread)))
    assert "Hidden words" in moderated
    assert "Hide the post" in moderated
    for browser in (member_client, client):
        body = page_text(browser.get(thread_url(thread)))
        assert "Hidden words" not in body
        assert "Reason: Spam" not in body
        assert "Hide the post" not in body
        assert "Moderate thread" not in body


def test_own_posts_get_edit_and_delete_others_do_not(
    member: Member, member_client: Client, thread: Thread
) -> None:
    mine = add_post(thread=thread, author=member, body="Mine to edit")
    other = client_for(make_member())

    assert f'href="/forums/p/{mine.pk}/edit/"' in page_text(member_client.get(thread_url(thread)))
    body = page_text(other.get(thread_url(thread)))
    assert f'href="/forums/p/{mine.pk}/edit/"' not in body
    assert f'action="/forums/p/{mine.pk}/delete/"' not in body


def test_visitors_get_no_forms_members_read_before_them(
    member_client: Client, client: Client, thread: Thread
) -> None:
    member_client.get(thread_url(thread))

    body = page_text(client.get(thread_url(thread)))

    assert 'name="csrfmiddlewaretoken"' not in body.split('<main id="main"', 1)[1]
    assert "Sign in to reply." in body


def test_new_marks_belong_to_each_member(
    member: Member, member_client: Client, thread: Thread
) -> None:
    member_client.get(thread_url(thread))
    add_post(thread=thread, body="Fresh reply")
    never_read = client_for(make_member())

    assert page_text(member_client.get(thread_url(thread))).count("badge badge-new") == 1
    assert page_text(never_read.get(thread_url(thread))).count("badge badge-new") == 0


def test_unread_badges_in_the_list_belong_to_each_member(
    member_client: Client, thread: Thread
) -> None:
    member_client.get(thread_url(thread))
    add_post(thread=thread, body="Fresh reply")
    never_read = client_for(make_member())

    assert "1 unread" in page_text(member_client.get("/forums/general/"))
    theirs = page_text(never_read.get("/forums/general/"))
    assert "1 unread" not in theirs
    assert ">New<" in theirs


def test_a_members_thread_waiting_for_approval_is_listed_for_them_only(
    member: Member, member_client: Client, client: Client, thread: Thread
) -> None:
    waiting = Thread.objects.create(forum=thread.forum, author=member, title="My waiting thread")
    add_post(thread=waiting, author=member, is_approved=False)
    Thread.objects.filter(pk=waiting.pk).update(last_post=None)

    assert "My waiting thread" not in page_text(client.get("/forums/general/"))
    assert "My waiting thread" in page_text(member_client.get("/forums/general/"))
    assert "My waiting thread" not in page_text(client_for(make_member()).get("/forums/general/"))


def test_question_and_answer_rule_holds_for_each_member(other_member: Member) -> None:
    forum = make_forum(title="Ask", slug="ask", kind=ForumKind.QUESTION_AND_ANSWER)
    question = make_thread(forum=forum, author=other_member, body="Which one?")
    answerer = make_member()
    add_post(thread=question, author=answerer, body="My answer")

    assert "My answer" in page_text(client_for(answerer).get(thread_url(question)))
    assert "My answer" not in page_text(client_for(make_member()).get(thread_url(question)))
    assert "My answer" in page_text(client_for(other_member).get(thread_url(question)))


def test_each_language_and_time_zone_gets_its_own_html(thread: Thread) -> None:
    english = client_for(make_member(interface_language="en", time_zone="Asia/Tokyo"))
    spanish = client_for(make_member(interface_language="es", time_zone="America/Lima"))

    tokyo = page_text(english.get(thread_url(thread)))
    lima = page_text(spanish.get(thread_url(thread)))

    assert re.search(r'<time class="meta" datetime="[^"]+\+09:00"', tokyo)
    assert re.search(r'<time class="meta" datetime="[^"]+-05:00"', lima)
    assert '<html lang="es">' in lima


def test_forms_in_cached_html_carry_the_readers_own_token(member: Member, thread: Thread) -> None:
    first = Post.objects.get(thread=thread, position=1)
    make_member_read = client_for(make_member())
    make_member_read.get(thread_url(thread))  # someone else fills the caches
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    body = page_text(browser.get(thread_url(thread)))
    token = re.search(
        rf'action="/forums/p/{first.pk}/like/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        body,
        re.S,
    )

    assert token is not None
    assert csrf_placeholder() not in body
    response = browser.post(f"/forums/p/{first.pk}/like/", {"csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302
    assert Reaction.objects.filter(post=first, member=member).exists()


def test_a_post_holding_the_placeholder_gets_no_token_written_into_it(
    member_client: Client, thread: Thread
) -> None:
    # The placeholder is secret; even someone who knew it gets it back unchanged.
    placeholder = csrf_placeholder()
    add_post(thread=thread, body=f"[look](https://example.org/?t={placeholder})")

    body = page_text(member_client.get(thread_url(thread)))

    assert f"https://example.org/?t={placeholder}" in body
