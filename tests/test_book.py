"""The book builds with warnings as errors, twice to the same pages, stays lint-clean, and never
shows stale results; its notebooks are committed clean and compute their alt text."""

import ast
import fcntl
import subprocess
import sys
import threading

import nbformat
import pytest
import yaml
from jupyter_cache.cache.main import CacheBundleIn

from book_build import OneWriterCache
from conftest import CHARTS, ROOT, built, notebook_cells, page_content


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


@pytest.mark.slow
def test_every_toc_page_is_built(built_book):
    for name in toc_files():
        assert (built_book / f"{name}.html").exists(), name


def test_notebooks_are_committed_without_outputs():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in notebook_cells(path):
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, f"{path.name} has outputs"


def literal(node) -> bool:
    """Whether an expression is text typed in the cell: string constants, however joined."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.BinOp):
        return literal(node.left) and literal(node.right)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    return False


def test_alt_text_is_computed_from_the_data():
    """No chart's alt text is typed by hand: every talks.alt(fig, text) computes its text."""
    calls = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in notebook_cells(path):
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse(cell["source"])):
                if isinstance(node, ast.Call) and ast.unparse(node.func) == "talks.alt":
                    calls += 1
                    assert not literal(node.args[1]), f"{path.name}: alt text typed by hand: {cell['source']}"
    assert calls == CHARTS


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_two_clean_builds_give_the_same_pages(built_book, second_build):
    """Reproducible outputs: a second, independent build of the same sources gives the same page
    content (the page chrome's asset version strings may differ between clean and cached builds)."""
    _, pages = second_build
    ours = sorted((built_book / "notebooks").glob("*.html"))
    assert sorted(p.name for p in ours) == sorted(pages)
    for page in ours:
        assert page_content(page) == pages[page.name], f"{page.name} differs between two builds"


@pytest.mark.slow
def test_a_chapter_edit_reaches_the_landing_page(second_build):
    """The landing page pastes each chapter's key judgments, which Sphinx does not track: the book's
    extension must re-read it when a chapter changes. (test_hostile checks that a data change
    reaches the pages.)"""
    book, _ = second_build
    chapter = book / "notebooks" / "decision-making.ipynb"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Khamenei authorised Iran's entry", "Khamenei approved Iran's entry"), encoding="utf-8")
    landing = (built(book) / "notebooks" / "index.html").read_text(encoding="utf-8")
    assert "Khamenei approved Iran" in landing and "Khamenei authorised Iran" not in landing


def test_parallel_workers_store_their_results_one_at_a_time(tmp_path):
    """A result waits to be stored while another is being stored (see OneWriterCache), then is."""
    cache = OneWriterCache(str(tmp_path / "cache"))
    assert cache.list_cache_records() == []
    notebook = tmp_path / "a.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebook)
    bundle = CacheBundleIn(nbformat.read(notebook, as_version=4), str(notebook))
    store = threading.Thread(target=cache.cache_notebook_bundle, args=(bundle,),
                             kwargs={"check_validity": False})
    with open(tmp_path / "cache" / OneWriterCache.LOCK, "w") as other_worker:
        fcntl.flock(other_worker, fcntl.LOCK_EX)
        store.start()
        store.join(1)
        assert store.is_alive() and cache.list_cache_records() == []
    store.join(10)
    assert [record.uri for record in cache.list_cache_records()] == [str(notebook)]
