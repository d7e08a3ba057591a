"""Load the forum pages over HTTP and record req/s and latency in bench/RESULTS.md.

`make bench` runs this. It uses a database of its own (DATABASE_URL, by default
var/bench.sqlite3 under TERTULIA_VAR_DIR), fills it with `tertulia bench-data` when it is
empty, serves the site with gunicorn (2 workers, DEBUG off) and loads each page with wrk
at 16 connections, signed out and signed in. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
HOST = "127.0.0.1"
MIN_RPS = 300.0
MAX_P99_MS = 50.0
QUIET_CORES = 0.2  # other processes' CPU use below which a run counts as undisturbed
DEEP_PAGE_TOLERANCE = 0.10  # page 500 may be at most 10 % slower than page 1


@dataclass
class Result:
    page: str
    signed_in: bool
    status: int
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: str = ""
    other_cpu: float | None = None  # cores other processes used meanwhile

    @property
    def measured(self) -> bool:
        return self.status == 200 and not self.errors

    @property
    def meets_target(self) -> bool:
        return self.measured and self.rps >= MIN_RPS and self.p99_ms < MAX_P99_MS


def bench_environment(port: int) -> dict[str, str]:
    var_dir = Path(os.environ.get("TERTULIA_VAR_DIR", ROOT / "var"))
    env = dict(os.environ)
    env.setdefault("TERTULIA_VAR_DIR", str(var_dir))
    env.setdefault("DATABASE_URL", f"sqlite:///{var_dir / 'bench.sqlite3'}")
    env.setdefault("MEDIA_ROOT", str(var_dir / "bench-media"))
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}:{port}",
        LOG_LEVEL="ERROR",
    )
    return env


def tertulia(env: dict[str, str], *args: str, capture: bool = False) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    done = subprocess.run(  # noqa: S603  # our own interpreter and fixed arguments
        command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return done.stdout if capture else ""


def prepare_database(env: dict[str, str], generate_args: list[str]) -> dict[str, object]:
    print(f"Database: {redact(env['DATABASE_URL'])}")
    tertulia(env, "migrate", "--no-input", "--verbosity", "0")
    try:
        return dict(json.loads(tertulia(env, "bench_data", "--describe", capture=True)))
    except subprocess.CalledProcessError:
        pass
    print("No bench data yet: generating it (a few minutes for 1M posts).")
    began = time.perf_counter()
    tertulia(env, "bench_data", *generate_args)
    print(f"bench-data took {time.perf_counter() - began:.0f} s")
    return dict(json.loads(tertulia(env, "bench_data", "--describe", capture=True)))


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit(
            "wrk is not installed. Install it (Debian: sudo apt-get install -y wrk) and rerun."
        )
    print("Installing wrk with apt-get...")
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=apt, check=False).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update"], env=apt, check=True)  # noqa: S607
        subprocess.run(install, env=apt, check=True)  # noqa: S603
    return shutil.which("wrk") or sys.exit("apt-get did not install wrk.")


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    tertulia(env, "collectstatic", "--no-input", "--verbosity", "0")
    command = [
        sys.executable, "-m", "gunicorn", "tertulia.wsgi",
        "--workers", "2", "--bind", f"{HOST}:{port}",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(port, "/")
            return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s.")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)  # the session we started: gunicorn and its workers
    server.wait(timeout=30)


def fetch(
    port: int, path: str, *, cookie: str = "", form: dict[str, str] | None = None
) -> tuple[int, SimpleCookie, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://{HOST}:{port}{path}"
    connection.request("POST" if form is not None else "GET", path, body=body, headers=headers)
    response = connection.getresponse()
    cookies: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, cookies, text


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in once through the real form; returns the Cookie header that carries the session."""
    status, cookies, page = fetch(port, "/accounts/login/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or match is None or "csrftoken" not in cookies:
        sys.exit(f"Could not open the sign-in page (HTTP {status}).")
    csrf = cookies["csrftoken"].value
    form = {"csrfmiddlewaretoken": match.group(1), "login": email, "password": password}
    status, cookies, _page = fetch(port, "/accounts/login/", cookie=f"csrftoken={csrf}", form=form)
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"Signing in as {email} failed (HTTP {status}).")
    return f"csrftoken={csrf}; sessionid={cookies['sessionid'].value}"


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def load(
    wrk: str, port: int, path: str, cookie: str, seconds: int
) -> tuple[float, float, float, str]:
    command = [wrk, "-t2", "-c16", f"-d{seconds}s", "--latency", f"http://{HOST}:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    errors = "; ".join(
        line.strip() for line in output.splitlines() if "Non-2xx" in line or "Socket errors" in line
    )
    return rps, p50, p99, errors


