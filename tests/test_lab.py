"""What a JupyterLab user relies on: the loader sees edits without a restart, a data error reads as
one line, the prose's expressions are glued for the book, and saving keeps outputs out of git."""

import json
import os
import runpy
import shutil
import subprocess
import sys

import nbformat
import numpy as np
import pytest
import yaml
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


@pytest.mark.parametrize("value", [np.int64(3), 2.5, True, None])
def test_glue_prose_refuses_what_is_not_an_int_or_a_str(tmp_path, value):
    path = notebook_with_prose(tmp_path, "The count is {eval}`n`.")
    with pytest.raises(TypeError, match=r"\{eval\}`n` in chapter.ipynb"):
        talks.glue_prose(path, {"n": value})


def test_counts_read_as_prose():
    assert [talks.counted(n, "quotation") for n in (0, 1, 2, 25)] == [
        "no quotations", "one quotation", "two quotations", "25 quotations"]


def test_saving_from_jupyterlab_drops_outputs(tmp_path):
    """The pre-save hook of `make lab`'s Jupyter settings (the browser test shows it at work)."""
    config = type("Config", (), {"ContentsManager": type("Section", (), {})()})()
    hook = runpy.run_path(str(JUPYTER_CONFIG), init_globals={"get_config": lambda: config})["strip_outputs"]
    assert config.ContentsManager.pre_save_hook is hook
    code = nbformat.v4.new_code_cell("1 + 1", execution_count=3, outputs=[
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)])
    prose = nbformat.v4.new_markdown_cell("{eval}`n`", metadata={"user_expressions": [
        {"expression": "n", "result": {"status": "ok", "data": {"text/plain": "3"}}}], "tags": ["x"]})
    model = {"type": "notebook", "content": json.loads(nbformat.writes(
        nbformat.v4.new_notebook(cells=[code, prose])))}
    hook(model=model, path="chapter.ipynb", contents_manager=None)
    code_cell, prose_cell = model["content"]["cells"]
    assert code_cell["outputs"] == [] and code_cell["execution_count"] is None
    assert prose_cell["metadata"] == {"tags": ["x"]}
    text = {"type": "file", "content": "not a notebook"}
    hook(model=text, path="notes.txt", contents_manager=None)
    assert text == {"type": "file", "content": "not a notebook"}


def test_committed_notebooks_carry_what_jupyterlab_writes():
    """No outputs, no stored expression values, and the kernelspec and language_info JupyterLab
    writes, so that a notebook is not "dirty" as soon as it opens."""
    from ipykernel.ipkernel import IPythonKernel

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert not [c for c in nb.cells if "user_expressions" in c.metadata], path.name
        assert nb.metadata.kernelspec == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                          "name": "python3"}, path.name
        info = dict(nb.metadata.language_info)
        assert info.pop("version").startswith("3."), path.name
        kernel = {k: v for k, v in IPythonKernel.language_info.items() if k != "version"}
        assert info == kernel, path.name


def test_make_lab_opens_the_first_chapter_at_the_root():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    first = toc["parts"][0]["chapters"][0]["file"]
    command = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    assert f'JUPYTER_CONFIG_PATH="{ROOT}/jupyter' in command
    assert f'jupyter lab --ServerApp.root_dir="{ROOT}" {first}.ipynb' in command


def test_a_notebook_moved_out_of_notebooks_says_how_to_fix_the_import(tmp_path):
    lines = nbformat.read(ROOT / "notebooks" / "goals.ipynb", as_version=4).cells[1].source.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("import talks"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    shown = subprocess.run([sys.executable, "-m", "IPython", "--no-banner", "--colors=nocolor",
                            "-c", "\n".join(lines[:end + 1])],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert "ModuleNotFoundError: No module named 'talks'" in shown
    assert "run this notebook from notebooks/, or put that folder on sys.path" in shown


def test_glue_prose_takes_any_text_data_can_hold(tmp_path, monkeypatch):
    """Text from the data may hold backslashes and both kinds of quotation mark (the hostile-input
    test plants them): the book shows it as it is."""
    import myst_nb

    path = notebook_with_prose(tmp_path, "The text is {eval}`t`.")
    glued = []
    monkeypatch.setattr(myst_nb, "glue", lambda key, value, display: glued.append(value))
    talks.glue_prose(path, {"t": 'both " and \' and a\\b'})
    assert glued == ['both " and \' and a\\b']
