# The two commands of the README: `make demo` and `make test`. Each sets up everything it
# needs (virtualenv, the package, a browser, PostgreSQL's server, poppler's PDF tools) on a
# fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-corpus setup lint

demo: setup
	$(BIN)/readiness demo

# Everything in the repository: lint, contracts, unit and end-to-end tests (tests/corpus aside).
test: setup lint
	$(BIN)/python -m pytest

# The second suite, on a folder of saved real pages: make test-corpus CORPUS=../shared/corpus
test-corpus: setup
	@test -n "$(CORPUS)" || { echo "make test-corpus needs CORPUS=DIR, the folder of saved pages" >&2; exit 2; }
	@test -d "$(CORPUS)" || { echo "the corpus folder $(CORPUS) does not exist" >&2; exit 2; }
	$(BIN)/python -m pytest tests/corpus --corpus "$(CORPUS)"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

setup: $(VENV)/.installed
	sh scripts/ensure-browser.sh $(BIN)/readiness
	sh scripts/ensure-postgres.sh
	sh scripts/ensure-poppler.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@
