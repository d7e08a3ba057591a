"""Human languages: the ones members speak and write in, named in the viewer's language."""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info


def _base_codes() -> list[str]:
    codes = []
    for code, info in LANG_INFO.items():
        if "fallback" in info:  # aliases such as "zh-cn" point at a real entry
            continue
        codes.append(code)
    return codes


SPOKEN_LANGUAGE_CODES = frozenset(_base_codes())


def language_name(code: str) -> str:
    """The language's name in the active interface language ("Spanish", "español"...)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def spoken_language_choices() -> list[tuple[str, str]]:
    """Every language a member can say they speak, sorted by its displayed name."""
    return sorted(((c, language_name(c)) for c in SPOKEN_LANGUAGE_CODES), key=lambda c: c[1])
