PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOLD ?= ../shared/gold

.PHONY: run test clean setup bench eval

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/kg

setup: $(BIN)/kg

run: setup
	$(BIN)/python -m kg build --corpus corpus --out out

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m kg.bench --corpus corpus --copies 4
	$(BIN)/python -m kg.bench_server --corpus corpus --clients 20 --seconds 30
	$(BIN)/python -m kg build --corpus corpus --out out >/dev/null && $(BIN)/python -m kg.bench_view --kg out --nodes 5000

eval: run
	$(BIN)/python -m kg eval --gold $(GOLD) --kg out

clean:
	rm -rf out $(VENV)
