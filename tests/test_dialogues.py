"""Scripted dialogues: schema errors name file and line, the runner's reasons say what differed,
the CLI's exit codes (0 pass, 1 failed expectation, 2 invalid file) and its JUnit/HTML reports.

Runs against the small hand-made shop (`tiny_artifacts`): running shoes, headphones, jackets.
The dialogue suite itself (tests/dialogues/*.yaml) is collected by tests/dialogue_plugin.py.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.scripted.loader import DialogueFileError, dialogue_files, load_dialogues
from assistant.scripted.report import html_report, junit_xml, text_table
from assistant.scripted.runner import DialogueRunner
from assistant.scripted.shop import ShopSource
from ui.cli.main import main

PASSING = """\
name: cheap running shoes then the cart
turns:
  - message: running shoes under 80
    expect:
      intent: {kind: search, category: running shoes, max_price: 80}
      products: {min: 1, max: 5}
      every_product: {category: running shoes, max_price: 80}
  - message: add the first one to my cart
    expect:
      intent: add_to_cart
      cart: {exactly: ["turn 1 item 1"], quantity: 1}
"""

BROKEN_EXPECTATION = """\
name: a ceiling the shop cannot meet
turns:
  - message: running shoes under 130
    expect:
      every_product: {max_price: 50}
      products: 2
      reply: {contains: "free shipping"}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DialogueFileError) as info:
        load_dialogues(path)
    return [str(p) for p in info.value.problems]


# ---- schema ----------------------------------------------------------------------------------

def test_unknown_key_names_file_line_and_key(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        name: typo
        turns:
          - message: headphones
            expect:
              products:
                cout: 3
        """)
    assert problems_of(path) == [f"{path}:6: dialogue 'typo': unknown key 'cout' in turns[1].expect.products"]


def test_wrong_type_names_line_expected_and_found(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        - name: fine
          turns: [{message: hi}]
        - name: wrong type
          turns:
            - message: headphones
            - message: cheaper
              expect:
                every_product: {max_price: lots}
        """)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:8: dialogue 'wrong type': turns[2].expect.every_product.max_price: ")
    assert "expected a number, got 'lots'" in problem


def test_broken_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        name: broken
        turns:
          - message: "unclosed
            expect: {products: 1}
          - message: fine
        """)
    (problem,) = problems_of(path)
    assert problem == (f"{path}:3: invalid YAML: found unexpected end of stream "
                       "(while scanning a quoted scalar that starts at line 3)")


def test_yaml_syntax_error_names_the_offending_line(tmp_path):
    path = write(tmp_path, "d.yaml", "name: x\nturns:\n  - message: hi\n    expect: a: b\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:4: invalid YAML: mapping values are not allowed here")


def test_every_problem_of_a_file_is_listed_in_line_order(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        name: many
        colour: red
        turns:
          - message: 42
          - message: compare
            expect: {products: {include: ["turn 3 item 1"]}}
        """)
    problems = problems_of(path)
    assert [p.split(":")[1] for p in problems] == ["2", "4"]
    assert "unknown key 'colour' in the dialogue" in problems[0]
    assert "turns[1].message: wrong type: expected a string, got 42" in problems[1]


