"""The Spanish and French interfaces are complete.

Three things keep them so, each checked against what a developer would forget:

- every string in the code is in the catalogues (`makemessages` on a copy of the source
  must not add one);
- every entry is translated and none is left fuzzy, with both plural forms;
- the compiled `.mo` files that Django reads say what the `.po` files say.
"""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from django.core.management import call_command

import tertulia

SOURCE = Path(tertulia.__file__).resolve().parent
LANGUAGES = ("es", "fr")


def _catalogue_files(root: Path, language: str) -> list[Path]:
    return sorted(root.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def _keys(catalogue: Catalog) -> set[tuple[str, str | None]]:
    return {(_msgid(message), message.context) for message in catalogue if message.id}


def _msgid(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def test_every_app_has_its_catalogues() -> None:
    apps = {path.parent.name for path in SOURCE.glob("*/apps.py")}
    for language in LANGUAGES:
        found = {path.relative_to(SOURCE).parts[0] for path in _catalogue_files(SOURCE, language)}
        assert apps <= found, f"{language}: no catalogue for {sorted(apps - found)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_makemessages_would_add_nothing(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    copy = tmp_path / "tertulia"
    shutil.copytree(
        SOURCE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "static", "migrations", "*.mo"),
    )
    # As `make messages` does: from inside the package, each app's strings going to the
    # nearest locale folder, the project's own to LOCALE_PATHS.
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=[language], no_obsolete=True, verbosity=0)
    missing: list[str] = []
    for refreshed in _catalogue_files(copy, language):
        original = SOURCE / refreshed.relative_to(copy)
        known = _keys(_read(original)) if original.exists() else set()
        added = _keys(_read(refreshed)) - known
        missing += [f"{original.relative_to(SOURCE)}: {msgid!r}" for msgid, _ctx in sorted(added)]
    assert not missing, "strings missing from the catalogues (run `make messages`):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    problems: list[str] = []
    for path in _catalogue_files(SOURCE, language):
        catalogue = _read(path)
        where = path.relative_to(SOURCE)
        if catalogue.fuzzy:
            problems.append(f"{where}: the header is marked fuzzy")
        for message in catalogue:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(f"{where}: fuzzy {_msgid(message)!r}")
            elif not all(strings):
                problems.append(f"{where}: untranslated {_msgid(message)!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogues_match_the_sources(language: str) -> None:
    stale: list[str] = []
    for path in _catalogue_files(SOURCE, language):
        compiled = path.with_suffix(".mo")
        if not compiled.exists():
            stale.append(f"{compiled.relative_to(SOURCE)} is missing")
            continue
        with compiled.open("rb") as handle:
            translations = gettext.GNUTranslations(handle)
        for message in _read(path):
            if not message.id or message.fuzzy:
                continue
            msgid = _msgid(message)
            if isinstance(message.string, tuple):
                plural = message.id[1]
                got = (
                    translations.npgettext(message.context, msgid, plural, 1)
                    if message.context
                    else translations.ngettext(msgid, plural, 1)
                )
                expected = message.string[0]
            else:
                got = (
                    translations.pgettext(message.context, msgid)
                    if message.context
                    else translations.gettext(msgid)
                )
                expected = message.string
            if expected and got != expected:
                stale.append(f"{compiled.relative_to(SOURCE)}: {msgid!r}")
    assert not stale, "compile the catalogues (`make messages`):\n" + "\n".join(stale)
