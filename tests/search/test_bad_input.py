"""Whatever is typed into the search box, the page answers calmly: results or a message."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.search.query import MAX_QUERY_LENGTH, parse_query
from tests.search.conftest import document, index, urls

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    '"',
    '"""',
    '"unclosed phrase',
    "*",
    "train*",
    "NEAR",
    "NEAR(gender budget)",
    "gender NEAR/2 budget",
    "-gender",
    "gender -budget",
    "title:gender",
    "{title body}: gender",
    "(gender",
    "gender)",
    "^gender",
    "gender AND OR NOT",
    "a & b | !c <-> d:*",
    "'; DROP TABLE search_searchdocument; --",
    "1 OR 1=1",
    "%",
    "\\",
    "😀 🚀",
    "ジェンダー",
    "مساواة",
    "\u200b\u200d",
    "gender\u0301",
    "x" * 10_000,
    "gender " * 3_000,
]


@pytest.mark.parametrize("text", NASTY_QUERIES)
def test_query_syntax_and_odd_input_never_fail(client: Client, text: str) -> None:
    index(document(1, title="Gender budget training", body="Gender budgeting near you"))
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200


def test_syntax_characters_are_read_as_separators() -> None:
    index(document(1, title="Gender budget training"))
    for text in ('"gender', "gender*", "-gender", "gender:budget", "(gender)", "^gender"):
        assert urls(text) == ["/notes/1/"], text
    assert urls("NEAR") == []
    assert urls("'; DROP TABLE search_searchdocument; --") == []
    assert urls("gender") == ["/notes/1/"]


def test_quoted_words_are_a_phrase() -> None:
    index(
        document(1, body="the unpaid care work at home"),
        document(2, body="care for the work that is unpaid"),
    )
    assert urls('"unpaid care work"') == ["/notes/1/"]
    assert sorted(urls("unpaid care work")) == ["/notes/1/", "/notes/2/"]


def test_long_query_is_cut_with_a_notice(client: Client) -> None:
    index(document(1, title="Gender budget training"))
    page = client.get("/search/", {"q": "gender " + "x" * 10_000}).content.decode()
    assert "only its first 200 characters were used" in page
    assert "/notes/1/" not in page  # the long word is searched for too
    assert len(parse_query("y" * 10_000).text) == MAX_QUERY_LENGTH


def test_empty_query_shows_the_form_and_a_hint_without_searching(
    client: Client, django_assert_num_queries: object
) -> None:
    for params in ({}, {"q": ""}, {"q": "   "}):
        page = client.get("/search/", params).content.decode()
        assert 'role="search"' in page
        assert "Put words in double quotes" in page
        assert "result" not in page.split("</form>")[1].split("<footer")[0]


def test_query_without_any_word_says_so(client: Client) -> None:
    page = client.get("/search/", {"q": '"*" - ( ) ^ :'}).content.decode()
    assert "Your search has no words to look for" in page


def test_bad_filters_get_a_message_at_the_field(client: Client) -> None:
    page = client.get(
        "/search/",
        {"q": "gender", "type": "nonsense", "language": "xx", "date_from": "2025-13-45"},
    ).content.decode()
    assert page.count('aria-invalid="true"') == 3
    assert "Select a valid choice" in page
    assert "Enter a valid date" in page


def test_end_date_before_start_date_is_refused(client: Client) -> None:
    page = client.get(
        "/search/", {"q": "gender", "date_from": "2025-05-01", "date_to": "2025-04-01"}
    ).content.decode()
    assert "The end date is before the start date." in page


def test_null_character_is_refused_with_a_message(client: Client) -> None:
    response = client.get("/search/", {"q": "gender\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "-1", "0", "99999", "1e9", "1" * 400])
def test_any_page_number_gives_a_page(client: Client, page_number: str) -> None:
    index(document(1, title="Gender budget training"))
    response = client.get("/search/", {"q": "gender", "page": page_number})
    assert response.status_code == 200
    assert "/notes/1/" in response.content.decode()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"date_to": "9999-12-31"}, "between the years 1900 and 2999"),
        ({"date_from": "0001-01-01"}, "between the years 1900 and 2999"),
        ({"date_to": "2024-02-30"}, "Enter a valid date"),
    ],
)
def test_dates_out_of_any_calendar_get_a_message(
    client: Client, dates: dict[str, str], message: str
) -> None:
    index(document(1, title="Gender budget training"))
    response = client.get("/search/", {"q": "gender", **dates})
    assert response.status_code == 200
    assert message in response.content.decode()
