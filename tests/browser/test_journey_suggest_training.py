"""A member suggests a training with an application deadline and sees it waiting for review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tertulia.trainings.models import Training, TrainingStatus
from tests.browser.conftest import check_accessibility, submit, visit
from tests.browser.test_journey_forum import sign_in
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_suggest_a_training_with_a_deadline(page: Page) -> None:
    member = make_member(display_name="Amina Diallo", email="amina@example.org")
    today = timezone.now().date()
    starts_on, ends_on = today + timedelta(days=40), today + timedelta(days=82)
    deadline_on = today + timedelta(days=20)
    sign_in(page, member)

    visit(page, "/trainings/")
    with page.expect_navigation():
        page.get_by_role("link", name="Suggest a training").click()
    check_accessibility(page)

    page.get_by_label("Title").fill("Gender-responsive budgeting for local governments")
    page.get_by_label("Provider organisation").fill("UN Women Training Centre")
    page.get_by_label("Description:", exact=True).fill(
        "Six weeks on **budget analysis**, with case studies."
    )
    page.get_by_label("Facilitated online").check()
    page.get_by_label("Spanish").check()
    page.get_by_label("First day").fill(starts_on.isoformat())
    page.get_by_label("Last day").fill(ends_on.isoformat())
    page.get_by_label("Application deadline").fill(deadline_on.isoformat())
    page.get_by_label("Provider's time zone").select_option("America/Lima")
    page.get_by_label("Web address").fill("https://trainingcentre.unwomen.org/budgeting")
    submit(page, "Send the suggestion")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gender-responsive budgeting for local governments"
    )
    expect(page.get_by_role("status").first).to_contain_text("Your suggestion waits")
    expect(page.get_by_text("waiting for a facilitator's review")).to_be_visible()
    deadline = page.locator("dt", has_text="Application deadline").locator(
        "xpath=./following-sibling::dd[1]"
    )
    expect(deadline).to_contain_text(str(deadline_on.year))
    expect(deadline).to_contain_text("America/Lima")

    training = Training.objects.get()
    assert training.status == TrainingStatus.PENDING
    assert training.suggested_by == member
    assert training.deadline_on == deadline_on
    assert (training.starts_on, training.ends_on) == (starts_on, ends_on)
    assert training.languages == ["es"]

    visit(page, "/trainings/suggest/")
    expect(page.get_by_role("region", name="Your suggestions")).to_contain_text(
        "Gender-responsive budgeting for local governments"
    )
