"""`shopassist refresh`: the known shoppers' carts and checkouts in the live-state database reach the models.

The tiny shop's U2 dislikes Nike in the ratings and never bought any; their chat carts and orders of
Nike products must raise Nike in U2's profile and put those products in U2's top-N history, without
touching the data folder, without counting anyone anonymous and without counting anything twice.
"""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.livestate.db import StateError, open_state
from assistant.livestate.store import Event, StateStore
from assistant.offline.build import build_artifacts
from assistant.offline.refresh import refresh_artifacts, shop_events
from assistant.shopdata.artifacts import read_manifest, sha256_file, verify_files
from recsys.profiles import ProfileStore
from tests.shopfixtures import products
from tests.statedb import ENGINES, fresh_state_url

NIKE_SHOES = ("P001", "P002")
T0 = 1_750_000_000.0  # June 2025: after every event of the tiny shop's files


def _quiet(_msg: str) -> None:
    pass


@pytest.fixture(scope="module")
def built(tmp_path_factory, tiny_shop, tiny_config):
    """One tiny build, copied for each test (a refresh publishes into its folder)."""
    out = tmp_path_factory.mktemp("refresh-art")
    build_artifacts(tiny_shop, out, tiny_config, log=_quiet)
    return out


@pytest.fixture
def art(built, tmp_path):
    copy = tmp_path / "art"
    shutil.copytree(built, copy)
    return copy


def _store(url: str, times: list[float]) -> StateStore:
    """A store whose clock returns `times` one by one (then the last one): events at known times."""
    def clock() -> float:
        return times.pop(0) if len(times) > 1 else times[0]
    return StateStore(open_state(url), clock=clock)


def _shop_nike(url: str) -> StateStore:
    """U2 puts two Nike shoes in the cart, changes a quantity and checks out; a guest carts a Patagonia jacket."""
    store = _store(url, [T0, T0 + 60, T0 + 120, T0 + 180])
    store.record([Event("cart_add", NIKE_SHOES[0], value=1, user_id="U2", session_key="s2"),
                  Event("cart_add", NIKE_SHOES[1], value=1, user_id="U2", session_key="s2")])
    store.record([Event("cart_quantity", NIKE_SHOES[0], value=2, user_id="U2", session_key="s2")])
    store.record([Event("checkout", NIKE_SHOES[0], value=2, detail="ORD-1", user_id="U2", session_key="s2")])
    store.record([Event("cart_add", "P025", value=1), Event("checkout", "P025", value=1, detail="ORD-2")])
    return store


def _profiles(art) -> ProfileStore:
    return ProfileStore.load(verify_files(art, read_manifest(art)))


@pytest.fixture(params=ENGINES)
def state_url(request, tmp_path) -> str:
    return fresh_state_url(request.param, tmp_path)


def test_refresh_folds_a_shoppers_carts_and_orders_into_profile_and_top_n(art, tiny_shop, state_url):
    before = _profiles(art)
    nike_before = before.get("U2").brand_affinity.get("Nike", 0.0)
    files_before = {p.name: sha256_file(p) for p in tiny_shop.iterdir()}
    _shop_nike(state_url)

    result = refresh_artifacts(art, state=state_url, log=_quiet)

    assert result.outcome == "published"
    after = _profiles(art)
    profile = after.get("U2")
    assert profile.brand_affinity["Nike"] > nike_before + 0.15  # from 0.04: one order and two cart lines
    assert profile.n_purchases == 2  # the order's quantity
    row = after.topn.users.position("U2")
    history = set(after.topn.items.ids[after.topn.history[row].indices])
    assert set(NIKE_SHOES) <= history
    assert {p.name: sha256_file(p) for p in tiny_shop.iterdir()} == files_before  # the data folder is never written


def test_the_manifest_records_what_was_folded_and_anonymous_events_stay_out(art, tmp_path):
    url = f"sqlite:///{tmp_path / 'state.db'}"
    store = _shop_nike(url)
    highest = max(e["event_id"] for e in store.all_events() if e["user_id"])
    topn = _profiles(art).topn
    u2_had = set(topn.items.ids[topn.history[topn.users.position("U2")].indices])
    pairs_before = topn.history.nnz

    manifest = refresh_artifacts(art, state=url, log=_quiet).manifest

    folded = manifest.stats["state_events"]
    assert folded["through_event_id"] == highest
    assert folded["through_time"] == T0 + 120
    assert (folded["events"], folded["cart"], folded["purchase"], folded["users"]) == (4, 2, 1, 1)
    assert folded["anonymous_skipped"] == 2
    assert manifest.stats["refresh"]["index"] == "reused" and manifest.stats["refresh"]["svd"] == "kept"
    profiles = _profiles(art)
    users = profiles.user_ids() | set(profiles.topn.users.ids)
    assert not users & {"None", "nan", ""}
    # U2's new pairs are the only ones added: the guest's cart and order are in nobody's history.
    assert profiles.topn.history.nnz == pairs_before + len(set(NIKE_SHOES) - u2_had)


