"""The `tertulia` console script: Django's commands under dashed names and short aliases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tertulia import cli

CONSOLE_SCRIPT = Path(sys.executable).with_name("tertulia")


@pytest.fixture
def received(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The argument lists that reach Django's command runner."""
    calls: list[list[str]] = []
    monkeypatch.setattr(cli, "execute_from_command_line", calls.append)
    return calls


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("demo-data", "demo_data"),
        ("demo", "demo_data"),
        ("worker", "db_worker"),
        ("mail-receive", "mail_receive"),
        ("serve", "serve"),
        ("migrate", "migrate"),
    ],
)
def test_command_names_are_mapped_to_django_commands(
    received: list[list[str]], typed: str, command: str
) -> None:
    assert cli.main(["/usr/local/bin/tertulia", typed, "--no-input"]) == 0
    assert received == [["tertulia", command, "--no-input"]]


def test_options_are_passed_through_untouched(received: list[list[str]]) -> None:
    cli.main(["tertulia", "--help"])
    assert received == [["tertulia", "--help"]]


def run_tertulia(*args: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "TERTULIA_VAR_DIR": str(var_dir),
    }
    return subprocess.run(  # noqa: S603  # the project's own console script
        [str(CONSOLE_SCRIPT), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_console_script_runs_the_system_checks(tmp_path: Path) -> None:
    assert CONSOLE_SCRIPT.exists(), "install the project (pip install -e .) to get `tertulia`"
    result = run_tertulia("check", var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_console_script_accepts_dashed_command_names(tmp_path: Path) -> None:
    result = run_tertulia("remove-stale-contenttypes", "--help", var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "remove_stale_contenttypes" in result.stdout
