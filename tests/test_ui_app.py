"""The Gradio handlers without a browser: turns, chips, cart clicks, settings, escaping, errors."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr
import pytest

from ui.app import CHIPS, GUEST, Handlers, build_app
from ui.service import ChatService


@pytest.fixture()
def handlers(assistant) -> Handlers:
    return Handlers(ChatService(assistant, stream_delay_s=0.0))


@pytest.fixture()
def paced(assistant) -> Handlers:
    """Replies paced at 30 ms a word, as a model writing them would stream."""
    return Handlers(ChatService(assistant, stream_delay_s=0.03))


def tab(name: str = "t1"):
    return SimpleNamespace(session_hash=name)


def last(generator):
    """All yields (chat history copied: the handler updates one list as the reply streams) and the last."""
    items = [(list(item[0]), *item[1:]) for item in generator]
    assert items, "a handler must yield at least once"
    return items, items[-1]


def test_the_app_builds_with_its_api_endpoints(handlers):
    blocks = build_app(handlers.service)
    names = {dep.get("api_name") for dep in blocks.config["dependencies"]}
    assert {"ask", "chat", "cart"} <= names


def test_send_streams_then_shows_cards(handlers, paced):
    items, _ = last(paced.send("jackets", GUEST, True, tab()))
    assert items[0][0][-1] == {"role": "assistant", "content": "…"}, "the shopper sees their message at once"
    words = max(len(item[0][-1]["content"].split()) for item in items)
    assert 3 < len(items) <= words // 2 + 2, "the reply streams, an update per 50 ms (2 words here), not per word"
    items, (history, cards, cart, profile) = last(handlers.send("jackets", GUEST, True, tab()))
    assert len(items) == 2, "a reply written faster than the page redraws is one update after the message"
    assert history[0] == {"role": "user", "content": "jackets"} and history[1]["content"].startswith("Here are")
    assert "\n" not in history[1]["content"] and "Say '" not in history[1]["content"], \
        "the cards carry the list: the chat says one line, not the list again"
    assert cards.count('class="sa-card"') == 5 and "Guest ranking" in cards
    assert "Your cart is empty" in cart and "Guest" in profile


def test_a_message_sent_while_a_reply_streams_keeps_that_reply(paced):
    handlers = paced
    first = handlers.send("jackets", GUEST, True, tab())
    next(first), next(first)  # the first reply is on its way: its turn holds the session
    second = handlers.send("cheaper", GUEST, True, tab())
    shown = next(second)[0]
    assert [m["content"] for m in shown[::2]] == ["jackets", "cheaper"] and shown[-1]["content"] == "…"
    *_, (during, *_r) = list(first)
    assert during[2]["content"] == "cheaper", "the first reply's last update keeps the message sent meanwhile"
    *_, (history, *_r) = list(second)
    assert history[1]["content"].startswith("Here are") and "jackets" in history[1]["content"], \
        "the second turn's updates keep the first reply, not the page's copy from before it"
    assert len(history) == 4 and history[3]["content"] not in ("…", history[1]["content"])


def test_the_same_message_twice_while_it_is_answered_is_one_message(handlers):
    first = handlers.send("jackets", GUEST, True, tab())
    next(first)
    again = list(handlers.send(" jackets ", GUEST, True, tab()))  # a double press of Enter or Send
    assert all(isinstance(part, type(gr.skip())) for part in again[0])
    *_, (history, *_r) = list(first)
    assert [m["content"] for m in history if m["role"] == "user"] == ["jackets"]
    *_, (history, *_r) = last(handlers.send("jackets", GUEST, True, tab()))
    assert [m["content"] for m in history if m["role"] == "user"] == ["jackets"] * 2, \
        "once answered, it can be asked again"


def test_messages_are_shown_as_text_not_markup(handlers):
    _, (history, *_rest) = last(handlers.send("<img src=x onerror=alert(1)> jackets", GUEST, True, tab()))
    assert "<img" not in history[0]["content"] and "&lt;img" in history[0]["content"]


def test_empty_message_changes_nothing(handlers):
    _, (history, cards, cart, profile) = last(handlers.send("  ", GUEST, True, tab()))
    assert history == [] and isinstance(cards, type(gr.skip()))


def test_a_chip_before_any_list_says_what_to_do_first(handlers):
    _, (history, cards, *_r) = last(handlers.chip("cheaper")(GUEST, True, tab("fresh")))
    assert "Search for something first" in history[-1]["content"] and isinstance(cards, type(gr.skip()))
    assert handlers.chat_of(tab("fresh")).state.history == [], "the chip's word was not sent as a search"


def test_chip_and_card_click_reach_the_assistant(handlers, monkeypatch):
    toasts = []
    monkeypatch.setattr(gr, "Info", lambda message, **kwargs: toasts.append(message))
    _, (history, *_r) = last(handlers.send("headphones", GUEST, True, tab()))
    _, (history, cards, _cart, _p) = last(handlers.chip(dict(CHIPS)["compare top 2"])(GUEST, True,
                                                                                             tab()))
    assert "Side by side" in history[-1]["content"] and cards.count("data-add=") == 2 and "<table>" in cards
    assert cards.count('<th scope="row">Price</th>') == 1, "one row per attribute, one column per product"
    second = handlers.chat_of(tab()).state.shown[1]
    event = gr.EventData(None, {"product_id": second})
    _, (history, cards, cart, _p) = last(handlers.add_to_cart(event, GUEST, True, tab()))
    assert history[-1]["content"].startswith("Added ") and history[-1]["role"] == "assistant"
    assert all(m["content"] != "add the second one to my cart" for m in history), "no words put in the shopper's mouth"
    assert f'data-product-id="{second}"' in cart and isinstance(cards, type(gr.skip()))
    assert handlers.chat_of(tab()).state.cart == {second: 1}
    assert toasts == [history[-1]["content"]], "a toast says it where the shopper is looking"
    _, (history, *_r) = last(handlers.send("make it two", GUEST, True, tab()))
    assert handlers.chat_of(tab()).state.cart == {second: 2}, "the chat knows what the button added"


def test_card_click_for_a_product_no_longer_listed(handlers):
    event = gr.EventData(None, {"product_id": "P999"})
    _, (history, *_r) = last(handlers.add_to_cart(event, GUEST, True, tab()))
    assert "no longer in the current list" in history[-1]["content"]


def test_failures_are_shown_as_friendly_messages(handlers, monkeypatch):
    def broken(session, message):
        session.query = "half-applied"
        yield "Here are"
        raise RuntimeError("boom")

    monkeypatch.setattr(handlers.service.assistant, "respond_stream", broken)
    _, (history, *_r) = last(handlers.send("jackets", GUEST, True, tab()))
    assert "something went wrong" in history[-1]["content"] and "boom" not in history[-1]["content"]
    assert handlers.chat_of(tab()).state.query == "", "the failed turn's changes are undone"


def test_settings_re_rank_the_current_search(handlers):
    _, (history, *_r) = last(handlers.send("jackets", "U1", True, tab()))
    before = handlers.chat_of(tab()).state.shown
    history, cards, _cart, profile = handlers.settings("U1", False, tab())
    assert "personalisation off" in profile and "re-ranked" in history[-1]["content"]
    assert handlers.chat_of(tab()).state.shown != before and "personalisation off" in cards
    count = len(history)
    unchanged, cards, _cart, _profile = handlers.settings("U1", False, tab())
    assert isinstance(cards, type(gr.skip())) and isinstance(unchanged, type(gr.skip())), \
        "nothing changed, nothing re-ranked"
    history, _cards, _cart, _profile = handlers.settings("U1", True, tab())
    assert len(history) == count and "personalisation on" in history[-1]["content"], \
        "a second switch replaces the re-rank note instead of adding another list"


def test_tabs_are_separate_and_new_chat_keeps_the_cart(handlers):
    last(handlers.send("jackets", GUEST, True, tab("a")))
    last(handlers.send("add the first one to my cart", GUEST, True, tab("a")))
    cart_before = dict(handlers.chat_of(tab("a")).state.cart)
    assert cart_before and not handlers.chat_of(tab("b")).state.cart
    history, cards, cart, _profile = handlers.new_chat(GUEST, True, tab("a"))
    chat = handlers.chat_of(tab("a"))
    assert history == [] and chat.state.history == [] and chat.state.shown == []
    assert chat.state.cart == cart_before and "Your cart is empty" not in cart, "the bin clears the chat, not the cart"


def test_a_reload_finds_the_browsers_conversation_and_cart(handlers):
    browser, *_ = handlers.load("", GUEST, True, tab("first-page"))
    assert browser and handlers.chat_of(tab("first-page")).session_id == f"ui:{browser}"
    last(handlers.send("jackets", "U1", False, tab("first-page")))
    last(handlers.send("add the second one", "U1", False, tab("first-page")))
    handlers.unload(tab("first-page"))  # a reload closes the old page ...
    again, history, cards, cart, _profile, user, personalize = handlers.load(browser, GUEST, True, tab("reloaded"))
    assert again == browser and [m["role"] for m in history] == ["user", "assistant"] * 2
    assert history[0]["content"] == "jackets" and cards.count('class="sa-card"') == 5
    assert "data-cart=\"remove\"" in cart and user["value"] == "U1" and personalize is False
    forged, history, *_ = handlers.load("made-up.id", GUEST, True, tab("forger"))
    assert forged != "made-up.id" and history == [], "an id this server never signed gets a fresh session"


def test_cart_panel_buttons_and_feedback(handlers):
    last(handlers.send("jackets", GUEST, True, tab("c")))
    last(handlers.send("add the first one", GUEST, True, tab("c")))
    pid = next(iter(handlers.chat_of(tab("c")).state.cart))

    def click(action: str, product_id: str = ""):
        return handlers.cart_click(gr.EventData(None, {"action": action, "product_id": product_id}), GUEST, True,
                                   tab("c"))

    click("inc", pid)
    assert handlers.chat_of(tab("c")).state.cart == {pid: 2}
    click("dec", pid)
    _history, cart = click("dec", pid)
    assert handlers.chat_of(tab("c")).state.cart == {} and "Your cart is empty" in cart
    click("inc", pid)
    history, cart = click("checkout")
    assert history[-1]["content"].startswith("Order SA-") and handlers.chat_of(tab("c")).state.cart == {}
    history, _cart = click("checkout")
    assert "nothing to order" in history[-1]["content"]
    handlers.feedback(gr.LikeData(None, {"index": 1, "value": "x", "liked": True}), GUEST, True, tab("c"))


def test_api_endpoints(handlers):
    reply = handlers.api_ask("jackets", "", True, tab("api"))
    assert reply["intent"]["kind"] == "search" and len(reply["products"]) == 5
    handlers.api_ask("add the first one to my cart", "", True, tab("api"))
    assert [line["product_id"] for line in handlers.api_cart(tab("api"))] == [reply["products"][0]["product_id"]]
    with pytest.raises(gr.Error):
        handlers.api_ask("", "", True, tab("api"))
