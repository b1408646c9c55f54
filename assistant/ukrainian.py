"""Ukrainian words a Ukrainian shopper new to English keeps ("dyakuyu", "ni Apple, ni Beats", "tak, add", "deshevshe
nothing?", "skilky?"), said in English.

Why: a learner's English carries the few words said without thinking: thanks ("dyakuyu"), yes and no ("tak", "ni"),
please ("bud laska"), how much ("skilky") and cheaper ("deshevshe"). Unread, "ni Apple, ni Beats" asked for Apple and
"dyakuyu, bye" was a search.
"""

from __future__ import annotations

from assistant.glue import Glue

_PHRASES: tuple[tuple[str, str], ...] = (
    (r"bud[' ]?\s?laska\b", "please"), (r"(?-i:ni)\s+(?=[A-Z])", "no "),
    (r"(?-i:tak)\s*,\s*(?=add|yes|ok|this|that)", "yes, "),
)
_WORDS: dict[str, str] = {
    "dyakuyu": "thanks", "diakuiu": "thanks", "dyakuju": "thanks", "dyakuiu": "thanks", "skilky": "how much",
    "deshevshe": "cheaper", "deshevo": "cheap", "dorogo": "expensive", "pryvit": "hi", "do pobachennya": "bye",
}
# English or other languages' words too ("tak", "ni"): read once something Ukrainian was.
_WEAK_WORDS: dict[str, str] = {"tak": "yes", "ni": "no"}

UKRAINIAN = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
