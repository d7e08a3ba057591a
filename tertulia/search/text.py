"""Words as the index sees them: split, stemmed by language, folded to lower case without accents.

Both the SQLite index and the highlighter use these functions, so a word is found and
marked the same way. Stemming comes first (the Snowball stemmers know the accented
suffixes: "capacitación" -> "capacit"), folding second ("niñ" -> "nin"), so
"Formación", "formacion" and "formaciones" meet on one stem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

# The languages whose words are stemmed; any other content is indexed word for word.
STEMMED_LANGUAGES = {"en": "english", "es": "spanish", "fr": "french"}
# A query is matched with each of these: the language of the query is unknown.
QUERY_LANGUAGES = ("en", "es", "fr", "")

# Letters and digits, as SQLite's unicode61 tokenizer splits words (no underscore).
WORD = re.compile(r"[^\W_]+")
_CACHE_LIMIT = 500_000

_stemmers = {code: Stemmer.Stemmer(name) for code, name in STEMMED_LANGUAGES.items()}
_caches: dict[str, dict[str, str]] = {code: {} for code in (*STEMMED_LANGUAGES, "")}


def base_language(code: str) -> str:
    """ "es-MX" -> "es"; only the stemmed languages survive, others become ""."""
    base = code.split("-")[0].split("_")[0].lower()
    return base if base in STEMMED_LANGUAGES else ""


def fold(word: str) -> str:
    """Lower case without accents: "Éducation" -> "education"."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text, with their positions (for highlighting)."""
    return WORD.finditer(text)


def index_term(word: str, language: str) -> str:
    """The form of one word the index stores for content in `language` (a base code)."""
    cache = _caches[language]
    found = cache.get(word)
    if found is None:
        stemmer = _stemmers.get(language)
        lowered = word.lower()
        found = fold(stemmer.stemWord(lowered) if stemmer else lowered)
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[word] = found
    return found


def index_text(text: str, language: str) -> str:
    """A text as the SQLite index stores it: its index terms separated by spaces."""
    cache = _caches[language]
    # The cache lookup inlined: this runs for every word of a million posts.
    return " ".join([cache.get(word) or index_term(word, language) for word in WORD.findall(text)])
