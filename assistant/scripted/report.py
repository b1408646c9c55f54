"""Reports of a dialogue run: a per-turn text table, JUnit XML (CI dashboards) and a static HTML page.

Why xml.etree and html.escape only: both reports carry shopper messages and reply text, which
may hold anything ("<script>", quotes, control characters); the standard library escapes them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from assistant.scripted.runner import DialogueResult, relative
from retrieval.types import UsageError

_MARK = {"pass": "PASS", "fail": "FAIL", "xfail": "XFAIL", "xpass": "XPASS", "error": "ERROR"}
# XML 1.0 cannot hold most control characters, even escaped.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def summary(results: list[DialogueResult]) -> dict[str, int]:
    counts = dict.fromkeys(_MARK, 0)
    for r in results:
        counts[r.status] += 1
    return counts


def text_table(results: list[DialogueResult], width: int = 48) -> str:
    """One line per turn (dialogue, turn, message, intent, #products, PASS/FAIL), reasons indented below."""
    lines = [f"{'dialogue':<36} {'turn':>4}  {'message':<{width}} {'intent':<16} {'n':>2}  result"]
    for r in results:
        label = r.name[:36]
        if r.error:
            lines.append(f"{label:<36} {'-':>4}  {'':<{width}} {'':<16} {'':>2}  ERROR")
            lines.append(f"      {r.error}")
            continue
        for t in r.turns:
            mark = "ok" if t.passed else ("xfail" if r.source.dialogue.xfail else "FAIL")
            message = t.message if len(t.message) <= width else t.message[:width - 3] + "..."
            n = len(t.product_ids)
            lines.append(f"{label:<36} {t.number:>4}  {message:<{width}} {t.intent:<16} {n:>2}  {mark}")
            lines += [f"      - {reason}" for reason in t.failures]
            label = ""
        if r.source.dialogue.xfail:
            lines.append(f"      ({_MARK[r.status]}: {r.source.dialogue.xfail})")
    counts = summary(results)
    lines.append(", ".join(f"{n} {status}" for status, n in counts.items() if n) + f" ({len(results)} dialogues)")
    return "\n".join(lines)


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("?", text)


def junit_xml(results: list[DialogueResult]) -> str:
    """JUnit XML: a testsuite per file, a testcase per dialogue; xfail is `skipped`, fail/error as such."""
    root = ET.Element("testsuites", name="shopassist dialogues")
    by_file: dict[str, list[DialogueResult]] = {}
    for r in results:
        by_file.setdefault(relative(r.source.path), []).append(r)
    for path, group in by_file.items():
        counts = summary(group)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(group)), failures=str(counts["fail"]),
                              errors=str(counts["error"]), skipped=str(counts["xfail"]),
                              time=f"{sum(r.seconds for r in group):.3f}")
        for r in group:
            case = ET.SubElement(suite, "testcase", classname=path, name=_xml_text(r.name), time=f"{r.seconds:.3f}")
            case.set("file", path)
            case.set("line", str(r.source.line))
            details = _xml_text("\n".join(r.failures))
            if r.status == "fail":
                ET.SubElement(case, "failure", message=_xml_text(r.failures[0])).text = details
            elif r.status == "error":
                ET.SubElement(case, "error", message=_xml_text(r.error or "")).text = details
            elif r.status == "xfail":
                ET.SubElement(case, "skipped", message=_xml_text(f"xfail: {r.source.dialogue.xfail}")).text = details
            transcript = "\n".join(f"[{t.number}] user: {t.message}\n    shop ({t.intent}, "
                                   f"{', '.join(t.product_ids) or 'no products'}): {t.reply_text}" for t in r.turns)
            ET.SubElement(case, "system-out").text = _xml_text(transcript)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


_STYLE = """body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
.pass{background:#e8f6e8}.fail,.error{background:#fbe3e3}.xfail,.xpass{background:#fff5d6}
pre{white-space:pre-wrap;margin:0}h2{margin-top:1.5em}"""


def html_report(results: list[DialogueResult]) -> str:
    """A self-contained page: the summary, then per dialogue its turns with replies and failure reasons."""
    e = html.escape
    counts = summary(results)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>shopassist dialogues</title>",
             f"<style>{_STYLE}</style></head><body><h1>shopassist dialogues</h1>",
             "<p>" + e(", ".join(f"{n} {s}" for s, n in counts.items() if n)) + "</p>"]
    for r in results:
        d = r.source.dialogue
        parts.append(f"<h2 class='{r.status}'>{e(_MARK[r.status])}: {e(d.name)}</h2>")
        parts.append(f"<p>{e(relative(r.source.path))}:{r.source.line}"
                     + (f" &middot; user {e(d.user_id)}" if d.user_id else "")
                     + ("" if d.personalize else " &middot; personalisation off")
                     + (f" &middot; known bug: {e(d.xfail)}" if d.xfail else "") + "</p>")
        if r.error:
            parts.append(f"<pre class='error'>{e(r.error)}</pre>")
            continue
        parts.append("<table><tr><th>#</th><th>message</th><th>intent</th><th>products</th><th>reply</th>"
                     "<th>result</th></tr>")
        for t in r.turns:
            status = "pass" if t.passed else "fail"
            reasons = "<br>".join(e(x) for x in t.failures) or "ok"
            parts.append(f"<tr class='{status}'><td>{t.number}</td><td>{e(t.message)}</td><td>{e(t.intent)}</td>"
                         f"<td>{e(', '.join(t.product_ids))}</td><td><pre>{e(t.reply_text)}</pre></td>"
                         f"<td>{reasons}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_report(results: list[DialogueResult], path: str | Path) -> None:
    """By extension: .xml -> JUnit, .html/.htm -> HTML."""
    path = Path(path)
    if path.suffix == ".xml":
        path.write_text(junit_xml(results), encoding="utf-8")
    elif path.suffix in (".html", ".htm"):
        path.write_text(html_report(results), encoding="utf-8")
    else:
        raise UsageError(f"--report {path}: the extension must be .xml (JUnit) or .html")