def test_refresh_again_counts_nothing_twice(art, tmp_path):
    url = f"sqlite:///{tmp_path / 'state.db'}"
    store = _shop_nike(url)
    first = refresh_artifacts(art, state=url, log=_quiet).manifest
    nike = _profiles(art).get("U2").brand_affinity["Nike"]

    again = refresh_artifacts(art, state=url, log=_quiet)
    assert again.outcome == "up to date" and read_manifest(art).build_id == first.build_id

    forced = refresh_artifacts(art, state=url, log=_quiet, force=True)
    assert forced.outcome == "published" and forced.manifest.build_id != first.build_id
    profile = _profiles(art).get("U2")
    assert profile.brand_affinity["Nike"] == pytest.approx(nike)
    assert profile.n_purchases == 2

    store.record([Event("checkout", "P003", value=1, detail="ORD-3", user_id="U2", session_key="s3")])
    newer = refresh_artifacts(art, state=url, log=_quiet)
    assert newer.outcome == "published"
    assert newer.manifest.stats["state_events"]["through_event_id"] > first.stats["state_events"]["through_event_id"]
    assert _profiles(art).get("U2").n_purchases == 3  # 2 + 1, not 2 + 2 + 1


def test_a_failed_refresh_leaves_the_previous_build_in_place(art, tmp_path, monkeypatch, tiny_config):
    from assistant.loop import Assistant
    from assistant.offline import refresh

    url = f"sqlite:///{tmp_path / 'state.db'}"
    _shop_nike(url)
    manifest = read_manifest(art)

    def crash(*_args, **_kwargs):
        raise RuntimeError("killed mid-training")

    monkeypatch.setattr(refresh, "train_models", crash)
    with pytest.raises(RuntimeError, match="killed"):
        refresh_artifacts(art, state=url, log=_quiet)

    assert read_manifest(art) == manifest
    verify_files(art, manifest)
    assert not [p for p in art.iterdir() if p.name.startswith(".staging-")]
    assert Assistant.load(art, tiny_config).build_id == manifest.build_id


def test_no_database_is_an_error_and_no_events_leave_the_build_alone(art, tmp_path):
    from ui.cli.main import main

    with pytest.raises(StateError, match="no live-state database"):
        refresh_artifacts(art, state=f"sqlite:///{tmp_path / 'missing.db'}", log=_quiet)
    assert not (tmp_path / "missing.db").exists()
    assert main(["refresh", "--artifacts", str(art), "--state", f"sqlite:///{tmp_path / 'missing.db'}"]) == 2

    url = f"sqlite:///{tmp_path / 'state.db'}"
    StateStore(open_state(url)).record([Event("cart_add", "P001", value=1)])  # a guest only
    manifest = read_manifest(art)
    result = refresh_artifacts(art, state=url, log=_quiet)
    assert result.outcome == "nothing to fold"
    assert read_manifest(art) == manifest


def test_database_rows_become_shop_events():
    catalog = products()
    rows = [
        {"event_id": 1, "time": T0, "kind": "cart_add", "user_id": "U1", "session_key": "a", "product_id": "P001",
         "value": 1.0, "detail": None},
        {"event_id": 2, "time": T0 + 1, "kind": "cart_quantity", "user_id": "U1", "session_key": "a",
         "product_id": "P001", "value": 3.0, "detail": None},
        {"event_id": 3, "time": T0 + 2, "kind": "checkout", "user_id": "U1", "session_key": "a", "product_id": "P001",
         "value": 3.0, "detail": "O1"},
        {"event_id": 4, "time": T0 + 3, "kind": "cart_add", "user_id": "U1", "session_key": "a", "product_id": "GONE",
         "value": 1.0, "detail": None},
        {"event_id": 5, "time": T0 + 4, "kind": "cart_add", "user_id": None, "session_key": None,
         "product_id": "P002", "value": 1.0, "detail": None},
    ]
    frame, mark = shop_events(rows, catalog, {"O1": [{"product_id": "P001", "quantity": 3, "price": 50.0}]})
    assert frame[["event", "quantity", "price"]].values.tolist() == [["cart", 3, 59.99], ["purchase", 3, 50.0]]
    assert str(frame["timestamp"].dtype) == "datetime64[ns, UTC]"
    assert frame["timestamp"].iloc[0].timestamp() == T0  # the first add, not the quantity change
    assert mark == {"through_event_id": 4, "through_time": T0 + 3, "events": 4, "cart": 1, "purchase": 1,
                    "users": 1, "unknown_products": 1}
    json.dumps(mark)  # it goes into the manifest


def test_a_changed_catalog_is_embedded_again(art, tiny_shop, tmp_path):
    shop = tmp_path / "shop"
    shutil.copytree(tiny_shop, shop)
    (shop / "products.csv").write_text((shop / "products.csv").read_text().replace("Runner 1 ", "Racer 1 "))
    url = f"sqlite:///{tmp_path / 'state.db'}"
    _shop_nike(url)

    manifest = refresh_artifacts(art, data_dir=shop, state=url, log=_quiet).manifest

    assert manifest.stats["refresh"]["index"] == "rebuilt"
    assert manifest.inputs["products"]["sha256"] == sha256_file(shop / "products.csv")
    assert _profiles(art).get("U2").brand_affinity["Nike"] > 0.15
