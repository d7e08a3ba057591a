"""Proceedings: the whole discussion as one document, in HTML and in PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.proceedings import proceedings, render_document, render_pdf
from tertulia.dialogues.services.summaries import save_summary
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.dialogues.factories import create
from tests.dialogues.test_dialogue_window_posting import FIRST_MINUTE
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(facilitator: Member) -> Dialogue:
    dialogue = create(facilitator)
    ana = make_member(display_name="Ana Beatriz Conceição")
    daniela = make_member(display_name="Daniela Moreno Alarcón")
    with time_machine.travel(FIRST_MINUTE + timedelta(days=1), tick=False):
        first = start_thread(
            ana, dialogue.forum, title="Cambio colectivo", body="El cambio es **colectivo**."
        )
        post_reply(daniela, first, body="Las escuelas feministas lo muestran.")
        spam = post_reply(daniela, first, body="Visit my shop for cheap things.")
        hide_post(facilitator, spam, reason="Spam")
    with time_machine.travel(FIRST_MINUTE + timedelta(days=2), tick=False):
        start_thread(daniela, dialogue.forum, title="Second thread", body="Evaluation matters.")
    return save_summary(facilitator, dialogue, text="We agreed on **three** things.")


def test_the_html_has_the_concept_note_first_then_every_visible_post_in_order(
    dialogue: Dialogue, facilitator_client: Client
) -> None:
    response = facilitator_client.get(f"/dialogues/{dialogue.number}/proceedings/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Why this dialogue") < page.index("Cambio colectivo")
    assert page.index("Cambio colectivo") < page.index("Second thread")
    assert page.index("<strong>colectivo</strong>") < page.index("Las escuelas feministas")
    assert "Ana Beatriz Conceição" in page
    assert "cheap things" not in page
    assert page.index("Second thread") < page.index("<strong>three</strong>")
    assert "<script" not in page


def test_the_pdf_is_a_pdf_of_the_same_document(
    dialogue: Dialogue, facilitator_client: Client
) -> None:
    response = facilitator_client.get(f"/dialogues/{dialogue.number}/proceedings.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert "proceedings-10-understanding-change" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert len(response.content) > 2_000


def test_the_pdf_never_fetches_pictures_from_other_sites(
    dialogue: Dialogue, facilitator: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = dialogue.forum.threads.first()
    assert thread is not None
    with time_machine.travel(FIRST_MINUTE + timedelta(days=3), tick=False):
        post_reply(facilitator, thread, body="![tracker](https://tracker.example.org/pixel.png)")
    fetched: list[str] = []

    def no_network(url: str, *args: object, **kwargs: object) -> object:
        fetched.append(url)
        raise AssertionError("no network in tests")

    # WeasyPrint's own fetcher opens addresses through urllib's OpenerDirector.
    monkeypatch.setattr("urllib.request.OpenerDirector.open", no_network)

    pdf = render_pdf(proceedings(Dialogue.objects.get(pk=dialogue.pk)))

    assert pdf.startswith(b"%PDF-")
    assert fetched == []


def test_the_document_takes_a_fixed_number_of_queries(
    dialogue: Dialogue, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(2):
        data = proceedings(dialogue)

    assert [len(item.posts) for item in data.threads] == [2, 1]
    assert data.post_count == 3


def test_the_document_is_laid_out_on_pages_with_its_text(dialogue: Dialogue) -> None:
    document = render_document(proceedings(dialogue))

    assert len(document.pages) >= 1
    text = " ".join(
        box.text
        for page in document.pages
        for box in _descendants(page._page_box)
        if getattr(box, "text", None)
    )
    assert "Cambio colectivo" in text
    assert "Daniela Moreno Alarcón" in text


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)
