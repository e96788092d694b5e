"""Shared paths and fixtures for the tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "sources" / "new-arab-2025-04-11-what-does-iran-seek.txt"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


@pytest.fixture(scope="session")
def article() -> str:
    """The primary article's text; skips where ../shared is not beside the clone."""
    if not ARTICLE.exists():
        pytest.skip(f"the article text is not at {ARTICLE} (it sits in ../shared beside the project)")
    return ARTICLE.read_text(encoding="utf-8")


def build_book(root: Path) -> subprocess.CompletedProcess:
    """Build the book in `root` with warnings as errors, as `make book` does."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", str(root)],
        cwd=root, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The project's book, built once per test session; fails with the build's log."""
    result = build_book(ROOT)
    if result.returncode != 0:
        pytest.fail(f"the book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return ROOT / "_build" / "html"


def copy_project(dest: Path) -> Path:
    """Copy the book's sources (no build output) to `dest`, keeping ../shared beside it."""
    ignore = shutil.ignore_patterns("_build", ".venv", ".git", "node_modules", "__pycache__", ".*_cache")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def chromium_path() -> str:
    """Debian's Chromium; skipped outside CI when missing, a failure in CI."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("chromium is not installed (`make test` installs it with apt-get)")
    return path
