"""`user export` / `user forget` and the chat log: personal data is findable, deletable, never raw in logs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import assistant.offline.userdata as userdata
from assistant.chatlog import LOG_DIR, LOG_FILE, load_secret
from assistant.config import build_config
from assistant.loop import Assistant
from assistant.offline.build import build_artifacts
from assistant.privacy import pseudonym
from assistant.shopdata.artifacts import ArtifactError, artifact_lock, read_manifest, verify_files
from tests.shopfixtures import write_shop
from ui.cli.main import main

USER = "jane.doe-7731"  # distinctive: a byte search for it cannot hit by chance
PII = {"email": "jane.doe@example.com", "phone": "+44 20 7946 0958", "card": "4111 1111 1111 1111",
       "address": "221 Baker Street"}


def _add_user(shop: Path) -> None:
    ratings = pd.read_csv(shop / "ratings.csv")
    mine = pd.DataFrame({"user_id": USER, "product_id": ["P001", "P005", "P013", "P020"], "rating": [5, 4, 5, 2],
                         "timestamp": 1_700_000_500})
    pd.concat([ratings, mine]).to_csv(shop / "ratings.csv", index=False)
    events = pd.read_csv(shop / "events.csv")
    bought = pd.DataFrame({"user_id": USER, "product_id": ["P013", "P014"], "event": "purchase", "quantity": 1,
                           "price": 80.0, "timestamp": "2025-05-01T10:00:00Z"})
    pd.concat([events, bought]).to_csv(shop / "events.csv", index=False)


@pytest.fixture()
def shop_art(tmp_path, tiny_config):
    shop = write_shop(tmp_path / "shop")
    _add_user(shop)
    art = tmp_path / "art"
    build_artifacts(shop, art, tiny_config, log=lambda _m: None)
    return shop, art


def _logging_config():
    return build_config("tiny", overrides={"assistant": {"chat_log": True}})


def _chat(art: Path, user: str | None, messages: list[str]) -> None:
    assistant = Assistant.load(art, _logging_config())
    session = assistant.new_session(user)
    for message in messages:
        assistant.respond(session, message)


def _files_containing(needle: bytes, *roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_chat_log_is_off_by_default(shop_art, tiny_config):
    _, art = shop_art
    assistant = Assistant.load(art, tiny_config)
    assistant.respond(assistant.new_session(USER), f"headphones, mail me at {PII['email']}")
    assert not (art / LOG_DIR).exists()


def test_chat_log_holds_no_raw_pii_and_no_user_id(shop_art):
    _, art = shop_art
    _chat(art, USER, [f"headphones under $80, mail {PII['email']}", f"call me on {PII['phone']}",
                      f"my card is {PII['card']}", f"ship it to {PII['address']}, London", "add the first one"])
    raw = (art / LOG_DIR / LOG_FILE).read_bytes()
    lines = [json.loads(line) for line in raw.decode().splitlines()]
    assert len(lines) == 5
    for secret in [*PII.values(), USER]:
        assert secret.encode() not in raw, secret
    assert {"[email]", "[phone]", "[card]", "[address]"} <= {tag for line in lines for tag in
                                                            ("[email]", "[phone]", "[card]", "[address]")
                                                            if tag in line["message"]}
    assert {line["user"] for line in lines} == {pseudonym(USER, load_secret(art))}


def test_export_lists_everything_held(shop_art, capsys):
    _, art = shop_art
    _chat(art, USER, ["jackets", "what's in my cart?"])
    assert main(["user", "export", USER, "--artifacts", str(art)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user_id"] == USER and data["profile"]["user_id"] == USER
    assert data["profile"]["n_purchases"] == 2 and data["profile"]["brand_affinity"]
    assert data["topn"]["present"] and {"P013", "P014"} <= set(data["topn"]["interacted_products"])
    assert data["cf"]["present"] and len(data["cf"]["factors"]) == 8
    assert len(data["inputs"]["ratings"]) == 4 and len(data["inputs"]["events"]) == 2
    assert [line["message"] for line in data["chat_log"]] == ["jackets", "what's in my cart?"]
    assert data["live_state"] == {"sessions": [], "orders": [], "events": []}, "no server ran: no database made"
    assert not (art / "state.db").exists()


def test_forget_leaves_no_trace_and_the_user_is_cold_start(shop_art, tiny_config, capsys):
    shop, art = shop_art
    _chat(art, USER, ["headphones", "add the first one"])
    _chat(art, "U2", ["jackets"])
    key = pseudonym(USER, load_secret(art)).encode()
    assert _files_containing(USER.encode(), art, shop) and _files_containing(key, art)
    assert main(["user", "forget", USER, "--artifacts", str(art)]) == 0
    assert "profile: 1" in capsys.readouterr().out
    assert _files_containing(USER.encode(), art, shop) == []
    assert _files_containing(key, art) == []
    verify_files(art, read_manifest(art))  # the manifest's sha256s match the rewritten build
    assert len((art / LOG_DIR / LOG_FILE).read_text().splitlines()) == 1  # U2's line stays
    assert len(pd.read_csv(shop / "ratings.csv")) > 0 and "U2" in set(pd.read_csv(shop / "events.csv")["user_id"])
    assistant = Assistant.load(art, tiny_config)
    assert assistant.engine.profiles.get(USER) is None
    assert not assistant.engine.recommender.knows_user(USER)
    assert not assistant.engine.profiles.topn.knows_user(USER)
    as_user = assistant.respond(assistant.new_session(USER), "recommend me something")
    as_guest = assistant.respond(assistant.new_session(None), "recommend me something")
    assert [c.product.product_id for c in as_user.products] == [c.product.product_id for c in as_guest.products]
    # The next build learns nothing about the user either.
    build_artifacts(shop, art, tiny_config, log=lambda _m: None)
    assert _files_containing(USER.encode(), art, shop) == []


@pytest.mark.parametrize("point", ["_forget_in_build", "_stage_inputs", "_publish"])
def test_forget_interrupted_before_publishing_changes_nothing(shop_art, tiny_config, monkeypatch, point):
    shop, art = shop_art
    _chat(art, USER, ["headphones"])
    before = {p: p.read_bytes() for root in (art, shop) for p in root.rglob("*") if p.is_file()}
    original = getattr(userdata, point)

    def crash(*args, **kwargs):
        if point != "_publish":  # _publish: everything staged, nothing renamed yet
            original(*args, **kwargs)  # half done: staging and temporary files exist...
        raise KeyboardInterrupt("killed")  # ...when the process is interrupted

    monkeypatch.setattr(userdata, point, crash)
    with pytest.raises(KeyboardInterrupt):
        userdata.forget_user(art, USER)
    after = {p: p.read_bytes() for root in (art, shop) for p in root.rglob("*") if p.is_file()}
    assert after == before  # exactly the state before: no temporary files, no staging dir
    assert Assistant.load(art, tiny_config).engine.profiles.get(USER) is not None
    monkeypatch.setattr(userdata, point, original)
    userdata.forget_user(art, USER)  # run again: completes
    assert _files_containing(USER.encode(), art, shop) == []


def test_forget_waits_for_no_one_while_a_build_holds_the_lock(shop_art):
    _, art = shop_art
    with artifact_lock(art), pytest.raises(ArtifactError, match="locked"):
        userdata.forget_user(art, USER)


def test_forget_of_unknown_user_is_harmless(shop_art, tiny_config):
    _, art = shop_art
    assert not any(userdata.forget_user(art, "nobody-here").values())
    assert Assistant.load(art, tiny_config).engine.profiles.get(USER) is not None


def _following_service(art: Path, tiny_config):
    """A ChatService that follows the builds published in `art` (as `serve` does), and its first assistant."""
    from ui.reload import BuildWatcher
    from ui.service import ChatService

    load = lambda: Assistant.load(art, tiny_config)  # noqa: E731
    first = load()
    return ChatService(first, stream_delay_s=0, watcher=BuildWatcher(art, load, first.engine.build_id,
                                                                     min_interval_s=0)), first


def test_a_running_server_follows_a_forget(shop_art, tiny_config):
    """The service reloads the build `forget` publishes: the forgotten user's profile stops ranking."""
    _, art = shop_art
    service, first = _following_service(art, tiny_config)
    chat = service.session("tab", USER)
    assert service.ask(chat, "headphones") and service.assistant is first  # no new build: no reload
    assert first.engine.profiles.get(USER) is not None
    userdata.forget_user(art, USER)
    service.ask(service.session("tab-2", USER), "jackets")
    assert service.assistant is not first
    assert service.assistant.engine.build_id == read_manifest(art).build_id != first.engine.build_id
    assert service.assistant.engine.profiles.get(USER) is None
    assert list(service.stream(chat, "cheaper", pace=False))  # an open session goes on with the new build


