"""The cart over HTTP with the database: lines, quantities, confirmed emptying, checkout, feedback, restarts."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from assistant.livestate.db import open_state
from assistant.livestate.schema import orders
from assistant.livestate.store import StateStore


def _serve(assistant, url: str):
    from ui.server import BackgroundServer, create_app
    from ui.service import ChatService

    service = ChatService(assistant, stream_delay_s=0.0, state_db=StateStore(open_state(url)))
    return BackgroundServer(create_app(service)), service


@pytest.fixture()
def state_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'state.db'}"


def test_cart_routes_change_the_cart_and_the_database(assistant, state_url):
    server, service = _serve(assistant, state_url)
    with server as running:
        api = running.url + "/api"
        first = httpx.post(f"{api}/chat", json={"message": "headphones"}).json()
        sid = first["session_id"]
        pid = first["products"][0]["product_id"]
        httpx.post(f"{api}/chat", json={"session_id": sid, "message": "add the first one"})
        cart = httpx.get(f"{api}/cart", params={"session_id": sid}).json()
        assert [(line["product_id"], line["quantity"]) for line in cart["lines"]] == [(pid, 1)]
        cart = httpx.put(f"{api}/cart/lines/{pid}", json={"session_id": sid, "quantity": 3}).json()
        price = first["products"][0]["price"]
        assert cart["count"] == 3 and cart["lines"][0]["line_total"] == pytest.approx(3 * price)
        assert httpx.put(f"{api}/cart/lines/NOPE", json={"session_id": sid, "quantity": 1}).status_code == 422
        assert httpx.put(f"{api}/cart/lines/{pid}", json={"session_id": sid, "quantity": 100}).status_code == 422
        refused = httpx.delete(f"{api}/cart", params={"session_id": sid})
        assert refused.status_code == 422 and "confirm" in refused.json()["detail"]
        assert httpx.get(f"{api}/cart", params={"session_id": sid}).json()["count"] == 3
        assert httpx.delete(f"{api}/cart", params={"session_id": sid, "confirm": "true"}).json()["lines"] == []
        assert httpx.post(f"{api}/checkout", json={"session_id": sid}).status_code == 422, "nothing to order"
        httpx.put(f"{api}/cart/lines/{pid}", json={"session_id": sid, "quantity": 2})
        order = httpx.post(f"{api}/checkout", json={"session_id": sid}).json()
        assert order["total"] == pytest.approx(2 * price) and order["lines"][0]["quantity"] == 2
        assert httpx.get(f"{api}/cart", params={"session_id": sid}).json()["lines"] == []
        assert httpx.post(f"{api}/feedback", json={"session_id": sid, "value": 1}).status_code == 204
        assert httpx.post(f"{api}/feedback", json={"session_id": sid, "value": 5}).status_code == 422
        for call in (lambda: httpx.get(f"{api}/cart", params={"session_id": "never-issued"}),
                     lambda: httpx.post(f"{api}/checkout", json={"session_id": "never-issued"})):
            assert call().status_code == 404
        assert "/api/cart" in httpx.get(f"{running.url}/openapi.json").json()["paths"]
    store = service.sessions.db
    with store.engine.connect() as conn:
        saved = conn.execute(select(orders)).mappings().all()
    assert [o["order_id"] for o in saved] == [order["order_id"]]
    kinds = [e["kind"] for e in store.all_events()]
    assert {"shown", "cart_add", "cart_quantity", "cart_remove", "checkout", "feedback"} <= set(kinds)
    assert all(e["user_id"] is None for e in store.all_events()), "a guest's events are anonymous"


def test_a_cart_survives_a_server_restart(assistant, state_url):
    server, _ = _serve(assistant, state_url)
    with server as running:
        sid = httpx.post(f"{running.url}/api/chat", json={"message": "jackets"}).json()["session_id"]
        httpx.post(f"{running.url}/api/chat", json={"session_id": sid, "message": "add the second one"})
        before = httpx.get(f"{running.url}/api/cart", params={"session_id": sid}).json()
    server, _ = _serve(assistant, state_url)
    with server as running:
        after = httpx.get(f"{running.url}/api/cart", params={"session_id": sid}).json()
        assert after == before and after["count"] == 1
        reply = httpx.post(f"{running.url}/api/chat", json={"session_id": sid, "message": "and the first one too"})
        assert reply.json()["intent"]["kind"] == "add_to_cart"
        assert httpx.get(f"{running.url}/api/cart", params={"session_id": sid}).json()["count"] == 2
