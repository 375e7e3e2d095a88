# Groeipad: `make run` serves the demo portal, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev messages migrate seed browser pdf-libs lint worker beat clean screenshots assets assets-build assets-check icons

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet -c requirements.lock ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Translations are committed as .po files and compiled here (GNU gettext's msgfmt).
messages:
	@command -v msgfmt >/dev/null || scripts/apt-install gettext
	$(PY) manage.py compilemessages --ignore=$(VENV) --verbosity 0

migrate: install messages pdf-libs
	$(PY) manage.py migrate --no-input --verbosity 0

# The logins are printed with the address `make run` serves on (HOST and PORT), unless GROEIPAD_SITE_URL says.
seed: migrate
	GROEIPAD_SITE_URL=$${GROEIPAD_SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py seed_demo

run: assets seed
	$(PY) manage.py runserver $(HOST):$(PORT)

# Front-end libraries come from npm (package.json, exact versions in package-lock.json). Their few files are
# copied into static/vendor/ and committed, so a clone serves the portal without Node or a network.
# `make assets` rebuilds them only when the lock, the copy script or a vendored file changed since the
# last build (scripts/vendor-assets.sha256 records them all); `make assets-check` rebuilds from scratch
# and fails when the result differs from what is committed.
ASSETS_STAMP := scripts/vendor-assets.sha256
assets:
	@sha256sum --check --status $(ASSETS_STAMP) 2>/dev/null || $(MAKE) --no-print-directory assets-build

assets-build:
	@command -v npm >/dev/null || { echo "static/vendor/ is out of date: install Node.js 20 and npm, then run make assets"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	npm run --silent vendor
	sha256sum package.json package-lock.json scripts/vendor-assets.mjs \
		$$(find static/vendor/nl-design-system static/vendor/bootstrap-icons static/vendor/chartjs -type f | sort) > $(ASSETS_STAMP)

assets-check: assets-build
	git diff --exit-code -- static/vendor $(ASSETS_STAMP)
	@test -z "$$(git status --porcelain -- static/vendor)" || { git status --short -- static/vendor; exit 1; }

# The app icons (PNG) are photographs of static/img/favicon.svg, taken by chromium (make browser).
icons: install-dev browser
	$(PY) scripts/app_icons.py

# Debian's chromium for the browser tests (Playwright drives it through executable_path).
browser:
	@command -v chromium >/dev/null || scripts/apt-install chromium fonts-dejavu-core

# WeasyPrint renders PDFs with Pango (Debian's libpango).
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || scripts/apt-install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

test: install-dev messages browser pdf-libs assets
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

worker: install
	$(VENV)/bin/celery -A config worker --loglevel INFO

beat: install
	$(VENV)/bin/celery -A config beat --loglevel INFO

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# The README's tour: a throw-away demo on SQLite, served on a spare port, photographed per role.
SHOT_PORT ?= 8765
screenshots: install-dev messages browser assets
	rm -f /tmp/groeipad-screenshots.sqlite3
	DATABASE_URL=sqlite:////tmp/groeipad-screenshots.sqlite3 $(PY) manage.py migrate --no-input --verbosity 0
	DATABASE_URL=sqlite:////tmp/groeipad-screenshots.sqlite3 $(PY) manage.py seed_demo > /dev/null
	DATABASE_URL=sqlite:////tmp/groeipad-screenshots.sqlite3 $(PY) manage.py runserver --noreload 127.0.0.1:$(SHOT_PORT) > /dev/null 2>&1 & echo $$! > /tmp/groeipad-screenshots.pid; \
	sleep 4; $(PY) scripts/screenshots.py http://127.0.0.1:$(SHOT_PORT); status=$$?; kill $$(cat /tmp/groeipad-screenshots.pid); exit $$status
