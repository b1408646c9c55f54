"""The HTTP side on a real server: JSON API (plain HTTP), Gradio API (gradio_client), isolation."""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ui.replies import reply_json


@pytest.fixture(scope="module")
def server(tiny_artifacts, tiny_config):
    from assistant.loop import Assistant
    from ui.server import BackgroundServer, create_app
    from ui.service import ChatService

    service = ChatService(Assistant.load(tiny_artifacts, tiny_config), stream_delay_s=0.0)
    with BackgroundServer(create_app(service)) as running:
        yield running.url, service


def chat(url: str, session_id: str, message: str, **extra) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"session_id": session_id, "message": message, **extra},
                          timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_health(server):
    url, service = server
    before = httpx.get(f"{url}/api/health").json()
    assert before["status"] == "ok" and before["products"] == 36 and before["sessions"] == len(service.sessions)
    assert before["lm"] == {"state": "off", "parser": "rules"}  # the tiny preset: the rules, no LM
    chat(url, "health-count", "hello")
    after = httpx.get(f"{url}/api/health").json()
    assert after["sessions"] == before["sessions"] + 1  # the new API session is counted


def test_chat_returns_the_ask_json_shape(server, assistant):
    url, _ = server
    body = chat(url, "shape", "running shoes under 80")
    expected = reply_json(assistant.respond(assistant.new_session(), "running shoes under 80"))
    assert set(expected) == {"text", "intent", "products", "currency", "timings_ms", "trace"}
    assert set(body) == set(expected) | {"session_id"} and body["session_id"] == "shape"
    assert body["currency"] == "USD"  # the demo shop has no shop.json: US dollars
    assert body["trace"]["parser"] == "rules" and body["trace"]["filters"]["max_price"] == 80
    assert body["text"] == expected["text"] and body["intent"] == expected["intent"]
    assert [p["product_id"] for p in body["products"]] == [p["product_id"] for p in expected["products"]]
    assert set(body["products"][0]) == set(expected["products"][0])


def test_sessions_carry_state_and_user(server):
    url, service = server
    chat(url, "carry", "jackets", user_id="U1")
    body = chat(url, "carry", "cheaper")
    assert body["intent"]["kind"] == "refine"
    assert service.sessions.peek("api:127.0.0.1:carry").state.user_id == "U1", "omitted user_id keeps the session's"
    reasons = [r for p in chat(url, "carry", "jackets")["products"] for r in p["reasons"]]
    assert any(r.startswith("you often") for r in reasons)
    off = chat(url, "carry", "jackets", personalize=False)
    assert not any(r.startswith("you often") for p in off["products"] for r in p["reasons"])


def test_bad_requests_are_422(server):
    url, _ = server
    for body in ({"session_id": "a", "message": ""}, {"session_id": "a b", "message": "hi"},
                 {"session_id": "a", "message": "x" * 5000}):
        assert httpx.post(f"{url}/api/chat", json=body).status_code == 422, body


def test_end_session(server):
    url, _ = server
    chat(url, "ending", "hi")
    assert httpx.delete(f"{url}/api/sessions/ending").status_code == 204
    assert httpx.delete(f"{url}/api/sessions/ending").status_code == 404


def test_openapi_schema_documents_the_api(server):
    url, _ = server
    schema = httpx.get(f"{url}/openapi.json").json()
    assert {"/api/chat", "/api/health", "/api/sessions/{session_id}"} <= set(schema["paths"])
    request = schema["components"]["schemas"]["ChatRequest"]
    assert set(request["required"]) == {"message"}  # a session is issued when none is named
    assert {"session_id", "user_token", "user_id", "personalize"} <= set(request["properties"])
    assert "session_id" in schema["components"]["schemas"]["ChatResponse"]["required"]
    assert {"403", "404", "413", "503"} <= set(schema["paths"]["/api/chat"]["post"]["responses"])
    assert "ChatResponse" in schema["components"]["schemas"]
    assert httpx.get(f"{url}/docs").status_code == 200


