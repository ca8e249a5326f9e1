# The two commands the README opens with: `make demo` and `make test`.
# Both create .venv/ on first use (Python 3.11+, pinned dependencies from constraints.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= onrecord.db
CORPUS := examples/corpus

.PHONY: setup browser demo test lint clean

setup: $(STAMP) browser

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The browser tests drive Debian's chromium through Playwright (never `playwright install`: it downloads
# a browser build of its own). Installed here when missing; without apt the tests skip and say how.
CHROMIUM_HINT := the browser tests will skip; install it with: apt-get update && apt-get install -y chromium
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "warning: chromium is missing and apt-get is not available: $(CHROMIUM_HINT)" >&2; \
	else \
		if [ "$$(id -u)" = 0 ]; then SUDO=; \
		elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
		else echo "warning: chromium is missing and installing it needs root: $(CHROMIUM_HINT)" >&2; exit 0; fi; \
		echo "installing Debian's chromium for the browser tests"; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			|| echo "warning: could not install chromium: $(CHROMIUM_HINT)" >&2; \
	fi

demo: $(STAMP)
	$(BIN)/onrecord ingest --db $(DB) $(CORPUS)
	@echo
	$(BIN)/onrecord speakers --db $(DB) --limit 10
	@echo
	$(BIN)/onrecord quotes --db $(DB) --limit 8
	@echo
	$(BIN)/onrecord statements --db $(DB) --min-reports 2 --limit 5
	@echo
	@echo "Try next:"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --speaker verrin          # one speaker's quotes"
	@echo "  $(BIN)/onrecord statement --db $(DB) 1                      # one statement, every report side by side"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --search 'air defences'   # full-text search"
	@echo "  $(BIN)/onrecord quotes --db $(DB) --kind direct --json       # JSON for scripts"
	@echo "  $(BIN)/onrecord show --db $(DB) <article id>                 # the evidence, highlighted"
	@echo "  $(BIN)/onrecord serve --db $(DB)                            # the web app and JSON API at http://127.0.0.1:8000"
	@echo "  $(BIN)/onrecord extract $(CORPUS) --jsonl                    # no database, one JSON line per article"
	@echo "  $(BIN)/onrecord --help"

test: setup
	$(BIN)/python -m pytest -n 2 -q

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