def cpu_seconds(server_pid: int) -> tuple[float, float] | None:
    """(busy CPU seconds of the whole machine, of gunicorn + wrk + this script), from /proc.

    The machine may be shared (other people's test suites): the difference tells how
    much CPU something else took while a page was loaded, which the report shows.
    """
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return None
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    ours = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(stat.parent.name) == server_pid or int(after_name[1]) == server_pid:
            ours += int(after_name[11]) + int(after_name[12])  # utime + stime
    mine = os.times()  # this script and the wrk runs it has waited for
    own = mine.user + mine.system + mine.children_user + mine.children_system
    return busy / tick, ours / tick + own


def wait_for_quiet(server_pid: int, limit: float) -> None:
    """Wait (up to `limit` seconds) until other processes use under QUIET_CORES of CPU."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(server_pid)
        time.sleep(2)
        after = cpu_seconds(server_pid)
        if not before or not after:
            return
        others = ((after[0] - before[0]) - (after[1] - before[1])) / 2
        if others < QUIET_CORES:
            return
        print(f"  waiting: other processes use {others:.1f} cores", flush=True)


def run_pages(
    wrk: str, port: int, server_pid: int, described: dict[str, object], args: argparse.Namespace
) -> list[Result]:
    thread = described["big_thread_id"]
    last_page = (int(str(described["big_thread_posts"])) - 1) // 20 + 1
    pages = [
        ("forum index", "/forums/"),
        ("thread list", f"/forums/{described['forum_slug']}/"),
        ("thread page 1", f"/forums/t/{thread}/?page=1"),
        (f"thread page {min(500, last_page)}", f"/forums/t/{thread}/?page={min(500, last_page)}"),
    ]
    member_cookie = sign_in(port, str(described["member_email"]), str(described["password"]))
    results = []
    for cookie in ("", member_cookie):
        for name, path in pages:
            status, _cookies, _body = fetch(port, path, cookie=cookie)
            result = Result(f"{name} `{path}`", bool(cookie), status)
            if status == 200:
                wait_for_quiet(server_pid, args.wait)
                load(wrk, port, path, cookie, 2)  # warm the workers' caches
                before, began = cpu_seconds(server_pid), time.monotonic()
                result.rps, result.p50_ms, result.p99_ms, result.errors = load(
                    wrk, port, path, cookie, args.seconds
                )
                after, elapsed = cpu_seconds(server_pid), time.monotonic() - began
                if before and after:
                    others = (after[0] - before[0]) - (after[1] - before[1])
                    result.other_cpu = max(0.0, others / elapsed)
            print(row(result))
            results.append(result)
    return results


def row(result: Result) -> str:
    signed_in = "yes" if result.signed_in else "no"
    if result.status != 200:
        return f"| {result.page} | {signed_in} | not measurable: HTTP {result.status} | | | | no |"
    target = "yes" if result.meets_target else "no"
    other = "?" if result.other_cpu is None else f"{result.other_cpu:.2f}"
    if result.errors:
        target += f" ({result.errors})"
    return (
        f"| {result.page} | {signed_in} | {result.rps:,.0f} | {result.p50_ms:.1f} ms "
        f"| {result.p99_ms:.1f} ms | {other} | {target} |"
    )


def deep_page_verdict(results: list[Result]) -> list[str]:
    lines = []
    for signed_in in (False, True):
        first, deep = (r for r in results if r.signed_in == signed_in and "thread page" in r.page)
        if first.measured and deep.measured:
            ratio = deep.rps / first.rps
            verdict = "yes" if ratio >= 1 - DEEP_PAGE_TOLERANCE else "no"
            who = "signed in" if signed_in else "signed out"
            lines.append(
                f"- Deep page vs page 1, {who}: {ratio:.0%} of page 1's req/s "
                f"(within 10 %: {verdict})."
            )
    return lines


def report(results: list[Result], described: dict[str, object], env: dict[str, str]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    lines = [
        f"## {now} — {database}, {int(str(described['posts'])):,} posts",
        "",
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, gunicorn 2 sync workers, "
        "wrk 2 threads / 16 connections, 15 s per page after a 2 s warm-up, wrk on the same "
        "machine. Targets: ≥ 300 req/s and p99 < 50 ms. *Other CPU*: cores that processes "
        "other than gunicorn and wrk used during the page's run (a shared machine); above "
        "about 0.2 the page's numbers are depressed by it.",
        "",
        "| page | signed in | req/s | p50 | p99 | other CPU | target met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *(row(result) for result in results),
        "",
        *deep_page_verdict(results),
    ]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per page")
    parser.add_argument(
        "--wait",
        type=float,
        default=300,
        help="seconds to wait, before each page, for other processes to leave the CPU",
    )
    parser.add_argument("--no-record", action="store_true", help="print, do not write RESULTS.md")
    # Anything else (--members 5000 ...) goes to bench-data when the database is empty.
    args, generate_args = parser.parse_known_args()
    env = bench_environment(args.port)
    described = prepare_database(env, generate_args)
    wrk = ensure_wrk()
    server = start_server(env, args.port)
    try:
        results = run_pages(wrk, args.port, server.pid, described, args)
    finally:
        stop_server(server)
    text = report(results, described, env)
    print()
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as results_file:
            results_file.write("\n" + text)
        print(f"Appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
