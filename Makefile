# careerlog — `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

JRNL_VENV := .venv-jrnl

# The suite runs in two pytest-xdist workers per core: most of its time is spent waiting
# (Pilot pauses, child processes, tmux, Chromium, PostgreSQL), not computing. On the 2-core
# machine the UI folders took 170 s with 2 workers, 115 s with 3 and 99 s with 4.
# `make test PYTEST_WORKERS=0` runs it in one process. Files sharing a module-scoped
# fixture stay on one worker (tests/tiers.py).
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')
# Bytecode for the suite and the processes it starts (careerlog commands, TUIs in tmux): where
# PYTHONDONTWRITEBYTECODE is set, each child compiled careerlog from source again, ~20-40 ms a
# process (the subprocess-heavy files ran 18% faster with it cached). It goes where Python puts
# it by default, src/**/__pycache__ (git ignores it), not under a PYTHONPYCACHEPREFIX: a prefix
# also hides the bytecode pip compiled for every dependency, so the first run after a clone
# compiled Textual, SQLAlchemy and pytest again in each worker and child (~2 s a process).
TEST_ENV := PYTHONDONTWRITEBYTECODE=
PYTEST := $(TEST_ENV) $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadgroup --durations=15
# The slow tiers that test-quick leaves out (tests/tiers.py assigns every test a tier).
QUICK := not (e2e or reliability or pg or packaging or slow)

.PHONY: run test test-quick check lint types layers bench clean jrnl

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/careerlog

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

# The import contracts in pyproject.toml ([tool.importlinter]).
layers: $(STAMP)
	$(BIN)/lint-imports

check: lint types layers

test: check jrnl
	$(PYTEST)

test-quick: $(STAMP)
	$(PYTEST) -m "$(QUICK)" -x

# jrnl (the tool careerlog is measured against and imports from) lives in its own
# virtualenv so its pinned dependencies never meet ours.
$(JRNL_VENV)/bin/jrnl:
	$(PYTHON) -m venv $(JRNL_VENV)
	$(JRNL_VENV)/bin/python -m pip install --quiet 'jrnl==4.*'

jrnl: $(JRNL_VENV)/bin/jrnl

bench: $(STAMP) jrnl
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(JRNL_VENV) build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
