# The LDN patient-education assistant. `make run` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        ?= .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
RASA_PORT   ?= 5005
ACTION_PORT ?= 5055
BUILD       := build
MODEL_DIR   := $(BUILD)/models
MODEL       := $(MODEL_DIR)/ldn.tar.gz
SPACY_STAMP := $(BUILD)/.spacy-built
NEGATIVES   := $(BUILD)/nlu/nlu_negatives.yml
TRIAGE      := $(BUILD)/triage/.built
export PYTHONPATH := $(CURDIR)
# Every command's environment defaults (Rasa's telemetry off, quieter logs), written once in bot/environment.py;
# any Python 3 prints them, so they apply before the virtualenv exists too.
$(foreach default,$(shell $(or $(wildcard $(PY)),python3) -m bot.environment),$(eval export $(default)))

TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) \
                bot/knowledge/answers.yml bot/knowledge/sections.yml bot/nlu/entity_patterns.yml $(wildcard bot/nlu/lang/*.yml) \
                $(wildcard bot/nlu/*.py bot/knowledge/*.py bot/dialogue/*.py)

.PHONY: help install install-runtime lint browser services run run-prod shell chat train validate test test-fast spacy generate lock benchmark clean purge forget report synthetic-store

help:  ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Two stamps: what the assistant needs to run (requirements.txt; all the production image installs), and that
# plus the tests' and tools' packages (requirements-dev.txt), which `make test` and `make lint` need.
$(VENV)/.installed: REQUIREMENTS := requirements.txt
$(VENV)/.installed: requirements.txt
$(VENV)/.installed-dev: REQUIREMENTS := requirements-dev.txt
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
$(VENV)/.installed $(VENV)/.installed-dev: constraints.txt scripts/find_python.sh
	@PY_BIN=$$(scripts/find_python.sh) || exit 1; \
	echo "Using $$PY_BIN ($$($$PY_BIN --version))"; \
	[ -x $(PY) ] || $$PY_BIN -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet -r $(REQUIREMENTS) -c constraints.txt
	@touch $@

install: $(VENV)/.installed-dev  ## Create .venv with Python 3.10 and the pinned dependencies, tests' and tools' too

install-runtime: $(VENV)/.installed  ## Only what the assistant needs to run (the production image: deploy/Dockerfile)

lint: $(VENV)/.installed-dev  ## ruff check, ruff format --check and mypy (settings in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

browser:  ## Install Debian's chromium and chromium-driver for the browser tests (if missing)
	@scripts/install_browser.sh

services:  ## Install Debian's PostgreSQL, Redis and nginx for the production topology (if missing)
	@scripts/install_services.sh

$(SPACY_STAMP): $(VENV)/.installed bot/nlu/entity_patterns.yml bot/nlu/patterns.py bot/nlu/spacy_pipeline.py \
                bot/nlu/language.py $(wildcard bot/nlu/lang/*.yml) config.yml
	$(PY) -m bot.nlu.spacy_pipeline
	@touch $@

spacy: $(SPACY_STAMP)  ## Build the project's spaCy pipeline (blank language + lookup lemmatizer + entity ruler)

$(BUILD)/domain/responses.yml: $(VENV)/.installed domain.yml bot/knowledge/answers.yml bot/knowledge/sections.yml bot/knowledge/__init__.py bot/knowledge/build.py
	$(PY) -m bot.knowledge.build

$(NEGATIVES): $(VENV)/.installed bot/nlu/negatives.yml bot/nlu/negatives.py
	$(PY) -m bot.nlu.negatives --out $(BUILD)/nlu

# The learned part of triage (bot/triage/learned.py); it would also train itself in memory if missing.
$(TRIAGE): $(VENV)/.installed $(wildcard bot/triage/*.py bot/triage/*.yml data/triage/*.jsonl data/nlu/*.yml) \
           bot/nlu/negatives.yml bot/nlu/negatives.py
	$(PY) -m bot.triage.learned
	@touch $@

generate: $(BUILD)/domain/responses.yml $(NEGATIVES)  ## Generate the domain's intents and responses and the rules from bot/knowledge/answers.yml

$(MODEL): $(SPACY_STAMP) $(BUILD)/domain/responses.yml $(NEGATIVES) $(TRIAGE) $(TRAIN_INPUTS)
	@mkdir -p $(MODEL_DIR)
	# One training at a time: two at once would write the same model file.
	flock $(BUILD)/.train.lock $(RASA) train --config config.yml --domain $(BUILD)/domain --data data \
	  $(BUILD)/data $(BUILD)/nlu --out $(MODEL_DIR) --fixed-model-name ldn --quiet
	@touch $@

train: $(MODEL)  ## Train the model if any input changed

validate: $(SPACY_STAMP) $(BUILD)/domain/responses.yml $(NEGATIVES)  ## Check the training data and domain
	$(RASA) data validate --config config.yml --domain $(BUILD)/domain --data data $(BUILD)/data $(BUILD)/nlu --fail-on-warnings

run: $(MODEL)  ## Install, train if stale, and start the action server and Rasa (REST on port 5005)
	@$(PY) -m bot.settings
	@$(PY) -m bot.serve --model $(MODEL) --port $(RASA_PORT) --action-port $(ACTION_PORT)

run-prod: $(MODEL) services  ## Start the production topology under supervisord: PostgreSQL, Redis, a Rasa process per core, nginx (HTTPS 8443)
	@$(PY) -m bot.settings
	@$(PY) -m bot.prod up --model $(MODEL)

shell: $(MODEL)  ## Start both servers and chat with the assistant in this terminal
	@$(PY) -m bot.serve --model $(MODEL) --port $(RASA_PORT) --action-port $(ACTION_PORT) --chat

purge: $(VENV)/.installed  ## Delete conversations older than RETENTION_DAYS (default 30) from the tracker store
	@$(PY) -m bot.store purge

forget: $(VENV)/.installed  ## Delete everything stored for one patient: make forget SENDER=telegram:12345
	@$(PY) -m bot.store forget "$(SENDER)"

report: $(VENV)/.installed  ## The clinic's report (HTML): make report SINCE=2026-11-01 UNTIL=2026-11-30 OUT=report.html CSV=dir
	@$(PY) -m bot.report $(if $(SINCE),--since $(SINCE)) $(if $(UNTIL),--until $(UNTIL)) --out "$(or $(OUT),$(BUILD)/report.html)" $(if $(CSV),--csv "$(CSV)")

synthetic-store: $(VENV)/.installed  ## 100,000 synthetic conversations in build/synthetic-tracker.db, and the report's time on them
	@$(PY) scripts/synthetic_store.py --time-report

chat:  ## Chat in this terminal with servers that are already running (make run)
	@$(PY) -m bot.chat --url http://localhost:$(RASA_PORT)

# Both cores: each xdist worker starts its own servers and browser; tests that share one topology stay on one
# worker (xdist_group, tests/conftest.py). WORKERS=0 runs everything in this process, one test after another.
# Then the tests marked `alone` (the production topology under load) run with the machine to themselves.
WORKERS ?= 2
FAST := not model and not servers and not browser and not services and not slow

test: $(VENV)/.installed-dev $(MODEL) browser services  ## Install, train if stale, and run the whole test suite (prints its time)
	@start=$$(date +%s); status=0; \
	$(PY) -m pytest -n $(WORKERS) --dist loadgroup --durations=15 -m "not alone" || status=$$?; \
	$(PY) -m pytest -n 0 --durations=5 -m alone || status=$$(( status ? status : $$? )); \
	echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

test-fast: $(VENV)/.installed-dev  ## Unit tests only (under a minute): no model, servers, browser, services or slow ones
	@start=$$(date +%s); status=0; \
	$(PY) -m pytest -n $(WORKERS) -m "$(FAST)" || status=$$?; \
	echo "make test-fast: $$(( $$(date +%s) - start )) s"; exit $$status

benchmark: $(VENV)/.installed-dev $(MODEL)  ## Print the NLU, safety, throughput (stock bot, make run, production) and report tables; ONLY=throughput for one part
	$(PY) scripts/benchmark.py --model $(MODEL) $(if $(ONLY),--only $(ONLY))

lock: $(VENV)/.installed  ## Re-pin constraints.txt from a clean install of requirements-dev.txt (runtime included)
	rm -rf $(BUILD)/lock-venv && $$(scripts/find_python.sh) -m venv $(BUILD)/lock-venv
	$(BUILD)/lock-venv/bin/pip install --quiet -r requirements-dev.txt
	{ echo "# Full pin set for Python 3.10, produced by 'pip freeze' from a clean install of requirements-dev.txt"; \
	  echo "# (which includes requirements.txt). Regenerate with: make lock"; $(BUILD)/lock-venv/bin/pip freeze; } > constraints.txt

clean:  ## Remove build output (models, generated files); keeps .venv
	rm -rf $(BUILD) .rasa .pytest_cache
