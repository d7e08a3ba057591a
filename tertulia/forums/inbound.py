"""Posting in the forums by mail: answers to a thread's notification mail, and new
threads written to a forum's address (`forum+<slug or number>@REPLY_DOMAIN`).

The notifications app reads the mail, checks who sent it and hands over the member and
the cleaned text; this module posts through the same services as the web forms, so
every rule applies (who may post, locked threads, dialogue windows, rate limits,
first posts waiting for approval), and files are checked exactly as uploads are.
Registered in ForumsConfig.ready().
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.validators import parse_id
from tertulia.forums.models import Forum, Thread
from tertulia.forums.permissions import check_reply, check_start_thread
from tertulia.forums.services.attachments import ValidatedUpload, validate_uploads
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tertulia.notifications.inbound import registry
from tertulia.notifications.inbound.addresses import target_address
from tertulia.notifications.inbound.registry import InboundText

THREAD_KIND = "thread"  # notifications' group "thread:<id>" (services/post_notices.py)
FORUM_PREFIX = "forum"
MERGE_HOPS = 5


def checked_files(mail: InboundText) -> tuple[list[ValidatedUpload], list[str]]:
    """The mail's files through the upload checks; ValidationError names each bad one."""
    if not mail.attachments:
        return [], []
    files = [
        SimpleUploadedFile(item.filename, item.data, content_type=item.content_type)
        for item in mail.attachments
    ]
    return validate_uploads(files, [item.description for item in mail.attachments])


def _thread(thread_id: int) -> Thread:
    """The thread, or the one it was merged into: its old mail still reaches it."""
    for _hop in range(MERGE_HOPS):
        thread = Thread.objects.select_related("forum").filter(pk=thread_id).first()
        if thread is None:
            break
        if thread.merged_into_id is None or not thread.is_hidden:
            return thread
        thread_id = thread.merged_into_id
    raise PermissionDenied(_("This thread no longer exists."))


def reply_by_mail(member: Member, thread_id: int, mail: InboundText) -> str:
    thread = _thread(thread_id)
    check_reply(member, thread)
    uploads, alt_texts = checked_files(mail)
    post = post_reply(
        member,
        thread,
        body=mail.text,
        uploads=uploads,
        alt_texts=alt_texts,
        submission_key=mail.submission_key,
    )
    return reverse("post-permalink", kwargs={"post_id": post.pk})


def find_forum(key: str) -> int | None:
    """A forum's number from its address key: its slug, else its number (a forum whose
    slug is "2025" wins over forum number 2025)."""
    by_slug = Forum.objects.filter(slug__iexact=key).values_list("pk", flat=True).first()
    number = parse_id(key)
    if by_slug is not None or number is None:
        return by_slug
    return Forum.objects.filter(pk=number).values_list("pk", flat=True).first()


def start_thread_by_mail(member: Member, forum_id: int, mail: InboundText) -> str:
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise PermissionDenied(_("This forum no longer exists."))
    check_start_thread(member, forum)
    uploads, alt_texts = checked_files(mail)
    thread = start_thread(
        member,
        forum,
        title=mail.subject,
        body=mail.text,
        uploads=uploads,
        alt_texts=alt_texts,
        submission_key=mail.submission_key,
    )
    return reverse("thread-detail", kwargs={"thread_id": thread.pk})


def forum_mail_address(forum: Forum) -> str:
    """The address that starts a thread in this forum, or "" when mail is off.
    ASCII slugs read best; other slugs need SMTPUTF8, so those forums use their number."""
    key = forum.slug if forum.slug.isascii() else str(forum.pk)
    return target_address(FORUM_PREFIX, key)


def register() -> None:
    registry.register_reply_handler(THREAD_KIND, reply_by_mail)
    registry.register_address_handler(FORUM_PREFIX, find=find_forum, post=start_thread_by_mail)
