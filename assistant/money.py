"""Prices as shoppers read them, in the shop's own currency.

Why a module of its own: the catalog stores bare numbers, and every place that shows one (replies,
cards, the cart, order confirmations) must show the same currency; an imported BigBasket catalog
is priced in rupees, not dollars. Babel's CLDR data gives the symbol and grouping for any ISO 4217 code.
"""

from __future__ import annotations

from babel.numbers import format_currency, get_currency_symbol, is_currency

from retrieval.types import DataError

DEFAULT_CURRENCY = "USD"


def check_currency(code: str, where: str) -> str:
    """An ISO 4217 code ("INR"), upper-cased; a DataError naming `where` for anything else."""
    upper = str(code).strip().upper()
    if not is_currency(upper):
        raise DataError(where, f"unknown currency {code!r}: use an ISO 4217 code such as USD, EUR, GBP or INR")
    return upper


def currency_symbol(currency: str = DEFAULT_CURRENCY) -> str:
    """"$", "₹", "€": for example prompts a shopper may type ("tea under ₹100")."""
    return get_currency_symbol(currency, locale="en")


def format_price(price: float | None, currency: str = DEFAULT_CURRENCY) -> str:
    """A catalog price as shoppers read it in the shop's currency: "$79.99", "₹1,250.00", "€12.00"."""
    if price is None:  # the catalog has no price for it
        return "price not listed"
    return format_currency(price, currency, locale="en")
