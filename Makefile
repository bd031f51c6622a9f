# The two set-up commands: `make demo` and `make test`. Only python3 (>= 3.11) is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export GOVSITE_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test test-postgres lint env clean-demo

$(BIN)/govsite: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

env: $(BIN)/govsite

PUBLIC_PORT ?= 8080
# One pytest worker per core, each with its own test database; a file's tests stay on one worker.
PYTEST_WORKERS ?= -n auto --dist loadfile

demo: $(BIN)/govsite
	$(BIN)/govsite migrate --noinput
	$(BIN)/govsite demo --host $(HOST) --port $(PORT) --skip-if-loaded
	@echo "后台（政务网）： http://$(HOST):$(PORT)/admin/    公众访问端（静态页面）： http://$(HOST):$(PUBLIC_PORT)/"
	export GOVSITE_MONITOR_ORIGIN=http://$(HOST):$(PUBLIC_PORT) GOVSITE_MONITOR_CHECK_EXTERNAL=0; \
	$(BIN)/govsite worker --no-reload & WORKER=$$!; \
	$(BIN)/govsite scheduler & SCHEDULER=$$!; \
	$(BIN)/govsite serve-public --host $(HOST) --port $(PUBLIC_PORT) & PUBLIC=$$!; \
	(sleep 90; $(BIN)/govsite monitor run --max-pages 300 > $(GOVSITE_DATA_DIR)/first-monitor-run.log 2>&1) & MONITOR=$$!; \
	trap 'kill $$WORKER $$SCHEDULER $$PUBLIC $$MONITOR 2>/dev/null' EXIT INT TERM; \
	$(BIN)/govsite runserver $(HOST):$(PORT)

test: $(BIN)/govsite
	$(BIN)/python -m pytest -q $(PYTEST_WORKERS)

test-postgres: $(BIN)/govsite
	DATABASE_URL=$${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/govsite} $(BIN)/python -m pytest -q $(PYTEST_WORKERS)

lint: $(BIN)/govsite
	$(BIN)/ruff check .

clean-demo:
	rm -rf var