def test_a_build_that_fails_to_load_keeps_the_old_one_serving(shop_art, tiny_config):
    from ui.reload import BuildWatcher

    _, art = shop_art
    current = read_manifest(art).build_id

    def broken():
        raise ArtifactError("corrupt")

    watcher = BuildWatcher(art, broken, current, min_interval_s=0)
    userdata.forget_user(art, USER)
    assert watcher.poll() is None and watcher.build_id == current


def test_forget_in_a_copied_folder_refuses_to_rewrite_the_originals_inputs(shop_art, tmp_path):
    import shutil

    shop, art = shop_art
    copy = tmp_path / "copy-of-art"
    shutil.copytree(art, copy)
    inputs = {p: p.read_bytes() for p in shop.rglob("*") if p.is_file()}
    with pytest.raises(userdata.SharedInputsError, match="copy of"):
        userdata.forget_user(copy, USER)
    assert {p: p.read_bytes() for p in shop.rglob("*") if p.is_file()} == inputs  # the original's inputs untouched
    assert userdata.forget_user(copy, USER, shared_inputs_ok=True)["profile"] == 1  # asked for: done


def test_forget_with_moved_inputs_says_what_it_could_not_delete(shop_art, capsys):
    shop, art = shop_art
    moved = shop.parent / "moved-away"
    shop.rename(moved)
    assert main(["user", "forget", USER, "--artifacts", str(art)]) == 1
    err = capsys.readouterr().err
    assert "could not delete everything" in err and str(shop) in err
    assert Assistant.load(art, build_config("tiny")).engine.profiles.get(USER) is None  # the build is clean


