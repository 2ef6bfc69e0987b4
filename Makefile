# Phố Hàng — developer commands. Only Python 3.12+ and the system package manager are needed.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Local use: DEBUG and the VNPay sandbox are on unless the environment says otherwise
# (settings default to production behaviour).
DEV_ENV := DEBUG=$${DEBUG:-1} VNPAY_SANDBOX=$${VNPAY_SANDBOX:-1}
MANAGE := $(DEV_ENV) $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Django 6 needs Python >= 3.12: take the newest interpreter this machine has.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: run test venv install install-dev system-deps migrate demo messages lint format test-browser test-postgres otp clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (Django 6)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# gettext is needed to extract messages; install it with the system package manager when missing.
system-deps:
	@command -v msgfmt >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
		else echo "(optional) install gettext to extract translations"; fi; }

messages: $(VENV)/.installed
	@$(PY) scripts/compile_messages.py

migrate: $(VENV)/.installed messages
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) collectstatic --noinput -v 0
	@$(MANAGE) demo_logins
	@echo "Phố Hàng is at http://$(HOST):$(PORT)/"
	@# The ASGI server serves pages and the live selling WebSockets from one process (reloads on edits).
	$(DEV_ENV) $(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) \
		--lifespan off --reload --reload-dir phohang --reload-dir config --reload-dir templates

test: $(VENV)/.installed-dev messages
	$(PY) -m pytest -n auto -m "not browser" -q

test-postgres: $(VENV)/.installed-dev messages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -n 2 -m "not browser" -q

test-browser: $(VENV)/.installed-dev messages
	$(PY) -m pytest -m browser -q -p no:xdist

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

otp: $(VENV)/.installed
	@$(MANAGE) otp_code $(EMAIL)

clean:
	rm -rf $(VENV) var staticfiles
