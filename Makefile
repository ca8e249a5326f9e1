# The two commands the README opens with: `make demo` and `make test`.
# Both create .venv/ on first use (Python 3.11+, pinned dependencies from constraints.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= onrecord.db
CORPUS := examples/corpus

.PHONY: setup demo test lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/onrecord ingest --db $(DB) $(CORPUS)
	@echo
	$(BIN)/onrecord speakers --db $(DB) --limit 10
	@echo
	$(BIN)/onrecord quotes --db $(DB) --limit 8
	@echo
	@echo "Try next:"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --speaker verrin          # one speaker's statements"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --search 'air defences'   # full-text search"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --kind direct --json       # JSON for scripts"
	@echo "  $(BIN)/onrecord show --db $(DB) <article id>                 # the evidence, highlighted"
	@echo "  $(BIN)/onrecord extract $(CORPUS) --jsonl                    # no database, one JSON line per article"
	@echo "  $(BIN)/onrecord --help"

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
