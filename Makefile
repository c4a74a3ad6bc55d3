# Newsdesk: `make run` starts the app, `make test` runs the tests. Both create or reuse .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt bench package screenshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,dev]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

run: $(VENV)/.installed-run ## Start Newsdesk (installs into .venv first)
	$(VENV)/bin/newsdesk

test: $(VENV)/.installed-test ## Run the test suite headless (installs into .venv first)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev ## ruff and mypy
	$(VENV)/bin/ruff check app tests
	$(VENV)/bin/ruff format --check app tests
	$(VENV)/bin/mypy

fmt: $(VENV)/.installed-dev ## Format the code
	$(VENV)/bin/ruff format app tests
	$(VENV)/bin/ruff check --fix app tests

clean: ## Remove the venv and build output
	rm -rf $(VENV) build dist

bench: $(VENV)/.installed-test ## Benchmarks: refresh, GUI stall, start-up, search, paging, parse
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py $(BENCH_ARGS)

package: $(VENV)/.installed-run ## Build the Linux bundle and .deb into dist/
	bash packaging/build-linux.sh

screenshots: $(VENV)/.installed-test ## Save the README screenshots (needs ../shared/fixtures)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots.py
