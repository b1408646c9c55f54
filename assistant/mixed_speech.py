"""Messages that mix another language's glue into English, said in English before anything is read.

Why one place: the chat loop and whatever else reads a shopper's raw message (the language notice, tests) must
map the same languages in the same order, Bangla (before Hindi: its "ache?" asks whether there is one, where
Hindi's "ache" is good), Hindi, Tagalog, Nigerian Pidgin, Swahili, Thai, Singlish, Caribbean Creole, Indonesian,
Scots, Ukrainian, then French (`glue.Glue` each).
"""

from __future__ import annotations

from assistant.bangla import BANGLA
from assistant.french import FRENCH
from assistant.hinglish import HINDI
from assistant.indonesian import INDONESIAN
from assistant.patois import PATOIS
from assistant.pidgin import PIDGIN
from assistant.scots import SCOTS
from assistant.singlish import SINGLISH
from assistant.swahili import SWAHILI
from assistant.tagalog import TAGALOG
from assistant.thai import THAI
from assistant.ukrainian import UKRAINIAN

GLUES = (("Bangla", BANGLA), ("Hindi", HINDI), ("Tagalog", TAGALOG), ("Nigerian Pidgin", PIDGIN), ("Swahili", SWAHILI),
         ("Thai", THAI), ("Singlish", SINGLISH), ("Caribbean Creole", PATOIS), ("Indonesian", INDONESIAN),
         ("Scots", SCOTS), ("Ukrainian", UKRAINIAN), ("French", FRENCH))


def in_english(message: str) -> tuple[str, list[str]]:
    """The message with each language's glue in English, and the names of the languages that were mapped."""
    mapped = []
    for language, glue in GLUES:
        message, changed = glue.in_english(message)
        mapped += [language] if changed else []
    return message, mapped
