"""`tertulia serve`: run the site with gunicorn (static files through whitenoise)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Tertulia with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable, "-m", "gunicorn", "tertulia.wsgi",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--access-logfile", "-",
        ]  # fmt: skip
        self.stdout.write(f"Serving on http://{options['bind']}/ (Ctrl+C stops)")
        os.execv(sys.executable, argv)  # noqa: S606  # replaces this process with gunicorn
