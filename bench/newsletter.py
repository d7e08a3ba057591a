"""Send a newsletter issue to 20 000 members through the real queue and a real SMTP sink.

Run: `.venv/bin/python bench/newsletter.py` (options: `--members`, `--no-record`).
It is a benchmark, never part of `make test`.

1. A throw-away SQLite database and var directory under `var/bench-newsletter/`
   (removed first), migrated with `tertulia migrate`.
2. An SMTP sink: aiosmtpd in a subprocess of its own (this script with `--sink`), which
   counts the messages it accepts per issue and recipient and writes them out when told
   to stop.
3. 20 000 members (English, Spanish and French readers; 1 % opted out of the newsletter,
   0.5 % deactivated, who must get nothing) and an issue with three editions, written
   through the compose services.
4. Run 1: "Send" (the sending service), with one `tertulia worker` (django-tasks-db's
   `db_worker`) sending batch after batch; timed from the click to the issue marked sent.
5. Run 2: a second issue; the worker is killed with SIGKILL once about 40 % is sent, then
   started again. The claims the dead worker held go stale after
   NEWSLETTER_STALE_CLAIM_SECONDS, set to 10 s here through a settings module in the
   bench directory (production default: 15 minutes), and are sent by the new worker.
6. Checks at the sink that every member who should get each issue got exactly one copy,
   in the language of the edition chosen for them, and nobody else any; prints the
   numbers and appends them to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BENCH_DIR = ROOT / "var" / "bench-newsletter"
STALE_SECONDS = 10
TARGET_SECONDS = 120
LANGUAGE_SHARES = (("en", 0.5), ("es", 0.3), ("fr", 0.2))

# --- The SMTP sink (runs in its own process) --------------------------------------------

MESSAGE_ID = re.compile(rb"^Message-ID: <newsletter-(\d+)-(\d+)\.", re.MULTILINE | re.IGNORECASE)
LANGUAGE = re.compile(rb"^Content-Language: ([a-z]+)", re.MULTILINE | re.IGNORECASE)


class CountingHandler:
    def __init__(self) -> None:
        # issue id -> recipient -> copies; issue id -> language -> copies
        self.copies: dict[str, Counter[str]] = defaultdict(Counter)
        self.languages: dict[str, Counter[str]] = defaultdict(Counter)
        self.other = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802  # aiosmtpd's hook name
        content = envelope.original_content or b""
        head = content[:4000]
        found = MESSAGE_ID.search(head)
        if found is None:
            self.other += 1
            return "250 Message accepted for delivery"
        issue = found.group(1).decode()
        for recipient in envelope.rcpt_tos:
            self.copies[issue][str(recipient)] += 1
        language = LANGUAGE.search(head)
        self.languages[issue][language.group(1).decode() if language else "?"] += 1
        return "250 Message accepted for delivery"


def run_sink(port: int, output: Path) -> None:
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    stopping = []

    def stop(signum: int, frame: Any) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    print("ready", flush=True)
    while not stopping:
        time.sleep(0.2)
    controller.stop()
    output.write_text(
        json.dumps(
            {"copies": handler.copies, "languages": handler.languages, "other": handler.other}
        )
    )


# --- The bench --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(smtp_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TERTULIA_VAR_DIR=str(BENCH_DIR),
        DATABASE_URL=f"sqlite:///{BENCH_DIR / 'newsletter.sqlite3'}",
        DJANGO_SETTINGS_MODULE="bench_newsletter_settings",
        PYTHONPATH=os.pathsep.join([str(BENCH_DIR), str(ROOT)]),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://bench.tertulia.example",
        DEFAULT_FROM_EMAIL="Tertulia <newsletter@bench.tertulia.example>",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        TASKS_BACKEND="database",
        LOG_LEVEL="ERROR",
    )
    return env


def prepare_directory() -> None:
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    (BENCH_DIR / "bench_newsletter_settings.py").write_text(
        "from tertulia.settings import *  # noqa: F403\n\n"
        "# A short claim timeout, so the run after a SIGKILL need not wait 15 minutes.\n"
        f"NEWSLETTER_STALE_CLAIM_SECONDS = {STALE_SECONDS}\n"
    )


# The console script installed beside this interpreter (`pip install -e .`).
TERTULIA = str(Path(sys.executable).with_name("tertulia"))


def tertulia(env: dict[str, str], *args: str) -> None:
    subprocess.run([TERTULIA, *args], cwd=ROOT, env=env, check=True)  # noqa: S603  # fixed arguments


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`tertulia worker`: django-tasks-db's `db_worker`, polling every 0.2 s when idle."""
    command = [TERTULIA, "worker", "--interval", "0.2", "--no-startup-delay", "--verbosity", "0"]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603  # fixed arguments


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def make_members(count: int) -> tuple[Any, int]:
    """The facilitator, then `count` members; how many should get the newsletter."""
    from tertulia.accounts.models import Member, Role
    from tertulia.notifications.models import MailSettings

    facilitator = Member.objects.create_user(
        "facilitator@bench.tertulia.example",
        None,
        display_name="Camila Reyes Santana",
        role=Role.FACILITATOR,
    )
    languages = [code for code, share in LANGUAGE_SHARES for _ in range(int(share * 100))]
    members = [
        Member(
            email=f"member{n:05d}@bench.tertulia.example",
            display_name=f"Miembro {n:05d} Nadège",
            search_name=f"miembro {n:05d} nadege",
            interface_language=languages[n % len(languages)],
            is_active=n % 200 != 7,  # 0.5 % deactivated
            password="!",  # noqa: S106  # an unusable password: nobody signs in as them
        )
        for n in range(count)
    ]
    Member.objects.bulk_create(members, batch_size=2000)
    opted_out = list(
        Member.objects.filter(email__endswith="7@bench.tertulia.example", is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: count // 100]
    )
    MailSettings.objects.bulk_create(
        MailSettings(member_id=pk, newsletter_opt_out=True) for pk in opted_out
    )
    eligible = Member.objects.filter(is_active=True).exclude(pk__in=opted_out).count()
    return facilitator, eligible


def write_issue(facilitator: Any, number: int) -> int:
    from tertulia.newsletters.drafts import EditionDraft, SectionDraft
    from tertulia.newsletters.services.compose import save_edition, start_issue

    texts = {
        "en": ("Care work and budgets", "This month: **care work** in public budgets."),
        "es": ("Cuidados y presupuestos", "Este mes: los **cuidados** en los presupuestos."),
        "fr": ("Soin et budgets", "Ce mois-ci : le **travail de soin** dans les budgets."),
    }  # fmt: skip
    issue_id = 0
    for language, (title, introduction) in texts.items():
        draft = EditionDraft(
            language=language,
            title=f"{title} ({number})",
            introduction=introduction,
            sections=[
                SectionDraft(heading=f"Section {n}", body="- [A link](https://example.org/)\n" * 5)
                for n in range(1, 5)
            ],
        )
        if issue_id:
            save_edition(facilitator, issue_id, draft)
        else:
            issue_id = start_issue(facilitator, draft).pk
    return issue_id


def progress(issue_id: int) -> dict[str, int]:
    from django.db import connection

    from tertulia.newsletters.models import Issue, IssueDelivery

    connection.close()  # a fresh view of what the worker committed
    counts = Counter(
        IssueDelivery.objects.filter(issue_id=issue_id).values_list("status", flat=True)
    )
    counts["done"] = int(Issue.objects.filter(pk=issue_id, status="sent").exists())
    return dict(counts)


def wait_until(issue_id: int, condition: Any, timeout: float) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = progress(issue_id)
        if condition(state):
            return state
        time.sleep(0.05)
    raise SystemExit(f"issue {issue_id} did not get there in {timeout:.0f} s: {progress(issue_id)}")


def expected_copies(issue_id: int) -> tuple[dict[str, str], Counter[str]]:
    """Every address that should have one copy, with the edition chosen for it."""
    from tertulia.newsletters.models import IssueDelivery

    rows = IssueDelivery.objects.filter(issue_id=issue_id, status="sent")
    languages = dict(rows.values_list("member__email", "language"))
    return languages, Counter(languages.values())


def check(issue_id: int, sink: dict[str, Any], eligible: int) -> dict[str, Any]:
    copies: dict[str, int] = sink["copies"].get(str(issue_id), {})
    languages, by_language = expected_copies(issue_id)
    duplicated = {address: n for address, n in copies.items() if n > 1}
    return {
        "expected": eligible,
        "rows_sent": len(languages),
        "received": sum(copies.values()),
        "recipients": len(copies),
        "duplicates": duplicated,
        "missing": len(set(languages) - set(copies)),
        "unexpected": len(set(copies) - set(languages)),
        "languages_ok": Counter(sink["languages"].get(str(issue_id), {})) == by_language,
        "by_language": dict(by_language),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--kill-at", type=float, default=0.4, help="share sent before SIGKILL")
    parser.add_argument("--no-record", action="store_true", help="print only")
    parser.add_argument("--sink", nargs=2, metavar=("PORT", "OUTPUT"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.sink:
        run_sink(int(options.sink[0]), Path(options.sink[1]))
        return

    began = time.monotonic()
    prepare_directory()
    smtp_port = free_port()
    env = environment(smtp_port)
    os.environ.update(env)
    sys.path[:0] = [str(BENCH_DIR), str(ROOT)]
    tertulia(env, "migrate", "--no-input", "--verbosity", "0")
    sink_output = BENCH_DIR / "sink.json"
    sink = subprocess.Popen(  # noqa: S603  # this script, fixed arguments
        [sys.executable, __file__, "--sink", str(smtp_port), str(sink_output)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE,
    )  # fmt: skip
    assert sink.stdout is not None
    sink.stdout.readline()  # "ready"

    import django

    django.setup()
    from tertulia.newsletters.services.sending import start_sending

    facilitator, eligible = make_members(options.members)
    setup_seconds = time.monotonic() - began
    print(f"{options.members:,} members, {eligible:,} get it; set up in {setup_seconds:.1f} s")

    # Run 1: one worker, start to finish.
    first = write_issue(facilitator, 1)
    worker = start_worker(env)
    clicked = time.monotonic()
    start_sending(facilitator, first)
    wait_until(first, lambda state: state["done"], timeout=900)
    first_seconds = time.monotonic() - clicked
    stop(worker)
    print(f"run 1: sent in {first_seconds:.1f} s ({eligible / first_seconds:,.0f} mails/s)")

    # Run 2: SIGKILL mid-send, then a new worker.
    second = write_issue(facilitator, 2)
    worker = start_worker(env)
    clicked = time.monotonic()
    start_sending(facilitator, second)
    at_kill = wait_until(
        second, lambda state: state.get("sent", 0) >= options.kill_at * eligible, timeout=900
    )
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed_at = time.monotonic() - clicked
    at_kill = progress(second)
    print(f"run 2: worker killed after {killed_at:.1f} s: {at_kill}")
    worker = start_worker(env)
    final = wait_until(second, lambda state: state["done"], timeout=900)
    second_seconds = time.monotonic() - clicked
    stop(worker)
    print(f"run 2: sent in {second_seconds:.1f} s: {final}")

    sink.send_signal(signal.SIGTERM)
    sink.wait(timeout=60)
    received = json.loads(sink_output.read_text())
    checks = [check(first, received, eligible), check(second, received, eligible)]
    total_seconds = time.monotonic() - began
    for number, result in enumerate(checks, start=1):
        print(f"run {number}: {json.dumps(result)}")
    if not options.no_record:
        record(options, eligible, setup_seconds, first_seconds, second_seconds, killed_at,
               at_kill, checks, total_seconds)  # fmt: skip


def verdict(result: dict[str, Any]) -> str:
    exact = (
        not result["duplicates"]
        and not result["missing"]
        and not result["unexpected"]
        and result["rows_sent"] == result["expected"] == result["recipients"]
    )
    return "yes" if exact else "**no**"


def record(
    options: argparse.Namespace,
    eligible: int,
    setup_seconds: float,
    first_seconds: float,
    second_seconds: float,
    killed_at: float,
    at_kill: dict[str, int],
    checks: list[dict[str, Any]],
    total_seconds: float,
) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    one, two = checks
    load = os.getloadavg()[0]
    lines = [
        "",
        f"## {now} — newsletter, {options.members:,} members (SQLite, django-tasks-db worker)",
        "",
        f"`bench/newsletter.py`: Python {platform.python_version()}, {os.cpu_count()} CPUs, one "
        "`tertulia worker`, an aiosmtpd sink in its own process counting what it accepts per "
        f"recipient; batches of 200 over one SMTP connection each. {eligible:,} members get "
        f"the newsletter (1 % opted out and 0.5 % deactivated get nothing); three editions "
        f"(en/es/fr). Set-up (migrate, members) {setup_seconds:.0f} s; load average "
        f"{load:.1f} at the end. Target: the sending under {TARGET_SECONDS} s.",
        "",
        "| run | sending time | mails/s | copies at the sink | one copy each | target met |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        f"| 1: one worker | {first_seconds:.1f} s | {eligible / first_seconds:,.0f} | "
        f"{one['received']:,} | {verdict(one)} | "
        f"{'yes' if first_seconds < TARGET_SECONDS else 'no'} |",
        f"| 2: SIGKILL at {killed_at:.1f} s, new worker | {second_seconds:.1f} s | "
        f"{eligible / second_seconds:,.0f} | {two['received']:,} | {verdict(two)} | "
        f"{'yes' if second_seconds < TARGET_SECONDS else 'no'} |",
        "",
        f"- Run 2 at the kill: {at_kill.get('sent', 0):,} sent, {at_kill.get('sending', 0)} "
        f"claimed by the dead worker's batch, {at_kill.get('pending', 0):,} waiting. The new "
        f"worker carried on with the task queued before the dead batch; the dead batch's "
        f"claims were taken over once {STALE_SECONDS} s old (production: 15 minutes), which "
        "is most of run 2's extra time.",
        f"- Duplicates: run 1 {len(one['duplicates'])}, run 2 {len(two['duplicates'])}; "
        f"missing: {one['missing']} and {two['missing']}; editions by language at the sink "
        f"match the chosen editions: {one['languages_ok']} and {two['languages_ok']} "
        f"({one['by_language']}).",
        f"- Whole script, set-up and both runs: {total_seconds:.0f} s.",
    ]
    with RESULTS.open("a") as results:
        results.write("\n".join(lines) + "\n")
    print(f"Appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
