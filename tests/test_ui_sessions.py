"""SessionStore: isolation, idle expiry, size cap, busy sessions kept, thread safety."""

from __future__ import annotations

import threading

import pytest

from assistant.types import DialogueState
from ui.sessions import SessionStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_store(**kwargs) -> tuple[SessionStore, Clock]:
    clock = Clock()
    store = SessionStore(lambda user, personalize: DialogueState(user_id=user, personalize=personalize),
                         clock=clock, **kwargs)
    return store, clock


def test_sessions_are_isolated():
    store, _ = make_store()
    a, b = store.get("a", "U1"), store.get("b")
    a.state.cart["P001"] = 1
    assert b.state.cart == {} and a.state is not b.state
    assert store.get("a") is a, "the same id returns the same live session"
    assert a.state.user_id == "U1" and b.state.user_id is None


def test_idle_sessions_expire_and_come_back_fresh():
    store, clock = make_store(ttl_s=60)
    store.get("a").state.cart["P001"] = 2
    clock.now += 30
    store.get("b")
    clock.now += 45  # a idle 75 s, b idle 45 s
    assert store.expire() == 1
    assert store.peek("a") is None and store.peek("b") is not None
    assert store.get("a").state.cart == {}, "an expired session's cart is gone"


def test_use_refreshes_the_idle_timer():
    store, clock = make_store(ttl_s=60)
    store.get("a")
    for _ in range(5):
        clock.now += 50
        store.get("a")
    assert store.peek("a") is not None


def test_a_session_in_a_turn_is_not_expired():
    store, clock = make_store(ttl_s=10)
    session = store.get("a")
    with session.lock:
        clock.now += 100
        assert store.expire() == 0
    assert store.expire() == 1


def test_size_cap_drops_least_recently_used():
    store, _ = make_store(max_sessions=3)
    for key in ("a", "b", "c"):
        store.get(key)
    store.get("a")
    store.get("d")
    assert len(store) == 3 and store.peek("b") is None and store.peek("a") is not None


def test_drop():
    store, _ = make_store()
    store.get("a")
    assert store.drop("a") and not store.drop("a")


def test_concurrent_get_creates_one_session():
    store, _ = make_store()
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(store.get("same"))) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in seen}) == 1 and len(store) == 1


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError):
        make_store(ttl_s=0)


@pytest.mark.parametrize("stored", [False, True], ids=["memory", "database"])
def test_a_clients_quota_drops_a_finished_conversation_before_one_under_way(stored, tmp_path):
    """Several conversations at once from one address (an office, a test rig): the ones left a while
    ago with carts make room for a new one, not the one still talking that has no cart yet."""
    from assistant.livestate.db import open_state
    from assistant.livestate.store import StateStore

    clock = Clock()
    db = StateStore(open_state(f"sqlite:///{tmp_path / 'state.db'}"), clock=clock) if stored else None
    store = SessionStore(lambda user, personalize: DialogueState(), clock=clock, max_per_owner=3, db=db,
                         resting_s=600)
    for key in ("done-1", "done-2"):
        session = store.get(key, owner="10.0.0.1")
        session.state.cart["P1"] = 1
        store.save(session)
    clock.now += 900  # both finished a quarter of an hour ago
    store.get("talking", owner="10.0.0.1")
    clock.now += 30
    store.get("new", owner="10.0.0.1")
    assert store.peek("talking") is not None, "the conversation under way was cut"
    assert store.peek("done-1") is None and store.peek("done-2").state.cart == {"P1": 1}
    clock.now += 30
    store.get("newer", owner="10.0.0.1")
    assert store.peek("done-2") is None and store.peek("talking") is not None
    clock.now += 30  # all three used within the resting time: the least recently used goes
    store.get("newest", owner="10.0.0.1")
    assert store.peek("talking") is None and store.peek("new") is not None and store.owned("10.0.0.1") == 3


@pytest.mark.parametrize("stored", [False, True], ids=["memory", "database"])
def test_a_clients_quota_never_cuts_a_conversation_between_two_turns(stored, tmp_path):
    """Shoppers of one address filling carts minutes ago do not make a conversation a few seconds into
    its next turn, with nothing in its cart yet, the one to go."""
    from assistant.livestate.db import open_state
    from assistant.livestate.store import StateStore

    clock = Clock()
    db = StateStore(open_state(f"sqlite:///{tmp_path / 'state.db'}"), clock=clock) if stored else None
    store = SessionStore(lambda user, personalize: DialogueState(), clock=clock, max_per_owner=3, db=db,
                         resting_s=600)
    for key in ("shopped-1", "shopped-2"):
        session = store.get(key, owner="10.0.0.1")
        session.state.cart["P1"] = 1
        store.save(session)
        clock.now += 10
    clock.now += 170  # they stopped three minutes ago, carts filled
    store.get("talking", owner="10.0.0.1")
    clock.now += 5  # between two of its turns
    store.get("new", owner="10.0.0.1")
    assert store.peek("talking") is not None, "the conversation under way was cut"
    assert store.peek("shopped-1") is None and store.peek("shopped-2") is not None
