# Three commands matter: `make run` (set up and run the site), `make serve` (the same behind
# Varnish with production settings) and `make test` (set up and run every check and test).
# Everything else is a piece of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
SERVE_PORT ?= 8080
APP_SERVERS ?= 1

.PHONY: run serve test venv lock system-packages vnu migrate seed lint format check pytest pytest-postgres bench clean

# The exact versions that were tested (requirements.lock, with hashes), then the project
# itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) (log: $(VENV)/pip.log)"
	@$(PY) -m pip install --upgrade pip > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(PY) -m pip install --require-hashes -r requirements.lock >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(PY) -m pip install --no-deps -e . >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@

venv: $(VENV)/.installed

# Re-resolve requirements.lock from pyproject.toml (with the test extra), keeping the pins it
# can; `make lock UPGRADE=1` takes the newest versions allowed (security releases). Commit it.
lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet "uv>=0.9"
	@$(VENV)/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes $(if $(UPGRADE),--upgrade) --quiet -o requirements.lock
	@echo "requirements.lock updated; commit it."

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

# Set up everything and run the production-like stack: Varnish at http://127.0.0.1:8080 in
# front of APP_SERVERS gunicorn instances with production settings sharing Redis (README
# "Serving", docs/deploy.md). The site is seeded for the proxy's address, so purges and
# absolute links name it.
serve: PORT = $(SERVE_PORT)
serve: seed
	@bash scripts/install_system_packages.sh varnish redis-server
	@$(PY) scripts/serve.py --host $(HOST) --port $(SERVE_PORT) --app-servers $(APP_SERVERS)

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: venv
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

check: venv
	@DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check --fail-level WARNING
	@DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

# The suite on SQLite (with a real Elasticsearch node, Varnish and Chromium), then again on
# PostgreSQL (without the Elasticsearch and proxy tests, unless also marked postgres: most do
# not depend on the database; the outbox's commit-order test needs PostgreSQL and a node).
pytest: venv system-packages vnu
	@$(VENV)/bin/pytest

pytest-postgres: venv system-packages vnu
	@$(PY) scripts/postgres_server.py run -- $(VENV)/bin/pytest -m "not browser and not proxy and (not elasticsearch or postgres)"

# Set up everything and run every check and test.
test: venv system-packages lint check pytest pytest-postgres

bench: seed system-packages
	@$(PY) benchmarks/serving.py --at-scale 20000
	@$(PY) benchmarks/site_pages.py
	@$(PY) benchmarks/feeds.py
	@$(PY) benchmarks/search.py
	@$(PY) benchmarks/live.py
	@$(PY) benchmarks/newsletters.py

clean:
	rm -rf $(VENV) var .cache db.sqlite3*
