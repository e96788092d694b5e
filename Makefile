# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
# Both create (or reuse) the virtualenv .venv and install into it exactly the packages locked in
# constraints.txt; `make lock` regenerates that lock from requirements.txt (see the README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test bench lab clean lock

# A fresh virtualenv whenever the requirements or the lock change, so it holds the locked set only.
$(BIN)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

book: $(BIN)/.installed
	$(BIN)/jupyter-book build -W -n --keep-going .

# The page tests drive Debian's Chromium; install it when it is missing.
test: $(BIN)/.installed
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/build.py

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
