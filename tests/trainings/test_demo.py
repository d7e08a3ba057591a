"""The demo trainings: at least 15, in three languages, deadlines on both sides of today."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tertulia.trainings.demo import create_demo_trainings
from tertulia.trainings.models import Training, TrainingStatus
from tests.factories import make_facilitator, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_lively_trainings_database() -> None:
    facilitator = make_facilitator()
    members = [make_member(), make_member()]
    thread = make_thread(
        forum=make_forum(title="General Discussion Forum"),
        author=facilitator,
        title="Discuss upcoming trainings: e.g. ILO's Participatory Gender Audit course",
    )

    create_demo_trainings([facilitator], members)

    trainings = list(Training.objects.all())
    now = timezone.now()
    published = [t for t in trainings if t.status == TrainingStatus.PUBLISHED]
    assert len(published) >= 15
    assert sum(t.status == TrainingStatus.PENDING for t in trainings) == 2
    assert {t.language for t in trainings} == {"en", "es", "fr"}
    assert any(t.applications_close_at < now for t in published)
    assert any(t.applications_close_at > now for t in published)
    assert any(t.ends_at < now for t in published)  # something in the archive
    assert any(t.applications_close_at < now < t.ends_at for t in published)  # closed, listed
    assert any(t.is_free for t in published)
    assert len({t.currency for t in published if not t.is_free}) >= 3
    assert len({t.format for t in published}) == 4
    assert Training.objects.filter(thread=thread).count() == 1
    assert Training.objects.filter(suggested_by__in=members, status="published").exists()


def test_without_that_thread_the_seeds_thread_is_started_in_the_general_forum() -> None:
    facilitator = make_facilitator()
    make_forum(title="Announcements")
    forum = make_forum(title="General Discussion Forum")

    create_demo_trainings([facilitator], [make_member()])

    linked = Training.objects.get(thread__isnull=False)
    assert linked.title == "Participatory Gender Audit"
    assert linked.thread is not None
    assert linked.thread.forum == forum
    assert linked.thread.title.startswith("Discuss upcoming trainings")
    first, reply = linked.thread.posts.order_by("position")
    assert "Do you have any thoughts on these courses" in first.body
    assert reply.position == 2  # a member answers, as in the seeds


def test_without_forums_no_training_is_linked() -> None:
    create_demo_trainings([make_facilitator()], [])

    assert not Training.objects.filter(thread__isnull=False).exists()


def test_loading_twice_changes_nothing() -> None:
    facilitator = make_facilitator()

    create_demo_trainings([facilitator], [])
    count = Training.objects.count()
    assert create_demo_trainings([facilitator], []) == []

    assert Training.objects.count() == count
