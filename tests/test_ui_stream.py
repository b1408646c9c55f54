"""Streamed replies: `POST /api/chat/stream` (server-sent events) and the Gradio API's `/chat`.

The server here writes its replies a word at a time (as the LM writer streams tokens), so a reply
arrives in many deltas; the README's two streaming examples run against it as written.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from assistant.reply import TemplateWriter
from assistant.types import Intent, Reply
from ui.identity import sign_user
from ui.ratelimit import RateLimit
from ui.service import FriendlyError
from ui.streaming import text_deltas, turn_events

README = Path(__file__).resolve().parents[1] / "README.md"
SECRET = b"test-secret-of-at-least-16-bytes"


class WordByWord(TemplateWriter):
    """The template's reply streamed a word at a time."""

    def stream(self, intent, candidates, state):
        yield from re.findall(r"\S+\s*", self.write(intent, candidates, state))
        return []


def _service(assistant, **kw):
    from assistant.loop import Assistant
    from ui.service import ChatService

    return ChatService(Assistant(assistant.engine, writer=WordByWord()), stream_delay_s=0.0, **kw)


@pytest.fixture(scope="module")
def server(assistant):
    from ui.server import BackgroundServer, create_app

    service = _service(assistant)
    with BackgroundServer(create_app(service)) as running:
        yield running.url, service


@pytest.fixture(scope="module")
def shop(assistant):
    """A real shop's server (tokens, no demo mode) whose client may send 6 messages at once."""
    from ui.server import BackgroundServer, create_app

    service = _service(assistant, demo=False, user_secret=SECRET, client_limit=RateLimit(0.01, 6),
                       turn_timeout_s=0.2)
    with BackgroundServer(create_app(service)) as running:
        yield running.url, service


def events(text: str) -> list[tuple[str, dict]]:
    """(event, data) of each server-sent event in a response body."""
    found = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((fields["event"], json.loads(fields["data"])))
    return found


def stream(url: str, **body) -> httpx.Response:
    with httpx.stream("POST", f"{url}/api/chat/stream", json=body, timeout=60) as response:
        response.read()
    return response


def test_deltas_arrive_and_join_to_the_final_reply(server):
    url, _ = server
    response = stream(url, message="running shoes under 80")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    got = events(response.text)
    kinds = [kind for kind, _ in got]
    assert kinds[-1] == "reply" and set(kinds[:-1]) == {"delta"} and len(kinds) > 10
    reply = got[-1][1]
    assert "".join(data["text"] for _, data in got[:-1]) == reply["text"]
    plain = httpx.post(f"{url}/api/chat", json={"message": "running shoes under 80"}, timeout=60).json()
    assert set(reply) == set(plain) and reply["text"] == plain["text"] and reply["products"] == plain["products"]
    follow = httpx.post(f"{url}/api/chat", json={"session_id": reply["session_id"], "message": "cheaper"}).json()
    assert follow["intent"]["kind"] == "refine"  # the streamed turn's session carries on


def test_the_stream_passes_the_checks_of_api_chat(shop):
    url, service = shop
    assert stream(url, message=" ").status_code == 422
    assert stream(url, message="hi", session_id="never-issued").status_code == 404
    assert stream(url, message="jackets", user_id="U1").status_code == 403
    assert httpx.post(f"{url}/api/chat/stream", json={"message": "x" * 100_000}).status_code == 413
    signed = stream(url, message="jackets", user_token=sign_user("U1", SECRET))
    reasons = [r for p in events(signed.text)[-1][1]["products"] for r in p["reasons"]]
    assert any(r.startswith("you often") for r in reasons)  # personalised as the token's shopper
    session_id = events(signed.text)[-1][1]["session_id"]
    chat = service.sessions.peek(f"api:127.0.0.1:{session_id}")
    with chat.lock:  # a turn of this session is running
        assert stream(url, message="cheaper", session_id=session_id).status_code == 409
    service.max_waiting = 0
    try:
        full = stream(url, message="jackets")
        assert full.status_code == 503 and "Retry-After" in full.headers
    finally:
        service.max_waiting = 32
    throttled = [stream(url, message="jackets") for _ in range(6)][-1]  # past the client's burst of 6
    assert throttled.status_code == 429 and "Retry-After" in throttled.headers


