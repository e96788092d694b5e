# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
# Both create (or reuse) the virtualenv .venv and install the pinned requirements into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test pdf bench lab clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
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

# The whole book as one PDF, _build/pdf/killing-time-or-genuine-approach.pdf; the site then links it.
pdf: $(BIN)/.installed
	@$(NEED_CHROMIUM)
	@$(NEED_POPPLER)
	$(BIN)/python pdf/book_pdf.py

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/build.py

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf _build
