"""Undo in chat: "undo" and "put it back" take back the last cart change, never make another one."""

from __future__ import annotations

import pytest

from assistant.livestate.codec import state_from_json, state_to_json


@pytest.fixture()
def chat(assistant):
    session = assistant.new_session()

    def say(message: str):
        return assistant.respond(session, message)

    return session, say


def test_undo_right_after_an_add_takes_it_out_and_a_second_undo_puts_it_back(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the first one")
    reply = say("oops undo that")
    assert session.cart == {} and reply.intent.cart_action == "undo"
    assert "Undone" in reply.text and "out of your cart" in reply.text
    say("undo")
    assert session.cart == {shown[0]: 1}, "undo of the undo"


def test_put_it_back_after_a_removal_restores_that_line_only(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the first one")
    say("add the second one")
    say("remove the first one")
    reply = say("put it back")
    assert session.cart == {shown[0]: 1, shown[1]: 1}, "the removed one is back; nothing else is removed"
    assert "back in your cart" in reply.text


def test_undo_puts_a_quantity_back(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add 2 of the first")
    say("actually make it 3")
    say("undo")
    assert session.cart == {shown[0]: 2}


def test_put_it_back_after_an_add_or_with_nothing_removed_changes_nothing(chat):
    session, say = chat
    say("headphones")
    reply = say("put it back")
    assert session.cart == {} and "no cart change" in reply.text
    say("add the first one")
    cart = dict(session.cart)
    reply = say("put it back")
    assert session.cart == cart and "nothing to put back" in reply.text


def test_an_emptied_cart_comes_back_but_an_order_is_not_undone(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("add the second one")
    cart = dict(session.cart)
    say("clear my cart")
    say("yes")
    assert session.cart == {}
    say("undo")
    assert session.cart == cart
    say("checkout")
    say("yes")
    assert session.last_order is not None and session.cart == {}
    say("undo")
    assert session.cart == {}, "a placed order is not put back in the cart"


def test_undo_after_a_search_still_goes_back_to_the_search_before(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("headphones under 50")
    say("undo")
    assert session.max_price is None and len(session.cart) == 1, "the filter is undone, the cart is kept"


def test_what_undo_puts_back_survives_a_saved_session(chat, assistant):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("remove it")
    loaded = state_from_json(state_to_json(session), assistant.product, dict(session.cart))
    assistant.respond(loaded, "put it back")
    assert len(loaded.cart) == 1


def test_an_add_never_asked_for_is_taken_back_with_an_apology(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    reply = say("Oh! I didn't ask you to put it in the basket yet, I only asked whether it is wireless.")
    assert session.cart == {} and "Sorry" in reply.text


@pytest.mark.parametrize("message", ["undo that, put them back", "hmm no undo that, keep both for now"])
def test_undo_said_with_more_words_is_still_an_undo(chat, message):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the first one")
    say("add the second one")
    say("remove the first one")
    say(message)
    assert session.cart == {shown[0]: 1, shown[1]: 1}, message
