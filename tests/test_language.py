"""A message in another language is named and answered plainly (the shop reads English words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.language import language_name, message_language
from assistant.mixed_speech import in_english

SHOPPERS = Path(__file__).resolve().parents[1] / "bench" / "data" / "shoppers"


@pytest.mark.parametrize(("text", "language"), [
    ("zapatillas para correr menos de 80", "es"), ("zapatillas para correr", "es"), ("tênis para corrida", "pt"),
    ("chaussures de course pour femme", "fr"),
    ("Laufschuhe unter 80 Euro", "de"), ("scarpe da corsa economiche", "it"), ("蓝色跑鞋", "zh"),
    ("наушники", "ru"), ("running shoes under 80", None), ("runnin shoes undr 80", None),
    ("le creuset dutch oven", None), ("calvin klein dress for a wedding", None), ("hola", None),
    ("I need a present for mi madre", None)])
def test_message_language(text, language):
    assert message_language(text) == language


def test_no_development_message_is_taken_for_another_language():
    """English shoppers write brand names, typos and slang: none of it may read as a foreign language."""
    said = []
    for name in ("demo-singles-dev", "demo-dialogues-dev", "bigbasket-singles-dev"):
        for line in (SHOPPERS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            said += [row["message"]] if "message" in row else [t["user"] for t in row["turns"]]
    # Written in another language on purpose (a Brazilian shopper's goodbye and thanks): the messages that should be
    # read so (the chat answers them as pleasantries, with no notice: tests/test_pointing_and_bulk.py)
    # and a Montreal shopper's questions asked wholly in French (an order's arrival, tomorrow's snow), where the shop
    # says it reads English
    meant = {"obrigada! tchau": "pt", "obrigada!! muito legal": "pt",
             "c'est quand que ma commande va arriver? j'ai commandé lundi pis toujours rien": "fr",
             "tsé-tu s'il va neiger demain à Montréal? faut que je sache si je sors le char": "fr"}
    # as the loop asks: after each language's glue is said in English ("50 se kam me hai koi?" is no Italian)
    read = {m: message_language(in_english(m)[0]) for m in said}
    assert len(said) > 1000 and {m: code for m, code in read.items() if code} == meant


def test_the_reply_says_which_language_the_shop_reads(assistant):
    reply = assistant.respond(assistant.new_session(), "je voudrais un cadeau pour ma grand-mère")
    assert reply.trace.language == "fr" and reply.text.startswith("I can read English only")
    assert "looks like French" in reply.text and language_name("zh") == "Chinese"
    # French glue is read in English first (assistant/french.py): understood, so no notice
    french = assistant.respond(assistant.new_session(), "chaussures de course moins de 80")
    assert french.trace.language is None and french.intent.max_price == 80 and "English only" not in french.text
    # Spanish glue words are read in English first (assistant/spanish.py): understood, so no notice
    spanish = assistant.respond(assistant.new_session(), "zapatillas para correr menos de 80")
    assert spanish.trace.language is None and spanish.intent.max_price == 80 and "English only" not in spanish.text
    english = assistant.respond(assistant.new_session(), "running shoes under 80")
    assert english.trace.language is None and "English only" not in english.text