def test_openapi_documents_the_stream(server):
    url, _ = server
    schema = httpx.get(f"{url}/openapi.json").json()
    operation = schema["paths"]["/api/chat/stream"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/ChatRequest")
    assert {"403", "404", "409", "413", "422", "429", "500", "503"} <= set(operation["responses"])
    kinds = operation["responses"]["200"]["content"]["text/event-stream"]["itemSchema"]["oneOf"]
    data = {k["properties"]["event"]["const"]: k["properties"]["data"]["contentSchema"] for k in kinds}
    assert set(data) == {"delta", "reply", "error"}
    assert data["reply"]["$ref"].rsplit("/", 1)[-1] in schema["components"]["schemas"]
    assert data["delta"]["required"] == ["text"]


def test_gradio_client_streams_chat(server):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    assert "/chat" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    job = client.submit("running shoes under 80", "", True, api_name="/chat")
    updates = list(job)
    final = updates[-1]
    assert set(final) == {"text", "intent", "products", "currency", "timings_ms", "trace"} and final["products"]
    assert len(updates) > 2 and all(final["text"].startswith(u["text"]) for u in updates[:-1])


def _readme_block(language: str, needle: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", README.read_text(), flags=re.S)
    return next(b for b in blocks if needle in b)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_readme_curl_example_streams(server):
    url, _ = server
    line = next(x for x in _readme_block("bash", "curl -N").splitlines() if x.startswith("curl -N"))
    command = shlex.split(line.replace("localhost:7860", url.removeprefix("http://")))
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    got = events(done.stdout)
    assert got[-1][0] == "reply" and "".join(d["text"] for _, d in got[:-1]) == got[-1][1]["text"]
    assert got[-1][1]["intent"]["max_price"] == 80


def test_the_readme_gradio_client_example_streams(server, capsys):
    url, _ = server
    code = _readme_block("python", "gradio_client").replace("http://127.0.0.1:7860/", f"{url}/")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    whole = httpx.post(f"{url}/api/chat", json={"message": "running shoes under $80"}, timeout=60).json()["text"]
    assert printed.rstrip("\n").endswith(whole) and printed.count("Here are") > 2  # several updates, then all


def test_deltas_are_trimmed_to_the_reply_text():
    reply = Reply(text="Hi there \nfriend", products=(), intent=Intent("greeting"))
    growing = [" ", "  Hi", "  Hi there \n", "  Hi there \nfriend\n", reply]
    got = list(text_deltas(growing))
    assert got[:-1] == ["Hi", " there", " \nfriend"] and got[-1] is reply


def test_a_turn_failing_after_the_stream_began_ends_with_an_error_event():
    def steps():
        yield "Here are"
        raise FriendlyError("Sorry, something went wrong on our side.")

    got = events(b"".join(turn_events(steps(), reply_data=lambda reply: reply)).decode())
    assert got == [("delta", {"text": "Here are"}),
                   ("error", {"detail": "Sorry, something went wrong on our side.", "status": 500})]


def test_a_stream_closed_midway_frees_its_session_and_leaves_it_as_before(assistant):
    from ui.service import ChatService

    service = ChatService(assistant, stream_delay_s=0.0)
    chat = service.session("api:-:gone")
    service.ask(chat, "jackets")
    before = chat.state.category, list(chat.state.shown), len(chat.state.history)
    steps = service.stream(chat, "running shoes under 80")
    next(steps)  # the first words are out; the client goes away
    steps.close()
    assert not chat.lock.locked()
    assert (chat.state.category, chat.state.shown, len(chat.state.history)) == before
