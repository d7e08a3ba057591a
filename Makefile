# Tertulia: `make demo` runs a demo community, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: demo serve test lint format lock messages clean bench audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(RUNTIME): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV): requirements-dev.lock $(RUNTIME)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# axe-core, injected into pages by the browser tests (tests/browser/).
NODE := node_modules/.installed
$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: $(RUNTIME)
	DEBUG=1 TASKS_BACKEND=immediate $(BIN)/tertulia migrate --no-input
	DEBUG=1 TASKS_BACKEND=immediate $(BIN)/tertulia demo-data
	DEBUG=1 TASKS_BACKEND=immediate $(BIN)/tertulia serve

serve: $(RUNTIME)
	$(BIN)/tertulia migrate --no-input
	$(BIN)/tertulia collectstatic --no-input --verbosity 0
	$(BIN)/tertulia serve

test: $(DEV) $(NODE)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy tertulia
	$(BIN)/tertulia makemigrations --check --dry-run

# Load test: generates var/bench.sqlite3 (1M posts) once, then serves it with gunicorn and
# loads the forum pages with wrk; appends the numbers to bench/RESULTS.md (bench/README.md).
bench: $(RUNTIME)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Lighthouse (mobile) on the main pages of a served demo community: fails unless each page
# scores accessibility 100, best practices 100, performance >= 95; writes the scores to
# the "Audit" section of bench/RESULTS.md (bench/audit.py).
audit: $(DEV) $(NODE)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python bench/audit.py $(AUDIT_ARGS)

format: $(DEV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency after editing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

# Extract strings into tertulia/locale/{es,fr} and compile them. The `tertulia` script
# brings the settings (LOCALE_PATHS); running inside tertulia/ keeps tests/ out.
messages: $(DEV)
	cd tertulia && ../$(BIN)/tertulia makemessages -l es -l fr --no-obsolete
	cd tertulia && ../$(BIN)/tertulia compilemessages

clean:
	rm -rf $(VENV) var/static
