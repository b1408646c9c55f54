"""Live state in a database: sessions, carts and events survive a restart and are shared by processes.

Each test runs on SQLite and (when CI provides one) PostgreSQL.
"""

from __future__ import annotations

import pytest

from assistant.livestate.db import StateError, open_state
from assistant.livestate.store import StateStore
from tests.statedb import ENGINES, fresh_state_url
from ui.service import BusyError, ChatService


@pytest.fixture(params=ENGINES)
def state_url(request, tmp_path) -> str:
    return fresh_state_url(request.param, tmp_path)


def _service(assistant, url: str, **kwargs) -> ChatService:
    """A server process's service on the shared database (a new one stands for a restart or a second process)."""
    return ChatService(assistant, stream_delay_s=0.0, turn_timeout_s=0.2, state_db=StateStore(open_state(url)),
                       **kwargs)


def test_the_schema_is_the_latest_migration(state_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.livestate.schema import metadata

    engine = open_state(state_url)
    open_state(state_url)  # a second start migrates nothing and fails on nothing
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"schema.py and the migrations disagree: {diff}"


def test_a_conversation_and_its_cart_survive_a_restart(assistant, state_url):
    first = _service(assistant, state_url)
    chat = first.session("ui:browser-1")
    shown = first.ask(chat, "headphones").products
    first.ask(chat, "add the first one")
    assert list(chat.state.cart) == [shown[0].product.product_id]

    restarted = _service(assistant, state_url)  # nothing in memory: all from the database
    again = restarted.session("ui:browser-1")
    assert again is not chat and again.state.cart == chat.state.cart
    assert again.state.shown == chat.state.shown and again.state.history == chat.state.history
    assert set(again.state.last_candidates) == set(chat.state.last_candidates)
    restarted.ask(again, "and the second one too")
    assert list(again.state.cart) == [shown[0].product.product_id, shown[1].product.product_id], \
        "references resolve against the list shown before the restart"


def test_two_processes_share_sessions_and_never_overwrite_each_other(assistant, state_url):
    one, two = _service(assistant, state_url), _service(assistant, state_url)
    a = one.session("api:c:s1")
    shown = one.ask(a, "jackets").products
    b = two.session("api:c:s1")
    assert b.state.shown == a.state.shown, "the second process reads what the first saved"
    two.ask(b, "add the second one")
    one.ask(one.session("api:c:s1"), "add the first one")
    final = _service(assistant, state_url).session("api:c:s1").state.cart
    assert list(final) == [shown[1].product.product_id, shown[0].product.product_id]

    stale = one.session("api:c:s1")
    two.ask(two.session("api:c:s1"), "what's in my cart")
    with pytest.raises(BusyError, match="another window"):
        one.ask(stale, "add the third one")  # read before the other process saved: refused, not overwritten
    assert list(_service(assistant, state_url).session("api:c:s1").state.cart) == list(final)


def test_turns_record_events_and_guests_stay_anonymous(assistant, state_url):
    service = _service(assistant, state_url)
    store = service.sessions.db
    known = service.session("ui:k", user_id="U001")
    shown = service.ask(known, "headphones").products
    service.ask(known, "add the second one")
    service.ask(known, "why these?")
    events = store.user_events("U001")
    kinds = [e["kind"] for e in events]
    assert kinds.count("shown") == len(shown) and "why" in kinds
    assert [e["position"] for e in events if e["kind"] == "shown"] == list(range(1, len(shown) + 1))
    add = [e for e in events if e["kind"] == "cart_add"]
    assert [(e["product_id"], e["value"], e["session_key"]) for e in add] == \
        [(shown[1].product.product_id, 1, "ui:k")]

    guest = service.session("ui:g")
    service.ask(guest, "jackets")
    service.ask(guest, "add the first one")
    opted_out = service.session("ui:o", user_id="U002", personalize=False)
    service.ask(opted_out, "jackets")
    assert store.user_events("U002") == []
    anonymous = [e for e in store.all_events() if e["user_id"] is None]
    assert anonymous and all(e["session_key"] is None for e in anonymous), "no link back to a guest's session"
    assert any(e["kind"] == "cart_add" for e in anonymous), "anonymous aggregates still count"


def test_expiry_ends_idle_sessions_but_keeps_carts(assistant, state_url):
    clock = [1_000_000.0]
    store = StateStore(open_state(state_url), clock=lambda: clock[0])
    service = ChatService(assistant, stream_delay_s=0.0, ttl_s=60, state_db=store, cart_ttl_s=3600)
    with_cart = service.session("ui:cart")
    service.ask(with_cart, "headphones")
    service.ask(with_cart, "add the first one")
    service.ask(service.session("ui:plain"), "jackets")
    clock[0] += 120
    service.sessions.expire()
    assert store.load("ui:plain") is None
    assert store.load("ui:cart").cart == with_cart.state.cart, "an idle cart is kept"
    clock[0] += 3600
    service.sessions.expire()
    assert store.load("ui:cart") is None, "kept for the cart's time, not forever"


def test_old_events_are_purged_at_the_retention_age(assistant, state_url):
    clock = [1_000_000.0]
    store = StateStore(open_state(state_url), clock=lambda: clock[0])
    service = ChatService(assistant, stream_delay_s=0.0, ttl_s=60, state_db=store, event_ttl_s=7 * 86400)
    service.ask(service.session("ui:a"), "jackets")
    clock[0] += 6 * 86400
    service.ask(service.session("ui:b"), "headphones")
    old, new = len(store.all_events()), None
    clock[0] += 2 * 86400
    service.sessions.expire()
    new = store.all_events()
    assert old > len(new) > 0 and all(e["time"] >= clock[0] - 7 * 86400 for e in new)


def test_a_bad_state_url_names_itself(tmp_path):
    with pytest.raises(StateError, match="mysql://x.*only sqlite"):
        open_state("mysql://x")
    with pytest.raises(StateError, match="not a database URL"):
        open_state("not a url")
    with pytest.raises(StateError, match=r"postgresql\+psycopg://u:\*\*\*@127.0.0.1:9/x: cannot open"):
        open_state("postgresql://u:secret@127.0.0.1:9/x")  # nothing listens on port 9; the password is hidden
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StateError, match="cannot open"):
        open_state(f"sqlite:///{tmp_path}/a-file/state.db")


