"""settings.py reads every deployment choice from the environment.

Settings are read once per process, so most tests start a fresh Python with a controlled
environment and let it report what it sees; the database checks look at the connection
this test run really uses.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Variables that settings.py reads: a subprocess gets none of them unless a test sets it.
SETTINGS_VARIABLES = {
    "ALLOWED_HOSTS",
    "CONN_MAX_AGE",
    "DATABASE_URL",
    "DEBUG",
    "DEFAULT_FROM_EMAIL",
    "DISABLE_RATE_LIMITS",
    "EMAIL_SUBJECT_PREFIX",
    "EMAIL_URL",
    "HTTPS",
    "LOG_LEVEL",
    "MEDIA_ROOT",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SITE_URL",
    "TERTULIA_VAR_DIR",
}

REPORT_SETTINGS = """
import json, sys
import django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
"""


# Set by tests/browser/conftest.py for Playwright in the same process; a deployment never
# has it (`check --deploy` refuses it), so the subprocess must not inherit it.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(
    args: list[str], var_dir: Path, **variables: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_VARIABLES and k not in TEST_ONLY_VARIABLES
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tertulia.settings", TERTULIA_VAR_DIR=str(var_dir), **variables
    )
    return subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_in_subprocess(names: list[str], var_dir: Path, **variables: str) -> dict[str, Any]:
    result = run_python(["-c", REPORT_SETTINGS, *names], var_dir, **variables)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_deploy_check_passes_for_an_https_site(tmp_path: Path) -> None:
    result = run_python(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL="https://cop.example.org",
        ALLOWED_HOSTS="cop.example.org",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_https_site_turns_on_secure_cookies_and_hsts(tmp_path: Path) -> None:
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"]
    report = settings_in_subprocess(names, tmp_path, SITE_URL="https://cop.example.org")
    assert report["SESSION_COOKIE_SECURE"] is True
    assert report["CSRF_COOKIE_SECURE"] is True
    assert report["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365


def test_missing_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = settings_in_subprocess(["SECRET_KEY"], tmp_path)["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o077 == 0, "the key file must be private to its owner"

    second = settings_in_subprocess(["SECRET_KEY"], tmp_path)["SECRET_KEY"]
    assert second == first


def test_secret_key_from_the_environment_wins(tmp_path: Path) -> None:
    key = secrets.token_urlsafe(64)
    report = settings_in_subprocess(["SECRET_KEY"], tmp_path, SECRET_KEY=key)
    assert report["SECRET_KEY"] == key
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.django_db
def test_database_connection_is_tuned_for_its_engine(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        options = connection.settings_dict["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        # The test database lives in memory, where SQLite has no WAL: open the same
        # configuration on a file, as the site does.
        on_disk = SQLiteDatabaseWrapper(
            {**connection.settings_dict, "NAME": str(tmp_path / "probe.sqlite3")}, alias="probe"
        )
        try:
            with on_disk.cursor() as cursor:
                assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
                assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
            # django-stubs does not know the attribute Django 5.1 added.
            assert on_disk.transaction_mode == "IMMEDIATE"  # type: ignore[attr-defined]
        finally:
            on_disk.close()
    else:
        assert connection.vendor == "postgresql"
        assert connection.settings_dict["ENGINE"] == "django.db.backends.postgresql"
        assert connection.settings_dict["CONN_MAX_AGE"] > 0
        assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_postgres_url_selects_postgresql_with_persistent_connections(tmp_path: Path) -> None:
    report = settings_in_subprocess(["DATABASES"], tmp_path, DATABASE_URL="postgres://u@h:5432/db")
    database = report["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["HOST"], database["PORT"], database["NAME"]) == (
        "u",
        "h",
        5432,
        "db",
    )
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connections_are_kept_between_requests(tmp_path: Path) -> None:
    # Opening the file and running the PRAGMAs on every request cost milliseconds.
    database_url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    report = settings_in_subprocess(["DATABASES"], tmp_path, DATABASE_URL=database_url)
    assert report["DATABASES"]["default"]["CONN_MAX_AGE"] > 0

    report = settings_in_subprocess(
        ["DATABASES"], tmp_path, DATABASE_URL=database_url, CONN_MAX_AGE="0"
    )
    assert report["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


REPORT_TEMPLATE_LOADERS = """
import django
from django.template import engines
django.setup()
engine = engines["django"].engine
loaders = [type(loader) for loader in engine.template_loaders]
print(engine.debug, [f"{kind.__module__}.{kind.__name__}" for kind in loaders])
"""


def test_templates_are_compiled_once_per_process_in_production(tmp_path: Path) -> None:
    result = run_python(["-c", REPORT_TEMPLATE_LOADERS], tmp_path, DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['django.template.loaders.cached.Loader']"


def test_without_redis_cache_is_local_and_sessions_in_the_database(tmp_path: Path) -> None:
    report = settings_in_subprocess(["CACHES", "SESSION_ENGINE"], tmp_path)
    assert report["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert report["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


REDIS_ROUND_TRIP = """
import json, sys
import django
from django.conf import settings
django.setup()
from django.core.cache import cache
key = sys.argv[1]
cache.set(key, "hola", timeout=30)
value = cache.get(key)
cache.delete(key)
print(json.dumps({
    "backend": settings.CACHES["default"]["BACKEND"],
    "session_engine": settings.SESSION_ENGINE,
    "value": value,
}))
"""


def test_redis_url_puts_cache_and_sessions_in_redis(tmp_path: Path) -> None:
    redis_url = os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15")
    key = f"test-settings-{uuid.uuid4().hex}"
    result = run_python(["-c", REDIS_ROUND_TRIP, key], tmp_path, REDIS_URL=redis_url)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["backend"] == "django.core.cache.backends.redis.RedisCache"
    assert report["session_engine"] == "django.contrib.sessions.backends.cache"
    assert report["value"] == "hola"


def test_email_url_sets_smtp_host_and_port(tmp_path: Path) -> None:
    report = settings_in_subprocess(
        ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT"],
        tmp_path,
        EMAIL_URL="smtp://mail.example.org:587",
    )
    assert report["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert report["EMAIL_HOST"] == "mail.example.org"
    assert report["EMAIL_PORT"] == 587
