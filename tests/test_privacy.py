from __future__ import annotations

import pytest

from assistant.privacy import luhn_ok, pseudonym, redact


@pytest.mark.parametrize("text, secret", [
    ("mail me at jane.doe+shop@example.co.uk please", "jane.doe"),
    ("my card is 4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("card 4111-1111-1111-1111 exp 12/29", "4111-1111-1111-1111"),
    ("call +44 20 7946 0958 tomorrow", "7946 0958"),
    ("call (555) 123-4567", "123-4567"),
    ("ship to 221 Baker Street, London", "221 Baker Street"),
])
def test_redacts_personal_data(text, secret):
    assert secret not in redact(text)


@pytest.mark.parametrize("text", ["running shoes under $80", "order 1234567890123 arrived",
                                  "Sony WH-1000XM5 headphones", "compare 1 and 3", "shoes 50-100 dollars",
                                  "between 1500 and 2000", "2 pack of socks, size 42"])
def test_keeps_shopping_text(text):
    assert redact(text) == text


def test_luhn():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_pseudonym_is_stable_keyed_and_not_the_id():
    a = pseudonym("U0007", b"k1")
    assert a == pseudonym("U0007", b"k1") and a != pseudonym("U0007", b"k2") and "U0007" not in a
    assert pseudonym(None, b"k1") is None
