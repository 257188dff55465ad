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

.PHONY: install store postgres report-deps browser-deps scale-deps train run shell actions test-bot test bench counselor clean

install: $(STAMP) $(WEBCHAT)

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
store: $(STORE)

$(STORE): $(STAMP) $(KNOWLEDGE_SOURCES)
	$(VENV)/bin/careerbot build
	@touch $@

# The bot: the model is retrained only when its training data, domain or config changed.
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
RASA := $(VENV)/bin/rasa
MODEL := models/careerbot.tar.gz
BOT_DATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

train: $(MODEL)

$(MODEL): $(STAMP) $(BOT_DATA)
	$(RASA) train --fixed-model-name careerbot --out models
	@touch $@

# Starts the action server and the Rasa server (REST channel) and prints where to talk to it; Ctrl-C stops both.
run: store $(MODEL) $(WEBCHAT)
	@scripts/bot.sh run

# Chat with the bot in this terminal.
shell: store $(MODEL)
	@scripts/bot.sh shell

# A counselor account for the console at http://localhost:8000/console/ (asks for the password twice).
counselor: $(STAMP)
	@test -n "$(NAME)" || { echo "usage: make counselor NAME=jane" >&2; exit 2; }
	$(PY) -m bot.console add-counselor "$(NAME)"

# The action server alone (port 5055), for a Rasa server started by hand.
actions: store
	$(RASA) run actions --actions actions --port $${ACTIONS_PORT:-5055}

# The bot's checks: training data validation, conversation tests (any prediction error fails),
# the actions against the real store, and whole conversations over REST with both servers running.
test-bot: store $(MODEL)
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

test: store postgres report-deps browser-deps scale-deps $(MODEL) $(WEBCHAT)
	$(RASA) data validate --fail-on-warnings
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories
	$(PY) -m pytest -q -p no:cacheprovider

bench: store
	$(PY) bench/scorer_speed.py
	$(PY) bench/resolver_accuracy.py
	$(PY) bench/destinations_quality.py

clean:
	rm -rf var
