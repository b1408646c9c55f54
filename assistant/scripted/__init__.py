"""Scripted dialogues: YAML files of turns and expectations, run against `Assistant.respond`.

- `format`: the schema (pydantic, unknown keys are errors);
- `loader`: files -> dialogues, every error with file and line;
- `checks`: one turn's expectations -> readable failure reasons (expected vs actual);
- `runner`: a fresh session per dialogue, one loaded Assistant per config;
- `report`: per-turn text table, JUnit XML, HTML;
- `shop`: the artifacts a run needs (given, rebuilt for a retrieval override, or the demo shop).
"""
