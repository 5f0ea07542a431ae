# `make run` and `make test` are all a newcomer needs: both set up the virtualenv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test demo lint format clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "jobbot needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)  ## start the bot (console chat when TELEGRAM_BOT_TOKEN is unset)
	$(VENV)/bin/jobbot run

test: $(STAMP)  ## the whole test suite, on every core
	$(PY) -m pytest -q -n auto

demo: $(STAMP)  ## offline demo: a simulated board and the console chat
	$(VENV)/bin/jobbot demo

lint: $(STAMP)  ## ruff (lint and format check) and mypy (CI runs it after the tests)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP)  ## ruff: format the code, then fix what it can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:  ## remove the virtualenv and the caches
	rm -rf $(VENV) .pytest_cache *.egg-info
