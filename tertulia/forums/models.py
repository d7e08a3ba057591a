"""Forums, threads, posts and everything members attach to them.

Posts carry their `position` in the thread (1, 2, 3...), so page N of a thread is a
range query on an index, never an OFFSET over thousands of rows; hidden posts keep
their position and show as a placeholder, so permalinks and page numbers stay stable.
Counts shown in lists (replies, posts, likes) are kept in the same transaction as the
write that changes them, and so are the `revision` numbers that cached pages are keyed
by (see services/revisions.py).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.validators import validate_single_line_text

TITLE_MAX = 200
POST_BODY_MAX = 50_000
POSTS_PER_PAGE = 20


class Access(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    MEMBERS = "members", _("Members")
    FACILITATORS = "facilitators", _("Facilitators only")


class ForumKind(models.TextChoices):
    STANDARD = "standard", _("Standard")
    QUESTION_AND_ANSWER = "qa", _("Question and answer")


class Forum(models.Model):
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(blank=True, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Codes such as en, es, fr.")
    )
    kind = models.CharField(
        _("type"), max_length=10, choices=ForumKind.choices, default=ForumKind.STANDARD
    )
    read_access = models.CharField(
        _("who may read"), max_length=12, choices=Access.choices, default=Access.EVERYONE
    )
    write_access = models.CharField(
        _("who may start threads and reply"),
        max_length=12,
        choices=Access.choices[1:],
        default=Access.MEMBERS,
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Raised whenever the forum's row in the index or a row of its thread list would read
    # differently; cached fragments are keyed by it (services/revisions.py).
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="forum_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def window_state(self, now: object = None) -> str:
        """ "before", "open" or "after" the posting window (always "open" without one)."""
        moment = now or timezone.now()
        if self.opens_at and moment < self.opens_at:  # type: ignore[operator]
            return "before"
        if self.closes_at and moment >= self.closes_at:  # type: ignore[operator]
            return "after"
        return "open"


class ThreadTag(models.Model):
    name = models.CharField(_("name"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return str(self.name)


class Thread(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    created_at = models.DateTimeField(default=timezone.now)
    language = models.CharField(_("language"), max_length=8, default="en")
    tags = models.ManyToManyField(ThreadTag, blank=True, related_name="threads")
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # Kept in the transaction of every post write.
    post_count = models.PositiveIntegerField(default=0)  # positions handed out so far
    reply_count = models.PositiveIntegerField(default=0)  # visible posts after the first
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    view_count = models.PositiveIntegerField(default=0)  # flushed from the cache in batches
    # Raised whenever anything the thread's pages show of its posts changes; cached
    # fragments are keyed by it (services/revisions.py).
    revision = models.PositiveIntegerField(default=0, editable=False)
    # Set when a facilitator merges this thread into another: its links lead there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes: ClassVar = [
            models.Index(fields=["forum", "-is_pinned", "-last_activity_at"], name="thread_list"),
            models.Index(fields=["-last_activity_at"], name="thread_latest"),
            models.Index(fields=["author", "-last_activity_at"], name="thread_by_author"),
            # A member's own threads waiting for approval, which only they see in a list.
            models.Index(
                fields=["author", "forum"],
                condition=Q(last_post__isnull=True),
                name="thread_waiting",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    position = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    body = models.TextField(pgettext_lazy("post", "text"), max_length=POST_BODY_MAX)
    body_html = models.TextField(editable=False)
    language = models.CharField(_("language"), max_length=8, default="en")
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    is_approved = models.BooleanField(default=True)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    # A random key the form carries, so a double-clicked submit makes one post.
    submission_key = models.CharField(max_length=64, blank=True)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )

    class Meta:
        verbose_name = pgettext_lazy("noun", "post")
        verbose_name_plural = pgettext_lazy("noun", "posts")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["thread", "position"], name="post_position_unique"),
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~Q(submission_key=""),
                name="post_submission_once",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["author", "-created_at"], name="post_by_author"),
            # Has this member posted in this thread? (Q&A forums ask on every page.)
            models.Index(fields=["author", "thread"], name="post_by_author_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.position}"

    @property
    def page_number(self) -> int:
        return (self.position - 1) // POSTS_PER_PAGE + 1


class PostRevision(models.Model):
    """The text of a post before an edit, for facilitators to read."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)  # the thread title, for first posts
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-edited_at", "-id"]

    def __str__(self) -> str:
        return f"revision of {self.post_id} at {self.edited_at:%Y-%m-%d %H:%M}"


class PostTranslation(models.Model):
    """A member's translation of a post into another of the community's languages.

    One per post and language. Shown beside the original, always marked as a member's
    translation and naming its translator; never replaces what the author wrote.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("translation"), max_length=POST_BODY_MAX)
    body_html = models.TextField(editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="post_translations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["language"]
        verbose_name = _("translation of a post")
        verbose_name_plural = _("translations of posts")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["post", "language"], name="post_translation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.language}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class Attachment(models.Model):
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    thumbnail = models.FileField(upload_to="attachments/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    alt_text = models.CharField(_("description of the image"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.original_name)


class Reaction(models.Model):
    """A like: one per member per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["post", "member"], name="reaction_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} likes {self.post_id}"


class Bookmark(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["post", "member"], name="bookmark_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} bookmarked {self.post_id}"


class ReadState(models.Model):
    """How far a member has read a thread (the highest position seen)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_states"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["member", "thread"], name="read_state_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} read {self.thread_id} to {self.last_read_position}"


class Subscription(models.Model):
    """A member follows a forum (new threads) or a thread (new replies)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(forum__isnull=False) & Q(thread__isnull=True))
                | (Q(forum__isnull=True) & Q(thread__isnull=False)),
                name="subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["member", "forum"],
                condition=Q(forum__isnull=False),
                name="subscription_forum_once",
            ),
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=Q(thread__isnull=False),
                name="subscription_thread_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.forum_id or self.thread_id}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSIVE = "abusive", _("Abusive or disrespectful")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["post", "member"],
                condition=Q(resolved_at__isnull=True),
                name="flag_open_once",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["resolved_at", "created_at"], name="flag_queue")]

    def __str__(self) -> str:
        return f"{self.reason} on {self.post_id}"


class ModerationLog(models.Model):
    """Who did what to which thread or post, when and why. Never edited."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"


class Draft(models.Model):
    """A reply being written: one per member per thread."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="drafts")
    body = models.TextField(max_length=POST_BODY_MAX)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["member", "thread"], name="draft_once"),
        ]

    def __str__(self) -> str:
        return f"draft of {self.member_id} in {self.thread_id}"
