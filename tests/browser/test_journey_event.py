"""A member registers for a webinar, downloads its calendar file, asks and votes on questions."""

from __future__ import annotations

from datetime import UTC, timedelta

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tertulia.events.models import Event, Question, Registration
from tests.browser.conftest import submit, visit
from tests.browser.test_journey_forum import sign_in
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_download_the_ics_ask_and_vote(page: Page) -> None:
    starts_at = timezone.now().replace(microsecond=0, second=0) + timedelta(days=10)
    event = make_event(title="Care economy and gender training", starts_at=starts_at, capacity=30)
    colleague = make_member(display_name="Rosa Quintero", email="rosa@example.org")
    make_registration(event=event, member=colleague)
    Question.objects.create(event=event, author=colleague, body="How do we count unpaid care?")
    member = make_member(display_name="Amina Diallo", email="amina@example.org")
    sign_in(page, member)

    visit(page, f"/events/{event.pk}/{event.slug}/")
    submit(page, "Register")
    expect(page.get_by_role("button", name="Cancel my registration")).to_be_visible()
    assert Registration.objects.get(event=event, member=member).status == "registered"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the calendar file (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download_info.value.path().read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART").astimezone(UTC) == starts_at.astimezone(UTC)
    assert str(vevent["SUMMARY"]) == "Care economy and gender training"

    page.get_by_label("Your question").fill("What does a first session on care look like?")
    submit(page, "Send my question")
    expect(page.get_by_text("What does a first session on care look like?")).to_be_visible()

    colleague_question = page.locator("li.question", has_text="How do we count unpaid care?")
    with page.expect_navigation():
        colleague_question.get_by_role("button", name="Vote for this question").click()
    expect(colleague_question.locator(".question-votes")).to_contain_text("1")
    assert Event.objects.get(pk=event.pk).registered_count == 2
