"""Going back to the search before the last change: "back to the previous ones"."""

from __future__ import annotations

import pytest

from assistant.config import AssistantConfig
from assistant.going_back import back_to_previous
from assistant.livestate.codec import state_from_json, state_to_json
from assistant.state import apply_intent
from assistant.types import DialogueState, Intent


def _after(*intents: Intent) -> DialogueState:
    state = DialogueState()
    for intent in intents:
        apply_intent(state, intent, AssistantConfig())
    return state


def test_back_lifts_what_the_last_refinement_added():
    state = _after(Intent("search", query="headphones", category="headphones", max_price=100.0,
                          exclude_brands=("Beats",)),
                   Intent("refine", color="white"))
    back = back_to_previous("back to the previous ones", state)
    assert back == Intent("refine", clear=("color",))
    apply_intent(state, back, AssistantConfig())
    assert (state.color, state.max_price, state.exclude_brands) == (None, 100.0, ["Beats"])


def test_back_puts_a_changed_value_and_a_shorter_exclusion_list_back():
    state = _after(Intent("search", query="jackets", category="jackets", max_price=100.0, exclude_brands=("Nike",)),
                   Intent("refine", max_price=60.0, exclude_brands=("Puma",)))
    back = back_to_previous("ok go back to the last results please", state)
    apply_intent(state, back, AssistantConfig())
    assert (state.max_price, state.exclude_brands, state.category) == (100.0, ["Nike"], "jackets")


def test_back_after_another_kind_of_product_is_that_search_again():
    state = _after(Intent("search", query="jackets", category="jackets", color="red"),
                   Intent("search", query="sneakers", category="sneakers", new_product=True))
    back = back_to_previous("undo that", state)
    assert back.kind == "search" and back.category == "jackets" and back.color == "red"
    apply_intent(state, back, AssistantConfig())
    assert (state.query, state.category, state.color) == ("jackets", "jackets", "red")


@pytest.mark.parametrize("message", ["back to the first one", "I want to send it back", "go back to the jackets",
                                     "the previous ones were too expensive"])
def test_other_backs_are_not_going_back(message):
    state = _after(Intent("search", query="jackets", category="jackets"), Intent("refine", color="red"))
    assert back_to_previous(message, state) is None


def test_nothing_to_go_back_to_is_no_intent():
    assert back_to_previous("back to the previous ones", _after(Intent("search", query="jackets"))) is None


def test_the_previous_search_survives_the_session_store():
    state = _after(Intent("search", query="jackets", category="jackets"), Intent("refine", color="red"))
    stored = state_from_json(state_to_json(state), lambda _pid: None)
    assert back_to_previous("back to the previous ones", stored) == Intent("refine", clear=("color",))


def test_the_turn_loop_goes_back(assistant):
    session = assistant.new_session()
    first = assistant.respond(session, "running shoes under 120")
    assistant.respond(session, "in blue")
    back = assistant.respond(session, "back to the previous ones")
    assert back.intent.kind == "refine" and session.color is None and session.max_price == 120
    assert {c.product.product_id for c in back.products} == {c.product.product_id for c in first.products}


def test_back_to_a_search_named_by_its_words():
    state = _after(Intent("search", query="google pixel", category="smartphones", brand="Google", max_price=800.0),
                   Intent("refine", brand="Apple"))
    back = back_to_previous("nah go back to the pixels", state)
    assert back == Intent("refine", brand="Google")
    apply_intent(state, back, AssistantConfig())
    assert (state.brand, state.max_price) == ("Google", 800.0)
    assert back_to_previous("back to the iphones", state) is None  # the search on screen


def test_a_session_saved_with_only_the_previous_search_still_goes_back():
    state = _after(Intent("search", query="jackets", category="jackets"), Intent("refine", color="red"))
    saved = state_to_json(state)
    saved["previous_search"] = saved.pop("earlier_searches")[-1]  # the shape sessions were saved in before
    stored = state_from_json(saved, lambda _pid: None)
    assert back_to_previous("back to the previous ones", stored) == Intent("refine", clear=("color",))


def test_starting_over_with_a_kind_of_product_searches_that_aisle_afresh(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets under 100")
    reply = assistant.respond(session, "start over. i want the cheapest jacket you have, any colour")
    assert reply.intent.kind == "search" and reply.intent.category == "jackets" and reply.products
    assert all(c.product.category == "jackets" for c in reply.products)
    assert session.max_price is None, "starting over drops the budget"
