# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
# `make check` is the fast tier for everyday work: lint and every test that needs no book build,
# no browser and no notebook run (the full gate stays `make test`).
# Both create (or reuse) the virtualenv .venv and install the pinned requirements into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test check bench lab clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

book: $(BIN)/.installed
	$(BIN)/jupyter-book build -W -n --keep-going .

# The page tests drive Debian's Chromium; install it when it is missing.
test: $(BIN)/.installed
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(BIN)/python -m pytest

check: $(BIN)/.installed
	$(BIN)/python -m pytest tests -m "not slow" -p no:nbval -o addopts="-p no:cacheprovider" -q

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/build.py

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf _build
