# The two set-up commands are `make serve` (the main job) and `make test`.
# Each installs what it needs, once: Debian packages, the virtual environment, Maven jars.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test lint typecheck pytest install system-packages stop status clean \
	bench bench-smoke bench-imports bench-hostile bench-install fuzz soak

serve: install
	$(BIN)/diikg serve

test: install lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

stop: install
	$(BIN)/diikg db stop

status: install
	$(BIN)/diikg db status

# Longer runs of two tests `make test` runs briefly (docs/reliability.md).
fuzz: install
	TEST_FUZZ_EXAMPLES=$${EXAMPLES:-200} $(BIN)/pytest --timeout=3600 tests/api/test_fuzz.py
	TEST_FUZZ_EXAMPLES=$${EXAMPLES:-200} TEST_FUZZ_EDITOR=1 $(BIN)/pytest --timeout=3600 tests/api/test_fuzz.py

soak: install
	TEST_SOAK_SECONDS=$${SOAK_SECONDS:-60} TEST_SOAK_REPORT=$(CURDIR)/.data/soak.json $(BIN)/pytest -s tests/api/test_load.py

# Benchmarks against @neo4j/graphql (bench/README.md): the full run takes about 30 minutes.
bench: bench-install
	$(BIN)/python -m bench.run

bench-smoke: bench-install
	$(BIN)/python -m bench.run --smoke

# diikg import on files of the size the publishers release (docs/importing.md).
bench-imports: install
	$(BIN)/python -m bench.imports

# What hostile queries cost the server (docs/reliability.md).
bench-hostile: install
	$(BIN)/python -m bench.hostile

PEER := bench/peer/node_modules/.package-lock.json

bench-install: install $(PEER)

$(PEER): bench/peer/package-lock.json
	npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error
	touch $@

GRAPHIQL := api/graphiql/node_modules/.package-lock.json

install: system-packages $(INSTALLED) $(GRAPHIQL)

system-packages:
	@scripts/ensure-debian-packages java:openjdk-17-jre-headless javac:openjdk-17-jdk-headless \
		mvn:maven npm:npm chromium:chromium wrk:wrk

$(GRAPHIQL): api/graphiql/package-lock.json
	npm ci --prefix api/graphiql --no-audit --no-fund --loglevel=error
	touch $@

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

clean:
	-$(BIN)/diikg db stop
	rm -rf $(VENV) neo4j-launcher/target .mypy_cache .ruff_cache .pytest_cache .bench
