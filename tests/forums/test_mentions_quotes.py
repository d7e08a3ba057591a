"""@mentions recorded on posts, and the Quote and Reply links that fill the reply box."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Post, Thread
from tertulia.forums.services.drafts import save_draft
from tertulia.forums.services.posts import edit_post, post_reply
from tertulia.forums.text import QUOTE_MAX_CHARS, quote_markdown, render_post_body
from tests.factories import add_post, make_member
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def test_a_bracketed_display_name_mentions_the_member(
    member: Member, other_member: Member, thread: Thread
) -> None:
    post = post_reply(member, thread, body="Thank you @[Wanjiru Kamau Otieno]!")

    assert list(post.mentions.all()) == [other_member]
    assert (
        f'<a href="/members/{other_member.pk}/" rel="nofollow ugc noopener">'
        "@Wanjiru Kamau Otieno</a>"
    ) in post.body_html


def test_names_match_without_case_accents_or_extra_spaces(member: Member, thread: Thread) -> None:
    post = post_reply(member, thread, body="Ask @[nadege   mamas mavoungou] please")

    assert list(post.mentions.all()) == [member]


def test_a_member_number_mentions_the_member(
    member: Member, other_member: Member, thread: Thread
) -> None:
    post = post_reply(member, thread, body=f"cc @{other_member.pk} and @[#{member.pk}]")

    assert set(post.mentions.all()) == {member, other_member}


def test_unknown_names_and_code_stay_plain_text(member: Member, thread: Thread) -> None:
    body = (
        "Hello @[Nobody Here], email me at a@1.org.\n\n"
        "`@[Wanjiru Kamau Otieno]`\n\n```\n@[Wanjiru Kamau Otieno]\n```"
    )

    post = post_reply(member, thread, body=body)

    assert not post.mentions.exists()
    assert "@[Nobody Here]" in post.body_html
    assert "<code>@[Wanjiru Kamau Otieno]</code>" in post.body_html


def test_inactive_members_are_not_mentioned(member: Member, thread: Thread) -> None:
    make_member(display_name="Gone Member", is_active=False)

    post = post_reply(member, thread, body="@[Gone Member]")

    assert not post.mentions.exists()


def test_markdown_in_a_name_does_not_break_the_link(db: None) -> None:
    odd = make_member(display_name="Ana *star* [x]")

    rendered = render_post_body(f"Hi @{odd.pk}")

    assert rendered.mentions == [odd]
    assert "@Ana *star* [x]</a>" in rendered.html


def test_editing_updates_the_mentions(member: Member, thread: Thread) -> None:
    post = post_reply(member, thread, body="@[Wanjiru Kamau Otieno]")

    edit_post(member, post, body="No one now")

    assert not post.mentions.exists()


def test_the_quote_link_fills_the_reply_box_with_a_linked_blockquote(
    member_client: Client, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    body = page_text(member_client.get(f"/forums/t/{thread.pk}/?quote={first.pk}"))

    assert f"&gt; [Wanjiru Kamau Otieno wrote](/forums/p/{first.pk}/):" in body
    assert "&gt; I start with a round of names. What do you do?" in body
    assert f'name="reply_to" value="{first.pk}"' in body
    assert f'href="?quote={first.pk}#reply"' in body


@pytest.mark.parametrize("raw", ["%C2%B2", "9" * 5000, "-1", "abc"])
def test_a_malformed_quote_link_shows_an_empty_reply_box(
    member_client: Client, thread: Thread, raw: str
) -> None:
    response = member_client.get(f"/forums/t/{thread.pk}/?quote={raw}&reply_to={raw}")

    assert response.status_code == 200
    assert "wrote](/forums/p/" not in page_text(response)


def test_a_posted_quote_shows_a_link_back_to_the_quoted_post(
    member: Member, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)
    quote = quote_markdown(
        author_name="Wanjiru Kamau Otieno", permalink=f"/forums/p/{first.pk}/", body=first.body
    )

    post = post_reply(member, thread, body=quote + "I agree.", reply_to=first)

    assert post.body_html.startswith(
        f'<blockquote>\n<p><a href="/forums/p/{first.pk}/" rel="nofollow ugc noopener">'
        "Wanjiru Kamau Otieno wrote</a>:</p>"
    )


def test_the_reply_link_sets_the_post_answered(member_client: Client, thread: Thread) -> None:
    first = Post.objects.get(thread=thread, position=1)

    body = page_text(member_client.get(f"/forums/t/{thread.pk}/?reply_to={first.pk}"))

    assert f'name="reply_to" value="{first.pk}"' in body
    assert "Replying to" in body
    assert "&gt; I start with" not in body


def test_quoting_a_hidden_post_or_a_missing_one_fills_nothing(
    member_client: Client, thread: Thread
) -> None:
    hidden = add_post(thread=thread, body="Secret words", is_hidden=True)

    body = page_text(member_client.get(f"/forums/t/{thread.pk}/?quote={hidden.pk}"))
    missing = member_client.get(f"/forums/t/{thread.pk}/?quote=999999&reply_to=abc")

    assert "Secret words" not in body
    assert missing.status_code == 200


def test_a_long_post_is_quoted_shortened() -> None:
    quote = quote_markdown(author_name="A", permalink="/forums/p/1/", body="word " * 5000)

    assert len(quote) < QUOTE_MAX_CHARS + 200
    assert quote.rstrip().endswith("…")


def test_a_quote_keeps_the_draft_already_typed(
    member: Member, member_client: Client, thread: Thread
) -> None:
    save_draft(member, thread, "My own start")
    first = Post.objects.get(thread=thread, position=1)

    body = page_text(member_client.get(f"/forums/t/{thread.pk}/?quote={first.pk}"))

    assert "My own start\n\n&gt; [Wanjiru" in body
