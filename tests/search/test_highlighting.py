"""Results show their matched words in <mark>, and member text is always escaped."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import add_post, make_thread
from tests.search.conftest import document, found, index

pytestmark = pytest.mark.django_db


def test_matched_words_and_their_other_forms_are_marked_in_title_and_snippet() -> None:
    index(
        document(
            1,
            title="Trainings for trainers",
            body="Our training of police officers started in 2019 with a pilot.",
        )
    )
    [result] = found("training")
    assert str(result.title) == "<mark>Trainings</mark> for trainers"
    assert str(result.snippet) == (
        "Our <mark>training</mark> of police officers started in 2019 with a pilot."
    )


def test_accents_are_kept_in_the_text_and_marked() -> None:
    index(document(1, body="Una formación feminista para todas.", language="es"))
    [result] = found("formacion")
    assert str(result.snippet) == "Una <mark>formación</mark> feminista para todas."


def test_snippet_is_cut_around_the_first_match() -> None:
    words = " ".join(f"word{number}" for number in range(200))
    index(document(1, body=f"{words} masculinities {words}"))
    [result] = found("masculinities")
    snippet = str(result.snippet)
    assert snippet.startswith("… word192 ")
    assert "<mark>masculinities</mark>" in snippet
    assert snippet.endswith(" …")
    assert len(snippet) < 400


def test_member_markup_is_escaped_and_only_our_mark_is_html(client: Client) -> None:
    thread = make_thread(title="<b>Bold</b> ideas", body="Opening")
    add_post(
        thread=thread,
        body='Try this: <script>alert("x")</script> & <img src=x onerror=alert(1)> ideas',
    )
    [result] = found("try")
    snippet = str(result.snippet)
    assert "<script" not in snippet
    assert "<img" not in snippet
    assert snippet.count("<") == snippet.count("<mark>") + snippet.count("</mark>")

    page = client.get("/search/", {"q": "ideas"}).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; <mark>ideas</mark>" in page
    assert "<script>alert" not in page
    assert "onerror=alert(1)>" not in page
