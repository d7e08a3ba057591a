"""What a training costs: free, or an amount in an ISO 4217 currency, shown the way the
viewer's language writes money ("€1,250.50", "1.250,50 €", "1 250,50 €")."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel.numbers import format_currency, get_currency_name, list_currencies
from django.utils.translation import get_language, gettext, to_locale

# Codes ISO 4217 reserves for tests and "no currency": not a price anyone can pay.
_NOT_MONEY = frozenset({"XTS", "XXX"})


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(code for code in list_currencies() if code not in _NOT_MONEY)


def is_known_currency(code: str) -> bool:
    return code in known_currencies()


def _locale() -> str:
    return to_locale(get_language() or "en")


def currency_name(code: str) -> str:
    """The currency's name in the active language ("US Dollar", "dólar estadounidense")."""
    try:
        return str(get_currency_name(code, locale=_locale()))
    except (ValueError, LookupError):
        return code


def format_cost(amount: Decimal | None, currency: str) -> str:
    """ "Free", or the amount with its currency in the active language's notation."""
    if amount is None:
        return gettext("Free")
    try:
        return str(format_currency(amount, currency, locale=_locale()))
    except (ValueError, LookupError):
        return f"{amount} {currency}"
