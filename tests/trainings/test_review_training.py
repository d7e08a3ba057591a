"""The facilitators' queue: publish or decline with a reason; the member is told by a
notification (mailed by the notifications app)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import Client
from django.utils import translation
from django_tasks import default_task_backend
from pytest_django import DjangoCaptureOnCommitCallbacks

from tertulia.accounts.models import Member
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.titles import notification_title
from tertulia.trainings.models import Training, TrainingStatus
from tertulia.trainings.services.review import decline_training, publish_training
from tertulia.trainings.services.trainings import suggest_training
from tests.factories import make_member
from tests.trainings.conftest import page_text
from tests.trainings.factories import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion(member: Member) -> Training:
    return suggest_training(member, details(title="Participatory Gender Audit"))


def test_the_queue_shows_waiting_suggestions(
    facilitator_client: Client, suggestion: Training
) -> None:
    body = page_text(facilitator_client.get("/trainings/queue/"))

    assert "Participatory Gender Audit" in body
    assert "suggested by Nadège Mamas MAVOUNGOU" in body
    assert "1 suggestion waiting" in body


def test_members_cannot_open_the_queue(member_client: Client, suggestion: Training) -> None:
    assert member_client.get("/trainings/queue/").status_code == 403
    assert member_client.post(f"/trainings/{suggestion.pk}/publish/").status_code == 403
    assert (
        member_client.post(f"/trainings/{suggestion.pk}/decline/", {"reason": "No"}).status_code
        == 403
    )
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.PENDING


def test_publishing_lists_the_training_and_tells_the_member(
    facilitator_client: Client,
    facilitator: Member,
    suggestion: Training,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(f"/trainings/{suggestion.pk}/publish/")

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.PUBLISHED
    assert suggestion.reviewed_by == facilitator
    assert "Participatory Gender Audit" in page_text(client.get("/trainings/"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Nadège Mamas MAVOUNGOU <nadege@example.org>"]
    assert message.subject == (
        "[Tertulia] Your suggestion “Participatory Gender Audit” was approved"
    )
    assert f"/trainings/{suggestion.pk}/participatory-gender-audit/" in message.body
    html = message.alternatives[0][0]  # type: ignore[index]
    assert f'/trainings/{suggestion.pk}/participatory-gender-audit/"' in str(html)


def test_declining_needs_a_reason(
    facilitator_client: Client,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = facilitator_client.post(f"/trainings/{suggestion.pk}/decline/", {"reason": "  "})

    assert response.status_code == 400
    assert "Say why, so the member understands" in page_text(response)
    assert 'aria-describedby="id_reason_error"' in page_text(response)
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.PENDING
    assert callbacks == []
    assert mail.outbox == []


def test_declining_tells_the_member_why(
    facilitator_client: Client,
    suggestion: Training,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    reason = "The course is no longer offered; the provider replaced it with a new one."

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            f"/trainings/{suggestion.pk}/decline/", {"reason": reason}
        )

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.DECLINED
    assert suggestion.decline_reason == reason
    assert "Participatory Gender Audit" not in page_text(client.get("/trainings/"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Nadège Mamas MAVOUNGOU <nadege@example.org>"]
    assert message.subject == (
        "[Tertulia] Your suggestion “Participatory Gender Audit” was declined"
    )
    assert reason in message.body
    assert "/trainings/suggest/" in message.body
    assert reason in str(message.alternatives[0][0])  # type: ignore[index]


def test_the_member_reads_the_mail_in_their_language(
    facilitator: Member, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    member = make_member(email="daniela@example.org", interface_language="es")
    training = suggest_training(member, details(title="Escuela de formación feminista"))

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            decline_training(facilitator, training, reason="")
        decline_training(facilitator, training, reason="Ya no se ofrece.")

    (message,) = mail.outbox
    # Rendered in Spanish: the title from the notifications catalogue, the page language.
    with translation.override("es"):
        title = notification_title(
            Kind.SUGGESTION_DECLINED, {"subject": "Escuela de formación feminista"}
        )
    assert message.subject == f"[Tertulia] {title}"
    assert title != "Your suggestion “Escuela de formación feminista” was declined"
    assert isinstance(message, EmailMultiAlternatives)
    assert '<html lang="es">' in str(message.alternatives[0][0])
    assert "Ya no se ofrece." in message.body


def test_a_facilitator_publishing_their_own_training_gets_no_mail(
    facilitator: Member, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    training = suggest_training(facilitator, details())

    with django_capture_on_commit_callbacks(execute=True):
        publish_training(facilitator, training)

    assert mail.outbox == []


def test_only_facilitators_may_review(member: Member, suggestion: Training) -> None:
    with pytest.raises(PermissionDenied):
        publish_training(member, suggestion)
    with pytest.raises(PermissionDenied):
        decline_training(member, suggestion, reason="Mine, but no.")


def test_a_published_training_can_be_taken_down_with_a_reason(
    facilitator: Member,
    suggestion: Training,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        publish_training(facilitator, suggestion)
        decline_training(facilitator, suggestion, reason="The provider cancelled it.")

    assert "Participatory Gender Audit" not in page_text(client.get("/trainings/"))
    assert [m.subject for m in mail.outbox] == [
        "[Tertulia] Your suggestion “Participatory Gender Audit” was approved",
        "[Tertulia] Your suggestion “Participatory Gender Audit” was declined",
    ]


def test_nobody_is_mailed_when_the_decision_rolls_back(
    facilitator: Member,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    def publish_then_fail() -> None:
        with transaction.atomic():
            publish_training(facilitator, suggestion)
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        publish_then_fail()

    assert callbacks == []
    assert mail.outbox == []


def test_the_mail_goes_through_a_task(
    facilitator: Member,
    suggestion: Training,
    settings: Any,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        decline_training(facilitator, suggestion, reason="Out of scope.")

    # The notification is written with the decision; its mail waits for the worker.
    notification = Notification.objects.get(recipient=suggestion.suggested_by)
    assert (notification.kind, notification.snippet) == (
        Kind.SUGGESTION_DECLINED,
        "Out of scope.",
    )
    results = default_task_backend.results  # type: ignore[attr-defined]
    assert [(result.task.name, result.args) for result in results] == [
        ("send_notification_mail", [notification.pk])
    ]
    assert mail.outbox == []


def test_a_double_click_on_publish_or_decline_mails_the_member_once(
    facilitator: Member,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # Two stale copies of the same row, as two open queue pages would hold.
    first, second = (Training.objects.get(pk=suggestion.pk) for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        publish_training(facilitator, first)
        publish_training(facilitator, second)
    assert len(mail.outbox) == 1

    first, second = (Training.objects.get(pk=suggestion.pk) for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        decline_training(facilitator, first, reason="Already listed under another name.")
        decline_training(facilitator, second, reason="Already listed under another name.")
    assert len(mail.outbox) == 2
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.DECLINED


# About 100 Arabic letters: each is 6 characters once percent-encoded in the address.
ARABIC_TITLE = (
    "دورة المدربات والمدربين في مجال المساواة بين الجنسين والتعليم الشعبي النسوي للمجتمعات المحلية"
)


def test_a_long_arabic_title_is_published_with_a_link_that_fits(
    facilitator_client: Client,
    member: Member,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    assert sum(char.isalpha() for char in ARABIC_TITLE) > 80
    suggestion = suggest_training(member, details(title=ARABIC_TITLE, language="ar"))

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(f"/trainings/{suggestion.pk}/publish/")

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingStatus.PUBLISHED
    assert suggestion.slug.startswith("دورة-المدربات")
    notification = Notification.objects.get(recipient=member)
    assert len(notification.url) <= 500
    assert notification.url.startswith(f"/trainings/{suggestion.pk}/%D8%AF")
    assert client.get(notification.url).status_code == 200
    [message] = mail.outbox
    assert notification.url in message.body
