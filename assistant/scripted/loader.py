"""Reading dialogue files: YAML composed by hand so every error names its file and line.

Why compose the YAML ourselves: pydantic reports *where* in the data a value is wrong
(`turns.1.expect.products.cout`), a QA author needs *which line of which file*. The composed
node tree keeps every key's line, so each error becomes "file.yaml:17: ...". Duplicate keys,
which YAML would silently merge, are errors too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.scripted.format import Dialogue
from retrieval.types import UserError

DIALOGUE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedDialogue:
    dialogue: Dialogue
    path: Path
    line: int  # 1-based line where the dialogue starts

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line} {self.dialogue.name}"


@dataclass(frozen=True)
class FileProblem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DialogueFileError(UserError, ValueError):
    """A dialogue file that cannot be read or does not match the schema; lists every problem."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def dialogue_files(paths: list[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for *.yaml / *.yml, sorted, each once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in DIALOGUE_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def load_dialogues(path: str | Path) -> list[LoadedDialogue]:
    """The dialogues in one file (a mapping, or a list of mappings); DialogueFileError names lines."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise DialogueFileError([FileProblem(path, 1, f"not UTF-8 text ({exc.reason})")]) from exc
    except yaml.MarkedYAMLError as exc:
        raise DialogueFileError([_yaml_problem(path, exc)]) from exc
    if root is None:
        raise DialogueFileError([FileProblem(path, 1, "empty file: expected a dialogue or a list of dialogues")])
    nodes = root.value if isinstance(root, yaml.SequenceNode) else [root]
    problems: list[FileProblem] = []
    loaded: list[LoadedDialogue] = []
    for node in nodes:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(FileProblem(path, line, "expected a dialogue (a mapping with name and turns)"))
            continue
        data, duplicates = _to_python(node)
        problems += [FileProblem(path, ln, msg) for ln, msg in duplicates]
        try:
            loaded.append(LoadedDialogue(Dialogue.model_validate(data), path, line))
        except ValidationError as exc:
            name = data.get("name") if isinstance(data.get("name"), str) else "?"
            problems += [FileProblem(path, _line_of(node, where), f"dialogue '{name}': {message}")
                         for where, message in _explain(exc, data)]
    if problems:
        raise DialogueFileError(sorted(problems, key=lambda p: p.line))
    names = [d.dialogue.name for d in loaded]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise DialogueFileError([FileProblem(path, 1, f"duplicate dialogue name(s): {', '.join(repeated)}")])
    return loaded


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError) -> FileProblem:
    """The line to look at: where the problem is, unless the file just ended inside an open construct
    (an unclosed quote or bracket), then where that construct starts."""
    problem, context = exc.problem or "syntax error", exc.context
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in problem:
        mark = exc.context_mark
    where = f" ({context} that starts at line {exc.context_mark.line + 1})" if context and exc.context_mark else ""
    return FileProblem(path, mark.line + 1 if mark else 1, f"invalid YAML: {problem}{where}")


def _to_python(node: yaml.Node) -> tuple[Any, list[tuple[int, str]]]:
    """The node as plain data (safe constructors), plus duplicate keys, which YAML would silently merge."""
    duplicates: list[tuple[int, str]] = []

    def walk(n: yaml.Node) -> Any:
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = walk(key_node)
                if key in out:
                    duplicates.append((key_node.start_mark.line + 1, f"duplicate key '{key}'"))
                out[key] = walk(value_node)
            return out
        if isinstance(n, yaml.SequenceNode):
            return [walk(v) for v in n.value]
        return yaml.SafeLoader(" ").construct_object(n, deep=True)

    return walk(node), duplicates


def _line_of(node: yaml.Node, path: tuple[Any, ...]) -> int:
    """1-based line of the deepest node on the path (a key's own line for mapping entries)."""
    line = node.start_mark.line + 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(part)]
            if not match:
                break
            line, node = match[0][0].start_mark.line + 1, match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
    return line


_EXPECTED = {"int": "an integer", "float": "a number", "bool": "true or false", "string": "a string",
             "dict": "a mapping", "model": "a mapping", "list": "a list"}


def _explain(exc: ValidationError, data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(path in the data, sentence) per problem: union branch names dropped, wrong-type errors of
    the branches of one union merged ("expected an integer or a mapping"), deeper errors preferred."""
    found: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in exc.errors():
        path = _data_path(data, err["loc"], keep_last=err["type"] == "missing")
        found.setdefault(path, []).append(err)
    out = []
    for path, errs in found.items():
        if any(len(other) > len(path) and other[:len(path)] == path for other in found):
            continue  # a branch of a union got further: its error is the useful one
        out.append((path, _sentence(path, errs)))
    return out


def _data_path(data: Any, loc: tuple[Any, ...], keep_last: bool) -> tuple[Any, ...]:
    path: list[Any] = []
    for i, part in enumerate(loc):
        if isinstance(data, dict) and part in data:
            path.append(part)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            path.append(part)
            data = data[part]
        elif keep_last and i == len(loc) - 1:
            path.append(part)
    return tuple(path)


def _sentence(path: tuple[Any, ...], errs: list[dict[str, Any]]) -> str:
    where = ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
    first = errs[0]
    if first["type"] == "extra_forbidden":
        parent = where.rsplit(".", 1)[0] if "." in where else "the dialogue"
        return f"unknown key '{path[-1]}' in {parent}"
    if first["type"] == "missing":
        return f"missing key '{where}'"
    kinds = [e["type"].split("_")[0] for e in errs]
    if all(k in _EXPECTED for k in kinds) and all(e["type"].endswith(("_type", "_parsing")) for e in errs):
        expected = " or ".join(dict.fromkeys(_EXPECTED[k] for k in kinds))
        return f"{where}: wrong type: expected {expected}, got {first['input']!r}"
    message = "; ".join(dict.fromkeys(e["msg"].removeprefix("Value error, ") for e in errs))
    return f"{where}: {message}" if where else message
