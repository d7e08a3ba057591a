"""Question-and-answer forums: members see the other answers after posting their own."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import ForumKind, Post, Thread
from tertulia.forums.services.posts import post_reply
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(other_member: Member) -> Thread:
    forum = make_forum(title="Ask", slug="ask", kind=ForumKind.QUESTION_AND_ANSWER)
    thread = make_thread(
        forum=forum, author=other_member, title="Your one indicator?", body="Which one and why?"
    )
    add_post(thread=thread, author=make_member(), body="Answer from Ana")
    add_post(thread=thread, author=make_member(), body="Answer from Bo")
    return thread


def test_before_answering_a_member_sees_only_the_question(
    member_client: Client, question: Thread
) -> None:
    body = page_text(member_client.get(f"/forums/t/{question.pk}/"))

    assert "Which one and why?" in body
    assert "Answer from Ana" not in body
    assert "Answer from Bo" not in body
    assert "you will see the other members' answers after you post your own" in body
    assert "2 answers are waiting for you" in body


def test_after_answering_the_member_sees_every_answer(
    member: Member, member_client: Client, question: Thread
) -> None:
    post_reply(member, question, body="Mine: practice changed")

    body = page_text(member_client.get(f"/forums/t/{question.pk}/"))

    for text in ("Answer from Ana", "Answer from Bo", "Mine: practice changed"):
        assert text in body


def test_the_one_who_asked_and_facilitators_see_every_answer(
    other_member: Member, facilitator_client: Client, question: Thread
) -> None:
    for browser in (client_for(other_member), facilitator_client):
        body = page_text(browser.get(f"/forums/t/{question.pk}/"))
        assert "Answer from Ana" in body
        assert "Answer from Bo" in body


def test_visitors_see_only_the_question(client: Client, question: Thread) -> None:
    body = page_text(client.get(f"/forums/t/{question.pk}/"))

    assert "Which one and why?" in body
    assert "Answer from Ana" not in body


def test_a_permalink_to_an_answer_is_closed_before_answering(
    member: Member, member_client: Client, question: Thread
) -> None:
    answer = Post.objects.get(thread=question, position=2)

    assert member_client.get(f"/forums/p/{answer.pk}/").status_code == 404
    assert member_client.get(f"/forums/t/{question.pk}/?quote={answer.pk}").status_code == 200
    assert "Answer from Ana" not in page_text(
        member_client.get(f"/forums/t/{question.pk}/?quote={answer.pk}")
    )
    post_reply(member, question, body="Now I answered")
    assert member_client.get(f"/forums/p/{answer.pk}/").status_code == 302


def test_a_members_answers_are_not_listed_for_those_who_have_not_answered(
    member_client: Client, question: Thread
) -> None:
    answerer = Post.objects.get(thread=question, position=2).author

    body = page_text(member_client.get(f"/forums/members/{answerer.pk}/posts/"))

    assert "Answer from Ana" not in body


def test_the_forum_page_explains_the_rule(client: Client, question: Thread) -> None:
    body = page_text(client.get("/forums/ask/"))

    assert "This is a question-and-answer forum" in body
