# clac-cms — the two front-door commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: assets help run test test-fast install install-dev migrate demo worker lint lint-imports migrations-check format messages messages-check language-check language-fix changed-strings lock bench soak lighthouse clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Create .venv and install the locked runtime dependencies

install-dev: $(VENV)/.installed-dev ## Install runtime + development dependencies

migrate: install ## Apply database migrations (and create the security-state cache table)
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: export SITE_URL ?= http://$(HOST):$(PORT)
demo: migrate ## Bootstrap the site and load the demo content (idempotent)
	$(MANAGE) bootstrap_site
	$(MANAGE) load_demo_content

run: export SITE_URL ?= http://$(HOST):$(PORT)
run: demo ## Run the site with demo content and a task worker on http://$(HOST):$(PORT)/
	@$(MANAGE) ensure_admin
	@$(MANAGE) demo_accounts
	@echo "Site:  http://$(HOST):$(PORT)/"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --interval 1 & \
	  $(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run only the background task worker
	$(MANAGE) db_worker

# One pytest-xdist worker per CPU; the browser tests share one worker (they share
# one demo load and live server). PYTEST_XDIST= runs everything in one process.
PYTEST_XDIST ?= -n auto --dist loadgroup

test: install-dev ## Run the whole test suite (browser tests run when Chromium is installed)
	@if [ -x /usr/bin/chromium ]; then echo "Browser tests: Chromium found, running them."; \
	  else echo "Browser tests: SKIPPED — /usr/bin/chromium is missing (apt-get install chromium)."; fi
	$(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

test-fast: install-dev ## The fast layer: all but the slow and browser tests, on a kept test database (.pytest-db/)
	@mkdir -p .pytest-db
	TEST_DATABASE_NAME=$(CURDIR)/.pytest-db/test.sqlite3 $(BIN)/pytest $(PYTEST_XDIST) --reuse-db -m "not slow and not browser" $(PYTEST_ARGS)

lint: install-dev ## ruff lint and format check, import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

lint-imports: install-dev ## Check the import layers (import-linter contracts in pyproject.toml)
	$(BIN)/lint-imports

migrations-check: install-dev ## Fail when a model change has no migration or a committed migration was edited
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python scripts/check_migrations.py

format: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install-dev ## Update and compile the translation catalogs in locale/
	$(MANAGE) makemessages --no-obsolete --no-location --ignore=.venv --ignore=node_modules --ignore=test-artifacts -l es -l en -l pt_BR -l fr
	$(MANAGE) compilemessages --ignore=.venv

messages-check: install-dev ## Fail when the catalogs are not current or not compiled
	$(BIN)/python scripts/check_messages.py

language-check: install-dev ## CLAC's glossary, French typography, register and quotes in catalogs and demo texts
	$(BIN)/python scripts/check_language.py

language-fix: install-dev ## Correct French typography in the catalogs and demo texts, then check
	$(BIN)/python scripts/check_language.py --fix

changed-strings: install-dev ## Strings changed since REF (default: the last tag), per language, for a native reviewer
	$(BIN)/python scripts/changed_strings.py $(REF)

assets: install-dev ## Rebuild site.css from css/src/ and the icon sprite (needs npm ci for the sprite)
	$(BIN)/python scripts/build_assets.py

lock: ## Recompile the lock files from requirements*.in (needs uv or pip-tools)
	uv pip compile --python-version 3.11 requirements.in -o requirements.txt
	uv pip compile --python-version 3.11 requirements-dev.in -o requirements-dev.txt

bench: install-dev ## Run the performance benchmark (see docs/performance.md)
	$(BIN)/python bench/run.py

soak: install-dev ## Soak the production stack on loopback (SOAK_SECONDS=600; Caddy, PostgreSQL, Redis; see docs/performance.md)
	$(BIN)/python bench/soak.py

lighthouse: install-dev ## Lighthouse on the demo site, scores into docs/quality.md (needs npm, Chromium)
	npm ci --no-audit --no-fund
	$(BIN)/python scripts/lighthouse.py

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles .pytest-db
