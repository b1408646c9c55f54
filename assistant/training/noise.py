"""Shopper noise for generated messages: typos, casing, fillers, number formats.

Why: real shoppers type "runnign shoes under 80 pls" on a phone. Training only on clean
templates gives a parser that breaks on the first typo; the noise is applied to the template's
own words (not to brand names the held-out set must copy), and to category words in training
only, where the target keeps the canonical catalog value so the model learns to correct them.
"""

from __future__ import annotations

import random

_KEYBOARD = {
    "a": "qs", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo", "j": "hk",
    "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry",
    "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}
NUMBER_WORDS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 100: "a hundred", 200: "two hundred"}


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: swap, drop, double or hit a neighbour key (words of 4+ letters only)."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == 1:
        return word[:i] + word[i + 1:]
    if op == 2:
        return word[:i] + word[i] + word[i:]
    near = _KEYBOARD.get(word[i].lower())
    return word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1:]


def typos(text: str, rng: random.Random, rate: float) -> str:
    """Apply `typo` to each word of `text` with probability `rate` (placeholders untouched)."""
    out = []
    for word in text.split(" "):
        out.append(typo(word, rng) if "{" not in word and rng.random() < rate else word)
    return " ".join(out)


def casing(text: str, rng: random.Random) -> str:
    """Mostly lower case (phones), sometimes sentence case, rarely shouting."""
    roll = rng.random()
    if roll < 0.6:
        return text.lower()
    if roll < 0.95:
        return text[:1].upper() + text[1:]
    return text.upper()


def price_text(value: float, formats: tuple[str, ...], rng: random.Random, words: bool) -> str:
    """A price as a shopper writes it: "$80", "80 bucks", "1,200", "1.5k", or "fifty" (training only)."""
    n = int(value) if value == int(value) else value
    if words and n in NUMBER_WORDS and rng.random() < 0.15:
        return NUMBER_WORDS[n]
    if isinstance(n, int) and n >= 1000 and rng.random() < 0.4:
        number = f"{n:,}" if rng.random() < 0.5 or n % 500 else f"{n / 1000:g}k"
    else:
        number = str(n)
    usable = [f for f in formats if number.isdigit() or ".00" not in f]
    return rng.choice(usable or formats).format(n=number)
