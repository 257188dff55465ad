# Two commands set everything up: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
STORE := var/careerbot.sqlite
SHARED_DATA := $(abspath ../shared/data)
export CAREERBOT_DATA_DIR ?= $(if $(wildcard $(SHARED_DATA)/README.md),$(SHARED_DATA),)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export TF_CPP_MIN_LOG_LEVEL := 3
KNOWLEDGE_SOURCES := $(shell find knowledge -name '*.py' -o -name '*.json' -o -name '*.yml' 2>/dev/null)

.PHONY: install store run test bench clean

install: $(STAMP)

$(STAMP): requirements.lock requirements-nodeps.txt pyproject.toml scripts/find-python310.sh
	@test -x $(PY) || { PY310=$$(scripts/find-python310.sh) && $$PY310 -m venv $(VENV); }
	$(PY) -m pip install -q -r requirements.lock 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	$(PY) -m pip install -q --no-deps -r requirements-nodeps.txt 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	$(PY) -m pip install -q --no-deps --no-build-isolation -e . 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

# The store is rebuilt when the loaders, the scorer or the project's own data change.
store: $(STORE)

$(STORE): $(STAMP) $(KNOWLEDGE_SOURCES)
	$(VENV)/bin/careerbot build
	@touch $@

run: store
	$(VENV)/bin/careerbot compare 43-4051.00 43-4031.00 --state ME

test: store
	$(PY) -m pytest -q -p no:cacheprovider

bench: store
	$(PY) bench/scorer_speed.py
	$(PY) bench/resolver_accuracy.py
	$(PY) bench/destinations_quality.py

clean:
	rm -rf var
