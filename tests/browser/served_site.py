"""A Tertulia served as in production, for measuring what browsers download.

gunicorn with DEBUG off, static files collected with hashed names and served
compressed by whitenoise, over a SQLite database of its own in a temporary folder (so
it never touches the test database, nor `var/`). The page-weight test and `make audit`
(bench/audit.py) both use it. This module imports no Django code: it drives the site
through subprocesses.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# The settings a production site reads from its environment, fixed here so that the
# caller's own (a PostgreSQL DATABASE_URL, Redis, HTTPS) cannot leak in.
OVERRIDDEN = (
    "DATABASE_URL",
    "REDIS_URL",
    "HTTPS",
    "SECURE_SSL_REDIRECT",
    "MEDIA_ROOT",
    "SECRET_KEY",
    "CONN_MAX_AGE",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class ServedSite:
    """`with ServedSite(folder) as site:` prepares the database, then serves it."""

    def __init__(self, folder: Path, *, workers: int = 1) -> None:
        self.folder = folder
        self.workers = workers
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        self.env = {key: value for key, value in os.environ.items() if key not in OVERRIDDEN}
        self.env.update(
            DJANGO_SETTINGS_MODULE="tertulia.settings",
            TERTULIA_VAR_DIR=str(folder),
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            DEBUG="0",
            ALLOWED_HOSTS=HOST,
            SITE_URL=self.url,
            TASKS_BACKEND="immediate",
            EMAIL_URL="dummymail://",
            DISABLE_RATE_LIMITS="1",
            LOG_LEVEL="ERROR",
        )

    def manage(self, *args: str) -> str:
        """Run a management command against this site's database; returns its output."""
        return self._run([sys.executable, str(ROOT / "manage.py"), *args])

    def call(self, function: str) -> object:
        """Call `package.module:function` inside the site (Django set up), returning what it
        returns, which must be JSON."""
        module, name = function.split(":")
        code = (
            "import json, django; django.setup(); "
            f"from {module} import {name}; print(json.dumps({name}()))"
        )
        return json.loads(self._run([sys.executable, "-c", code]).splitlines()[-1])

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(  # noqa: S603  # our own interpreter and fixed arguments
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[1:3])} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def __enter__(self) -> ServedSite:
        self.manage("migrate", "--no-input", "--verbosity", "0")
        self.manage("collectstatic", "--no-input", "--verbosity", "0")
        return self

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "tertulia.wsgi",
            "--workers", str(self.workers), "--bind", f"{HOST}:{self.port}",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603  # our own interpreter, fixed arguments
            command, cwd=ROOT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5):  # noqa: S310
                    return
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn stopped before answering") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.process is None:
            return
        with_workers = self.process.pid  # the session we started: gunicorn and its workers
        try:
            os.killpg(with_workers, signal.SIGTERM)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        self.process = None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
