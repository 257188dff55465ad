# Two commands set everything up: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WEBCHAT := bot/webchat/node_modules/rasa-webchat/lib/index.js
STORE := var/careerbot.sqlite
SHARED_DATA := $(abspath ../shared/data)
export CAREERBOT_DATA_DIR ?= $(if $(wildcard $(SHARED_DATA)/README.md),$(SHARED_DATA),)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export TF_CPP_MIN_LOG_LEVEL := 3
# The store depends on the loaders, the scorer and the project's data, not on the report's rendering code.
KNOWLEDGE_SOURCES := $(shell find knowledge -path knowledge/report -prune -o \( -name '*.py' -o -name '*.json' -o -name '*.yml' \) -print 2>/dev/null)

.PHONY: help install store postgres report-deps browser-deps scale-deps train run shell actions lint test-bot test test-unit bench counselor clean

# What each target does: the lines below that end in "## what it does".
help:  ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 22

install: $(STAMP) $(WEBCHAT)  ## the Python environment (.venv) and the chat widget, from the pinned files

$(STAMP): requirements.lock requirements-nodeps.txt pyproject.toml scripts/find-python310.sh
	@test -x $(PY) || { PY310=$$(scripts/find-python310.sh) && $$PY310 -m venv $(VENV); }
	$(PY) -m pip install -q -r requirements.lock 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	$(PY) -m pip install -q --no-deps -r requirements-nodeps.txt 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	$(PY) -m pip install -q --no-deps --no-build-isolation -e . 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

# The website's chat widget (rasa-webchat from the npm registry), served by bot/web.py at /static/webchat.js:
# `npm ci` installs exactly bot/webchat/package-lock.json (Debian's npm when no npm is on PATH).
$(WEBCHAT): bot/webchat/package.json bot/webchat/package-lock.json
	@command -v npm >/dev/null || scripts/apt-install.sh nodejs npm
	cd bot/webchat && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
	@touch $@

# The store is rebuilt when the loaders, the scorer or the project's own data change.
store: $(STORE)  ## the knowledge store (var/careerbot.sqlite) from CAREERBOT_DATA_DIR

$(STORE): $(STAMP) $(KNOWLEDGE_SOURCES)
	$(VENV)/bin/careerbot build
	@touch $@

# The bot: the model is retrained only when its training data, domain or config changed.
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
RASA := $(VENV)/bin/rasa
MODEL := models/careerbot.tar.gz
BOT_DATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

train: $(MODEL)  ## the Rasa model, when its data, domain or config changed

$(MODEL): $(STAMP) $(BOT_DATA)
	$(RASA) train --fixed-model-name careerbot --out models
	@touch $@

# Starts the action server and the Rasa server (REST channel) and prints where to talk to it; Ctrl-C stops both.
run: store $(MODEL) $(WEBCHAT)  ## the bot: action server, Rasa (all channels) and the web pages
	@scripts/bot.sh run

# Chat with the bot in this terminal.
shell: store $(MODEL)  ## chat with the bot in this terminal
	@scripts/bot.sh shell

# A counselor account for the console at http://localhost:8000/console/ (asks for the password twice).
counselor: $(STAMP)  ## a counselor account: make counselor NAME=jane
	@test -n "$(NAME)" || { echo "usage: make counselor NAME=jane" >&2; exit 2; }
	$(PY) -m bot.console add-counselor "$(NAME)"

# The action server alone (port 5055), for a Rasa server started by hand.
actions: store  ## the action server alone (port 5055)
	$(RASA) run actions --actions actions --port $${ACTIONS_PORT:-5055}

# The bot's checks: training data validation, conversation tests (any prediction error fails),
# the actions against the real store, and whole conversations over REST with both servers running.
test-bot: store $(MODEL)  ## the bot's checks: data, conversation tests, actions, REST
	$(RASA) data validate --fail-on-warnings
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories
	$(PY) -m pytest -q -p no:cacheprovider tests/test_actions.py tests/test_e2e_rest.py

# The PostgreSQL integration test starts a throwaway server from Debian's package; install it if missing (root).
postgres:
	@scripts/postgres.sh install

# pdftoppm for the report tests; Pango and fonts for WeasyPrint's PDFs (no-op when present).
report-deps:
	@scripts/apt-install.sh poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own)
browser-deps:
	@scripts/apt-install.sh chromium

# Redis (Rasa's lock store) and nginx (load balancer) for the scale-out test, tests/scale_out.py
scale-deps:
	@scripts/apt-install.sh redis-server nginx

# ruff (pinned in requirements.lock; its rules are in pyproject.toml, [tool.ruff]), and the generated YAML
# (data/rules/forms.yml, domain.yml's not_intent lists, data/nlu/inform.yml and variants.yml) against the
# scripts that write it: --check fails when a checked-in file differs.
RUFF := $(VENV)/bin/ruff
lint: $(STAMP)  ## the linter (ruff), and the generated YAML against its generators
	$(RUFF) check .
	$(PY) scripts/make_rules.py --check
	$(PY) scripts/make_nlu.py --check

test: lint store postgres report-deps browser-deps scale-deps $(MODEL) $(WEBCHAT)  ## everything, with every server (CI runs this)
	$(RASA) data validate --fail-on-warnings
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories
	$(PY) -m pytest -q -p no:cacheprovider

# The tests that start no server and need no Debian package: the store, the actions, the understanding,
# the replies and the scorer (about a minute).
UNIT_TESTS := tests/test_interests.py tests/test_workplaces.py tests/test_actions.py tests/test_bot_text.py tests/test_channels_render.py tests/test_described_work.py \
	tests/test_destinations.py tests/test_download.py tests/test_privacy.py tests/test_resolver.py tests/test_scorer.py \
	tests/test_seeds.py tests/test_store_real.py tests/test_understanding_facts.py tests/test_credentials.py tests/test_gap_examples.py \
	tests/test_job_kinds.py tests/test_suggestions.py tests/test_understanding_preferences.py tests/test_schools.py \
	tests/test_person_profile.py tests/test_replies_profile.py tests/test_step_up.py tests/test_understanding_schooling.py tests/test_passwords.py
test-unit: lint store  ## the linter, the generated YAML and the tests that start no server (about two minutes)
	$(PY) -m pytest -q -p no:cacheprovider $(UNIT_TESTS)

bench: store  ## the knowledge benchmarks (see bench/ for the bot's)
	$(PY) bench/scorer_speed.py
	$(PY) bench/resolver_accuracy.py
	$(PY) bench/destinations_quality.py

clean:  ## remove the store (var/)
	rm -rf var
