"""`tertulia bench-data`: fill an empty database with a large forum community for load tests.

It adds to an empty database only and never deletes anything: run it against a database
of its own (`make bench` uses var/bench.sqlite3). `--describe` prints, as JSON, what
bench/run.py needs to know about bench data already there.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.forums.benchdata import (
    BENCH_PASSWORD,
    FACILITATOR_LOGIN,
    MEMBER_LOGIN,
    BenchSize,
    bench_data_exists,
    describe_bench_data,
    generate_bench_data,
)


class Command(BaseCommand):
    help = "Generate members, forums, threads and posts for load tests (empty database only)."

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = BenchSize()
        parser.add_argument("--members", type=int, default=defaults.members)
        parser.add_argument("--threads", type=int, default=defaults.threads)
        parser.add_argument("--posts", type=int, default=defaults.posts)
        parser.add_argument(
            "--big-thread-posts",
            type=int,
            default=defaults.big_thread_posts,
            help="Posts in the one long thread whose first and last pages are measured.",
        )
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="Write database rows only: no image files in MEDIA_ROOT, so no attachments.",
        )
        parser.add_argument(
            "--describe",
            action="store_true",
            help="Print the existing bench data (forum, big thread, logins) as JSON and stop.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["describe"]:
            described = describe_bench_data()
            if described is None:
                raise CommandError("This database holds no bench data.")
            self.stdout.write(json.dumps(described))
            return
        size = BenchSize(
            members=options["members"],
            threads=options["threads"],
            posts=options["posts"],
            big_thread_posts=options["big_thread_posts"],
        )
        problems = size.problems()
        if problems:
            raise CommandError(" ".join(problems))
        if bench_data_exists():
            raise CommandError(
                "This database already holds forums or bench members; bench-data only fills "
                "an empty database and deletes nothing. Point DATABASE_URL at a new database "
                "(make bench uses var/bench.sqlite3), or delete that file and run it again."
            )
        began = time.perf_counter()
        # The progress bar redraws its line with "\r": no newline after every write.
        self.stdout.ending = ""
        try:
            timings = generate_bench_data(
                size, self.stdout, with_files=not options["database_only"]
            )
        finally:
            self.stdout.ending = "\n"
        total = time.perf_counter() - began
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {size.members:,} members, {size.threads:,} threads and "
                f"{size.posts:,} posts in {total:.1f} s ({steps})."
            )
        )
        self.stdout.write(f"Sign in as {MEMBER_LOGIN} (member) or {FACILITATOR_LOGIN}")
        self.stdout.write(f"(facilitator) with the password {BENCH_PASSWORD}")
