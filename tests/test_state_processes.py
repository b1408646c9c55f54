"""Two real server processes on one database: a session moves between them, and SIGKILL loses no cart line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow  # starts two `shopassist serve` processes


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(art: Path, state: str) -> tuple[subprocess.Popen, str]:
    port = _port()
    exe = Path(sys.executable).with_name("shopassist")
    proc = subprocess.Popen([str(exe), "--preset", "tiny", "serve", "--artifacts", str(art), "--port", str(port),
                             "--state", state, "--session-rate", "0", "--client-rate", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start")


def test_a_killed_process_loses_no_acknowledged_cart_line(tiny_artifacts, tmp_path):
    state = f"sqlite:///{tmp_path / 'state.db'}"
    (one, url_one), (two, url_two) = _serve(tiny_artifacts, state), _serve(tiny_artifacts, state)
    try:
        first = httpx.post(f"{url_one}/api/chat", json={"message": "headphones"}, timeout=30).json()
        sid = first["session_id"]
        added = httpx.post(f"{url_two}/api/chat", json={"session_id": sid, "message": "add the first one"},
                           timeout=30).json()
        assert added["intent"]["kind"] == "add_to_cart", "the second process continues the first's session"
        more = httpx.post(f"{url_one}/api/chat", json={"session_id": sid, "message": "and the second one too"},
                          timeout=30).json()
        acked = {p["product_id"] for p in added["products"] + more["products"]}
        os.kill(one.pid, signal.SIGKILL)
        one.wait(timeout=10)
        cart = httpx.get(f"{url_two}/api/cart", params={"session_id": sid}, timeout=30).json()
        assert {line["product_id"] for line in cart["lines"]} == acked and len(acked) == 2
    finally:
        for proc in (one, two):
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
