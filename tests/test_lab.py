"""What a JupyterLab user relies on: the loader sees edits without a restart, a data error reads as
one line, the prose's expressions are glued for the book, and saving keeps outputs out of git."""

import shutil

import nbformat
import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

import talks
from conftest import ROOT

JUPYTER_CONFIG = ROOT / "jupyter" / "jupyter_server_config.py"


def test_load_reads_the_tables_again_after_an_edit(tmp_path):
    """Run All after an edit shows the change, or the error, without restarting the kernel."""
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    sources = data / "sources.csv"
    text = sources.read_text(encoding="utf-8")
    before = talks.load(data)["sources"]
    assert talks.load(data)["sources"] is before  # unchanged files: the cached tables

    old = "The book's primary source;"
    assert old in text
    sources.write_text(text.replace(old, "The book's one primary source;", 1), encoding="utf-8")
    after = talks.load(data)["sources"]
    assert after.note.str.contains("The book's one primary source;", regex=False).any()
    assert not after.note.str.contains(old, regex=False).any()

    sources.write_text(text.replace("newarab-2025-04-11,", "newarab-2025-04-11 ,", 1), encoding="utf-8")
    with pytest.raises(talks.DataError, match="sources.csv, row 2, field 'source_id'"):
        talks.load(data)


def test_a_data_error_shows_in_ipython_as_its_one_line_message(capsys):
    shell = InteractiveShell()
    shell.run_cell("from talks import DataError\n"
                   "raise DataError('events.csv', 8, 'date', \"'04/02/2025' is not a date\")")
    shown = capsys.readouterr().out.strip()
    assert shown == "DataError: data/events.csv, row 8, field 'date': '04/02/2025' is not a date"


def notebook_with_prose(tmp_path, text: str):
    path = tmp_path / "chapter.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("x")])
    nbformat.write(nb, str(path))
    return path


def test_glue_prose_glues_each_expression_of_the_prose_under_its_text(tmp_path, monkeypatch):
    import myst_nb

    path = notebook_with_prose(tmp_path, "{eval}`n` items, {eval}`names[0]`'s and {eval}`n` again; `n`")
    assert talks.prose_expressions(path) == ["n", "names[0]"]
    glued = []
    monkeypatch.setattr(myst_nb, "glue", lambda key, value, display: glued.append((key, value, display)))
    talks.glue_prose(path, {"n": 3, "names": ["Iran's view"]})
    assert glued == [("n", 3, False), ("names[0]", "Iran's view", False)]


@pytest.mark.parametrize("value", [np.int64(3), 2.5, True, "a\\b", 'both " and \'', None])
def test_glue_prose_refuses_what_jupyterlab_would_show_differently(tmp_path, value):
    path = notebook_with_prose(tmp_path, "The count is {eval}`n`.")
    with pytest.raises(TypeError, match=r"\{eval\}`n` in chapter.ipynb"):
        talks.glue_prose(path, {"n": value})


def test_counts_read_as_prose():
    assert [talks.counted(n, "quotation") for n in (0, 1, 2, 25)] == [
        "no quotations", "one quotation", "two quotations", "25 quotations"]
