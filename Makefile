# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
# Both create (or reuse) the virtualenv .venv and install the pinned requirements into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test bench lab clean

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

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/build.py

# Reader speed: the built book served with gzip, in Chromium on a throttled phone connection.
.PHONY: bench-reader serve plotly-bundle
bench-reader: $(BIN)/.installed
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(BIN)/python benchmarks/reader.py

# Serve the built book on http://localhost:8000, gzip-compressed as a static host serves it.
serve: $(BIN)/.installed
	$(BIN)/python tools/serve.py

# Rebuild _ext/static/plotly.min.js from the npm registry (needs node and npm); see tools/plotly_bundle.py.
plotly-bundle: $(BIN)/.installed
	$(BIN)/python tools/plotly_bundle.py

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf _build
