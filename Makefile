# Adaptive Equity Leadership course kit: the commands a coach or developer needs.
#   make site   set everything up and build the static website into _build/html
#   make test   set everything up and run every test
#   make lab    open the course in JupyterLab
#   make serve  serve the built site on http://127.0.0.1:8000
#   make facilitator-site  the facilitator edition, with guides and answer keys
#   make room   serve the site and a live room for a workshop (ROOM_ARGS=--network for phones)
#   make lms    the course as SCORM 2004, SCORM 1.2 and Common Cartridge packages in _build/lms
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: help setup assets site test lab serve lint format clean lock bench room lms presenter

help:
	@echo "make site   - set up and build the course website into _build/html"
	@echo "make test   - set up and run every test (unit, notebooks, strict build, site checks)"
	@echo "make test-fast - the quick loop: unit tests, content checks and the browser rules (~1 min)"
	@echo "make lab    - open the course in JupyterLab"
	@echo "make serve  - serve the built site at http://127.0.0.1:$(PORT)"
	@echo "make facilitator-site - the facilitator edition (guides, agendas, answer keys)"
	@echo "make room   - serve the site and a live workshop room (ROOM_ARGS=--network lets phones join)"
	@echo "make lms    - the course as LMS packages (SCORM 2004, SCORM 1.2, Common Cartridge) in _build/lms"
	@echo "make presenter - the presenter view (slides, timers, notes) into _build/presenter"

# Python environment: recreated only when requirements.txt or pyproject.toml change.
$(BIN)/.installed: requirements.txt pyproject.toml
	@test -x "$(BIN)/python" || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# Web assets the site serves itself (MathJax) and the test tools, from npm.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# The widgets' browser modules: each js/<stem>.js bundled with the lib/ it imports (esbuild).
WIDGET_SOURCES := $(shell find equitykit/widgets/js -name '*.js' -o -name '*.css')
equitykit/widgets/static/.built: node_modules/.installed scripts/build_widgets.mjs $(WIDGET_SOURCES)
	node scripts/build_widgets.mjs
	@touch $@

# The LMS launch pages' script: js/sco.js with the SCORM API wrapper and the store's rules.
LMS_SOURCES := $(shell find equitykit/lms/js -name '*.js') $(WIDGET_SOURCES)
equitykit/lms/static/sco.js: node_modules/.installed scripts/build_lms.mjs $(LMS_SOURCES)
	node scripts/build_lms.mjs

# The presenter view and the participant bridge (equitykit/presenter/js, with the room client
# and the QR encoder from npm), bundled the same way.
PRESENTER_SOURCES := $(shell find equitykit/presenter/js -name '*.js') equitykit/room/static/room_client.js
equitykit/presenter/static/.built: node_modules/.installed scripts/build_presenter.mjs $(PRESENTER_SOURCES)
	node scripts/build_presenter.mjs
	@touch $@

setup: $(BIN)/.installed
assets: node_modules/.installed equitykit/widgets/static/.built equitykit/lms/static/sco.js \
	equitykit/presenter/static/.built

site: setup assets
	$(BIN)/python -m equitykit.content.check
	$(BIN)/jupyter-book build -nW --keep-going .
	@echo "Site built: open _build/html/index.html, or run 'make serve'."

# The LMS packages, from the built site (see book/lms.md for uploading them).
lms: site
	$(BIN)/python -m equitykit.lms --site _build/html --out _build/lms

# The facilitator edition: the learner book plus the "For facilitators" part (guides, answer keys,
# workshop schedules). Its table of contents is generated from _toc.yml, so the views never drift.
.PHONY: facilitator-site
facilitator-site: setup assets
	$(BIN)/python scripts/facilitator_site.py

# Everything: unit tests, the browser rules in Node, every notebook (nbval), the strict book
# build, the site checks and the browser tests.
test: setup assets
	$(BIN)/python -m pytest

# The fast loop while changing code or content (no book build, notebooks or browser):
# unit tests, content checks (the module schema, standards, facilitation metadata) and the
# browser rules in Node's own test runner. Node is required: without it this fails.
.PHONY: test-fast test-js
test-fast: setup assets test-js
	$(BIN)/python -m pytest -q -m "not slow" -n 2 tests

test-js: assets
	@command -v node >/dev/null || { echo "Node.js is needed for the widgets' rule tests"; exit 1; }
	node --test tests/js/

lab: setup
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --LabApp.default_url=/lab/tree/modules/adaptive-work/practice.ipynb

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make site' first."; exit 1; }
	@echo "Serving the course at http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# The live room: builds the site first when there is none, then serves it with the room API.
ROOM_ARGS ?=
room: setup assets
	@test -f _build/html/index.html || $(MAKE) site
	$(BIN)/equitykit room --site _build/html --port $(PORT) $(ROOM_ARGS)

# The presenter view alone (facilitator-only: it holds answer keys). `make room` builds its own
# copy at start and serves it only to the coach; the facilitator edition includes one.
presenter: setup assets
	$(BIN)/python -m equitykit.presenter --out _build/presenter

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup assets
	$(BIN)/python benchmarks/bench_build.py

lock: setup
	$(BIN)/python -m pip freeze --exclude-editable | sort -f > requirements.lock.tmp
	@echo "Review requirements.lock.tmp, then fold it into requirements.txt."

clean:
	rm -rf _build _vendor
