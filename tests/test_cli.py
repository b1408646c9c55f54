from __future__ import annotations

import json
import os
import sys

import pytest

from ui.cli.main import batch_wait_policy, main


def test_ask_json_shape(tiny_artifacts, capsys):
    code = main(["--preset", "tiny", "ask", "--artifacts", str(tiny_artifacts), "--json", "running shoes under 80"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"text", "intent", "products", "timings_ms"}
    assert data["intent"]["kind"] == "search" and data["intent"]["max_price"] == 80.0
    assert data["products"]
    for product in data["products"]:
        assert set(product) >= {"product_id", "title", "price", "brand", "category", "score", "reasons"}
        assert product["price"] <= 80 and product["category"] == "running shoes" and product["reasons"]
    assert all(isinstance(v, float) for v in data["timings_ms"].values())


def test_ask_with_user_shows_personal_reasons(tiny_artifacts, capsys):
    main(["--preset", "tiny", "ask", "--artifacts", str(tiny_artifacts), "--user", "U1", "--json", "jackets"])
    reasons = [r for p in json.loads(capsys.readouterr().out)["products"] for r in p["reasons"]]
    assert any("your taste" in r or "you often" in r for r in reasons)


def test_build_bad_data_exits_2_with_clear_message(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "products.csv").write_text("product_id,title,price\nP1,Shoe,abc\n")
    code = main(["--preset", "tiny", "build", "--data", str(data), "--out", str(tmp_path / "art")])
    err = capsys.readouterr().err
    assert code == 2
    assert "products.csv" in err and "price" in err and "row 2" in err
    assert not (tmp_path / "art" / "manifest.json").exists()


def test_missing_artifacts_message(tmp_path, capsys):
    assert main(["ask", "--artifacts", str(tmp_path / "none"), "hi"]) == 2
    assert "shopassist build" in capsys.readouterr().err


def test_build_if_stale_skips_when_up_to_date(tiny_shop, tmp_path, capsys):
    args = ["--preset", "tiny", "build", "--data", str(tiny_shop), "--out", str(tmp_path / "art")]
    assert main(args) == 0
    assert main([*args, "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_chat_loop_multi_turn(tiny_artifacts, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("headphones\nadd the first one to my cart\nshow my cart\nquit\n"))
    assert main(["--preset", "tiny", "chat", "--artifacts", str(tiny_artifacts)]) == 0
    out = capsys.readouterr().out
    assert "Added" in out and "Your cart:" in out


def test_ask_and_chat_without_a_ready_lm_answer_with_the_rules_and_say_so(tiny_artifacts, monkeypatch, capsys):
    """The default preset is the LM; a build without its fine-tune answers with the rules, exit 0."""
    import io

    assert main(["ask", "--artifacts", str(tiny_artifacts), "--json", "running shoes under 80"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["trace"]["parser"] == "rules"
    line, = err.strip().splitlines()
    assert line.startswith("shopassist ask: the build in") and "rule parser" in line
    assert "shopassist build --data" in line and f"finish-lm --artifacts {tiny_artifacts}" in line
    monkeypatch.setattr("sys.stdin", io.StringIO("headphones\nquit\n"))
    assert main(["chat", "--artifacts", str(tiny_artifacts)]) == 0
    out, err = capsys.readouterr()
    assert "shop> Here are" in out and err.startswith("shopassist chat: the build in")


@pytest.mark.parametrize(("argv", "before", "after"), [
    (["build", "--data", "d"], None, "ACTIVE"),
    (["train-lm", "--data", "d"], None, "ACTIVE"),
    (["finish-lm", "--artifacts", "a"], None, "ACTIVE"),   # the fine-tune `serve` runs in the background
    (["serve"], None, None),
    (["ask", "build"], None, "ACTIVE"),          # a stray word can only pick the faster policy
    (["train-lm", "--data", "d"], "PASSIVE", "PASSIVE"),  # the user's choice stands
])
def test_batch_commands_let_openmp_threads_spin(monkeypatch, argv, before, after):
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    if before is None:
        monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    else:
        monkeypatch.setenv("OMP_WAIT_POLICY", before)
    batch_wait_policy(argv)
    assert os.environ.get("OMP_WAIT_POLICY") == after


def test_wait_policy_is_left_alone_once_torch_is_loaded(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", sys.modules.get("torch") or object())
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    batch_wait_policy(["train-lm"])
    assert "OMP_WAIT_POLICY" not in os.environ


@pytest.mark.parametrize("bug", [KeyError("row"), RuntimeError("state went wrong"), ValueError("bad cast")])
def test_internal_errors_keep_their_traceback(tiny_artifacts, monkeypatch, bug):
    """A bug inside a command is not a user's mistake: it propagates (traceback and all), not one line."""
    import ui.cli.core

    def broken(*_args, **_kwargs):
        raise bug

    monkeypatch.setattr(ui.cli.core, "reply_json", broken)
    with pytest.raises(type(bug)):
        main(["--preset", "tiny", "ask", "--artifacts", str(tiny_artifacts), "--json", "jackets"])


@pytest.mark.parametrize(("argv", "says"), [
    (["--config", "{toml}", "ask", "--artifacts", "{art}", "hi"], "not valid TOML"),
    (["--preset", "nope", "ask", "--artifacts", "{art}", "hi"], "unknown config preset 'nope'"),
    (["--preset", "tiny", "serve", "--artifacts", "{art}", "--session-rate", "-1"], "--session-rate"),
    (["--preset", "tiny", "eval", "topn", "--data", "{shop}", "--models", "popular,magic"],
     "unknown top-N model(s) magic"),
    (["--preset", "tiny", "update-products", "--artifacts", "{art}"], "nothing to do"),
    (["--preset", "tiny", "ask", "--artifacts", "{tmp}/none", "hi"], "shopassist build"),
])
def test_user_errors_are_one_line_with_status_2(tiny_artifacts, tiny_shop, tmp_path, capsys, argv, says):
    toml = tmp_path / "broken.toml"
    toml.write_text("[retrieval\nindex = 'flat'\n")
    names = {"toml": toml, "art": tiny_artifacts, "shop": tiny_shop, "tmp": tmp_path}
    assert main([part.format(**names) for part in argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err and "Traceback" not in err
