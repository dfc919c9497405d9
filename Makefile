# The two commands the README opens with: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test setup lint typecheck bench clean harden

RUNTIME := $(VENV)/.runtime-installed

# `make run` needs the runtime only (requirements.lock); `make test` adds the development tools
# (requirements-dev.lock: pytest, mypy, ruff, playwright, ...).
$(RUNTIME): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME) requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	touch $(STAMP)

setup: $(STAMP)

run: $(RUNTIME)
	$(BIN)/newsfacts extract examples/*.txt
	$(BIN)/newsfacts ingest examples/*.txt examples/*.jsonl --db newsfacts.db
	$(BIN)/newsfacts events --db newsfacts.db
	@echo "Next: make serve, then open http://127.0.0.1:8000 (the article page, its facts and the events)"

serve: $(RUNTIME)
	$(BIN)/newsfacts serve --db newsfacts.db

test: $(STAMP)
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy src/newsfacts
	$(BIN)/pytest

typecheck: $(STAMP)
	$(BIN)/mypy src/newsfacts

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/store_speed.py
	$(BIN)/python bench/batch_scaling.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache

# Hardening (docs/hardening.md): fuzzers, schemathesis, soak and faults, each with a fixed budget (about
# 15 minutes in all). Not part of `make test`; the regression tests it produced (tests/hardening/) are.
# Every step runs even when one fails; the target fails if any did.
FUZZ_SECONDS ?= 180
HARDEN_STEPS := \
	"bench/fuzz_readers.py --runs 100000 --seconds $(FUZZ_SECONDS)" \
	"bench/fuzz_extract.py --runs 5000 --seconds $(FUZZ_SECONDS)" \
	"bench/schemathesis_run.py --examples 250 --seconds 240" \
	"bench/soak.py --requests 3000 --seconds 120" \
	"bench/faults.py"

harden: $(STAMP)
	$(BIN)/pip install -q 'atheris==3.0.0' 'schemathesis==4.32.5'
	@failed=0; for step in $(HARDEN_STEPS); do \
		echo "== $$step"; $(BIN)/python $$step || { failed=1; echo "== FAILED: $$step"; }; \
	done; exit $$failed
