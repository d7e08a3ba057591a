"""What is kept of a mail: the member's new text, without quotes or signature."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from tertulia.notifications.inbound.html_text import html_to_text
from tertulia.notifications.inbound.parsing import parse_message, read_content
from tertulia.notifications.inbound.quotes import remove_quotes
from tests.images import png
from tests.notifications.mails import load


@pytest.mark.parametrize(
    ("fixture", "kept", "dropped"),
    [
        (
            "thunderbird_reply.eml",
            'at home for "work": it brings out unpaid care work before we even name it. Then',
            ["wrote:", "round of names. What do you do?", "Formatrice", "-- "],
        ),
        (
            "gmail_reply_es.eml",
            "¿qué trabajo\nhiciste ayer que nadie te pagó?",
            ["escribió", "What do you do?", "reply+"],
        ),
        (
            "outlook_reply_fr.eml",
            "chacun dit ce qu\u2019il a fait hier à la maison. C\u2019est le point de départ",
            ["De :", "Envoyé", "What do you do?", "_____"],
        ),
        (
            "base64_reply_fr.eml",
            "chacun place sa ville et dit une chose qu\u2019il ou elle attend de l\u2019atelier.",
            ["a écrit", "What do you do?", "Envoyé de mon iPhone"],
        ),
        (
            "windows1252_reply.eml",
            "We use the “walk of privilege” \u2013 people step forward or back",
            ["Original Message", "From:", "round of names"],
        ),
        (
            "html_only.eml",
            "- tea & biscuits\n\nThe handout is on [our site](https://example.org/handout).",
            ["alert", "margin", "a écrit", "What do you do?", "Re: replied"],
        ),
    ],
)
def test_each_mail_client_reply_keeps_only_the_new_text(
    fixture: str, kept: str, dropped: list[str]
) -> None:
    text = read_content(parse_message(load(fixture))).text

    assert kept in text
    for unwanted in dropped:
        assert unwanted not in text


def test_an_interleaved_reply_keeps_the_answers_between_the_quotes() -> None:
    text = remove_quotes(
        "On Mon, 3 Nov 2025, Wanjiru wrote:\n"
        "> How long is your workshop?\n"
        "\n"
        "Two days.\n"
        "\n"
        "> And how many people?\n"
        "\n"
        "Twenty at most.\n"
    )

    assert text == "Two days.\n\nTwenty at most."


def test_a_line_that_only_looks_like_an_attribution_stays() -> None:
    text = "On Monday the facilitator wrote:\nthe agenda, and we followed it.\n\nThanks"

    assert remove_quotes(text) == text


def test_english_outlook_header_block_and_mobile_signature_go() -> None:
    text = remove_quotes(
        "Yes, count me in.\n\nSent from my iPhone\n\n"
        "From: Wanjiru Kamau Otieno via Tertulia <noreply@example.org>\n"
        "Sent: Monday, November 3, 2025 10:02 AM\n"
        "To: Nadège\n"
        "Subject: Workshop\n\n"
        "Who wants to join?\n"
    )

    assert text == "Yes, count me in."


def test_a_signature_separator_without_its_space_still_ends_the_text() -> None:
    assert remove_quotes("See you there.\n--\nNadège\n+242 06 000 0000") == "See you there."


def test_html_line_breaks_lists_and_links_become_markdown_text() -> None:
    text = html_to_text(
        "<div>Hello,<br>two points:</div><ol><li>first</li><li>second</li></ol>"
        '<p>Mail <a href="mailto:ana@example.org">ana@example.org</a> or read '
        '<a href="https://example.org/a?b=1&amp;c=2">the notes</a>.</p>'
        '<div class="gmail_signature">Ana, trainer</div>'
    )

    assert text == (
        "Hello,\ntwo points:\n\n1. first\n2. second\n\n"
        "Mail ana@example.org or read [the notes](https://example.org/a?b=1&c=2)."
    )


def test_a_latin1_label_on_windows_1252_text_is_read_as_meant() -> None:
    raw = (
        b"From: a@example.org\nSubject: x\nContent-Type: text/plain; charset=iso-8859-1\n"
        b"Content-Transfer-Encoding: 8bit\n\nIt\x92s \x93fine\x94 \xe0 Paris\n"
    )

    assert read_content(parse_message(raw)).text == "It\u2019s “fine” à Paris"


def test_an_unknown_charset_falls_back_without_failing() -> None:
    raw = (
        b"From: a@example.org\nSubject: x\nContent-Type: text/plain; charset=x-unheard-of\n\n"
        b"caf\xc3\xa9 ok\n"
    )

    assert read_content(parse_message(raw)).text == "café ok"


def test_pictures_inside_the_html_are_decoration_but_attached_files_are_kept() -> None:
    mail = EmailMessage()
    mail["From"] = "nadege@example.org"
    mail["Subject"] = "Map"
    mail.set_content("Here is the map.")
    mail.add_alternative('<p>Here is the map.</p><img src="cid:logo@example.org">', "html")
    html = mail.get_body(preferencelist=("html",))
    assert html is not None
    html.add_related(
        png(), "image", "png", cid="<logo@example.org>", filename="logo.png", disposition="inline"
    )
    mail.add_attachment(png(size=(30, 20)), "image", "png", filename="workshop-map.png")

    content = read_content(parse_message(mail.as_bytes()))

    assert content.text == "Here is the map."
    assert [file.filename for file in content.attachments] == ["workshop-map.png"]
    assert content.attachments[0].data.startswith(b"\x89PNG")
