"""`tertulia demo-data`: load the demo community and print how to sign in to it.

It lives in the home app, the top of the dependency order, because the demo spans
apps: members (accounts) first, then the forums they write in, the event series they
register for, the virtual dialogues that bring all of these together, and last the
newsletter that reports on everything.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.accounts.demo import MEMBER_PASSWORD, load_demo_community
from tertulia.accounts.models import Member
from tertulia.dialogues.demo import load_demo_dialogues
from tertulia.events.demo import create_demo_events
from tertulia.forums.demo import load_demo_forums
from tertulia.library.demo import create_demo_resources
from tertulia.messaging.demo import create_demo_conversations
from tertulia.newsletters.demo import create_demo_newsletters, create_demo_notifications
from tertulia.trainings.demo import create_demo_trainings

SITE_URL = "http://127.0.0.1:8000/"


def describe_mail_backend() -> str:
    """Where a person trying the demo can read the mail the site sends."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "console":
        return "printed in this terminal by the server (EMAIL_URL=consolemail://)."
    if backend == "filebased":
        return f"written as files into {getattr(settings, 'EMAIL_FILE_PATH', '')}."
    if backend == "smtp":
        return f"sent through the SMTP server at {settings.EMAIL_HOST}:{settings.EMAIL_PORT}."
    return f"handled by {settings.EMAIL_BACKEND}."


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo community of members, forums, events and virtual "
        "dialogues, with printed logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off (it creates a staff account whose "
            "password is printed, so never on a public site).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo community has a staff account with a published password. "
                "Run it with DEBUG=1 (as `make demo` does), or pass --force."
            )
        logins = load_demo_community(self.stdout)
        load_demo_forums(self.stdout)
        facilitators, members = self._demo_people()
        create_demo_events(facilitators, members)
        self.stdout.write("Demo events: an interview series and a bilingual lecture series.")
        load_demo_dialogues(self.stdout)
        # After the dialogues, so that resources can point at the dialogue on their theme.
        create_demo_resources(facilitators, members)
        self.stdout.write("Demo resource library: resources in English, Spanish and French.")
        create_demo_trainings(facilitators, members)
        self.stdout.write("Demo trainings: deadlines before and after today.")
        create_demo_conversations(members, facilitators)
        self.stdout.write("Demo private messages: conversations in three languages.")
        # Last: the newsletter's sections list the dialogues, events, resources,
        # trainings and threads made above.
        create_demo_newsletters(facilitators[0])
        self.stdout.write("Demo newsletter: two past issues in English, Spanish and French.")
        create_demo_notifications()
        self.stdout.write("Demo notifications: mentions for the facilitator and the member.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Open {SITE_URL} and sign in with:"))
        width = max(len(email) for _label, email, _password in logins)
        for label, email, password in logins:
            self.stdout.write(f"  {label:<12} {email:<{width}}  {password}")
        self.stdout.write(f"Every other demo member's password is {MEMBER_PASSWORD}")
        self.stdout.write(f"Outgoing mail: {describe_mail_backend()}")
        self.stdout.write(
            "That is where notifications, newsletter tests and sent newsletters arrive "
            f"(compose one at {SITE_URL}newsletter/manage/ as the facilitator)."
        )
        if "django_tasks_db" in settings.TASKS["default"]["BACKEND"]:
            self.stdout.write("Mail leaves through the task queue: run `tertulia worker` too.")

    def _demo_people(self) -> tuple[list[Member], list[Member]]:
        demo = Member.objects.filter(email__endswith="@demo.tertulia.example", is_active=True)
        # Facilitators first, then staff: the first organises, the second lectures.
        people = sorted(demo, key=lambda member: (member.is_staff, member.email))
        facilitators = [member for member in people if member.is_facilitator]
        members = [member for member in people if not member.is_facilitator]
        return facilitators, members
