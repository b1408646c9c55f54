"""The artifacts a dialogue run needs: given, built from a data folder, or the demo shop.

Why rebuild for some overrides: `Engine.load` keeps the build's retrieval settings (the index
lives in one embedding space), so a dialogue that switches `retrieval.encoder` needs artifacts
built with that encoder. They are built once per distinct retrieval config into a cache folder
and reused while inputs and config are unchanged (`is_up_to_date`). Recsys and assistant
overrides apply at load time and need no rebuild.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.config import AppConfig, config_from_dict
from assistant.scripted.format import DemoShopSpec
from retrieval.types import UsageError


def default_cache_dir() -> Path:
    """$SHOPASSIST_CACHE/dialogues, else ~/.cache/shopassist/dialogues (as the LM cache)."""
    root = os.environ.get("SHOPASSIST_CACHE") or str(Path.home() / ".cache" / "shopassist")
    return Path(root) / "dialogues"


def ensure_demo_data(folder: Path, products: int = 2400, users: int = 600, seed: int = 7) -> Path:
    """The deterministic demo shop in `folder` (written once: same parameters, same bytes)."""
    from assistant.shopdata.demo import generate_demo_shop

    if not (folder / "products.csv").exists():
        generate_demo_shop(folder, seed=seed, n_products=products, n_users=users)
    return folder


def ensure_built(data: Path, art_dir: Path, config: AppConfig, log: Callable[[str], None]) -> Path:
    """`shopassist build --if-stale` as a function."""
    from assistant.offline.build import build_artifacts, is_up_to_date

    if not is_up_to_date(data, art_dir, config):
        build_artifacts(data, art_dir, config, log=log)
    return art_dir


@dataclass
class ShopSource:
    """Where artifacts come from. `artifacts` (a finished build) and/or `data` (inputs to build from).

    With only `data`, the base config is built into `cache_dir`; with `artifacts`, overrides that
    change retrieval settings are rebuilt from `data`, an error without it.
    """

    base_config: AppConfig
    cache_dir: Path
    artifacts: Path | None = None
    data: Path | None = None
    log: Callable[[str], None] = lambda _msg: None

    def __post_init__(self) -> None:
        if self.artifacts is None and self.data is None:
            raise ValueError("a ShopSource needs artifacts or a data folder")

    def config_for(self, overrides: dict) -> AppConfig:
        """The base config with a dialogue's overrides on top (unknown keys: ValueError)."""
        merged = self.base_config.to_dict()
        for section, values in overrides.items():
            merged.setdefault(section, {}).update(values)
        return config_from_dict(merged)

    def artifacts_for(self, config: AppConfig, demo_shop: DemoShopSpec | None = None) -> Path:
        """A build whose retrieval settings are `config.retrieval` (of a generated demo shop if asked)."""
        if demo_shop is not None:
            data = ensure_demo_data(self.cache_dir / "demo-{products}-{users}-{seed}".format(**demo_shop.model_dump()),
                                    demo_shop.products, demo_shop.users, demo_shop.seed)
            return self._cached_build(data, config)
        if self.artifacts is not None and _built_retrieval(self.artifacts) == config.retrieval:
            return self.artifacts
        if self.data is None:
            raise UsageError(f"{self.artifacts} was built with other retrieval settings than a dialogue asks for "
                             f"({_diff(_built_retrieval(self.artifacts), config.retrieval)}); "
                             "pass --data to build them")
        return self._cached_build(self.data, config)

    def _cached_build(self, data: Path, config: AppConfig) -> Path:
        key = json.dumps(dataclasses.asdict(config.retrieval), sort_keys=True) + str(data.resolve())
        art_dir = self.cache_dir / f"art-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        # Only retrieval decides the build here: other sections apply at load, and would only force rebuilds.
        build = AppConfig(config.retrieval, self.base_config.recsys, self.base_config.assistant)
        return ensure_built(data, art_dir, build, self.log)


def _built_retrieval(art_dir: Path):
    from assistant.shopdata.artifacts import read_manifest

    return config_from_dict(read_manifest(art_dir).config).retrieval


def _diff(built, wanted) -> str:
    a, b = dataclasses.asdict(built), dataclasses.asdict(wanted)
    return ", ".join(f"retrieval.{k}: built {a[k]!r}, wanted {b[k]!r}" for k in a if a[k] != b[k])
