"""Shared paths and fixtures for the tests."""

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import talks
from serve import serve
from talks.schema import typed_column

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "sources" / "new-arab-2025-04-11-what-does-iran-seek.txt"
NOTES = ROOT.parent / "shared" / "reference" / "timeline-research.md"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
HEADINGS = {"Who gave the order to negotiate?", "What is Iran hoping to gain through negotiations?",
            "Is Iran buying time?"}
REDIRECT = 'http-equiv="Refresh"'  # the site's root index.html only redirects to the landing page
#: The book's charts: data-and-method 1, decision-making 3, goals 3, hardliners 2, synthesis 2,
#: what-happened-next 2.
CHARTS = 13
#: For page.evaluate: opens every fold of a page (talks.table folds long tables, and the codebook
#: folds each table's fields), so that a check sees the tables in them as a reader who opens them.
OPEN_FOLDS = "() => document.querySelectorAll('details.book-fold').forEach(d => { d.open = true; })"


def shared_text(path: Path, what: str) -> str:
    """A text from ../shared; skipped where that folder is not beside the clone, a failure in CI."""
    if not path.exists():
        message = f"{what} is not at {path} (it sits in ../shared beside the project)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must check the sourcing against it")
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article() -> str:
    """The primary article's text."""
    return shared_text(ARTICLE, "the article text")


@pytest.fixture(scope="session")
def notes() -> str:
    """The research notes on later events."""
    return shared_text(NOTES, "the research notes")


@pytest.fixture(scope="session")
def paragraphs(article) -> list[str]:
    """The article's body paragraphs as the codebook numbers them: from 'A sudden change…' on,
    section headings left out."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("A sudden change"))
    return [line for line in lines[start:] if line not in HEADINGS]


@pytest.fixture(scope="session")
def tables() -> dict[str, pd.DataFrame]:
    """The data package, loaded and checked once for the session."""
    return talks.load()


@functools.cache
def schema_fields() -> dict[str, dict[str, dict]]:
    """Every field of the schema, by table and field name."""
    resources = talks.load_package()["resources"]
    return {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in resources}


def mini(table: str, **columns: list) -> pd.DataFrame:
    """A small hand-made table, each column typed as the loader types that field of the schema
    (categories in the schema's order, dates as datetimes). A column the table does not have
    raises KeyError; a value outside the field's enum raises ValueError."""
    frame = {}
    for name, values in columns.items():
        field = schema_fields()[table][name]
        enum = field.get("constraints", {}).get("enum", [])
        outside = [v for v in values if enum and v is not None and v not in enum]
        if outside:
            raise ValueError(f"{table}.{name}: {outside} not in {enum}")
        frame[name] = typed_column(field, values)
    return pd.DataFrame(frame)


def enum(table: str, field: str) -> list:
    """The allowed values of a field, in the schema's order."""
    return schema_fields()[table][field]["constraints"]["enum"]


def build_book(root: Path) -> subprocess.CompletedProcess:
    """Build the book in `root` with warnings as errors, as `make book` does."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", str(root)],
        cwd=root, capture_output=True, text=True, timeout=900,
    )


def built(root: Path) -> Path:
    """Build the book in `root` and return its site folder; fails the test with the build's log."""
    result = build_book(root)
    if result.returncode != 0:
        pytest.fail(f"the book build failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return root / "_build" / "html"


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The project's book, built once per test session."""
    return built(ROOT)


def copy_project(dest: Path) -> Path:
    """Copy the book's sources (no build output) to `dest`, keeping ../shared beside it."""
    ignore = shutil.ignore_patterns("_build", ".venv", ".git", "node_modules", "__pycache__", ".*_cache")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def page_content(page: Path) -> str:
    """The main content of a built page, without the theme's chrome."""
    html = page.read_text(encoding="utf-8")
    return html[html.index('<article class="bd-article">'):html.index("</article>")]


@pytest.fixture(scope="session")
def second_build(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the project built clean, independently of built_book: the copy, and the content of
    each chapter page right after that build. Tests that change the copy and rebuild it share it
    (a chapter edit, the hostile data), so that no test pays for a clean build of its own."""
    book = copy_project(tmp_path_factory.mktemp("second") / "book")
    site = built(book)
    return book, {p.name: page_content(p) for p in sorted((site / "notebooks").glob("*.html"))}


def notebook_cells(path: Path) -> list[dict]:
    """A notebook's cells as plain JSON, each with its source joined into one string."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [{**cell, "source": "".join(cell["source"])} for cell in cells]


def chromium_path() -> str:
    """Debian's Chromium; skipped outside CI when missing, a failure in CI."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("chromium is not installed (`make test` installs it with apt-get)")
    return path


@pytest.fixture(scope="module")
def site(built_book):
    """The built book served locally: (base URL, site folder)."""
    with serve(built_book) as base:
        yield base, built_book


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


def pages(root: Path) -> list[str]:
    """Every HTML page of the book (redirect stubs left out), as paths relative to the site root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if "_static" not in p.parts and REDIRECT not in p.read_text(encoding="utf-8")[:300])


def chart_pages(root: Path) -> list[str]:
    """The pages of the book that draw a chart."""
    return [path for path in pages(root) if "plotly-graph-div" in (root / path).read_text(encoding="utf-8")]


def visit(browser, url: str):
    """Open a page, recording every request it makes; return the page and the requests."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # let late requests (fonts, lazy scripts) show up
    return page, requests, errors
