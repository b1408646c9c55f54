""""Something to carry it in" said in the catalog's words, and "<word> ones" picking among what is shown."""

from __future__ import annotations

from assistant.carry_in import carry_in
from assistant.types import Candidate, DialogueState, Product


def _products():
    return {"L1": Product("L1", "Lenovo Legion 5 Gaming Laptop", 999.0, category="laptops"),
            "R1": Product("R1", "Yonex Tennis Racket", 99.0, category="sports"),
            "W1": Product("W1", "Casio Classic Watch", 40.0, category="watches")}


def test_it_is_the_product_last_added():
    state = DialogueState(last_added="L1")
    said, note = carry_in("now something to carry it in", state, _products().get)
    assert said == "now a laptop bag" and note


def test_a_category_in_es_is_said_in_the_singular():
    assert carry_in("something to carry it in", DialogueState(last_added="W1"), _products().get)[0] == "a watch bag"


def test_a_thing_named_is_used_as_said():
    said, _ = carry_in("she needs something to carry her laptop around campus", DialogueState(last_added="R1"),
                       _products().get)
    assert said == "she needs a laptop bag around campus"


def test_without_a_thing_the_message_stands():
    message = "something to carry it in"
    assert carry_in(message, DialogueState(), _products().get) == (message, None)
    assert carry_in("a bag for school", DialogueState(last_added="L1"), _products().get)[1] is None


def test_the_turn_loop_reads_it_as_a_bag_for_the_product(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    assistant.respond(session, "add the first one")
    assert session.cart
    reply = assistant.respond(session, "now something to carry it in")
    assert reply.trace.said_as == "'something to carry it in' -> 'a shoe bag'"
    assert "'to in'" not in reply.text and "carry" not in reply.intent.query


def test_word_ones_pick_among_what_is_shown():
    import pandas as pd

    from assistant.validate import ones_on_screen
    from assistant.vocab import CatalogVocab

    rows = [("Jansport Laptop Backpack - Black", "Jansport", "backpacks"),
            ("Herschel Laptop Backpack - Blue", "Herschel", "backpacks"),
            ("Dell Inspiron 15 Laptop - Silver", "Dell", "laptops"),
            ("Columbia Rain Jacket - Navy", "Columbia", "jackets"), ("Nike Leather Jacket", "Nike", "jackets")]
    frame = pd.DataFrame(rows, columns=["title", "brand", "category"])
    frame["color"] = ""
    vocab = CatalogVocab.from_catalog(frame)

    def shown(*idx):
        products = [Product(f"p{i}", rows[i][0], 50.0, category=rows[i][2], brand=rows[i][1]) for i in idx]
        state = DialogueState(query="x", category=products[0].category, shown=[p.product_id for p in products])
        state.last_candidates = {p.product_id: Candidate(p, 1.0) for p in products}
        return state

    assert ones_on_screen("laptop ones under 70", shown(0, 1), vocab)      # backpacks for laptops
    assert not ones_on_screen("laptop ones", shown(3, 4), vocab)           # at jackets: the laptops aisle
    assert ones_on_screen("leather ones", shown(3, 4), vocab)              # names no other kind


def test_keeping_something_warm_is_no_container():
    message = "something to keep my tea hot on the go"
    assert carry_in(message, DialogueState(last_added="L1"), _products().get) == (message, None)


def test_a_not_carried_reply_quotes_a_thing_never_only_little_words():
    from assistant.reply import not_carried_text

    assert not_carried_text("to in", 0) == "Sorry, I don't have that in this shop."
    assert "'tv'" in not_carried_text("tv", 0)
