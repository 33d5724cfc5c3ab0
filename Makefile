# Two commands matter: `make run` (set up and run the site) and `make test` (set up and run
# every check and test). Everything else is a piece of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test venv system-packages vnu migrate seed lint format check pytest pytest-postgres bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) (log: $(VENV)/pip.log)"
	@$(PY) -m pip install --upgrade pip > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(PY) -m pip install -e ".[test]" >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@

venv: $(VENV)/.installed

system-packages:
	@bash scripts/install_system_packages.sh

# The Nu Html Checker for tests/test_markup.py, from npm (pinned in the script).
vnu: system-packages
	@bash scripts/install_vnu.sh > /dev/null

migrate: venv
	@$(PY) manage.py migrate --noinput -v0

seed: migrate
	@$(PY) manage.py seed_demo --host $(HOST) --port $(PORT)

# Set up everything and run the site at http://127.0.0.1:8000 with demo content.
run: seed
	@bash scripts/run_site.sh $(HOST) $(PORT)

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: venv
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

check: venv
	@DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check --fail-level WARNING
	@DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

# The suite on SQLite (with a real Elasticsearch node and Chromium), then again on PostgreSQL
# (without the Elasticsearch tests: they do not depend on the database, and the outbox's
# database side is covered there by tests that need no node).
pytest: venv system-packages vnu
	@$(VENV)/bin/pytest

pytest-postgres: venv system-packages vnu
	@$(PY) scripts/postgres_server.py run -- $(VENV)/bin/pytest -m "not browser and not elasticsearch"

# Set up everything and run every check and test.
test: venv system-packages lint check pytest pytest-postgres

bench: seed system-packages
	@$(PY) benchmarks/site_pages.py
	@$(PY) benchmarks/feeds.py
	@$(PY) benchmarks/search.py
	@$(PY) benchmarks/newsletters.py

clean:
	rm -rf $(VENV) var .cache db.sqlite3*