def test_config_overrides_are_checked_against_the_app_config(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        name: bad config
        config:
          retrieval: {encoderz: e5}
        turns: [{message: hi}]
        """)
    (problem,) = problems_of(path)
    assert f"{path}:2:" in problem and "unknown key(s) in config section 'retrieval': encoderz" in problem


def test_shown_references_must_point_back(tmp_path):
    path = write(tmp_path, "d.yaml", """\
        name: forward reference
        turns:
          - message: headphones
            expect: {products: {first: "turn 2 item 1"}}
          - message: more
        """)
    (problem,) = problems_of(path)
    assert "turn 1: 'turn 2 item 1' must name an earlier turn" in problem


def test_duplicate_keys_are_errors_not_silently_merged(tmp_path):
    path = write(tmp_path, "d.yaml", "name: a\nturns: [{message: hi}]\nname: b\n")
    assert problems_of(path) == [f"{path}:3: duplicate key 'name'"]


def test_folders_are_searched_recursively(tmp_path):
    write(tmp_path, "a.yaml", PASSING)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.yml", BROKEN_EXPECTATION)
    write(tmp_path, "notes.txt", "not a dialogue")
    assert [p.name for p in dialogue_files([tmp_path])] == ["a.yaml", "b.yml"]


# ---- runner ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def runner(tiny_artifacts, tiny_config, tmp_path_factory):
    return DialogueRunner(ShopSource(tiny_config, tmp_path_factory.mktemp("cache"), artifacts=tiny_artifacts))


def test_a_passing_dialogue(runner, tmp_path):
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", PASSING))
    result = runner.run(loaded)
    assert result.failures == [] and result.status == "pass"
    assert [t.intent for t in result.turns] == ["search", "add_to_cart"]


def test_a_broken_expectation_says_expected_and_actual(runner, tmp_path):
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", BROKEN_EXPECTATION))
    result = runner.run(loaded)
    assert result.status == "fail"
    shown = result.turns[0].product_ids
    assert len(shown) > 2
    reasons = result.failures
    assert any(r.startswith("turn 1 ('running shoes under 130'): product P") and "> max_price 50" in r
               for r in reasons)
    assert f"turn 1 ('running shoes under 130'): products: expected 2, got {len(shown)} ({', '.join(shown)})" \
        in reasons
    assert any("reply: expected it to contain 'free shipping', got 'Here are running shoes" in r for r in reasons)


def test_every_product_reason_names_the_price(runner, tmp_path):
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", BROKEN_EXPECTATION))
    result = runner.run(loaded)
    # the shop's running shoes cost 59.99, 74.99, 94.99, 119.99
    assert "turn 1 ('running shoes under 130'): product" in result.failures[0]
    assert any(r.endswith("price 119.99 > max_price 50") for r in result.failures)


def test_xfail_dialogue_that_fails_is_not_a_failure(runner, tmp_path):
    text = BROKEN_EXPECTATION.replace("turns:", 'xfail: "known bug"\nturns:')
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", text))
    result = runner.run(loaded)
    assert result.status == "xfail" and not result.counts_as_failure


def test_retrieval_overrides_need_data_to_rebuild(runner, tmp_path):
    text = PASSING.replace("turns:", "config: {retrieval: {hash_dim: 64}}\nturns:")
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", text))
    result = runner.run(loaded)
    assert result.status == "error" and "retrieval.hash_dim: built 128, wanted 64" in result.error


def test_assistant_overrides_load_a_fresh_assistant(runner, tmp_path):
    text = PASSING.replace("turns:", "config: {assistant: {page_size: 2}}\nturns:")
    text = text.replace("products: {min: 1, max: 5}", "products: 2")
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", text))
    assert runner.run(loaded).failures == []


# ---- reports and CLI -------------------------------------------------------------------------

def test_reports_escape_what_the_shopper_typed(runner, tmp_path):
    text = PASSING.replace("running shoes under 80", "<b>running shoes</b> & \\x01 under 80")
    text = text.replace("name: cheap", "xfail: bug <x>\nname: cheap").replace("products: {min: 1, max: 5}",
                                                                              "products: 99")
    (loaded,) = load_dialogues(write(tmp_path, "d.yaml", text))
    results = [runner.run(loaded)]
    page = html_report(results)
    assert "<b>running" not in page and "&lt;b&gt;running shoes&lt;/b&gt; &amp;" in page
    root = ET.fromstring(junit_xml(results))
    case = root.find("testsuite/testcase")
    assert case.find("skipped").get("message") == "xfail: bug <x>"
    assert "XFAIL" in text_table(results)


def cli(tmp_path, tiny_artifacts, *args):
    return main(["--preset", "tiny", "dialogues", "run", *map(str, args), "--artifacts", str(tiny_artifacts),
                 "--cache", str(tmp_path / "cache")])


def test_cli_exit_0_when_all_pass(tmp_path, tiny_artifacts, capsys):
    write(tmp_path, "ok.yaml", PASSING)
    assert cli(tmp_path, tiny_artifacts, tmp_path) == 0
    out = capsys.readouterr().out
    assert "cheap running shoes then the cart" in out and "1 pass (1 dialogues)" in out


def test_cli_exit_1_on_a_failed_expectation_with_reports(tmp_path, tiny_artifacts, capsys):
    write(tmp_path, "ok.yaml", PASSING)
    write(tmp_path, "broken.yml", BROKEN_EXPECTATION)
    xml_path, html_path = tmp_path / "report.xml", tmp_path / "report.html"
    code = cli(tmp_path, tiny_artifacts, tmp_path, "--report", xml_path, "--report", html_path)
    assert code == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "> max_price 50" in out and "1 pass, 1 fail (2 dialogues)" in out
    suites = ET.parse(xml_path).getroot().findall("testsuite")
    assert sorted((s.get("tests"), s.get("failures")) for s in suites) == [("1", "0"), ("1", "1")]
    failure = ET.parse(xml_path).getroot().find(".//failure")
    assert "products: expected 2, got 5" in failure.get("message") and "> max_price 50" in failure.text
    assert "a ceiling the shop cannot meet" in html_path.read_text()


def test_cli_exit_2_on_an_invalid_file_naming_it(tmp_path, tiny_artifacts, capsys):
    write(tmp_path, "ok.yaml", PASSING)
    bad = write(tmp_path, "bad.yaml", "name: x\nturns:\n  - mesage: hi\n")
    assert cli(tmp_path, tiny_artifacts, tmp_path) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3: dialogue 'x': unknown key 'mesage' in turns[1]" in err
    assert f"{bad}:3: dialogue 'x': missing key 'turns[1].message'" in err


def test_cli_exit_2_on_a_bad_report_name_or_path(tmp_path, tiny_artifacts):
    write(tmp_path, "ok.yaml", PASSING)
    assert cli(tmp_path, tiny_artifacts, tmp_path, "--report", tmp_path / "r.pdf") == 2
    assert cli(tmp_path, tiny_artifacts, tmp_path / "missing") == 2
