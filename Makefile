PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean setup

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

clean:
	rm -rf out $(VENV)
