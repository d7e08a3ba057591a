"""The `tertulia` console script: Django's management commands under friendlier names.

`tertulia demo-data` runs the `demo_data` command, `tertulia serve` the `serve` command;
any other Django command works as with manage.py.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {
    "demo": "demo_data",
    "worker": "db_worker",
}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertulia.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1:
        command = ALIASES.get(args[1], args[1])
        if not command.startswith("-"):
            command = command.replace("-", "_")
        args[1] = command
    args[0] = "tertulia"
    execute_from_command_line(args)
    return 0
