# The two commands of the README: `make demo` and `make test`. Each sets up everything it
# needs (virtualenv, the package, a browser) on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup lint

demo: setup
	$(BIN)/readiness demo

test: setup lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

setup: $(VENV)/.installed
	sh scripts/ensure-browser.sh $(BIN)/readiness

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@
