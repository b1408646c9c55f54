from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.loop import Assistant
from assistant.offline.build import build_artifacts, is_up_to_date
from assistant.shopdata.artifacts import ArtifactError, artifact_lock, read_manifest
from tests.shopfixtures import write_shop

ROOT = Path(__file__).resolve().parents[1]

KILL_SCRIPT = """
import os, signal, sys
import assistant.offline.build as b
from assistant.config import build_config
point = sys.argv[3]
original = getattr(b, point)
def killer(*args, **kwargs):
    if point == "fsync_build":
        original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(b, point, killer)
b.build_artifacts(sys.argv[1], sys.argv[2], build_config("tiny"), log=lambda m: None)
"""


@pytest.fixture()
def built(tmp_path, tiny_config):
    shop = write_shop(tmp_path / "shop")
    art = tmp_path / "art"
    build_artifacts(shop, art, tiny_config, log=lambda _m: None)
    return shop, art


def test_manifest_records_inputs_config_versions(built, tiny_config):
    shop, art = built
    manifest = read_manifest(art)
    assert set(manifest.inputs) == {"products", "ratings", "events"}
    assert manifest.inputs["products"]["rows"] == 36
    assert manifest.config == tiny_config.to_dict()
    assert {"torch", "faiss-cpu", "scikit-surprise"} <= set(manifest.versions)
    assert is_up_to_date(shop, art, tiny_config)


def test_stale_when_input_or_config_changes(built, tiny_config):
    from assistant.config import build_config

    shop, art = built
    assert not is_up_to_date(shop, art, build_config("tiny", overrides={"recsys": {"svd_factors": 3}}))
    with open(shop / "products.csv", "a") as fh:
        fh.write("P999,New thing,1.00\n")
    assert not is_up_to_date(shop, art, tiny_config)


@pytest.mark.parametrize("point", ["_write_models", "fsync_build"])
def test_build_killed_midway_leaves_previous_artifacts_usable(built, tiny_config, point):
    shop, art = built
    before = (art / "manifest.json").read_text()
    with open(shop / "products.csv", "a") as fh:
        fh.write("P999,Brand new gadget,1.00\n")
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(shop), str(art), point], cwd=ROOT,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -9, proc.stderr.decode()
    assert (art / "manifest.json").read_text() == before
    assert any(p.name.startswith(".staging-") for p in art.iterdir())  # the half-build is there...
    reply = Assistant.load(art, tiny_config).respond(Assistant.load(art, tiny_config).new_session(), "headphones")
    assert reply.products  # ...but the previous build still answers
    build_artifacts(shop, art, tiny_config, log=lambda _m: None)
    assert not any(p.name.startswith(".staging-") for p in art.iterdir())  # and the next build cleans it up
    assert read_manifest(art).inputs["products"]["rows"] == 37


def test_corrupt_file_is_named(built, tiny_config):
    _, art = built
    build = next(p for p in art.iterdir() if p.name.startswith("build-"))
    (build / "products.faiss").write_bytes(b"garbage")
    with pytest.raises(ArtifactError, match=r"products\.faiss is corrupt.*shopassist build"):
        Assistant.load(art, tiny_config)


def test_missing_and_corrupt_manifest(tmp_path, built, tiny_config):
    with pytest.raises(ArtifactError, match="manifest.json missing"):
        Assistant.load(tmp_path / "nothing", tiny_config)
    _, art = built
    (art / "manifest.json").write_text("{not json")
    with pytest.raises(ArtifactError, match="manifest.json is corrupt"):
        Assistant.load(art, tiny_config)


def test_concurrent_builds_are_refused(built, tiny_config):
    shop, art = built
    with artifact_lock(art):
        with pytest.raises(ArtifactError, match="locked"):
            build_artifacts(shop, art, tiny_config, log=lambda _m: None)


def test_manifest_is_json_with_file_hashes(built):
    _, art = built
    data = json.loads((art / "manifest.json").read_text())
    assert data["format_version"] == 1
    assert {"catalog.parquet", "products.faiss", "svd.npz"} <= set(data["files"])


def _build_dir(art: Path) -> Path:
    return next(p for p in art.iterdir() if p.name.startswith("build-"))


def test_truncated_index_is_named_with_the_rebuild_command(built, tiny_config):
    _, art = built
    index = _build_dir(art) / "products.faiss"
    index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    with pytest.raises(ArtifactError, match=r"products\.faiss is corrupt \(checksum mismatch\).*shopassist build "
                                            r"--data DATA_DIR --out"):
        Assistant.load(art, tiny_config)


@pytest.mark.parametrize("name", ["profiles_users.parquet", "svd.npz", "catalog.parquet"])
def test_deleted_artifact_file_is_named(built, tiny_config, name):
    _, art = built
    (_build_dir(art) / name).unlink()
    with pytest.raises(ArtifactError, match=rf"{name.replace('.', chr(92) + '.')} is missing.*shopassist build"):
        Assistant.load(art, tiny_config)


def test_a_build_with_a_pickled_svd_is_refused_and_rebuilt(built, tiny_config):
    """What older versions wrote (svd.pkl) is never unpickled: loading names it and the rebuild command,
    and `build --if-stale` rebuilds it although its inputs and config are unchanged."""
    import dataclasses
    import pickle

    from assistant.shopdata.artifacts import MANIFEST, sha256_file

    shop, art = built
    manifest = read_manifest(art)
    directory = _build_dir(art)
    (directory / "svd.npz").unlink()
    (directory / "svd.pkl").write_bytes(pickle.dumps({"an": "old model"}))
    files = {k: v for k, v in manifest.files.items() if k != "svd.npz"}
    files["svd.pkl"] = sha256_file(directory / "svd.pkl")
    (art / MANIFEST).write_text(dataclasses.replace(manifest, files=files).to_json())
    with pytest.raises(ArtifactError, match=r"svd\.pkl is an SVD model saved with pickle.*shopassist build --data"):
        Assistant.load(art, tiny_config)
    assert not is_up_to_date(shop, art, tiny_config)
    build_artifacts(shop, art, tiny_config, log=lambda _m: None)
    assert Assistant.load(art, tiny_config).engine.recommender is not None


def test_deleted_build_dir_is_named(built, tiny_config):
    import shutil

    _, art = built
    shutil.rmtree(_build_dir(art))
    with pytest.raises(ArtifactError, match=r"build-.*is missing.*shopassist build"):
        Assistant.load(art, tiny_config)


@pytest.mark.parametrize("text", ["", "[]", '{"format_version": 1}', '{"format_version": 99, "build_id": "x"}',
                                  "\xff\xfe garbage"])
def test_manifest_with_bad_content_is_named(built, tiny_config, text):
    _, art = built
    (art / "manifest.json").write_text(text, encoding="latin-1")
    with pytest.raises(ArtifactError, match=r"manifest\.json (is corrupt|has an unsupported).*shopassist build"):
        Assistant.load(art, tiny_config)


def test_concurrent_builds_in_threads_do_not_interleave(built, tiny_config):
    """Two builds at once: one publishes, the other is refused; the manifest verifies either way."""
    from concurrent.futures import ThreadPoolExecutor

    from assistant.shopdata.artifacts import verify_files

    shop, art = built

    def build(_i: int) -> str:
        try:
            build_artifacts(shop, art, tiny_config, log=lambda _m: None)
            return "built"
        except ArtifactError as exc:
            assert "locked" in str(exc)
            return "refused"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(build, range(2)))
    assert "built" in outcomes
    verify_files(art, read_manifest(art))
    assert len([p for p in art.iterdir() if p.name.startswith(("build-", ".staging-"))]) == 1
