"""`retrieval.vector_store = "milvus"` through the product: `shopassist build --vector-store milvus` writes the
vectors into Milvus (Milvus Lite, a folder inside the build), the engine and the chat service read them from
there, and every hard filter with the BM25 fusion gives the FAISS build's results on the demo shop. Then the
error paths: pymilvus missing, a Milvus that does not answer, a Lite folder another process holds, a build whose
store is not the one asked for, an update that would change a served collection.

The demo shop (1,200 of its products here) is below `flat_max_products`, so both builds search exactly
(FAISS flat, Milvus FLAT): the same queries must give the same products with the same scores.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("milvus_lite")

from assistant.config import build_config  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.loop import Assistant  # noqa: E402
from assistant.offline.build import build_artifacts  # noqa: E402
from assistant.offline.catalog_update import update_products  # noqa: E402
from assistant.shopdata.artifacts import build_dir, read_manifest  # noqa: E402
from assistant.shopdata.demo import generate_demo_shop  # noqa: E402
from retrieval.filters import satisfies  # noqa: E402
from retrieval.index import ProductIndex  # noqa: E402
from retrieval.milvus import (  # noqa: E402
    LITE_FOLDER,
    MilvusUnavailableError,
    MilvusVectors,
    MissingMilvusError,
    collection_name,
    drop_collection,
)
from retrieval.types import Filters, UsageError, UserError  # noqa: E402
from retrieval.vectors import StoreMismatchError  # noqa: E402
from ui.cli.main import main as cli  # noqa: E402
from ui.service import ChatService  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# (query, hard filters): each filter kind alone and together, with fusion on (the tiny preset's default).
CASES = [
    ("wireless headphones", Filters()),
    ("wireless headphones", Filters(max_price=50.0)),
    ("running shoes", Filters(colors=("Black",), in_stock_only=True)),
    ("laptop for school", Filters(min_price=300.0, max_price=900.0, categories=("laptops",))),
    ("summer dress", Filters(categories=("dresses",), exclude_brands=("Calvin Klein",))),
    ("backpack", Filters(brands=("Nike", "Adidas", "Puma"), colors=("black", "blue"))),
    ("headphones", Filters(categories=("headphones",))),  # + exclude_ids: the three shown before
    ("toy for a child", Filters(in_stock_only=True, max_price=20.0)),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The demo shop built twice with the tiny preset: FAISS (the default) and, through the CLI, Milvus Lite."""
    shop = tmp_path_factory.mktemp("demo")
    generate_demo_shop(shop, n_products=1200, n_users=200)  # half the demo shop: every category, a quicker build
    faiss_art, milvus_art = tmp_path_factory.mktemp("faiss_art"), tmp_path_factory.mktemp("milvus_art")
    build_artifacts(shop, faiss_art, build_config("tiny"), log=lambda _m: None)
    assert cli(["--preset", "tiny", "--quiet", "build", "--data", str(shop), "--out", str(milvus_art),
                "--vector-store", "milvus"]) == 0
    return shop, faiss_art, milvus_art


@pytest.fixture(scope="module")
def engines(builds):
    _, faiss_art, milvus_art = builds
    in_faiss, in_milvus = Engine.load(faiss_art), Engine.load(milvus_art)
    yield in_faiss, in_milvus
    in_milvus.close()


@pytest.mark.slow
def test_the_build_keeps_its_vectors_in_a_milvus_lite_folder_inside_it(builds, engines):
    _, faiss_art, milvus_art = builds
    manifest = read_manifest(milvus_art)
    folder = build_dir(milvus_art, manifest)
    assert manifest.config["retrieval"]["vector_store"] == "milvus"
    assert (folder / LITE_FOLDER).is_dir() and not (folder / "products.faiss").exists()
    assert any(name.startswith(LITE_FOLDER + "/") for name in manifest.files)  # hashed and verified on load
    assert manifest.stats["index"]["kind"] == "milvus-flat" and manifest.stats["index"]["vector_store"] == "milvus"
    assert engines[1].index.store.name == "milvus" and engines[0].index.store.name == "faiss"
    assert (build_dir(faiss_art, read_manifest(faiss_art)) / "products.faiss").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("text", "filters"), CASES, ids=[f"{t}|{i}" for i, (t, _) in enumerate(CASES)])
def test_milvus_gives_faiss_results_under_every_hard_filter(engines, text, filters):
    in_faiss, in_milvus = engines
    if filters.categories == ("headphones",):  # leave out the three best unfiltered ones
        shown = tuple(h.product.product_id for h in in_faiss.retrieve(text, Filters(), 3))
        filters = dataclasses.replace(filters, exclude_ids=shown)
    want, got = in_faiss.retrieve(text, filters, 10), in_milvus.retrieve(text, filters, 10)
    assert want, "the case should match something"
    assert len(got) == len(want)
    assert np.allclose([h.score for h in got], [h.score for h in want], atol=1e-5)
    assert np.allclose([h.lexical_score for h in got], [h.lexical_score for h in want], atol=1e-4)
    # Exact search on both sides: the same products, in the same order except among equal scores.
    for mine, theirs in zip(got, want, strict=True):
        assert mine.product.product_id == theirs.product.product_id or abs(mine.score - theirs.score) < 1e-5
    assert {h.product.product_id for h in got} == {h.product.product_id for h in want}
    row = in_milvus.index.catalog.set_index("product_id")
    for hit in got:
        assert satisfies({"product_id": hit.product.product_id, **row.loc[hit.product.product_id]}, filters)


