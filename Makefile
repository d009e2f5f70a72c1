PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOLD ?= ../shared/gold

.PHONY: run test clean setup bench eval eval-all train-pairs train-mentions

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,train]'
	touch $(BIN)/kg

setup: $(BIN)/kg

run: setup
	$(BIN)/python -m kg build --corpus corpus --out out

test: setup
	$(BIN)/python -m pytest -q

# ARCHIVE: articles of the archive suite (the issue's 10,000 take about an hour: make bench ARCHIVE=10000)
ARCHIVE ?= 500
bench: setup
	$(BIN)/python -m kg.bench --corpus corpus --copies 20 --archive $(ARCHIVE)
	$(BIN)/python -m kg.bench_server --corpus corpus --clients 20 --seconds 30
	$(BIN)/python -m kg build --corpus corpus --out out >/dev/null && $(BIN)/python -m kg.bench_view --kg out --nodes 5000

eval: run
	$(BIN)/python -m kg eval --gold $(GOLD) --kg out

# the three yardsticks of every extraction change: the corpus gold, the invented unseen articles, and the real
# development set (texts kept outside the repo, in DEVSET/dev/texts and DEVSET/held/texts; docs/devset.md)
DEVSET ?= ../devset
eval-all: setup
	@for set in corpus:$(GOLD) tests/unseen/articles:tests/unseen/gold $(DEVSET)/dev/texts:devset/dev/gold \
	            $(DEVSET)/held/texts:devset/held/gold; do \
	  texts=$${set%%:*}; gold=$${set##*:}; \
	  if [ -d "$$texts" ] && [ -d "$$gold" ]; then \
	    out=$$(mktemp -d); echo "== $$texts"; \
	    $(BIN)/python -m kg build --corpus $$texts --out $$out >/dev/null && \
	    $(BIN)/python -m kg eval --gold $$gold --kg $$out --quiet; rm -rf $$out; \
	  else echo "== $$texts: not here (docs/devset.md says how to collect it)"; fi; \
	done

clean:
	rm -rf out $(VENV)

# retrain the relation scorer (kg/resources/pair_model.json) on the development set's annotations;
# DEVSET is the folder holding dev/texts (the texts stay outside the repository, see docs/devset.md)
train-pairs: setup
	@test -d "$(DEVSET)/dev/texts" || { echo "set DEVSET to the folder holding dev/texts (docs/devset.md)"; exit 2; }
	$(BIN)/python -m kg train-pairs --corpus $(DEVSET)/dev/texts --gold devset/dev/gold

# retrain the mention filter (kg/resources/mention_model.json, opt-in: KG_MENTION_MODEL=shipped) on the same
# annotations
train-mentions: setup
	@test -d "$(DEVSET)/dev/texts" || { echo "set DEVSET to the folder holding dev/texts (docs/devset.md)"; exit 2; }
	$(BIN)/python -m kg train-mentions --corpus $(DEVSET)/dev/texts --gold devset/dev/gold
