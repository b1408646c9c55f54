"""Config values are checked on load: a wrong type, word or range names the key, the value and what is allowed."""

from __future__ import annotations

import pytest

from assistant.config import PRESETS, build_config, config_from_dict


@pytest.mark.parametrize("section,key,value,allowed", [
    ("assistant", "page_size", "five", "a whole number"),
    ("assistant", "page_size", 0, "at least 1"),
    ("assistant", "lm_quantize", "int4", "int8, int8-torchao, int8wo-torchao, bf16, none"),
    ("assistant", "parser", "gpt", "rules, lm"),
    ("assistant", "chat_log", "yes", "true or false"),
    ("assistant", "cheaper_factor", 1.5, "between 0 and 1"),
    ("retrieval", "index", "hnws", "auto, flat, hnsw, ivf, ivfpq"),
    ("retrieval", "candidates", -3, "at least 1"),
    ("recsys", "topn_model", "svdpp", "ease, als, bpr, none"),
    ("recsys", "mmr_lambda", 2, "between 0 and 1"),
])
def test_bad_values_are_named(section, key, value, allowed):
    with pytest.raises(ValueError) as err:
        build_config(overrides={section: {key: value}})
    message = str(err.value)
    assert f"[{section}] {key} = {value!r}" in message and allowed in message


def test_unknown_keys_and_sections_are_named():
    with pytest.raises(ValueError, match="unknown key.*'assistant': page_sise"):
        build_config(overrides={"assistant": {"page_sise": 5}})
    with pytest.raises(ValueError, match="unknown config section 'ui'"):
        build_config(overrides={"ui": {}})


def test_rating_scale_must_be_ordered():
    with pytest.raises(ValueError, match="rating_min = 5.0 must be below rating_max = 1.0"):
        build_config(overrides={"recsys": {"rating_min": 5.0, "rating_max": 1.0}})


def test_toml_file_values_are_checked(tmp_path):
    path = tmp_path / "shop.toml"
    path.write_text('[assistant]\npage_size = 3\ncheaper_factor = 1\n[retrieval]\nindex = "flat"\n')
    cfg = build_config(toml_path=path)
    assert cfg.assistant.page_size == 3 and cfg.assistant.cheaper_factor == 1.0
    assert isinstance(cfg.assistant.cheaper_factor, float)  # TOML's integer 1 for a float key
    path.write_text('[retrieval]\nindex = "annoy"\n')
    with pytest.raises(ValueError, match=r"\[retrieval\] index = 'annoy'"):
        build_config(toml_path=path)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_and_their_manifest_round_trip_are_valid(preset):
    cfg = build_config(preset)
    assert config_from_dict(cfg.to_dict()) == cfg
