"""What a digest says: its sections, full posts or subjects only, what a member may
read, the member's language and time zone, both parts and the headers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Forum, ForumKind, Post, Reaction, Subscription
from tertulia.notifications.models import (
    Delivery,
    DigestFormat,
    Kind,
    Notification,
    OutgoingMail,
)
from tertulia.notifications.services import notify, set_preference
from tests.events.factories import make_event, make_registration
from tests.factories import add_post, make_facilitator, make_forum, make_member, make_thread
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import (
    html_of,
    make_reader,
    run_at,
    set_digest_settings,
    tell_reply,
    text_of,
)
from tests.trainings.factories import make_training

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

# Saturday 28 March 2026, 07:00 in Paris (CET); the period began on Friday at 07:00.
SEVEN_IN_PARIS = datetime(2026, 3, 28, 6, tzinfo=UTC)
DURING = datetime(2026, 3, 27, 15, tzinfo=UTC)


def _mail_to(smtp_server: SMTPServer, member: Member) -> tuple[str, str]:
    (mail,) = [m for m in smtp_server.received if m.recipients == [member.email]]
    return text_of(mail.message), html_of(mail.message)


def _follow(member: Member, forum: Forum) -> None:
    Subscription.objects.create(member=member, forum=forum)


def _like(post: Post, times: int) -> None:
    for _ in range(times):
        Reaction.objects.create(post=post, member=make_member())
    Post.objects.filter(pk=post.pk).update(like_count=times)


def test_full_posts_and_subjects_only(smtp_server: SMTPServer) -> None:
    full = make_reader()
    brief = make_reader()
    set_digest_settings(brief, digest_format=DigestFormat.SUBJECTS)
    forum = make_forum(title="General discussion")
    with time_machine.travel(DURING, tick=False):
        thread = make_thread(
            forum=forum, title="Care work", body="Unpaid care is **work**: here is why."
        )
        for member in (full, brief):
            _follow(member, forum)
            tell_reply(member, subject="Budgets", snippet="We tried it in Kinshasa.")

    run_at(SEVEN_IN_PARIS)

    text, html = _mail_to(smtp_server, full)
    assert "Budgets" in text
    assert "We tried it in Kinshasa." in text
    assert "Care work" in text
    assert "Unpaid care is work: here is why." in text
    assert "<strong>work</strong>" in html
    assert f"/forums/t/{thread.pk}/" in html

    text, html = _mail_to(smtp_server, brief)
    assert "Budgets" in text
    assert "Care work" in text
    assert "We tried it in Kinshasa." not in text + html
    assert "Unpaid care" not in text + html


def test_a_member_with_nothing_to_read_gets_nothing(smtp_server: SMTPServer) -> None:
    quiet = make_reader()
    busy = make_reader()
    tell_reply(busy, at=DURING)

    outcomes = run_at(SEVEN_IN_PARIS)

    assert [mail.recipients for mail in smtp_server.received] == [[busy.email]]
    assert outcomes["sent"] == 1
    assert not OutgoingMail.objects.filter(recipient=quiet).exists()


def test_replies_are_grouped_by_thread(smtp_server: SMTPServer) -> None:
    member = make_reader()
    care = make_thread(title="Care work")
    budgets = make_thread(title="Budgets")
    tell_reply(member, thread=care, snippet="First answer.", at=DURING)
    tell_reply(member, thread=budgets, snippet="Other thread.", at=DURING + timedelta(minutes=1))
    tell_reply(member, thread=care, snippet="Second answer.", at=DURING + timedelta(minutes=2))
    set_preference(member, Kind.RECORDING, Delivery.DAILY)
    with time_machine.travel(DURING + timedelta(minutes=3), tick=False):
        notify(member, Kind.RECORDING, url="/events/1/", params={"subject": "Care webinar"})

    run_at(SEVEN_IN_PARIS)

    text, html = _mail_to(smtp_server, member)
    assert text.count("\nCare work\n") == 1
    care_part = text.split("\nCare work\n")[1].split("\nBudgets\n")[0]
    assert "First answer." in care_part
    assert "Second answer." in care_part
    assert html.count(">Care work</a></h3>") == 1
    # Without a thread, it comes first, under no thread's heading.
    notifications = text.split("== Notifications ==")[1]
    assert notifications.index("The recording of “Care webinar” is available") < (
        notifications.index("Care work")
    )


def test_a_restricted_forum_stays_out_of_the_digest_of_who_cannot_read_it(
    smtp_server: SMTPServer,
) -> None:
    member = make_reader()
    facilitator = make_facilitator(
        display_name="Ruya Leghari", email="ruya@example.org", time_zone="Europe/Paris"
    )
    open_forum = make_forum(title="General discussion")
    staff_room = make_forum(title="Facilitators' room", read_access=Access.FACILITATORS)
    with time_machine.travel(DURING, tick=False):
        for reader in (member, facilitator):
            _follow(reader, open_forum)
            # The member followed it back when they were a facilitator.
            _follow(reader, staff_room)
        make_thread(forum=open_forum, title="Open question")
        secret = make_thread(forum=staff_room, title="Moderation plans")
        _like(add_post(thread=secret, body="Secret reply"), 5)
        for reader in (member, facilitator):
            notify(
                reader,
                Kind.NEW_THREAD,
                actor=secret.author,
                url=f"/forums/t/{secret.pk}/",
                params={"subject": "Moderation plans"},
                group=f"thread:{secret.pk}",
                scope=f"forum:{staff_room.pk}",
            )

    run_at(SEVEN_IN_PARIS)

    text, html = _mail_to(smtp_server, member)
    assert "Open question" in text
    for hidden in ("Moderation plans", "Facilitators", "Secret reply"):
        assert hidden not in text
        assert hidden not in html
    text, html = _mail_to(smtp_server, facilitator)
    assert "Moderation plans" in text
    assert "Secret reply" in text


def test_new_threads_and_popular_posts_of_followed_forums(smtp_server: SMTPServer) -> None:
    member = make_reader()
    followed = make_forum(title="General discussion")
    other = make_forum(title="Research")
    qa = make_forum(title="Questions", kind=ForumKind.QUESTION_AND_ANSWER)
    _follow(member, followed)
    _follow(member, qa)
    with time_machine.travel(DURING, tick=False):
        popular_thread = make_thread(forum=followed, title="Time-use surveys")
        _like(add_post(thread=popular_thread, body="Much liked answer"), 3)
        _like(add_post(thread=popular_thread, body="Liked once"), 1)
        _like(add_post(thread=popular_thread, author=member, body="My own popular post"), 4)
        make_thread(forum=followed, title="My own thread", author=member)
        make_thread(forum=other, title="Unfollowed forum thread")
        question = make_thread(forum=qa, title="How to start?")
        _like(add_post(thread=question, body="An answer hidden until one answers"), 6)
        # The forums tell followers of a new thread; the digest lists it once.
        notify(
            member,
            Kind.NEW_THREAD,
            actor=popular_thread.author,
            url=f"/forums/t/{popular_thread.pk}/",
            params={"subject": "Time-use surveys"},
            group=f"thread:{popular_thread.pk}",
            scope=f"forum:{followed.pk}",
        )
    with time_machine.travel(SEVEN_IN_PARIS + timedelta(minutes=5), tick=False):
        make_thread(forum=followed, title="After the digest hour")

    run_at(SEVEN_IN_PARIS + timedelta(minutes=15))

    text, _html = _mail_to(smtp_server, member)
    news = text.split("New in the forums you follow")[1].split("Popular posts")[0]
    popular = text.split("Popular posts")[1].split("-- ")[0]
    assert "Time-use surveys" in news
    assert "How to start?" in news
    assert "Much liked answer" in popular
    assert "3 likes, 0 replies" in popular
    assert "Liked once" not in text
    for absent in (
        "My own thread",
        "My own popular post",
        "Unfollowed forum thread",
        "An answer hidden",
        "After the digest hour",
    ):
        assert absent not in text
    assert "Notifications" not in text  # the new-thread notification is the listed thread
    assert Notification.objects.get(recipient=member).emailed_at is not None


def test_the_agenda_in_the_members_zone(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="America/New_York")
    seven_in_new_york = datetime(2026, 3, 28, 11, tzinfo=UTC)
    tomorrow = make_event(
        title="Care economy webinar", starts_at=datetime(2026, 3, 28, 19, tzinfo=UTC)
    )
    next_week = make_event(title="Later lecture", starts_at=datetime(2026, 4, 2, 19, tzinfo=UTC))
    make_registration(event=tomorrow, member=member)
    make_registration(event=next_week, member=member)
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        make_training(title="Gender audit course", deadline_on=date(2026, 4, 3), time_zone="UTC")
        make_training(title="Far deadline", deadline_on=date(2026, 4, 20), time_zone="UTC")
        make_training(
            title="Curso en español",
            deadline_on=date(2026, 4, 3),
            languages=("es",),
            time_zone="UTC",
        )

    run_at(seven_in_new_york)
    tell_reply(member, subject="Sunday news", at=seven_in_new_york + timedelta(hours=2))
    run_at(seven_in_new_york + timedelta(days=1))

    first, second = (
        text_of(mail.message) for mail in smtp_server.received if mail.recipients == [member.email]
    )
    assert "Care economy webinar: March 28, 2026, 15:00 EDT" in first
    assert "Later lecture" not in first
    assert "Gender audit course" in first
    assert "apply by April 3, 2026" in first
    assert "Far deadline" not in first
    assert "Curso en español" not in first  # taught in a language the member does not read
    # The next day the deadline has been told, and the webinar is over.
    assert "Sunday news" in second
    assert "Gender audit course" not in second
    assert "Care economy webinar" not in second


def test_a_spanish_member_reads_the_digest_in_spanish(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="America/Bogota", language="es")
    event = make_event(title="Webinar", starts_at=datetime(2026, 3, 28, 20, tzinfo=UTC))
    make_registration(event=event, member=member)
    tell_reply(member, subject="Economía del cuidado", at=DURING)

    run_at(datetime(2026, 3, 28, 12, tzinfo=UTC))  # 07:00 in Bogotá

    (mail,) = smtp_server.received
    message = mail.message
    assert message["Subject"] == "[Tertulia] Resumen diario · 28 de marzo de 2026"
    assert message["Content-Language"] == "es"
    text, html = text_of(message), html_of(message)
    assert text.startswith("Hola, Reader")
    assert "respondió en «Economía del cuidado»" in text
    assert "28 de marzo de 2026, 15:00" in text  # 20:00 UTC on the member's clock
    assert "Todas tus preferencias de correo:" in text
    assert '<html lang="es">' in html


def test_both_parts_and_the_headers(smtp_server: SMTPServer) -> None:
    member = make_reader(display_name="Nadège Mamas MAVOUNGOU")
    tell_reply(member, subject="Care work", at=DURING)

    run_at(SEVEN_IN_PARIS)

    (mail,) = smtp_server.received
    message = mail.message
    assert message["To"].addresses[0].display_name == "Nadège Mamas MAVOUNGOU"
    assert message["From"].addresses[0].display_name == "Tertulia"
    assert message["Subject"] == "[Tertulia] Daily digest · March 28, 2026"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip()
    assert link.startswith("<http://127.0.0.1:8000/newsletter/digests/unsubscribe/")
    assert message["Auto-Submitted"] == "auto-generated"
    row = OutgoingMail.objects.get(recipient=member)
    assert message["Message-ID"] == row.message_id
    assert row.idempotency_key == f"digest:daily:{member.pk}:2026-03-28"
    text, html = text_of(message), html_of(message)
    preferences = "http://127.0.0.1:8000/notifications/preferences/"
    assert preferences in text
    assert f'<a href="{preferences}">' in html
    assert link.strip("<>") in text
    assert "What happened since March 27, 2026, 07:00 CET." in text