def test_a_cards_why_opened_and_a_thumbs_down_are_events(assistant, state_url):
    import gradio as gr

    from ui.app import Handlers

    service = _service(assistant, state_url)
    handlers = Handlers(service)
    tab = type("Tab", (), {"session_hash": "why-tab", "client": None})()
    list(handlers.send("headphones", "U1", True, tab))
    second = handlers.chat_of(tab).state.shown[1]
    list(handlers.add_to_cart(gr.EventData(None, {"why": second}), "U1", True, tab))
    handlers.feedback(gr.LikeData(None, {"index": 1, "value": "x", "liked": False}), "U1", True, tab)
    events = service.sessions.db.user_events("U1")
    assert [(e["product_id"], e["position"]) for e in events if e["kind"] == "why"] == [(second, 2)]
    assert [(e["value"], e["detail"]) for e in events if e["kind"] == "feedback"] == [(-1, "search")]
    assert not handlers.chat_of(tab).state.cart, "opening 'why' adds nothing"


def test_new_chat_forgets_the_last_search_in_the_database_too(assistant, state_url):
    first = _service(assistant, state_url)
    chat = first.session("ui:reset")
    first.ask(chat, "jackets")
    first.ask(chat, "add the first one")
    first.reset_dialogue(chat)
    again = _service(assistant, state_url).session("ui:reset")
    assert again.before_last_search is None and again.last_search_message == "" and again.state.cart