def test_the_shopper_list_of_a_page_load_follows_a_forget(shop_art, tiny_config):
    from types import SimpleNamespace

    from ui.app import Handlers, shopper_choices

    _, art = shop_art
    service, first = _following_service(art, tiny_config)
    known = [user for _, user in shopper_choices(service)]
    if USER not in known:
        pytest.skip("the tiny shop's richest profiles do not include the user")
    userdata.forget_user(art, USER)
    service.ask(service.session("tab"), "jackets")  # the next turn loads the new build
    tab = SimpleNamespace(session_hash="t1", client=SimpleNamespace(host="10.0.0.1"))
    *_, update, _personalize = Handlers(service).load("", "guest", True, tab)
    assert USER not in [user for _, user in update["choices"]]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_export_and_forget_cover_the_live_state_database(shop_art, tiny_config, engine, tmp_path):
    """Sessions, carts, orders and events of the shopper are exported, then deleted: every table searched."""
    from sqlalchemy import inspect, select

    from assistant.livestate.db import open_state
    from assistant.livestate.store import StateStore
    from tests.statedb import fresh_state_url
    from ui.service import ChatService

    _, art = shop_art
    url = f"sqlite:///{art / 'state.db'}" if engine == "sqlite" else fresh_state_url(engine, tmp_path)
    store = StateStore(open_state(url))
    service = ChatService(Assistant.load(art, tiny_config), stream_delay_s=0, state_db=store)
    mine = service.session("ui:jane", user_id=USER)
    for message in ("jackets", "add the first one", "add the second one", "checkout", "yes", "headphones",
                    "add the first one"):
        service.ask(mine, message)
    guest = service.session("ui:guest")
    for message in ("jackets", "add the first one"):
        service.ask(guest, message)
    state = None if engine == "sqlite" else url  # the SQLite file beside the artifacts is found by itself

    exported = userdata.export_user(art, USER, state=state)["live_state"]
    assert [s["key"] for s in exported["sessions"]] == ["ui:jane"] and exported["sessions"][0]["cart"]
    assert len(exported["orders"]) == 1 and {e["kind"] for e in exported["events"]} >= {"shown", "cart_add",
                                                                                       "checkout"}
    json.dumps(exported)  # JSON-ready

    removed = userdata.forget_user(art, USER, state=state)
    assert removed["live_sessions"] == 1 and removed["live_orders"] == 1 and removed["live_events"] > 0
    with store.engine.connect() as conn:
        for table in inspect(store.engine).get_table_names():
            rows = conn.execute(select(store_table(store, table))).all()
            assert not any(USER in str(value) for row in rows for value in row), f"{USER} still in {table}"
    assert store.load("ui:guest").cart, "other shoppers' carts stay"
    if engine == "sqlite":
        assert not _files_containing(USER.encode(), art), "no byte of the shopper left in the database files"


def store_table(store, name: str):
    from sqlalchemy import MetaData, Table

    return Table(name, MetaData(), autoload_with=store.engine)
