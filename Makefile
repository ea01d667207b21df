# graphbuild: `make run` builds the graph of seeds/, `make test` runs the checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= graph-out
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install install-test system-deps run test lint format bench eval calibrate clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed  ## create the virtual environment and install graphbuild

install-test: $(VENV)/.installed-test  ## install graphbuild with the test extras

system-deps:  ## Debian packages the tests use: chromium (pages), serdi and rapper (RDF checks)
	@if ! command -v chromium >/dev/null || ! command -v serdi >/dev/null || ! command -v rapper >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium serdi raptor2-utils >/dev/null; \
	fi

run: install  ## build the graph of seeds/ into graph-out/ and write its pages
	$(BIN)/graphbuild build seeds -o $(OUT)

test: install-test system-deps  ## lint, format check and the test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint:  ## fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-test  ## speed and memory benchmarks (minutes)
	$(BIN)/python benchmarks/extraction_overhead.py --corpus tests/data/wikinews-2019.csv
	$(BIN)/python benchmarks/build_corpus.py
	$(BIN)/python benchmarks/build_scale.py
	$(BIN)/python benchmarks/pages_bench.py

eval: install  ## NewsFacts, CaRB and BenchIE scores: make eval EVAL=DIR (development data, scorers)
	@test -n "$(EVAL)" || { echo "make eval EVAL=DIR: DIR holds newsfacts-dev/, carb-dev/, benchie-dev/ and the scorers"; exit 2; }
	$(BIN)/python benchmarks/newsfacts_eval.py --eval-dir $(EVAL) --heldout
	$(BIN)/python benchmarks/oie_eval.py --eval-dir $(EVAL)

calibrate: install  ## refit the confidence on the judged statements and show its reliability
	$(BIN)/python -m pip install -q -e '.[calibrate]'
	$(BIN)/python benchmarks/calibrate.py fit --write
	$(BIN)/python benchmarks/calibrate.py report --cross-validate --plot docs/reliability.svg

clean:  ## remove the build output and caches (keeps the virtual environment)
	rm -rf $(OUT) .pytest_cache .ruff_cache .hypothesis build *.egg-info
