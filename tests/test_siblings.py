"""The same model in other colours (assistant/siblings.py) and the reply that names them."""

from __future__ import annotations

import pandas as pd

from assistant.asked_facts import asked_facts
from assistant.grounding import fill
from assistant.siblings import ModelLines
from retrieval.types import Product

ROWS = [  # product_id, title, brand, category, color
    ("s1", "Nike Air Max 90 Grippy Low-Top Sneakers, Blue", "Nike", "sneakers", "blue"),
    ("s2", "Nike Air Max 90 High-Top Sneakers - Black", "Nike", "sneakers", "black"),
    ("s3", "Nike Air Max 90 Sneakers (Red)", "Nike", "sneakers", "red"),
    ("s4", "Nike Air Force 1 Grippy Sneakers - White", "Nike", "sneakers", "white"),
    ("s5", "Nike Air Max 90 Running Shoes - Green", "Nike", "running shoes", "green"),
    ("s6", "Adidas Air Grippy Sneakers - Grey", "Adidas", "sneakers", "grey"),
    ("s7", "Puma Air Grippy Sneakers - Grey", "Puma", "sneakers", "grey"),
    ("s8", "Puma Grippy Sneakers - Pink", "Puma", "sneakers", "pink"),
    ("s9", "Puma Grippy Sneakers - Navy", "Puma", "sneakers", "navy"),
]
CATALOG = pd.DataFrame(ROWS, columns=["product_id", "title", "brand", "category", "color"])


def _product(row: tuple) -> Product:
    pid, title, brand, category, color = row
    return Product(pid, title, 80.0, category=category, brand=brand, color=color)


def test_the_same_model_is_found_in_its_other_colours_and_nothing_else_is():
    lines = ModelLines(CATALOG)
    # "Air" is used by three brands: a description, not the model; "Max 90" is the model, its descriptors vary
    assert lines.other_colors(_product(ROWS[0])) == ["black", "red"]
    assert lines.other_colors(_product(ROWS[3])) == []            # Air Force 1: another model, no other colour
    # a title of description words alone names no model, so nothing is claimed either way
    assert lines.other_colors(_product(ROWS[7])) is None


def test_asked_for_other_colours_the_reply_names_them_from_the_catalog():
    lines = ModelLines(CATALOG)
    shoe = _product(ROWS[0])
    text, problems = fill(asked_facts("does the first one come in other colours?", [shoe], None, lines.other_colors),
                          [shoe])
    assert not problems
    assert text.strip() == "Nike Air Max 90 Grippy Low-Top Sneakers, Blue is listed in blue. " \
                           "The same model is also listed in black and red."
    lone = _product(ROWS[3])
    assert "No other colour of it is listed." in asked_facts("any other colors?", [lone], None, lines.other_colors)
    # its own colour asked: no claim about others
    assert "other" not in asked_facts("what colour is the 2nd", [shoe], None, lines.other_colors)


def test_asked_which_sizes_the_reply_names_the_models_other_listed_sizes():
    sized = CATALOG.assign(size=["9", "10", "9", "11", "8", "9", "9", "7", "8"])
    lines = ModelLines(sized)
    shoe = Product("s1", ROWS[0][1], 80.0, category="sneakers", brand="Nike", color="blue", size="9")
    assert lines.other_sizes(shoe) == ["10"]
    text, problems = fill(asked_facts("which sizes does it come in?", [shoe], None, lines.other_colors,
                                      lines.other_sizes), [shoe])
    assert not problems and "is listed in size 9. The same model is also listed in size 10." in text
    text, _ = fill(asked_facts("do you have it in a 10?", [shoe], "10", lines.other_colors, lines.other_sizes), [shoe])
    assert "is listed in size 9, not 10. The same model is also listed in size 10: say 'size 10' to see it." in text


def test_a_brands_model_words_are_read_however_common_in_english():
    lines = ModelLines(CATALOG)
    assert "max" in lines.model_words("Nike") and "air" not in lines.model_words("Nike")  # three brands say "air"


def test_an_add_naming_a_model_not_on_screen_adds_no_other_model_of_the_brand(demo_assistant):
    from assistant.vocab import words, zipf

    session = demo_assistant.new_session()
    shown = [c.product for c in demo_assistant.respond(session, "running shoes").products]
    on_screen = {w for p in shown for w in words(p.title)}
    brand, absent = next((p.brand, w) for p in shown  # a model named by an everyday word ("ghost", "cloud")
                         for w in sorted(demo_assistant._lines().model_words(p.brand))
                         if w.isalpha() and w not in on_screen and zipf(w) >= 3.5
                         and sum(q.brand == p.brand for q in shown) == 1)
    reply = demo_assistant.respond(session, f"the {brand.lower()} {absent} ones, add them")
    assert not session.cart and "haven't added anything" in reply.text, reply.text
    demo_assistant.respond(session, f"the {brand.lower()} ones, add them")
    assert [demo_assistant.product(pid).brand for pid in session.cart] == [brand]


def test_the_same_model_and_colour_is_found_in_a_size_asked_for():
    sized = CATALOG.assign(size=["8", "9", "8", "8", "8", "8", "8", "8", "8"])
    extra = pd.DataFrame([("s10", "Nike Air Max 90 Sneakers - Blue", "Nike", "sneakers", "blue", "9.5")],
                         columns=[*CATALOG.columns, "size"])
    lines = ModelLines(pd.concat([sized, extra], ignore_index=True))
    blue = Product("s1", ROWS[0][1], 80.0, category="sneakers", brand="Nike", color="blue", size="8")
    assert lines.in_size(blue, "9.5") == "s10"
    assert lines.in_size(blue, "9") is None  # a 9 is listed in black only: not the colour pointed at
    assert lines.in_size(_product(ROWS[7]), "8") is None  # no model named
