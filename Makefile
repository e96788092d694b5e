# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
# Both create (or reuse) the virtualenv .venv and install into it exactly the packages locked in
# constraints.txt; `make lock` regenerates that lock from requirements.txt (see the README).
# `make check` is the fast tier for everyday work: lint and every test that needs no book build,
# no browser and no notebook run (the full gate stays `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Where the environment sets PYTHONDONTWRITEBYTECODE (CI's does), Python compiles the book's module
# anew in every kernel and every test process; here it caches bytecode, as it does by default.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: book test check pdf bench lab clean lock

# A fresh virtualenv whenever the requirements or the lock change, so it holds the locked set only.
$(BIN)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

book: $(BIN)/.installed
	$(BIN)/jupyter-book build -W -n --keep-going .

# The page tests and the PDF use Debian's Chromium, and poppler-utils reads the PDF back;
# each is installed when it is missing.
NEED_CHROMIUM = command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
NEED_POPPLER = command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }

test: $(BIN)/.installed
	@$(NEED_CHROMIUM)
	@$(NEED_POPPLER)
	$(BIN)/python -m pytest

check: $(BIN)/.installed
	$(BIN)/python -m pytest tests -m "not slow" -p no:nbval -o addopts="-p no:cacheprovider" -q

# The whole book as one PDF, _build/pdf/killing-time-or-genuine-approach.pdf; the site then links it.
pdf: $(BIN)/.installed
	@$(NEED_CHROMIUM)
	@$(NEED_POPPLER)
	$(BIN)/python pdf/book_pdf.py

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

# JupyterLab at the repository root, on the first chapter, with the project's server settings in
# jupyter/ (notebooks are saved without outputs) besides the user's own.
lab: $(BIN)/.installed
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" notebooks/decision-making.ipynb

clean:
	rm -rf _build

# The lock: every package (pip itself included) that requirements.txt brings in, at the newest
# releases it allows, as a clean virtualenv installs them.
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet --upgrade pip && \
	"$$tmp/bin/python" -m pip install --quiet -r requirements.txt && \
	"$$tmp/bin/python" -m pip check && \
	"$$tmp/bin/python" -m pip freeze --all > "$$tmp/constraints.txt" && \
	mv "$$tmp/constraints.txt" constraints.txt
