"""What a JupyterLab user relies on: the loader sees edits without a restart, a data error reads as
one line, the prose's expressions are glued for the book, and saving keeps outputs out of git."""

import shutil

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
