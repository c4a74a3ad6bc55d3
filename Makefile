# Newsdesk: `make run` starts the app, `make test` runs the tests. Both create or reuse .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt bench package screenshots translations clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

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

# lupdate reads Python only when given the files (a folder finds nothing). No line numbers in
# the .ts, so a moved string does not touch it; strings gone from the code are dropped. The last
# step lists what is left to translate (and fails while anything is).
I18N_SOURCES = $(shell find app/newsdesk/ui app/newsdesk/worker -name '*.py' ! -name 'resources_rc.py' | LC_ALL=C sort)
I18N_TS = resources/translations/newsdesk_ru.ts
I18N_EN = resources/translations/newsdesk_en.ts

translations: $(VENV)/.installed-run ## Update resources/translations/*.ts from the code, build the .qm
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none -target-language ru_RU $(I18N_SOURCES) -ts $(I18N_TS)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none -pluralonly -target-language en_GB $(I18N_SOURCES) -ts $(I18N_EN)
	$(PY) packaging/english_plurals.py $(I18N_EN)
	$(VENV)/bin/pyside6-lrelease $(I18N_TS) -qm $(I18N_TS:.ts=.qm)
	$(VENV)/bin/pyside6-lrelease $(I18N_EN) -qm $(I18N_EN:.ts=.qm)
	@$(PY) tests/ui/test_translation.py $(I18N_TS)

clean: ## Remove the venv and build output
	rm -rf $(VENV) build dist

bench: $(VENV)/.installed-test ## Benchmarks: refresh, GUI stall, start-up, search, paging, parse
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py $(BENCH_ARGS)

package: $(VENV)/.installed-run ## Build the Linux bundle and .deb into dist/
	bash packaging/build-linux.sh

screenshots: $(VENV)/.installed-test ## Save the README screenshots (needs ../shared/fixtures)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots.py
