# The two set-up commands are `make serve` (the main job) and `make test`.
# Each installs what it needs, once: Debian packages, a virtual environment, Maven jars.
# `make serve` builds .venv from requirements/runtime.txt alone (no test tools in it);
# `make test` and the benchmarks use .venv-dev, from requirements/dev.txt. Both lock
# files pin every package with its hashes (`make lock` writes them again).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_VENV := .venv-dev
DEV := $(DEV_VENV)/bin
DEV_INSTALLED := $(DEV_VENV)/.installed
# The GraphQL-over-HTTP audit and Relay's compiler, which tests/api/test_clients.py runs.
CLIENT_CHECKS := tests/api/clients/node_modules/.package-lock.json
LOCK := $(DEV)/uv pip compile pyproject.toml requirements/build.in --generate-hashes \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" -q

.PHONY: serve test lint typecheck pytest install dev-install lock system-packages \
	test-system-packages stop status clean bench bench-smoke bench-graphql bench-imports bench-hostile \
	bench-install fuzz soak

serve: install
	$(BIN)/diikg serve

test: dev-install lint typecheck pytest

lint: dev-install
	$(DEV)/ruff check .
	$(DEV)/ruff format --check .

typecheck: dev-install
	$(DEV)/mypy

pytest: dev-install $(CLIENT_CHECKS)
	$(DEV)/pytest

stop: install
	$(BIN)/diikg db stop

status: install
	$(BIN)/diikg db status

# Longer runs of three tests `make test` runs briefly (docs/reliability.md); the compiler
# differential test explores new generated queries on every `make fuzz`.
fuzz: dev-install
	TEST_FUZZ_EXAMPLES=$${EXAMPLES:-200} $(DEV)/pytest --timeout=3600 tests/api/test_fuzz.py
	TEST_FUZZ_EXAMPLES=$${EXAMPLES:-200} TEST_FUZZ_EDITOR=1 $(DEV)/pytest --timeout=3600 tests/api/test_fuzz.py
	TEST_COMPILER_EXAMPLES=$${COMPILER_EXAMPLES:-2000} $(DEV)/pytest --timeout=3600 tests/api/test_compiler.py

soak: dev-install
	TEST_SOAK_SECONDS=$${SOAK_SECONDS:-60} TEST_SOAK_REPORT=$(CURDIR)/.data/soak.json $(DEV)/pytest -s tests/api/test_load.py

# Benchmarks against @neo4j/graphql (bench/README.md): the full run takes about 30 minutes.
bench: bench-install
	$(DEV)/python -m bench.run

bench-smoke: bench-install
	$(DEV)/python -m bench.run --smoke

# Only the GraphQL comparison (about 15 minutes), reported in .bench/graphql/.
bench-graphql: bench-install
	$(DEV)/python -m bench.run --graphql-only

# diikg import on files of the size the publishers release (docs/importing.md).
bench-imports: dev-install
	$(DEV)/python -m bench.imports

# What hostile queries cost the server (docs/reliability.md).
bench-hostile: dev-install
	$(DEV)/python -m bench.hostile

PEER := bench/peer/node_modules/.package-lock.json

bench-install: dev-install $(PEER)

$(PEER): bench/peer/package-lock.json
	npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error
	touch $@

GRAPHIQL := api/graphiql/node_modules/.package-lock.json
# The explorer at /explore, built from api/explorer with Vite (docs/explorer.md).
EXPLORER := api/explorer/dist/index.html
EXPLORER_SOURCES := $(shell find api/explorer/src -type f) graph/reports/stages.json api/explorer/index.html \
	api/explorer/vite.config.ts api/explorer/tsconfig.json api/explorer/package-lock.json

$(CLIENT_CHECKS): tests/api/clients/package-lock.json
	npm ci --prefix tests/api/clients --no-audit --no-fund --loglevel=error
	touch $@

# What serving needs: Java and Maven for Neo4j, npm for GraphiQL and the explorer, the runtime lock.
install: system-packages $(INSTALLED) $(GRAPHIQL) $(EXPLORER)

# What the tests and benchmarks need besides: Chromium for pages and reports, wrk for load.
dev-install: test-system-packages $(DEV_INSTALLED) $(GRAPHIQL) $(EXPLORER)

system-packages:
	@scripts/ensure-debian-packages java:openjdk-17-jre-headless javac:openjdk-17-jdk-headless \
		mvn:maven npm:npm

test-system-packages: system-packages
	@scripts/ensure-debian-packages chromium:chromium wrk:wrk

$(GRAPHIQL): api/graphiql/package-lock.json
	npm ci --prefix api/graphiql --no-audit --no-fund --loglevel=error
	touch $@

$(EXPLORER): $(EXPLORER_SOURCES)
	npm ci --prefix api/explorer --no-audit --no-fund --loglevel=error
	npm run --prefix api/explorer --silent build -- --logLevel warn

# A lock file changed: the environment is made again from nothing, so it holds exactly the lock.
$(INSTALLED): requirements/runtime.txt pyproject.toml
	scripts/locked-venv $(PYTHON) $(VENV) requirements/runtime.txt

$(DEV_INSTALLED): requirements/dev.txt pyproject.toml
	scripts/locked-venv $(PYTHON) $(DEV_VENV) requirements/dev.txt

# Pin every package again (newest versions the constraints allow), with hashes.
lock: dev-install
	$(LOCK) -o requirements/runtime.txt
	$(LOCK) --extra dev -o requirements/dev.txt

clean:
	-$(BIN)/diikg db stop
	rm -rf $(VENV) $(DEV_VENV) neo4j-launcher/target .mypy_cache .ruff_cache .pytest_cache .bench
