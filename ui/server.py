"""One HTTP server for everything: the Gradio chat at `/`, the JSON API at `/api`, OpenAPI at
`/docs`, and the embed files (widget script, sample support page) at `/embed`.

`serve` blocks (the `shopassist serve` command); `BackgroundServer` runs the same app on a free
127.0.0.1 port in a thread, for tests and the load benchmark.
"""

from __future__ import annotations

import threading
import time
from importlib import metadata
from pathlib import Path

EMBED_DIR = Path(__file__).parent / "embed"


def create_app(service, embed_dir: Path = EMBED_DIR):
    """FastAPI app with the API routes first, then /embed, then Gradio mounted at `/`.

    Args:
        service: a `ui.service.ChatService`.
        embed_dir: folder served at /embed (the widget script a store's page loads).
    """
    import gradio as gr
    from fastapi.staticfiles import StaticFiles
    from fastapi_offline import FastAPIOffline

    from ui import edge
    from ui.api import api_router
    from ui.app import TITLE, build_app
    from ui.cards import CSS, WIDGET_HEAD

    try:
        version = metadata.version("shopassist")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        version = "0"
    # FastAPIOffline: /docs and /redoc with Swagger UI and ReDoc served from the package, not a CDN, so the
    # docs render on a machine (or a shop's intranet) without internet access.
    app = FastAPIOffline(title=f"{TITLE} HTTP API", version=version, static_url="/docs-static",
                  description="Chat with the shopping assistant over JSON. The browser chat is at `/`; "
                              "the Gradio API (for `gradio_client`) at `/gradio_api/`.")
    edge.install(app)
    app.include_router(api_router(service))
    app.mount("/embed", StaticFiles(directory=embed_dir, html=True), name="embed")
    return gr.mount_gradio_app(app, build_app(service), path="/", css=CSS, head=WIDGET_HEAD, ssr_mode=False,
                               footer_links=["api"], show_error=False)


def make_service(assistant, ttl_s: float = 1800.0, stream_delay_s: float = 0.0,
                 session_limit=None, client_limit=None, watcher=None, lm_job=None, demo: bool = True,
                 user_secret: bytes | None = None, state_db=None, cart_ttl_s: float = 30 * 86400.0,
                 event_ttl_s: float | None = None, max_per_client: int = 200):
    """A `ChatService`; rate limits are `ui.ratelimit.RateLimit`s (None: unlimited); `watcher` a
    `ui.reload.BuildWatcher` (None: keep the build loaded at start); `lm_job` a
    `ui.lm_training.BackgroundFineTune` (not started yet); `demo`, `user_secret`, `state_db` (sessions, carts
    and events in a database), `cart_ttl_s`, `event_ttl_s` and `max_per_client` as in ChatService."""
    from ui.service import ChatService

    return ChatService(assistant, ttl_s=ttl_s, stream_delay_s=stream_delay_s, session_limit=session_limit,
                       client_limit=client_limit, watcher=watcher, lm_job=lm_job, demo=demo,
                       user_secret=user_secret, state_db=state_db, cart_ttl_s=cart_ttl_s, event_ttl_s=event_ttl_s,
                       max_per_client=max_per_client)


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, ttl_s: float = 1800.0,
          session_limit=None, client_limit=None, watcher=None, lm_job=None, demo: bool = False,
          user_secret: bytes | None = None, forwarded_allow_ips: str | None = None, state_db=None,
          cart_ttl_s: float = 30 * 86400.0, event_ttl_s: float | None = None, max_per_client: int = 200) -> None:
    """Run the server in the foreground until Ctrl-C; with `lm_job`, fine-tune the LM meanwhile and
    switch to it when it is ready (the job is ended when the server stops).

    `forwarded_allow_ips`: the proxies whose X-Forwarded-For names the client (comma-separated
    addresses); None trusts no one, so each client is its own socket address and cannot pose as another.
    """
    import uvicorn

    service = make_service(assistant, ttl_s=ttl_s, session_limit=session_limit, client_limit=client_limit,
                           watcher=watcher, lm_job=lm_job, demo=demo, user_secret=user_secret,
                           state_db=state_db, cart_ttl_s=cart_ttl_s, event_ttl_s=event_ttl_s,
                           max_per_client=max_per_client)
    app = create_app(service)
    base = f"http://{host}:{port}"
    print(f"shopassist: chat on {base}/  ·  HTTP API docs {base}/docs  ·  embed sample "
          f"{base}/embed/support.html  (Ctrl-C to stop)", flush=True)
    if lm_job is not None:
        lm_job.start(service.follow_build_now)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=bool(forwarded_allow_ips),
                    forwarded_allow_ips=forwarded_allow_ips or "")
    finally:
        if lm_job is not None:
            lm_job.stop()


class BackgroundServer:
    """The app served by uvicorn in a daemon thread on a free port; a context manager.

    Waits until `/api/health` answers, so callers can use `url` at once.
    """

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0, startup_timeout_s: float = 60.0):
        import uvicorn

        # Gradio keeps event streams open; don't let them hold a test run's shutdown for long.
        self._server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                                     lifespan="on", timeout_graceful_shutdown=2,
                                                     proxy_headers=False))
        self._thread = threading.Thread(target=self._server.run, name="shopassist-server", daemon=True)
        self.host = host
        self.startup_timeout_s = startup_timeout_s
        self.url = ""

    def __enter__(self) -> BackgroundServer:
        import httpx

        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout_s
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the shopassist server did not start")
            time.sleep(0.05)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://{self.host}:{port}"
        while httpx.get(f"{self.url}/api/health", timeout=5).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the shopassist server does not answer /api/health")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout=5)
