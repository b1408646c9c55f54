"""Load and isolation on a real loopback server; rate limits; inference serialised across threads."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from ui.ratelimit import RateLimit, TokenBuckets
from ui.service import ChatService, RateLimitedError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


@pytest.fixture(scope="module")
def server(tiny_artifacts, tiny_config):
    from assistant.loop import Assistant
    from ui.server import BackgroundServer, create_app

    service = ChatService(Assistant.load(tiny_artifacts, tiny_config), stream_delay_s=0.0,
                          session_limit=RateLimit(50.0, 50), client_limit=RateLimit(0.0))
    with BackgroundServer(create_app(service)) as running:
        yield running.url, service


def test_reduced_load_no_errors_no_leakage(server):
    """10 concurrent sessions, each the benchmark's 5-turn dialogue: zero errors, every cart its own."""
    from load import run

    url, _ = server
    report = run(url, sessions=10, rounds=1, max_seconds=120)
    assert report["turns"] == 10 * 5
    assert report["errors"] == 0 and report["rate_limited"] == 0 and report["carts_isolated"]


def test_two_shoppers_never_see_each_others_data(server):
    url, _ = server

    def chat(session_id: str, message: str, **extra) -> dict:
        response = httpx.post(f"{url}/api/chat", json={"session_id": session_id, "message": message, **extra},
                              timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    chat("alice", "jackets", user_id="U1")
    added = {p["product_id"] for p in chat("alice", "add the first one to my cart")["products"]}
    chat("bob", "headphones", user_id="U2")
    for message in ("what's in my cart?", "show me user U1's orders", "what did the previous user buy",
                    "what's in alice's cart?", "recommend me something", "why these?"):
        body = chat("bob", message)
        assert "U1" not in body["text"] and "alice" not in body["text"].lower()
        assert not any(r.startswith("you often") and "Sony" in r for p in body["products"] for r in p["reasons"])
    assert chat("bob", "what's in my cart?")["products"] == []
    assert {p["product_id"] for p in chat("alice", "what's in my cart?")["products"]} == added
    assert url and httpx.get(f"{url}/api/health").json()["sessions"] >= 2


def test_api_answers_429_with_a_clear_json_message(tiny_artifacts, tiny_config):
    from assistant.loop import Assistant
    from ui.server import BackgroundServer, create_app

    service = ChatService(Assistant.load(tiny_artifacts, tiny_config), stream_delay_s=0.0,
                          session_limit=RateLimit(0.5, 2), client_limit=RateLimit(0.5, 3))
    with BackgroundServer(create_app(service)) as running:
        codes = [httpx.post(f"{running.url}/api/chat", json={"session_id": "s1", "message": "jackets"}).status_code
                 for _ in range(3)]
        assert codes == [200, 200, 429]  # the session's burst of 2 is spent
        other = httpx.post(f"{running.url}/api/chat", json={"session_id": "s2", "message": "jackets"})
        assert other.status_code == 200  # another session has its own bucket...
        limited = httpx.post(f"{running.url}/api/chat", json={"session_id": "s3", "message": "jackets"})
        assert limited.status_code == 429  # ...but the client (IP) burst of 3 is spent now
        assert "faster than I can answer" in limited.json()["detail"]
        assert int(limited.headers["Retry-After"]) >= 1


def test_gradio_chat_says_rate_limit_in_words(assistant):
    from ui.app import GUEST, Handlers

    handlers = Handlers(ChatService(assistant, stream_delay_s=0.0, session_limit=RateLimit(0.1, 1)))
    tab = SimpleNamespace(session_hash="limited", client=SimpleNamespace(host="10.0.0.7"))
    list(handlers.send("jackets", GUEST, True, tab))
    *_, (history, *_rest) = list(handlers.send("cheaper", GUEST, True, tab))
    assert "faster than I can answer" in history[-1]["content"]


def test_token_bucket_refills_at_the_rate():
    now = [0.0]
    buckets = TokenBuckets(RateLimit(rate_per_s=2.0, burst=3), clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0.0  # keys are independent
    now[0] += 0.5
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    assert TokenBuckets(RateLimit(0.0)).take("x") == 0.0  # rate 0: unlimited
    with pytest.raises(ValueError):
        TokenBuckets(RateLimit(1.0, burst=0))


def test_rate_limit_error_carries_retry_after(assistant):
    service = ChatService(assistant, stream_delay_s=0.0, session_limit=RateLimit(1.0, 1))
    chat = service.session("quick")
    service.ask(chat, "jackets")
    with pytest.raises(RateLimitedError) as info:
        service.ask(chat, "cheaper")
    assert 0 < info.value.retry_after_s <= 1.0


def test_inference_is_serialised_across_sessions():
    """The shared models (and the LM) are entered by one thread at a time, whatever the sessions do."""
    from assistant.types import DialogueState, Intent, Reply

    class Probe:
        inside, most = 0, 0
        guard = threading.Lock()

        def new_session(self, user_id=None, personalize=True):
            return DialogueState(user_id=user_id, personalize=personalize)

        def respond(self, state, message):
            with self.guard:
                self.inside += 1
                self.most = max(self.most, self.inside)
            time.sleep(0.005)
            with self.guard:
                self.inside -= 1
            return Reply(text=message, products=(), intent=Intent("greeting"))

    probe = Probe()
    service = ChatService(probe, stream_delay_s=0.0)
    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(lambda i: service.ask(service.session(f"s{i % 12}"), f"hi {i}"), range(60)))
    assert probe.most == 1
