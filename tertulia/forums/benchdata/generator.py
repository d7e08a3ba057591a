"""Writing the planned bench community with bulk inserts, a batch per transaction."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from tertulia.accounts.models import Member, Role
from tertulia.core.markdown import render_markdown
from tertulia.core.validators import fold_for_search
from tertulia.forums.benchdata.plan import SPAN, BenchSize, Output, Progress, plan_threads
from tertulia.forums.benchdata.text import (
    LANGUAGES,
    PLACES,
    TAGS,
    body_pool,
    member_name,
    thread_title,
)
from tertulia.forums.models import (
    Access,
    Attachment,
    AttachmentKind,
    Forum,
    Post,
    Reaction,
    ReadState,
    Subscription,
    Thread,
    ThreadTag,
)

BENCH_DOMAIN = "bench.example"
# Printed by the command and used by bench/run.py: a load-test login, not a secret.
BENCH_PASSWORD = "bench-lantern-orchard-42"  # noqa: S105
MEMBER_LOGIN = f"bench0@{BENCH_DOMAIN}"
FACILITATOR_LOGIN = f"bench1@{BENCH_DOMAIN}"
BIG_THREAD_TITLE = "Ten years of gender training: what worked, what did not, and why"
GENERAL_SLUG = "general-discussion"
BATCH = 5000
# (title, slug, who reads, who writes, share of the threads); the first holds the big thread.
FORUMS = (
    ("General Discussion", GENERAL_SLUG, Access.EVERYONE, Access.MEMBERS, 80),
    ("Announcements", "announcements", Access.EVERYONE, Access.FACILITATORS, 3),
    ("Members' lounge", "members-lounge", Access.MEMBERS, Access.MEMBERS, 17),
)
Image_ = tuple[str, str, int]  # stored photo name, thumbnail name, photo bytes


def _next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def _insert(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    with transaction.atomic():
        model._default_manager.bulk_create(list(rows), batch_size=BATCH)


def _store_image() -> Image_:
    """One photo and its thumbnail, stored once and shared by every bench attachment."""
    image = Image.new("RGB", (800, 600), (233, 226, 210))
    ImageDraw.Draw(image).rectangle((100, 100, 700, 500), fill=(120, 60, 140))
    photo, thumb = io.BytesIO(), io.BytesIO()
    image.save(photo, "JPEG", quality=80)
    image.resize((200, 150)).save(thumb, "JPEG", quality=80)
    name = default_storage.save("attachments/bench/photo.jpg", ContentFile(photo.getvalue()))
    thumb_name = default_storage.save("attachments/bench/thumb.jpg", ContentFile(thumb.getvalue()))
    return name, thumb_name, len(photo.getvalue())


class Generator:
    def __init__(self, size: BenchSize, out: Output, *, with_files: bool) -> None:
        self.size, self.out, self.with_files = size, out, with_files
        self.rng = random.Random(42)  # noqa: S311  # repeatable data, not secrets
        self.start = timezone.now().replace(microsecond=0) - SPAN
        self.member_base = _next_id(Member)
        self.thread_base = _next_id(Thread)
        self.post_base = _next_id(Post)
        self.facilitators = [self.member_base + 1] + [
            self.member_base + n for n in range(1000, size.members, 1000)
        ]

    def at(self, seconds: int) -> datetime:
        return self.start + timedelta(seconds=seconds)

    def run(self) -> dict[str, float]:
        timings: dict[str, float] = {}
        for name, step in (
            ("members", self.create_members),
            ("threads", self.create_threads),
            ("posts", self.create_posts),
            ("counters", self.finish),
        ):
            began = time.perf_counter()
            step()
            timings[name] = time.perf_counter() - began
        return timings

    def create_members(self) -> None:
        rng, count = self.rng, self.size.members
        password = make_password(BENCH_PASSWORD)  # hashed once: Argon2 is slow on purpose
        facilitators = set(self.facilitators)
        progress = Progress(self.out, "members", count)
        for first in range(0, count, BATCH):
            rows = []
            for n in range(first, min(first + BATCH, count)):
                name = member_name(rng)
                country, zone, language = rng.choice(PLACES)
                member_id = self.member_base + n
                rows.append(
                    Member(
                        id=member_id,
                        email=f"bench{n}@{BENCH_DOMAIN}",
                        display_name=name,
                        search_name=fold_for_search(name),
                        password=password,
                        country=country,
                        time_zone=zone,
                        interface_language=language,
                        role=Role.FACILITATOR if member_id in facilitators else Role.MEMBER,
                        date_joined=self.at(rng.randrange(SPAN.days) * 86400),
                    )
                )
            _insert(Member, rows)
            progress.advance(len(rows))
        # Only the accounts that sign in during the load test need a verified address.
        _insert(
            EmailAddress,
            (
                EmailAddress(user_id=self.member_base + n, email=email, verified=True, primary=True)
                for n, email in enumerate((MEMBER_LOGIN, FACILITATOR_LOGIN))
            ),
        )

    def create_threads(self) -> None:
        rng = self.rng
        _insert(
            Forum,
            (
                Forum(
                    title=title,
                    slug=slug,
                    description=f"{title} (bench data).",
                    description_html=render_markdown(f"{title} (bench data)."),
                    position=position,
                    languages=list(LANGUAGES),
                    read_access=read,
                    write_access=write,
                )
                for position, (title, slug, read, write, _share) in enumerate(FORUMS)
            ),
        )
        self.forums = list(Forum.objects.order_by("position"))
        weights = [share for *_spec, share in FORUMS]
        self.plans = plan_threads(rng, self.size, [f.id for f in self.forums], weights)
        announcements = self.forums[1].id
        self.authors: list[int] = []
        rows = []
        for index, plan in enumerate(self.plans):
            if index == 0:
                title, author = BIG_THREAD_TITLE, self.member_base
            elif plan.forum_id == announcements:
                title, author = thread_title(rng, plan.language), rng.choice(self.facilitators)
            else:
                title = thread_title(rng, plan.language)
                author = self.member_base + rng.randrange(self.size.members)
            self.authors.append(author)
            rows.append(
                Thread(
                    id=self.thread_base + index,
                    forum_id=plan.forum_id,
                    title=title,
                    author_id=author,
                    created_at=self.at(plan.created),
                    language=plan.language,
                    is_pinned=index in {1, 2, 3},
                    is_locked=rng.random() < 0.01,
                    post_count=plan.size,
                    reply_count=plan.visible_replies,
                    last_activity_at=self.at(plan.times[-1]),
                    view_count=plan.size * rng.randint(3, 30),
                )
            )
        progress = Progress(self.out, "threads", len(rows))
        for first in range(0, len(rows), BATCH):
            _insert(Thread, rows[first : first + BATCH])
            progress.advance(len(rows[first : first + BATCH]))
        self.tag_threads()

    def tag_threads(self) -> None:
        rng = self.rng
        _insert(
            ThreadTag, (ThreadTag(name=name, slug=name.lower().replace(" ", "-")) for name in TAGS)
        )
        tag_ids = list(ThreadTag.objects.filter(name__in=TAGS).values_list("id", flat=True))
        through = Thread.tags.through
        _insert(
            through,
            (
                through(thread_id=self.thread_base + index, threadtag_id=tag)
                for index in range(len(self.plans))
                if rng.random() < 0.3
                for tag in rng.sample(tag_ids, rng.randint(1, 2))
            ),
        )

    def create_posts(self) -> None:
        count = len(self.plans)
        # One sortable int per post: when it was written, then the thread it went to.
        # Inserting in that order spreads a long thread's rows over the table, as a real
        # forum does, so its late pages cost what they would in production.
        keys = sorted(
            t * count + index for index, plan in enumerate(self.plans) for t in plan.times
        )
        self.pools = {language: body_pool(self.rng, language) for language in LANGUAGES}
        self.image = _store_image() if self.with_files else None
        self.positions = [0] * count
        self.last_ids = [0] * count
        self.forum_last: dict[int, int] = {}
        post_id = self.post_base
        progress = Progress(self.out, "posts", len(keys))
        for first in range(0, len(keys), BATCH):
            posts: list[Post] = []
            extras: list[Any] = []  # likes and attachments of this batch's posts
            for key in keys[first : first + BATCH]:
                seconds, index = divmod(key, count)
                posts.append(self.build_post(post_id, index, self.at(seconds), extras))
                post_id += 1
            with transaction.atomic():
                Post.objects.bulk_create(posts)
                Reaction.objects.bulk_create([x for x in extras if isinstance(x, Reaction)])
                Attachment.objects.bulk_create([x for x in extras if isinstance(x, Attachment)])
            progress.advance(len(posts))

    def build_post(self, post_id: int, index: int, created: datetime, extras: list[Any]) -> Post:
        rng, plan = self.rng, self.plans[index]
        position = self.positions[index] = self.positions[index] + 1
        if position == 1:
            author = self.authors[index]
        elif plan.forum_id == self.forums[1].id:  # announcements: facilitators only
            author = rng.choice(self.facilitators)
        else:
            author = self.member_base + rng.randrange(self.size.members)
        # The big thread mixes languages; the others mostly keep their own.
        language = plan.language if index and rng.random() < 0.9 else rng.choice(LANGUAGES)
        body, html = rng.choice(self.pools[language])
        replying = position > 1 and rng.random() < 0.1
        post = Post(
            id=post_id,
            thread_id=self.thread_base + index,
            position=position,
            author_id=author,
            body=body,
            body_html=html,
            language=language,
            created_at=created,
            reply_to_id=self.last_ids[index] if replying else None,
        )
        if position == plan.hidden_position:
            post.is_hidden, post.hidden_reason = True, "Off topic for this forum."
            post.hidden_by_id, post.hidden_at = self.facilitators[0], created
        if rng.random() < 0.05:
            likers = rng.sample(range(self.size.members), min(self.size.members, rng.randint(1, 3)))
            post.like_count = len(likers)
            extras.extend(
                Reaction(post_id=post_id, member_id=self.member_base + n, created_at=created)
                for n in likers
            )
        # An image on every page of the big thread, and on 1 % of first posts elsewhere.
        with_image = position % 20 == 1 if index == 0 else position == 1 and index % 100 == 7
        if self.image and with_image:
            extras.append(self.attachment(post, self.image))
        self.last_ids[index] = post_id
        self.forum_last[plan.forum_id] = post_id
        return post

    def attachment(self, post: Post, image: Image_) -> Attachment:
        name, thumb, size = image
        return Attachment(
            post_id=post.id,
            uploader_id=post.author_id,
            kind=AttachmentKind.IMAGE,
            file=name,
            thumbnail=thumb,
            original_name="20170913_102718.jpg",
            content_type="image/jpeg",
            size=size,
            width=800,
            height=600,
            alt_text="A purple square on a beige wall: the workshop's only decoration.",
            created_at=post.created_at,
        )

    def finish(self) -> None:
        """Last posts (known only once the posts exist), reading marks, sequences, stats."""
        threads = [
            Thread(id=self.thread_base + index, last_post_id=post_id)
            for index, post_id in enumerate(self.last_ids)
        ]
        progress = Progress(self.out, "counters", len(threads))
        for first in range(0, len(threads), BATCH):
            with transaction.atomic():
                Thread.objects.bulk_update(threads[first : first + BATCH], ["last_post"])
            progress.advance(len(threads[first : first + BATCH]))
        with transaction.atomic():
            for forum in self.forums:
                in_forum = [plan for plan in self.plans if plan.forum_id == forum.id]
                Forum.objects.filter(pk=forum.pk).update(
                    thread_count=len(in_forum),
                    post_count=sum(plan.size for plan in in_forum),
                    last_post_id=self.forum_last.get(forum.id),
                )
        self.mark_reading()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Ids were handed out here, so the sequences must catch up with them.
                models_with_ids = [Member, Thread, Post]
                for statement in connection.ops.sequence_reset_sql(no_style(), models_with_ids):
                    cursor.execute(statement)
            # Fresh planner statistics, as after any bulk load.
            cursor.execute("ANALYZE")

    def mark_reading(self) -> None:
        """The bench member has read part of some threads and follows a few."""
        rng, member = self.rng, self.member_base
        sample = sorted({0, *rng.sample(range(len(self.plans)), min(300, len(self.plans)))})
        _insert(
            ReadState,
            (
                ReadState(
                    member_id=member,
                    thread_id=self.thread_base + index,
                    last_read_position=rng.randint(1, self.plans[index].size),
                )
                for index in sample
            ),
        )
        follows = [Subscription(member_id=member, forum_id=self.forums[0].id)]
        follows += [
            Subscription(member_id=member, thread_id=self.thread_base + i) for i in sample[:20]
        ]
        _insert(Subscription, follows)


def generate_bench_data(
    size: BenchSize, out: Output, *, with_files: bool = True
) -> dict[str, float]:
    """Fill an empty database; returns the seconds spent on each step."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A bigger page cache for this connection only: index inserts stay in memory.
            cursor.execute("PRAGMA cache_size = -262144")
    return Generator(size, out, with_files=with_files).run()


def bench_data_exists() -> bool:
    return Forum.objects.exists() or Member.objects.filter(email=MEMBER_LOGIN).exists()


def describe_bench_data() -> dict[str, Any] | None:
    """What bench/run.py needs to load the pages: the forum, the big thread, the logins."""
    big = (
        Thread.objects.filter(forum__slug=GENERAL_SLUG, title=BIG_THREAD_TITLE)
        .values("id", "post_count")
        .first()
    )
    if big is None:
        return None
    return {
        "forum_slug": GENERAL_SLUG,
        "big_thread_id": big["id"],
        "big_thread_posts": big["post_count"],
        "member_email": MEMBER_LOGIN,
        "facilitator_email": FACILITATOR_LOGIN,
        "password": BENCH_PASSWORD,
        "posts": Post.objects.count(),
    }