def test_ui_and_embed_files_are_served(server):
    url, _ = server
    assert "<html" in httpx.get(f"{url}/").text.lower()
    widget = httpx.get(f"{url}/embed/widget.js")
    assert widget.status_code == 200 and "shopassist-launcher" in widget.text
    assert "widget.js" in httpx.get(f"{url}/embed/support.html").text


def _shop(url: str, session_id: str, query: str, ordinal: str) -> tuple[str, set[str]]:
    picked = chat(url, session_id, query)["products"]
    chat(url, session_id, f"add the {ordinal} one to my cart")
    index = ["first", "second", "third"].index(ordinal)
    cart = chat(url, session_id, "what's in my cart?")
    return picked[index]["product_id"], {p["product_id"] for p in cart["products"]}


def test_concurrent_http_sessions_do_not_see_each_others_cart(server):
    url, _ = server
    jobs = [("alice", "jackets", "first"), ("bob", "headphones", "second")] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: (job[0], _shop(url, *job)), jobs))
    carts: dict[str, set[str]] = {}
    for who, (added, cart) in results:
        assert added in cart
        carts.setdefault(who, set()).update(cart)
    assert carts["alice"] and carts["bob"] and not carts["alice"] & carts["bob"]


def test_gradio_client_sessions_are_isolated(server):
    from gradio_client import Client

    url, _ = server
    alice, bob = Client(url, verbose=False), Client(url, verbose=False)
    assert "/ask" in str(alice.view_api(print_info=False, return_format="dict"))

    def shop(client: Client, query: str, ordinal: str) -> dict:
        reply = client.predict(query, "", True, api_name="/ask")
        client.predict(f"add the {ordinal} one to my cart", "", True, api_name="/ask")
        return reply

    with ThreadPoolExecutor(max_workers=2) as pool:
        a, b = pool.map(lambda args: shop(*args), [(alice, "jackets", "first"), (bob, "headphones", "second")])
    assert a["intent"]["kind"] == "search" and a["products"]
    alice_cart = [line["product_id"] for line in alice.predict(api_name="/cart")]
    bob_cart = [line["product_id"] for line in bob.predict(api_name="/cart")]
    assert alice_cart == [a["products"][0]["product_id"]]
    assert bob_cart == [b["products"][1]["product_id"]]


def test_serve_command_starts_the_server(monkeypatch, tiny_artifacts):
    import ui.server
    from ui.cli.main import build_parser

    calls = []
    monkeypatch.setattr(ui.server, "serve", lambda assistant, **kw: calls.append((assistant, kw)))
    args = build_parser().parse_args(["--preset", "tiny", "serve", "--artifacts", str(tiny_artifacts),
                                      "--port", "9999", "--ttl-minutes", "5"])
    assert isinstance(args, argparse.Namespace) and args.func(args) == 0
    assistant, kwargs = calls[0]
    from ui.ratelimit import CLIENT_LIMIT, SESSION_LIMIT, RateLimit

    watcher = kwargs.pop("watcher")
    assert kwargs.pop("lm_job") is None, "a rules build served with the rules: nothing to fine-tune"
    state = kwargs.pop("state_db")
    assert state.engine.url.database == str((tiny_artifacts / "state.db").resolve()), "the state beside the build"
    assert kwargs.pop("cart_ttl_s") == 30 * 86400 and kwargs.pop("event_ttl_s") == 365 * 86400
    assert kwargs.pop("max_per_client") == 200
    assert kwargs == {"host": "127.0.0.1", "port": 9999, "ttl_s": 300.0, "session_limit": SESSION_LIMIT,
                      "client_limit": CLIENT_LIMIT, "demo": False, "user_secret": None,
                      "forwarded_allow_ips": None}
    assert watcher.build_id == assistant.engine.build_id and watcher.manifest.parent == tiny_artifacts
    args = build_parser().parse_args(["--preset", "rules", "serve", "--artifacts", str(tiny_artifacts),
                                      "--session-rate", "0.5", "--session-burst", "3", "--client-rate", "0"])
    args.func(args)
    assert calls[1][1]["session_limit"] == RateLimit(0.5, 3) and not calls[1][1]["client_limit"].enabled
    assert hasattr(assistant, "respond")
