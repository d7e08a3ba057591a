"""Composing an issue: sections pre-filled from the community's activity, then edited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone, translation

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.forums.models import Access
from tertulia.forums.text import escape_markdown
from tertulia.newsletters.models import Edition, Issue, IssueStatus, Section
from tertulia.newsletters.prefill import prefilled_sections
from tertulia.newsletters.services import compose
from tertulia.newsletters.services.compose import save_edition
from tests.dialogues.factories import make_dialogue
from tests.events.factories import make_event
from tests.factories import add_post, make_forum, make_thread
from tests.library.factories import make_resource
from tests.newsletters.newsletter_setup import draft, make_issue, mark_sent
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity() -> dict[str, Any]:
    """A month of community life, and some of what must stay out of the newsletter."""
    today = timezone.now().date()
    forum = make_forum(title="General discussion")
    busy = make_thread(forum=forum, title="Icebreakers that work across cultures")
    for _ in range(3):
        add_post(thread=busy, body="Here is ours.")
    quiet = make_thread(forum=forum, title="A quiet thread")
    hidden = make_forum(title="Facilitators' room", read_access=Access.FACILITATORS)
    make_thread(forum=hidden, title="Secret planning")
    return {
        "dialogue": make_dialogue(
            number=12,
            title="Care work and budgets",
            opens_on=today + timedelta(days=3),
            closes_on=today + timedelta(days=24),
        ),
        "event": make_event(title="Webinar: gender budgeting [live]"),
        "cancelled": make_event(title="Cancelled webinar", status="cancelled"),
        "resource": make_resource(title="Toolkit on *care* work", authors="UN Women"),
        "old_resource": make_resource(
            title="An old manual", published_at=timezone.now() - timedelta(days=90)
        ),
        "pending_resource": make_resource(title="Waiting resource", status="pending"),
        "training": make_training(
            title="Participatory Gender Audit", deadline_on=today + timedelta(days=10)
        ),
        "far_training": make_training(
            title="Next year's course",
            starts_on=today + timedelta(days=200),
            deadline_on=today + timedelta(days=150),
        ),
        "busy": busy,
        "quiet": quiet,
    }


def test_sections_list_the_activity_a_visitor_may_read(activity: dict[str, Any]) -> None:
    since = timezone.now() - timedelta(days=30)

    sections = {s.heading: s.body for s in prefilled_sections("en", since)}

    assert list(sections) == [
        "Virtual dialogues",
        "Coming events",
        "New in the resource library",
        "Trainings: applications closing soon",
        "Most active discussions",
    ]
    assert "[**12. Care work and budgets**]" in sections["Virtual dialogues"]
    assert "/dialogues/12/12-dialogue/" in sections["Virtual dialogues"]
    assert "Webinar: gender budgeting \\[live\\]" in sections["Coming events"]
    assert "Cancelled webinar" not in sections["Coming events"]
    library = sections["New in the resource library"]
    assert "Toolkit on \\*care\\* work" in library
    assert "UN Women" in library
    assert "An old manual" not in library
    assert "Waiting resource" not in library
    trainings = sections["Trainings: applications closing soon"]
    assert "Participatory Gender Audit" in trainings
    assert "Next year's course" not in trainings
    discussions = sections["Most active discussions"]
    assert discussions.index("Icebreakers") < discussions.index("A quiet thread")
    assert "4 new posts in General discussion" in discussions
    assert "Secret planning" not in discussions
    # Links are absolute: they are read in a mail client.
    assert f"(http://127.0.0.1:8000/forums/t/{activity['busy'].pk}/)" in discussions


def test_dates_are_written_in_the_edition_language(activity: dict[str, Any]) -> None:
    since = timezone.now() - timedelta(days=30)
    deadline = activity["training"].closing_day
    with translation.override("es"):
        spanish_day = formats.date_format(deadline, "DATE_FORMAT")  # "4 de junio de 2026"

    trainings = prefilled_sections("es", since)[3].body

    assert spanish_day in trainings
    assert " de " in spanish_day
    assert formats.date_format(deadline, "DATE_FORMAT") not in trainings


def test_nothing_to_report_gives_no_section() -> None:
    assert prefilled_sections("en", timezone.now() - timedelta(days=30)) == []


def test_markdown_in_titles_is_shown_literally() -> None:
    assert escape_markdown("[Draft] *Care* #1") == "\\[Draft\\] \\*Care\\* \\#1"


def test_an_entity_or_a_dash_in_a_title_is_shown_as_written() -> None:
    make_resource(title="Rights &copy; and\n- duties", authors="A & B")

    body = prefilled_sections("en", timezone.now() - timedelta(days=30))[0].body
    html = render_markdown(body)

    assert "Rights &amp;copy; and - duties" in html
    assert "©" not in html
    assert "A &amp; B" in html


def test_the_new_issue_page_is_prefilled_and_saving_makes_a_draft(
    activity: dict[str, Any], facilitator_client: Client, facilitator: Member
) -> None:
    page = facilitator_client.get("/newsletter/manage/new/").content.decode()
    assert "Icebreakers that work across cultures" in page
    assert 'name="sections-0-heading"' in page
    assert "Virtual dialogues" in page

    response = facilitator_client.post(
        "/newsletter/manage/new/",
        {
            "language": "en",
            "title": "The June newsletter",
            "introduction": "Hello **everyone**.",
            "sections-TOTAL_FORMS": "3",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "Coming events",
            "sections-0-body": "- Our webinar on [budgets](https://example.org/budgets)",
            "sections-1-heading": "",
            "sections-1-body": "",
            "sections-2-heading": "From the facilitators",
            "sections-2-body": "See you <script>alert(1)</script> soon!",
        },
    )

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/newsletter/manage/{issue.pk}/"
    assert issue.status == IssueStatus.DRAFT
    assert issue.created_by == facilitator
    edition = Edition.objects.get(issue=issue)
    assert edition.language == "en"
    assert edition.introduction_html == "<p>Hello <strong>everyone</strong>.</p>\n"
    sections = list(Section.objects.filter(edition=edition))
    assert [s.heading for s in sections] == ["Coming events", "From the facilitators"]
    assert "<script>" not in sections[1].body_html
    assert 'href="https://example.org/budgets"' in sections[0].body_html


def test_bad_input_is_explained_and_nothing_is_saved(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/newsletter/manage/new/",
        {
            "language": "en",
            "title": "",
            "introduction": "Hello.",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "A heading without text",
            "sections-0-body": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the issue a title." in page
    assert "Write this section&#x27;s text, or empty its heading." in page
    assert 'aria-describedby="id_title_helptext id_title_error"' in page
    assert not Issue.objects.exists()


def test_a_second_edition_starts_from_the_first_and_spanish_sections(
    activity: dict[str, Any], facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator)

    page = facilitator_client.get(f"/newsletter/manage/{issue.pk}/es/").content.decode()

    assert "Care work and budgets: the June newsletter" in page  # to translate
    assert "Icebreakers that work across cultures" in page
    response = facilitator_client.post(
        f"/newsletter/manage/{issue.pk}/es/",
        {
            "title": "El boletín de junio",
            "introduction": "¡Hola!",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "Novedades",
            "sections-0-body": "Texto.",
        },
    )
    assert response.status_code == 302
    assert sorted(Edition.objects.filter(issue=issue).values_list("language", flat=True)) == [
        "en",
        "es",
    ]


def test_the_period_starts_when_the_previous_issue_went_out(facilitator: Member) -> None:
    previous = mark_sent(make_issue(facilitator), days_ago=12)

    issue = make_issue(facilitator)

    assert issue.covers_since == previous.sent_at


def test_an_issue_being_sent_can_no_longer_change(facilitator: Member) -> None:
    issue = make_issue(facilitator)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)

    with pytest.raises(ValidationError):
        save_edition(facilitator, issue.pk, draft("en", title="Changed"))

    assert Edition.objects.get(issue=issue).title != "Changed"


def test_the_last_edition_cannot_be_removed(
    facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator, ("en", "fr"))

    facilitator_client.post(f"/newsletter/manage/{issue.pk}/fr/remove/")
    facilitator_client.post(f"/newsletter/manage/{issue.pk}/en/remove/")

    assert list(Edition.objects.filter(issue=issue).values_list("language", flat=True)) == ["en"]


def test_a_draft_can_be_deleted(facilitator: Member, facilitator_client: Client) -> None:
    issue = make_issue(facilitator)

    response = facilitator_client.post(f"/newsletter/manage/{issue.pk}/delete/")

    assert response.status_code == 302
    assert not Issue.objects.exists()


@pytest.mark.parametrize("language", ["de", ""])
def test_a_new_issue_in_a_language_we_do_not_have_is_explained(
    facilitator_client: Client, language: str
) -> None:
    response = facilitator_client.post(
        "/newsletter/manage/new/",
        {
            "language": language,
            "title": "The June newsletter",
            "introduction": "Hello.",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "",
            "sections-0-body": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in page
    assert "Choose English, Spanish or French." in page
    assert not Issue.objects.exists()


def test_removing_an_edition_the_issue_does_not_have_says_so(
    facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator, ("en", "es"))

    response = facilitator_client.post(f"/newsletter/manage/{issue.pk}/fr/remove/", follow=True)

    page = response.content.decode()
    assert "This issue has no edition in that language, so nothing was removed." in page
    assert "The edition is removed." not in page
    assert sorted(Edition.objects.filter(issue=issue).values_list("language", flat=True)) == [
        "en",
        "es",
    ]


def test_removing_an_edition_in_a_language_no_edition_can_have_is_not_found(
    facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator, ("en", "es"))

    response = facilitator_client.post(f"/newsletter/manage/{issue.pk}/de/remove/")

    assert response.status_code == 404
    assert Edition.objects.filter(issue=issue).count() == 2


def test_a_new_issue_covers_the_time_since_the_latest_sent_one(
    facilitator: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = timezone.now() - timedelta(days=40)
    monkeypatch.setattr(compose, "latest_sent_at", lambda: moment)

    assert make_issue(facilitator).covers_since == moment
