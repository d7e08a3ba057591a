"""Starting a thread: the page, the service, and every way it can be refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Attachment, Forum, Post, Subscription, Thread
from tertulia.forums.services.threads import start_thread
from tests.factories import make_forum

pytestmark = pytest.mark.django_db

FRENCH = "Bonjour à toutes, je cherche des outils simples pour parler des violences."


def test_a_member_starts_a_thread_and_lands_on_it(member_client: Client, forum: Forum) -> None:
    response = member_client.post(
        "/forums/general/new/",
        {"title": "  Outils pour les jeunes  ", "body": FRENCH, "tags": "jeunes, violences"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/forums/t/{thread.pk}/"
    assert thread.title == "Outils pour les jeunes"
    assert thread.language == "fr"
    assert sorted(tag.name for tag in thread.tags.all()) == ["jeunes", "violences"]
    post = Post.objects.get()
    assert (post.position, post.body_html) == (1, f"<p>{FRENCH}</p>\n")
    forum.refresh_from_db()
    assert (forum.thread_count, forum.post_count, forum.last_post_id) == (1, 1, post.pk)
    assert (thread.post_count, thread.reply_count, thread.last_post_id) == (1, 0, post.pk)


def test_the_author_follows_the_new_thread(member: Member, forum: Forum) -> None:
    thread = start_thread(member, forum, title="A question", body="What do you think?")

    assert Subscription.objects.filter(member=member, thread=thread).exists()


def test_the_author_can_choose_the_language(member: Member, forum: Forum) -> None:
    thread = start_thread(member, forum, title="Pregunta", body=FRENCH, language="es")

    assert thread.language == "es"


def test_the_form_shows_the_fields_and_a_preview_button(
    member_client: Client, forum: Forum
) -> None:
    body = member_client.get("/forums/general/new/").content.decode()

    for label in ('for="id_title"', 'for="id_body"', 'for="id_language"', 'for="id_tags"'):
        assert label in body
    assert 'name="submission_key"' in body
    assert 'name="preview"' in body


def test_preview_shows_the_rendered_text_and_saves_nothing(
    member_client: Client, forum: Forum
) -> None:
    response = member_client.post(
        "/forums/general/new/", {"title": "Draft", "body": "Some **bold** idea", "preview": "1"}
    )

    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.content.decode()
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "A body", "Give your thread a title."),
        ("   \t ", "A body", "Give your thread a title."),
        ("A title", "", "Write something before posting."),
        ("A title", " \n\n \t ", "Write something before posting."),
        ("A\u202etitle", "A body", "invisible text-direction characters"),
        ("x" * 201, "A body", "Keep the title under 200 characters."),
    ],
)
def test_empty_or_bad_titles_and_bodies_are_refused(
    member_client: Client, forum: Forum, title: str, body: str, message: str
) -> None:
    response = member_client.post("/forums/general/new/", {"title": title, "body": body})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Thread.objects.exists()
    assert not Post.objects.exists()


def test_a_one_megabyte_post_gets_a_clear_message(member_client: Client, forum: Forum) -> None:
    response = member_client.post(
        "/forums/general/new/", {"title": "Long", "body": "a" * (1024 * 1024)}
    )

    assert response.status_code == 200
    assert "1,048,576 characters long; a post can hold 50,000" in response.content.decode()
    assert not Thread.objects.exists()


def test_raw_html_scripts_and_dangerous_links_are_neutralised(member: Member, forum: Forum) -> None:
    body = (
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)">\n\n'
        "[a](javascript:alert(3)) [b](data:text/html;base64,PHNjcmlwdD4=) "
        "[c](vbscript:msgbox(4)) [ok](https://example.org)\n\n"
        '<a href="#" onclick="alert(5)">click</a>'
    )

    thread = start_thread(member, forum, title="<b>Bold</b> title", body=body)

    html = Post.objects.get(thread=thread).body_html
    for dangerous in ("<script", "onerror", "onclick"):
        assert dangerous not in html
    for scheme in ("javascript:", "data:", "vbscript:"):
        assert f'href="{scheme}' not in html  # left as plain text, never a link
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_a_title_with_html_shows_as_text(client: Client, member: Member, forum: Forum) -> None:
    thread = start_thread(member, forum, title="<script>alert(1)</script>", body="Text")

    body = client.get(f"/forums/t/{thread.pk}/").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_ten_thousand_nested_quotes_are_saved_without_error(
    member_client: Client, forum: Forum
) -> None:
    response = member_client.post(
        "/forums/general/new/", {"title": "Deep", "body": ">" * 10_000 + " hi\n\n" + "- " * 5000}
    )

    assert response.status_code == 302
    assert Post.objects.get().body_html


def test_members_cannot_start_threads_where_only_facilitators_write(
    member_client: Client, facilitator_client: Client
) -> None:
    make_forum(title="Announcements", slug="announcements", write_access=Access.FACILITATORS)

    refused = member_client.post("/forums/announcements/new/", {"title": "Hi", "body": "Hello"})
    allowed = facilitator_client.post(
        "/forums/announcements/new/", {"title": "News", "body": "Hello"}
    )

    assert refused.status_code == 403
    assert "Only facilitators can post in this forum." in refused.content.decode()
    assert allowed.status_code == 302
    assert list(Thread.objects.values_list("title", flat=True)) == ["News"]


def test_the_new_thread_page_is_refused_where_the_member_cannot_write(
    member_client: Client,
) -> None:
    make_forum(title="Announcements", slug="announcements", write_access=Access.FACILITATORS)

    response = member_client.get("/forums/announcements/new/")

    assert response.status_code == 403
    assert "Only facilitators can post in this forum." in response.content.decode()


def test_members_cannot_start_threads_in_a_forum_they_cannot_read(
    member_client: Client, member: Member
) -> None:
    make_forum(title="Team room", slug="team", read_access=Access.FACILITATORS)

    response = member_client.post("/forums/team/new/", {"title": "Hi", "body": "Hello"})

    assert response.status_code == 403
    assert not Thread.objects.exists()


def test_visitors_are_sent_to_sign_in(client: Client, forum: Forum) -> None:
    response = client.post("/forums/general/new/", {"title": "Hi", "body": "Hello"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Thread.objects.exists()


def test_an_unknown_forum_is_not_found(member_client: Client) -> None:
    assert member_client.get("/forums/nowhere/new/").status_code == 404


def test_the_same_form_sent_twice_starts_one_thread(member_client: Client, forum: Forum) -> None:
    data = {"title": "Once", "body": "Only once please", "submission_key": "key-1"}

    first = member_client.post("/forums/general/new/", data)
    second = member_client.post("/forums/general/new/", data)

    assert Thread.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_service_refuses_with_field_errors(member: Member, forum: Forum) -> None:
    with pytest.raises(ValidationError) as caught:
        start_thread(member, forum, title=" ", body=" ")

    assert set(caught.value.message_dict) == {"title", "body"}


def test_the_service_checks_write_access(member: Member) -> None:
    forum = make_forum(title="News", write_access=Access.FACILITATORS)

    with pytest.raises(PermissionDenied, match="Only facilitators"):
        start_thread(member, forum, title="Hi", body="Hello")


def test_a_thread_can_start_with_a_document(member_client: Client, forum: Forum) -> None:
    document = SimpleUploadedFile("notes.csv", b"name,country\nAna,BR\n", "text/csv")

    response = member_client.post(
        "/forums/general/new/", {"title": "Our list", "body": "Attached.", "file_1": document}
    )

    assert response.status_code == 302
    assert Attachment.objects.get().post == Post.objects.get()
