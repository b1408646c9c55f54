"""Assistant and whole-app configuration.

`AppConfig` combines one frozen dataclass per package; it is built once in `ui.cli.main()`,
optionally overridden from a TOML file and the CLI, and passed down explicitly.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recsys.config import RecsysConfig
from retrieval.config import RetrievalConfig


@dataclass(frozen=True)
class AssistantConfig:
    # Intent parser: "rules" (deterministic, no model) until the LM parser is built.
    parser: str = "rules"
    # Products shown per answer.
    page_size: int = 5
    # "cheaper" sets the price ceiling to this fraction of the cheapest... of the mean shown price.
    cheaper_factor: float = 0.8
    # Messages longer than this are truncated (with a notice in the trace).
    max_message_chars: int = 500


@dataclass(frozen=True)
class AppConfig:
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    recsys: RecsysConfig = field(default_factory=RecsysConfig)
    assistant: AssistantConfig = field(default_factory=AssistantConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "default": {},
    # Fast preset for unit tests and CI: no real model, few SVD factors.
    "tiny": {
        "retrieval": {"encoder": "hash", "hash_dim": 128},
        "recsys": {"svd_factors": 8, "svd_epochs": 10},
    },
}


def build_config(preset: str = "default", toml_path: str | Path | None = None,
                 overrides: dict[str, dict[str, Any]] | None = None) -> AppConfig:
    """Preset, then TOML file sections, then explicit overrides; unknown keys are errors."""
    if preset not in PRESETS:
        raise ValueError(f"unknown config preset '{preset}' (known: {', '.join(PRESETS)})")
    layers = [PRESETS[preset]]
    if toml_path is not None:
        with open(toml_path, "rb") as fh:
            layers.append(tomllib.load(fh))
    if overrides:
        layers.append(overrides)
    cfg = AppConfig()
    for layer in layers:
        cfg = _apply(cfg, layer)
    return cfg


def config_from_dict(data: dict[str, Any]) -> AppConfig:
    """Rebuild a config recorded in a manifest."""
    return _apply(AppConfig(), data)


def _apply(cfg: AppConfig, layer: dict[str, Any]) -> AppConfig:
    changes = {}
    for section, values in layer.items():
        if section not in ("retrieval", "recsys", "assistant"):
            raise ValueError(f"unknown config section '{section}'")
        current = getattr(cfg, section)
        known = {f.name for f in dataclasses.fields(current)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown key(s) in config section '{section}': {', '.join(sorted(unknown))}")
        changes[section] = dataclasses.replace(current, **values)
    return dataclasses.replace(cfg, **changes)
