"""ChatService: streaming, friendly errors, locking, re-ranking on a settings change."""

from __future__ import annotations

import pytest

from assistant.types import Intent, Reply
from ui.service import BusyError, ChatService, FriendlyError


@pytest.fixture()
def service(assistant) -> ChatService:
    return ChatService(assistant, stream_delay_s=0.0, turn_timeout_s=0.2)


def test_stream_grows_the_text_then_gives_the_reply(service):
    chat = service.session("ui:a")
    items = list(service.stream(chat, "headphones under 100"))
    texts, reply = items[:-1], items[-1]
    assert isinstance(reply, Reply) and reply.products
    assert len(texts) > 3 and all(isinstance(t, str) for t in texts)
    assert all(texts[i + 1].startswith(texts[i]) for i in range(len(texts) - 1))
    assert texts[-1] == reply.text
    assert chat.last_reply is reply and chat.last_search_message == "headphones under 100"


def test_ask_is_one_turn(service, assistant):
    chat = service.session("api:a")
    reply = service.ask(chat, "jackets")
    expected = assistant.respond(assistant.new_session(), "jackets")
    assert reply.text == expected.text
    assert len(chat.state.history) == 1


def test_empty_message_is_a_friendly_error(service):
    with pytest.raises(FriendlyError, match="Type what you are looking for"):
        service.ask(service.session("x"), "   ")


def test_a_failing_turn_is_friendly_and_leaves_the_state_alone(assistant):
    class Broken:
        engine = assistant.engine

        def new_session(self, user_id=None, personalize=True):
            return assistant.new_session(user_id, personalize)

        def respond(self, session, message):
            session.query = "half-applied"
            raise RuntimeError("index exploded")

    service = ChatService(Broken(), stream_delay_s=0.0)
    chat = service.session("x")
    with pytest.raises(FriendlyError, match="something went wrong") as info:
        service.ask(chat, "jackets")
    assert "index exploded" not in str(info.value)
    assert chat.state.query == "" and not chat.lock.locked()


def test_streaming_assistant_is_used_when_it_exists(assistant):
    final = Reply(text="Hello there", products=(), intent=Intent("greeting"))

    class Streaming:
        engine = assistant.engine

        def new_session(self, user_id=None, personalize=True):
            return assistant.new_session(user_id, personalize)

        def respond_stream(self, session, message):
            yield "Hel"
            yield "lo there"
            yield final

        def respond(self, session, message):
            return final

    service = ChatService(Streaming())
    assert list(service.stream(service.session("x"), "hi")) == ["Hel", "Hello there", final]
    assert service.ask(service.session("y"), "hi") is final


def test_a_busy_session_answers_busy(service):
    chat = service.session("x")
    with chat.lock:
        with pytest.raises(BusyError):
            service.ask(chat, "jackets")


def test_sessions_do_not_share_carts(service):
    a, b = service.session("api:a"), service.session("api:b")
    service.ask(a, "jackets")
    service.ask(a, "add the first one to my cart")
    service.ask(b, "headphones")
    assert len(a.state.cart) == 1 and b.state.cart == {}
    assert "empty" in service.ask(b, "what's in my cart?").text


def test_toggle_re_ranks_the_last_search_for_a_user_with_a_profile(service):
    chat = service.session("ui:u1", "U1", True)
    on = service.ask(chat, "jackets")
    service.ask(chat, "add the second one to my cart")
    assert service.configure(chat, "U1", False)
    off = service.rerun_last_search(chat)
    ids = lambda reply: [c.product.product_id for c in reply.products]  # noqa: E731
    assert ids(on) != ids(off)
    assert any("Nike" in r for c in on.products for r in c.reasons)
    assert not any("you often" in r for c in off.products for r in c.reasons)
    assert len(chat.state.cart) == 1, "re-ranking keeps the cart"
    assert not service.configure(chat, "U1", False), "no change, nothing to re-rank"


def test_rerun_without_a_search_does_nothing(service):
    assert service.rerun_last_search(service.session("x")) is None


def test_known_users_and_prompts(service):
    users = service.known_users()
    assert 0 < len(users) <= 6 and "U1" in [u.user_id for u in users]
    u1 = next(u for u in users if u.user_id == "U1")
    assert u1.label.startswith("U1 (") and "purchase" in u1.summary
    assert service.user_summary(None) == "" and service.user_summary("nobody") == "no purchase history yet"
    prompts = service.example_prompts()
    assert prompts[0] == "running shoes under $100" and "recommend me something" in prompts


def test_a_full_waiting_line_answers_overloaded_and_creates_no_turn(assistant):
    import threading

    from ui.service import OverloadedError

    service = ChatService(assistant, stream_delay_s=0.0, max_waiting=1)
    held = service.session("api:holder")
    service._inference.acquire()  # a long turn is running: the next waits in line, the one after is refused
    waiter = threading.Thread(target=lambda: service.ask(held, "jackets"))
    waiter.start()
    try:
        for _ in range(100):
            if service._waiting == 1:
                break
            threading.Event().wait(0.01)
        chat = service.session("api:late")
        with pytest.raises(OverloadedError) as refused:
            service.ask(chat, "jackets")
        assert refused.value.retry_after_s > 0 and chat.state.history == []
    finally:
        service._inference.release()
        waiter.join(timeout=30)
    assert len(held.state.history) == 1 and service._waiting == 0
    assert service.ask(service.session("api:later"), "jackets").products  # the line is free again
