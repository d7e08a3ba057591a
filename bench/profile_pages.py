"""Per-request CPU time and SQL queries of the benchmarked forum pages, in-process.

wrk numbers on a shared 2-core machine are noisy; CPU time per request is not. This
script serves the same eight requests as bench/run.py (four pages, signed out and signed
in) through Django's WSGI handler, as gunicorn does (a request ends by closing the
response, which fires `request_finished`), against the bench database, and prints for
each page the mean and median CPU milliseconds and the number of SQL queries.

    DATABASE_URL=sqlite:////work/main/var/bench.sqlite3 .venv/bin/python bench/profile_pages.py
    .venv/bin/python bench/profile_pages.py --requests 300 --profile "thread page 1" --signed-in

By default it uses var/bench.sqlite3 (as bench/run.py does) and refuses a database with
no bench data. Signing in makes one session row for the bench member.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure() -> None:
    var_dir = Path(os.environ.get("TERTULIA_VAR_DIR", ROOT / "var"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir / 'bench.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(var_dir / "bench-media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertulia.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-profile-not-secret")
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def bench_pages(described: dict[str, Any]) -> list[tuple[str, str]]:
    thread = described["big_thread_id"]
    deep = min(500, (int(described["big_thread_posts"]) - 1) // 20 + 1)
    return [
        ("forum index", "/forums/"),
        ("thread list", f"/forums/{described['forum_slug']}/"),
        ("thread page 1", f"/forums/t/{thread}/?page=1"),
        (f"thread page {deep}", f"/forums/t/{thread}/?page={deep}"),
    ]


def member_cookie(email: str) -> str:
    """The cookies of a browser signed in as the bench member (as bench/run.py sends them:
    the CSRF cookie from the sign-in form, and the session)."""
    from django.conf import settings
    from django.middleware.csrf import get_token
    from django.test import Client, RequestFactory

    from tertulia.accounts.models import Member

    client = Client()
    client.force_login(Member.objects.get(email=email))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = RequestFactory().get("/")
    get_token(request)
    csrf = request.META["CSRF_COOKIE"]
    return f"{settings.CSRF_COOKIE_NAME}={csrf}; {settings.SESSION_COOKIE_NAME}={session}"


class Server:
    """Django's WSGI application called the way gunicorn's sync workers call it."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler = WSGIHandler()
        self.factory = RequestFactory()
        self.status = ""

    def get(self, path: str, cookie: str) -> tuple[int, bytes]:
        extra = {"HTTP_COOKIE": cookie} if cookie else {}
        environ = self.factory.get(path, **extra).environ

        def start_response(status: str, headers: list[tuple[str, str]]) -> None:
            self.status = status

        response = self.handler(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()  # type: ignore[attr-defined]  # fires request_finished
        return int(self.status.split()[0]), body


@contextmanager
def counting_queries() -> Iterator[list[tuple[str, Any]]]:
    from django.db import connection

    seen: list[tuple[str, Any]] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, *args: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, *args)

    with connection.execute_wrapper(record):
        yield seen


def measure(server: Server, path: str, cookie: str, requests: int) -> tuple[list[float], int]:
    status, _body = server.get(path, cookie)
    if status != 200:
        sys.exit(f"{path} answered HTTP {status}")
    for _warm in range(5):
        server.get(path, cookie)
    with counting_queries() as queries:
        server.get(path, cookie)
    timings = []
    for _request in range(requests):
        began = time.process_time()
        server.get(path, cookie)
        timings.append((time.process_time() - began) * 1000)
    return timings, len(queries)


def best_block(timings: list[float], size: int = 20) -> float:
    """The mean of the fastest run of `size` consecutive requests.

    Other processes on a shared machine slow every request a little (caches, the
    other hyperthread) even in CPU time; the fastest stretch is the closest to what the
    page costs on a quiet machine.
    """
    blocks = [timings[i : i + size] for i in range(0, len(timings) - size + 1, size)]
    return min(statistics.mean(block) for block in blocks) if blocks else statistics.mean(timings)


def show_queries(server: Server, path: str, cookie: str) -> None:
    from django.db import connection

    with counting_queries() as queries:
        server.get(path, cookie)
    for sql, params in queries:
        print(f"  {sql}  {params}")
        if sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                for row in cursor.fetchall():
                    print(f"    {row[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--page", help="only the pages whose name contains this")
    parser.add_argument("--signed-in", action="store_true", help="only signed in")
    parser.add_argument("--signed-out", action="store_true", help="only signed out")
    parser.add_argument("--profile", action="store_true", help="cProfile the selected pages")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    parser.add_argument("--top", type=int, default=40, help="functions shown by --profile")
    args = parser.parse_args()
    configure()
    if os.environ.get("BENCH_PERSIST"):
        from django.db import connections

        connections["default"].settings_dict["CONN_MAX_AGE"] = 600

    from tertulia.forums.benchdata import describe_bench_data

    described = describe_bench_data()
    if described is None:
        sys.exit("This database holds no bench data: run `make bench` once (or bench-data).")
    server = Server()
    cookies = []
    if not args.signed_in:
        cookies.append(("out", ""))
    if not args.signed_out:
        cookies.append(("in", member_cookie(described["member_email"])))
    print(
        f"{'page':<16} {'signed':<7} {'mean ms':>8} {'median':>8} {'p90':>8} {'best':>8} "
        f"{'queries':>8}"
    )
    for who, cookie in cookies:
        for name, path in bench_pages(described):
            if args.page and args.page not in name:
                continue
            if args.queries:
                print(f"{name}, signed {who}: {path}")
                show_queries(server, path, cookie)
                continue
            if args.profile:
                for _warm in range(5):
                    server.get(path, cookie)
                profiler = cProfile.Profile()
                profiler.enable()
                for _request in range(args.requests):
                    server.get(path, cookie)
                profiler.disable()
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
                stats.print_stats(args.top)
                print(out.getvalue())
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
                print(out.getvalue())
                continue
            timings, queries = measure(server, path, cookie, args.requests)
            p90 = statistics.quantiles(timings, n=10)[-1]
            print(
                f"{name:<16} {who:<7} {statistics.mean(timings):>8.2f} "
                f"{statistics.median(timings):>8.2f} {p90:>8.2f} {best_block(timings):>8.2f} "
                f"{queries:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
