# Gemeinwerk — the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help run worker test test-browser test-postgres lint format bench load demo export clean lock serve

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Installs exactly the pinned, hash-checked versions of requirements-dev.txt (base + dev + prod),
# then the project itself without resolving anything again.
$(STAMP): pyproject.toml requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Lock files: requirements.txt (base + prod, for servers) and requirements-dev.txt (base + dev +
# prod), both with hashes, resolved for every platform and Python >= 3.11. Existing pins are kept;
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed versions.
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --no-header --annotation-style line $(LOCK_ARGS)
lock: ## Regenerate the hashed lock files from pyproject.toml (after changing dependencies)
	test -x $(VENV)/bin/uv || ($(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet uv)
	$(LOCK) --extra prod -o requirements.txt
	$(LOCK) --extra dev --extra prod -c requirements.txt -o requirements-dev.txt

run: $(STAMP) ## Set up, migrate and start http://127.0.0.1:8000 on SQLite
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	@# The worker sends e-mails and reminders; it stops with the server.
	DEBUG=1 $(PY) manage.py db_worker & trap "kill $$!" EXIT; DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Production settings on this machine over plain HTTP: DEBUG off, gunicorn, static files from
# collectstatic, a worker. SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL … are taken from the
# environment when set; otherwise a local key is generated once into .venv.
SERVE_BIND ?= 127.0.0.1:8000
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat $(VENV)/serve-secret-key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" \
	SECURE_COOKIES="$${SECURE_COOKIES:-0}" GUNICORN_BIND="$(SERVE_BIND)"
$(VENV)/serve-secret-key: | $(STAMP)
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
serve: $(STAMP) $(VENV)/serve-secret-key ## Serve as in production on http://127.0.0.1:8000 (gunicorn, worker, DEBUG off)
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py createcachetable
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(PY) manage.py db_worker & trap "kill $$!" EXIT; \
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py gemeinwerk.wsgi

worker: $(STAMP) ## Run the background worker alone (e-mails, reminders) for development
	DEBUG=1 $(PY) manage.py db_worker

test: $(STAMP) ## Set up and run the whole test suite (without the browser tests)
	$(PY) -m pytest -m "not browser" -q

test-browser: $(STAMP) ## Run the browser tests in headless Chromium (/usr/bin/chromium)
	$(PY) -m pytest -m browser -q

test-postgres: $(STAMP) ## Run the suite against PostgreSQL (DATABASE_URL, default: local server)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gemeinwerk} $(PY) -m pytest -m "not browser" -q

lint: $(STAMP) ## ruff check and format check, migrations up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=gemeinwerk.test_settings

format: $(STAMP) ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP) ## Measure pages and search as ratios to a baseline (bench/)
	$(PY) bench/run.py

# LOAD_POSTGRES=postgres://postgres@127.0.0.1:5432 adds a run on PostgreSQL (a throwaway database).
load: $(STAMP) ## Load test of the production recipe on 127.0.0.1 (locust; a few minutes)
	$(PY) bench/load.py

demo: $(STAMP) ## Add the demo co-production (and the large one) to the local SQLite database
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py demo --size large
	DEBUG=1 $(PY) manage.py rebuild_search_index

export: $(STAMP) ## Export the guide as a static site into ./export
	DEBUG=1 $(PY) manage.py export_faecher export

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) db.sqlite3* staticfiles export
