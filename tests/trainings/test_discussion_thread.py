"""A facilitator links a training to an existing thread, or starts one in a chosen forum."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Thread
from tertulia.trainings.services.discussion import link_thread, start_discussion
from tests.factories import make_forum, make_thread
from tests.trainings.conftest import page_text
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db


def test_link_an_existing_thread_by_its_address(facilitator_client: Client) -> None:
    thread = make_thread(title="Upcoming trainings")
    training = make_training()

    response = facilitator_client.post(
        f"/trainings/{training.pk}/thread/link/",
        {"thread": f"http://127.0.0.1:8000/forums/t/{thread.pk}/"},
    )

    assert response.status_code == 302
    training.refresh_from_db()
    assert training.thread == thread


def test_a_wrong_thread_address_gets_a_message(facilitator_client: Client) -> None:
    training = make_training()

    missing = facilitator_client.post(f"/trainings/{training.pk}/thread/link/", {"thread": "99999"})
    nonsense = facilitator_client.post(
        f"/trainings/{training.pk}/thread/link/", {"thread": "javascript:alert(1)"}
    )

    assert "There is no thread with this number." in page_text(missing)
    assert "This is not a thread address." in page_text(nonsense)
    training.refresh_from_db()
    assert training.thread is None


@pytest.mark.parametrize(
    "typed",
    [
        " {pk} ",
        "https://tertulia.example.org/forums/t/{pk}/",
        "https://tertulia.example.org/forums/t/{pk}/unread/",
        "/forums/t/{pk}/?page=2#post-7",
    ],
)
def test_a_thread_is_linked_by_its_number_or_any_link_to_it(
    facilitator_client: Client, typed: str
) -> None:
    thread = make_thread(title="Upcoming trainings")
    training = make_training()

    response = facilitator_client.post(
        f"/trainings/{training.pk}/thread/link/", {"thread": typed.format(pk=thread.pk)}
    )

    assert response.status_code == 302
    training.refresh_from_db()
    assert training.thread == thread


def test_a_number_too_long_for_a_thread_gets_a_message(facilitator_client: Client) -> None:
    training = make_training()

    response = facilitator_client.post(
        f"/trainings/{training.pk}/thread/link/",
        {"thread": "https://tertulia.example.org/forums/t/99999999999999999999999/"},
    )

    assert response.status_code == 400
    assert "This is not a thread address." in page_text(response)


def test_start_a_thread_in_a_chosen_forum(facilitator_client: Client, facilitator: Member) -> None:
    forum = make_forum(title="General Discussion Forum")
    training = make_training(title="Participatory Gender Audit")

    response = facilitator_client.post(
        f"/trainings/{training.pk}/thread/start/", {"forum": forum.pk}
    )

    assert response.status_code == 302
    thread = Thread.objects.get(forum=forum)
    assert thread.title == "Participatory Gender Audit"
    assert thread.author == facilitator
    assert f"/trainings/{training.pk}/participatory-gender-audit/" in thread.posts.get().body
    training.refresh_from_db()
    assert training.thread == thread


def test_members_cannot_link_or_start_threads(member: Member, member_client: Client) -> None:
    forum = make_forum()
    thread = make_thread(forum=forum)
    training = make_training()

    assert (
        member_client.post(f"/trainings/{training.pk}/thread/link/", {"thread": thread.pk})
    ).status_code == 403
    with pytest.raises(PermissionDenied):
        link_thread(member, training, thread)
    with pytest.raises(PermissionDenied):
        start_discussion(member, training, forum)


def test_unlink_a_thread(facilitator_client: Client) -> None:
    training = make_training(thread=make_thread())

    facilitator_client.post(f"/trainings/{training.pk}/thread/unlink/")

    training.refresh_from_db()
    assert training.thread is None
