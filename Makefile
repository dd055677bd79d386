# Keting: the two commands are `make run` and `make test`; the rest are steps they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint install install-test translations db seed i18n-extract bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Keting needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

translations: | $(BIN)/python
	$(BIN)/pybabel --quiet compile -d app/translations

db: install translations
	$(BIN)/flask db upgrade

seed: db
	$(BIN)/flask seed
	$(BIN)/flask match rebuild --if-stale

## make run: from a fresh clone, set everything up and serve on http://$(HOST):$(PORT) (emailed links follow them),
## with the job worker (imports, rebuilds) running beside the web server and stopped with it.
run: seed
	@HOST=$(HOST) PORT=$(PORT) $(BIN)/flask worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	HOST=$(HOST) PORT=$(PORT) $(BIN)/flask run --host $(HOST) --port $(PORT)

## make test: the whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set
test: install-test translations
	bash tests/run.sh

## make lint: ruff (lint rules and formatting), mypy (app, matching), bandit (security scan) and the dependency audit; seconds
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/bandit -c pyproject.toml -r app matching -q
	bash tools/audit.sh

i18n-extract: install
	$(BIN)/pybabel --quiet extract --ignore-dirs='.* __pycache__' -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -o app/translations/messages.pot .
	$(BIN)/pybabel --quiet update -i app/translations/messages.pot -d app/translations -l zh_Hans --no-fuzzy-matching

bench: install-test
	$(BIN)/python -m bench.matching

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