@pytest.mark.slow
def test_a_turn_through_the_service_returns_filtered_products_from_milvus(builds):
    _, faiss_art, milvus_art = builds
    tiny = build_config("tiny")
    replies = []
    for art in (faiss_art, milvus_art):
        assistant = Assistant.load(art, tiny)
        service = ChatService(assistant, stream_delay_s=0.0)
        replies.append(service.ask(service.session(f"api:{art.name}"), "wireless headphones under $50"))
        if assistant.engine.index.store.name == "milvus":
            assistant.engine.close()
    from_faiss, from_milvus = replies
    assert from_milvus.products
    assert all(c.product.price <= 50 and c.product.category == "headphones" for c in from_milvus.products)
    assert [c.product.product_id for c in from_milvus.products] == [c.product.product_id for c in from_faiss.products]


@pytest.mark.slow
def test_update_products_changes_the_copy_of_the_lite_folder_only(builds, engines, tmp_path):
    _, _, milvus_art = builds
    art = tmp_path / "art"
    shutil.copytree(milvus_art, art)
    top = engines[1].retrieve("wireless headphones", Filters(max_price=50.0), 3)
    doomed = top[0].product.product_id
    result = update_products(art, remove_ids=[doomed], log=lambda _m: None)
    assert result["removed"] == 1 and read_manifest(art).stats["index"]["vector_store"] == "milvus"
    updated = Engine.load(art)
    try:
        ids = [h.product.product_id for h in updated.retrieve("wireless headphones", Filters(max_price=50.0), 10)]
        assert doomed not in ids and ids[:2] == [h.product.product_id for h in top[1:3]]
    finally:
        updated.close()
    # the build it was copied from still finds the product (its collection was not touched)
    assert engines[1].retrieve("wireless headphones", Filters(max_price=50.0), 1)[0].product.product_id == doomed


def test_a_shared_milvus_keeps_two_collections_per_artifact_folder(tiny_shop, tmp_path):
    """A Lite folder outside the build stands in for a server: every build of the folder writes a collection
    there; the build two back is dropped, the one before stays for a server still serving it; an update in
    place is refused; a build whose collection is gone says so."""
    shared = str(tmp_path / "shared.db")
    cfg = build_config("tiny")
    cfg = dataclasses.replace(cfg, retrieval=dataclasses.replace(cfg.retrieval, vector_store="milvus",
                                                                 milvus_uri=shared))
    art = tmp_path / "art"
    built = [build_artifacts(tiny_shop, art, cfg, log=lambda _m: None) for _ in range(3)]
    names = [collection_name(cfg.retrieval.milvus_collection, m.build_id) for m in built]
    store = MilvusVectors(shared, names[-1], 0, 0)
    assert set(store.client.list_collections()) == set(names[1:])
    store.close()
    engine = Engine.load(art)
    assert engine.retrieve("headphones", Filters(max_price=100.0), 3)
    engine.close()
    with pytest.raises(UsageError, match="full `shopassist build`"):
        update_products(art, remove_ids=["P001"], log=lambda _m: None)
    drop_collection(shared, names[-1])
    with pytest.raises(StoreMismatchError, match=f"collection '{names[-1]}', which .* does not hold"):
        Engine.load(art)


@pytest.mark.slow
def test_a_store_other_than_the_builds_is_refused(builds, capsys):
    _, faiss_art, milvus_art = builds
    assert cli(["--preset", "tiny", "search", "--artifacts", str(milvus_art), "--vector-store", "faiss",
                "headphones"]) == 2
    assert "keeps its vectors in milvus, not faiss" in capsys.readouterr().err
    assert cli(["--preset", "tiny", "ask", "--artifacts", str(faiss_art), "--vector-store", "milvus", "hi"]) == 2
    assert "keeps its vectors in faiss, not milvus" in capsys.readouterr().err
    folder = build_dir(faiss_art, read_manifest(faiss_art))
    asked = dataclasses.replace(build_config("tiny").retrieval, vector_store="milvus")
    with pytest.raises(StoreMismatchError, match="keeps its vectors in faiss"):
        ProductIndex.load(folder, asked)


def test_missing_pymilvus_is_a_one_line_error(tiny_shop, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pymilvus", None)  # import pymilvus now raises ImportError
    code = cli(["--preset", "tiny", "build", "--data", str(tiny_shop), "--out", str(tmp_path / "art"),
                "--vector-store", "milvus"])
    assert code == 2
    err = capsys.readouterr().err
    assert "needs pymilvus" in err and "pip install 'shopassist[milvus]'" in err
    assert issubclass(MissingMilvusError, UserError)  # one line, no traceback


def test_an_unreachable_server_is_named(tiny_shop, tmp_path, capsys):
    code = cli(["--preset", "tiny", "build", "--data", str(tiny_shop), "--out", str(tmp_path / "art"),
                "--milvus-uri", "http://127.0.0.1:9"])  # the discard port: nothing answers
    assert code == 2
    assert "cannot reach the Milvus server at http://127.0.0.1:9" in capsys.readouterr().err
    assert not (tmp_path / "art" / "manifest.json").exists()


@pytest.mark.slow
def test_serving_from_an_unreachable_address_is_named(builds):
    _, _, milvus_art = builds
    cfg = build_config("tiny")
    cfg = dataclasses.replace(cfg, retrieval=dataclasses.replace(cfg.retrieval, milvus_uri="http://127.0.0.1:9"))
    with pytest.raises(MilvusUnavailableError, match="cannot reach the Milvus server at http://127.0.0.1:9"):
        Engine.load(milvus_art, cfg)


HOLD = """
import sys
from retrieval.milvus import MilvusVectors
store = MilvusVectors(sys.argv[1], "held", 4, 0)
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_lite_folder_another_process_holds_is_named(tmp_path):
    folder = str(tmp_path / "held.db")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, folder], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(MilvusUnavailableError, match="one process at a time"):
            MilvusVectors(folder, "held", 4, 0)
    finally:
        holder.communicate("\n", timeout=30)
