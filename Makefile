# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 8000

PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
LOCK := $(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock" $(LOCK_ARGS)

.PHONY: run test lint format bench assets deps deps-dev lock clean

# requirements*.txt are the locks (every package with its hashes), written by `make lock`
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/css/app.css: static/scss/app.scss node_modules/.installed
	npm run --silent build:css

# Every script `npm run build:js` writes: the feedback script, its ballot signing (bundled
# with @cloudflare/blindrsa-ts from node_modules) and its service worker part, and the
# NHS.UK component scripts, from nhsuk-frontend
BUILT_JS := $(addprefix static/js/,feedback.js feedback-ballot.js feedback-sw.js \
	nhsuk-password-input.js nhsuk-character-count.js)
$(BUILT_JS) &: $(wildcard static/src/*.js) node_modules/.installed
	npm run --silent build:js

deps: $(VENV)/.runtime
deps-dev: $(VENV)/.dev
assets: static/css/app.css $(BUILT_JS)

## make run: the whole product on its embedded default (SQLite, demo data) on 127.0.0.1
run: deps assets
	$(PY) -m app.instance
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@scripts/run.sh $(HOST) $(PORT)

## make test: install what is missing, then the whole suite on SQLite and on PostgreSQL
test: deps-dev assets
	scripts/test.sh

lint: deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make lock: after editing requirements*.in, rewrite the locks; locked packages keep their
## versions unless LOCK_ARGS says otherwise (--upgrade, --upgrade-package NAME)
lock: $(VENV)/.dev
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -c requirements.txt -o requirements-dev.txt

clean:
	rm -rf $(VENV) node_modules static/css/app.css $(BUILT_JS) .pytest_cache

## make bench: benchmarks against their baselines, side by side; results in bench/results/
bench: deps-dev assets
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(PY) bench/server.py
	$(PY) -m bench.push
