"""`tertulia demo-data`: load the demo community and print how to sign in to it.

It lives in the home app, the top of the dependency order, because the demo spans
apps: members (accounts) first, then the forums they write in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.accounts.demo import MEMBER_PASSWORD, load_demo_community
from tertulia.forums.demo import load_demo_forums

SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Create (or reset) a demo community of members and forums, with printed logins."

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
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Open {SITE_URL} and sign in with:"))
        width = max(len(email) for _label, email, _password in logins)
        for label, email, password in logins:
            self.stdout.write(f"  {label:<12} {email:<{width}}  {password}")
        self.stdout.write(f"Every other demo member's password is {MEMBER_PASSWORD}")
