# The two commands the README opens with: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint typecheck bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/newsfacts extract examples/*.txt
	$(BIN)/newsfacts ingest examples/*.txt --db newsfacts.db
	$(BIN)/newsfacts events --db newsfacts.db

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/store_speed.py
	$(BIN)/python bench/batch_scaling.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
