"""`tertulia bench-data` builds a consistent community, fast, and only into an empty database."""

from __future__ import annotations

import json
import random
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min, Q
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.benchdata import (
    BENCH_PASSWORD,
    BIG_THREAD_TITLE,
    MEMBER_LOGIN,
    BenchSize,
)
from tertulia.forums.benchdata.plan import plan_threads
from tertulia.forums.models import Attachment, Forum, Post, Reaction, Thread
from tests.factories import make_forum

SMALL = ["--members", "30", "--threads", "20", "--posts", "400", "--big-thread-posts", "120"]


def run_bench_data(*args: str) -> str:
    out = StringIO()
    call_command("bench_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bench(db: None) -> str:
    return run_bench_data(*SMALL, "--database-only")


def test_bench_data_creates_the_numbers_asked_for(bench: str) -> None:
    assert Member.objects.count() == 30
    assert Thread.objects.count() == 20
    assert Post.objects.count() == 400
    big = Thread.objects.get(title=BIG_THREAD_TITLE)
    assert big.posts.count() == 120
    assert set(Forum.objects.values_list("slug", flat=True)) == {
        "general-discussion",
        "announcements",
        "members-lounge",
    }
    assert "100%" in bench
    assert "Generated 30 members, 20 threads and 400 posts" in bench


def test_bench_data_positions_run_from_one_without_gaps(bench: str) -> None:
    for thread in Thread.objects.annotate(
        n=Count("posts"), low=Min("posts__position"), high=Max("posts__position")
    ):
        assert (thread.low, thread.high, thread.n) == (1, thread.n, thread.post_count)
        first = thread.posts.get(position=1)
        assert first.author_id == thread.author_id
        assert first.created_at == thread.created_at


def test_bench_data_counters_match_a_recount(bench: str) -> None:
    visible = Q(posts__is_hidden=False, posts__is_approved=True, posts__position__gt=1)
    for thread in Thread.objects.annotate(replies=Count("posts", filter=visible)):
        assert thread.reply_count == thread.replies
        last = thread.posts.order_by("-position").first()
        assert last is not None
        assert thread.last_post_id == last.pk
        assert thread.last_activity_at == last.created_at
    for forum in Forum.objects.annotate(
        n_threads=Count("threads", distinct=True), n_posts=Count("threads__posts")
    ):
        assert (forum.thread_count, forum.post_count) == (forum.n_threads, forum.n_posts)
        latest = Post.objects.filter(thread__forum=forum).order_by("-created_at", "-id").first()
        assert latest is not None
        assert forum.last_post_id == latest.pk
    for post in Post.objects.annotate(likes=Count("reactions")).filter(like_count__gt=0):
        assert post.like_count == post.likes
    assert Reaction.objects.count() == sum(Post.objects.values_list("like_count", flat=True))


def test_bench_data_posts_are_in_time_order_within_a_thread(bench: str) -> None:
    for thread in Thread.objects.all():
        times = list(thread.posts.order_by("position").values_list("created_at", flat=True))
        assert times == sorted(times)
        replies = thread.posts.filter(reply_to__isnull=False).select_related("reply_to")
        assert all(p.reply_to.thread_id == thread.pk for p in replies if p.reply_to)


def test_bench_data_bodies_are_rendered_and_multilingual(bench: str) -> None:
    assert not Post.objects.filter(body_html="").exists()
    assert set(Post.objects.values_list("language", flat=True)) == {"en", "es", "fr"}
    assert Post.objects.filter(body_html__contains="<p>").count() == 400


def test_bench_data_refuses_a_second_run_and_changes_nothing(bench: str) -> None:
    with pytest.raises(CommandError, match="empty database"):
        run_bench_data(*SMALL)
    assert (Member.objects.count(), Post.objects.count()) == (30, 400)


def test_bench_data_refuses_a_database_with_forums(db: None) -> None:
    make_forum(title="Our real forum")
    with pytest.raises(CommandError, match="empty database"):
        run_bench_data(*SMALL)
    assert not Post.objects.exists()


def test_bench_data_rejects_impossible_numbers(db: None) -> None:
    with pytest.raises(CommandError, match="at least 139"):
        run_bench_data("--threads", "20", "--posts", "100", "--big-thread-posts", "120")
    assert not Forum.objects.exists()
    assert BenchSize(members=1).problems()


def test_bench_login_works_with_the_printed_password(bench: str) -> None:
    assert BENCH_PASSWORD in bench
    assert EmailAddress.objects.filter(email=MEMBER_LOGIN, verified=True).exists()
    client = Client()
    response = client.post("/accounts/login/", {"login": MEMBER_LOGIN, "password": BENCH_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_bench_data_describe_tells_the_runner_what_to_load(bench: str) -> None:
    described = json.loads(run_bench_data("--describe"))
    big = Thread.objects.get(title=BIG_THREAD_TITLE)
    assert described["big_thread_id"] == big.pk
    assert described["big_thread_posts"] == 120
    assert described["forum_slug"] == big.forum.slug


def test_bench_data_describe_says_when_there_is_none(db: None) -> None:
    with pytest.raises(CommandError, match="no bench data"):
        run_bench_data("--describe")


def test_bench_plan_is_the_same_for_the_same_seed() -> None:
    size = BenchSize(members=30, threads=20, posts=400, big_thread_posts=120)
    one, two = (plan_threads(random.Random(42), size, [1, 2, 3], [80, 3, 17]) for _ in "ab")
    assert [(p.forum_id, p.size, p.times) for p in one] == [
        (p.forum_id, p.size, p.times) for p in two
    ]
    assert sum(p.size for p in one) == 400
    assert one[0].size == 120


def test_bench_data_attaches_one_shared_image_unless_database_only(
    db: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    run_bench_data(*SMALL)
    big = Thread.objects.get(title=BIG_THREAD_TITLE)
    # One image on each page of the big thread (positions 1, 21, 41...).
    assert Attachment.objects.filter(post__thread=big).count() == 6
    assert len({a.file.name for a in Attachment.objects.all()}) == 1
    assert (tmp_path / Attachment.objects.first().file.name).exists()  # type: ignore[union-attr]
