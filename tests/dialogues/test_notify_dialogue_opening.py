"""When a dialogue's window opens every active member is told once
(`Kind.DIALOGUE_OPENING`): by `tertulia open-dialogues` from cron, or by the task the
dialogue's creation queues for the opening instant. Running twice tells nobody twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_tasks import default_task_backend

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.services import openings
from tertulia.dialogues.services.dialogues import update_dialogue
from tertulia.dialogues.services.openings import announce_open_dialogues
from tertulia.dialogues.tasks import announce_dialogue_opening
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tests.dialogues.factories import create
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


def body(message: EmailMessage, subtype: str) -> str:
    """The text/plain or text/html part of a received mail."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


# The factory's dialogue: 24 April to 14 May 2030 in Madrid, so it opens at 22:00 UTC.
OPENS_AT = datetime(2030, 4, 23, 22, 0, tzinfo=UTC)
TITLE = "Understanding change through training for gender equality"


@pytest.fixture(autouse=True)
def _before_the_dialogue() -> Iterator[None]:
    with time_machine.travel(OPENS_AT - timedelta(days=30), tick=False):
        yield


@pytest.fixture
def deferring_backend(settings: Any) -> Any:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()  # type: ignore[attr-defined]  # DummyBackend only
    return default_task_backend


def run_cron_at(moment: datetime, capture: Capture) -> None:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        call_command("open_dialogues", verbosity=0)


def dialogue_path(dialogue: Dialogue) -> str:
    return reverse("dialogue-detail", kwargs={"number": dialogue.number, "slug": dialogue.slug})


def test_members_are_told_once_the_window_opens_and_only_once(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    dialogue = create(
        facilitator,
        summary="What kinds of **change** can training achieve?\n\nA second paragraph.",
    )
    readers = [make_member() for _ in range(3)]
    gone = make_member(is_active=False)

    run_cron_at(OPENS_AT - timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()

    run_cron_at(OPENS_AT + timedelta(minutes=4), django_capture_on_commit_callbacks)
    run_cron_at(OPENS_AT + timedelta(minutes=9), django_capture_on_commit_callbacks)

    rows = Notification.objects.filter(kind=Kind.DIALOGUE_OPENING).order_by("recipient_id")
    assert [row.recipient for row in rows] == [facilitator, *readers]
    assert gone not in [row.recipient for row in rows]
    row = rows[0]
    assert row.dedupe_key == f"dialogue-open:{dialogue.pk}"
    assert row.url == dialogue_path(dialogue)
    assert row.params == {"subject": TITLE}
    assert row.snippet == "What kinds of change can training achieve?"


def test_the_mail_arrives_by_smtp(
    smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    dialogue = create()
    Member.objects.update(is_active=False)  # the facilitator the factory made
    make_member(display_name="Aïcha Diallo", email="aicha@example.org")

    run_cron_at(OPENS_AT + timedelta(hours=1), django_capture_on_commit_callbacks)

    (received,) = smtp_server.received
    message = received.message
    assert received.recipients == ["aicha@example.org"]
    assert str(message["Subject"]) == f"[Tertulia] The virtual dialogue “{TITLE}” is open"
    text = body(message, "plain")
    html = body(message, "html")
    assert "What kinds of change can training for gender equality achieve?" in text
    assert f'href="{settings.SITE_URL}{dialogue_path(dialogue)}"' in html


def test_a_member_who_turned_openings_off_is_not_told(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    create()
    set_preference(member, Kind.DIALOGUE_OPENING, Delivery.OFF)

    run_cron_at(OPENS_AT + timedelta(hours=1), django_capture_on_commit_callbacks)

    assert Notification.objects.exists()  # the others are
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_dialogue_that_opened_long_ago_or_has_closed_is_not_announced(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    create()
    make_member()

    run_cron_at(OPENS_AT + timedelta(days=3), django_capture_on_commit_callbacks)
    run_cron_at(datetime(2030, 5, 20, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert not Notification.objects.exists()


def test_members_are_walked_in_chunks(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Capture
) -> None:
    monkeypatch.setattr(openings, "CHUNK_SIZE", 2)
    create()
    for _ in range(4):
        make_member()

    with (
        time_machine.travel(OPENS_AT + timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        told = announce_open_dialogues()

    assert told == Member.objects.filter(is_active=True).count() == 5


def test_a_repeated_run_costs_a_fixed_number_of_queries(
    django_assert_num_queries: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    create()
    for _ in range(5):
        make_member()
    moment = OPENS_AT + timedelta(hours=1)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert announce_open_dialogues() == 6

    # Which dialogues are open; the dialogue; the members left to tell (none).
    with time_machine.travel(moment, tick=False), django_assert_num_queries(3):
        assert announce_open_dialogues() == 0


def test_creating_a_dialogue_queues_its_announcement_for_the_opening(
    facilitator: Member, deferring_backend: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dialogue = create(facilitator)

    (queued,) = deferring_backend.results
    assert queued.task.name == "announce_dialogue_opening"
    assert queued.task.run_after == OPENS_AT
    assert list(queued.args) == [dialogue.pk]


def test_moving_the_days_queues_a_new_announcement_and_the_old_one_tells_nobody(
    facilitator: Member, deferring_backend: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dialogue = create(facilitator)
    make_member()
    with django_capture_on_commit_callbacks(execute=True):
        update_dialogue(facilitator, dialogue, title="A new title")  # same days: nothing new
        update_dialogue(
            facilitator, dialogue, opens_on=date(2030, 5, 1), closes_on=date(2030, 5, 21)
        )
    new_opening = datetime(2030, 4, 30, 22, 0, tzinfo=UTC)
    assert [r.task.run_after for r in deferring_backend.results] == [OPENS_AT, new_opening]

    with time_machine.travel(OPENS_AT, tick=False):
        assert announce_dialogue_opening.call(dialogue.pk) == 0
    with time_machine.travel(new_opening, tick=False):
        assert announce_dialogue_opening.call(dialogue.pk) == 2
        assert announce_dialogue_opening.call(dialogue.pk) == 0
    assert Notification.objects.count() == 2


def test_without_a_deferring_backend_the_cron_command_announces_an_open_dialogue(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    make_member()
    with time_machine.travel(OPENS_AT + timedelta(hours=1), tick=False):
        # Created already open: the immediate backend cannot queue for later, and the
        # facilitator's request does not mail the whole community itself.
        with django_capture_on_commit_callbacks(execute=True):
            create(facilitator)
        assert not Notification.objects.exists()

    run_cron_at(OPENS_AT + timedelta(hours=1, minutes=5), django_capture_on_commit_callbacks)

    assert Notification.objects.filter(kind=Kind.DIALOGUE_OPENING).count() == 2
