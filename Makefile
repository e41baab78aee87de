# Every step a fresh machine needs (Python 3.11+, make, git) lives here.
# uv is installed into .tools/ from PyPI at a pinned version; the project's own
# environment is .venv/, synced from uv.lock.

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
RUN := $(UV) run --frozen --no-sync
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup generate check-generated test lint typecheck pytest demo record-live contract-live bench clean

help:
	@echo "make demo        generate a video end to end against the built-in fake provider"
	@echo "make test        set everything up and run the whole suite (lint, types, tests)"
	@echo "make generate    regenerate generated/ from specs/"
	@echo "make record-live PROVIDER=...  record cassettes/ against the real provider (billed; key in <P>_API_KEY)"
	@echo "make bench       run the benchmarks in bench/"
	@echo "make contract-live PROVIDER=ark   check a real provider against specs/ (free calls only)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-extras --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

generate: setup
	$(RUN) python tools/generate.py

check-generated: setup
	$(RUN) python tools/generate.py --check

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .

typecheck: setup
	$(RUN) mypy

pytest: setup
	$(RUN) pytest

test: lint typecheck pytest

# Against the built-in fake provider unless the provider's key is set (PROVIDER=apikley by default).
DEMO_PROVIDER ?= $(or $(PROVIDER),apikley)
DEMO_KEY_VAR := $(shell echo $(DEMO_PROVIDER) | tr a-z A-Z)_API_KEY
demo: setup
	$(RUN) seedance generate "a red fox running through fresh snow, cinematic" \
		--provider $(DEMO_PROVIDER) $(if $($(DEMO_KEY_VAR)),,--fake) --out demo.mp4

# Real, billed tasks; never run by tests. BASE_URL= points it elsewhere (e.g. a fake).
record-live: setup
	@test -n "$(PROVIDER)" || (echo "usage: make record-live PROVIDER=apikley|pixazo|gptproto|ark [BASE_URL=...]" && exit 2)
	$(RUN) python tools/record_live.py $(PROVIDER) --out cassettes $(if $(BASE_URL),--base-url $(BASE_URL))

# Free calls only (a wrong key, refused requests, credits, an unknown task id, a list),
# checked against specs/; key from <PROVIDER>_API_KEY. See docs-contract-live.md.
contract-live: setup
	@test -n "$(PROVIDER)" || (echo "usage: make contract-live PROVIDER=apikley|pixazo|gptproto|ark [BASE_URL=...]" && exit 2)
	$(RUN) python tools/contract_live.py --provider $(PROVIDER) $(if $(BASE_URL),--base-url $(BASE_URL),)

bench: setup
	$(RUN) python -m bench

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .ruff_cache .hypothesis
