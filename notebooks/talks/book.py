"""What the book needs from a notebook to show its prose as JupyterLab shows it.

Numbers and names in a notebook's prose are MyST inline expressions, ``{eval}`n_offers```, which
JupyterLab (with jupyterlab-myst) evaluates in the kernel when the Markdown cell runs. The book
runs notebooks without a live kernel at render time, so each notebook's last cell calls
`glue_prose`, and the book's ``{eval}`` role (``_ext/notebook_text.py``) pastes what it glued.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: An inline expression of MyST Markdown.
EXPRESSION = re.compile(r"\{eval\}`([^`]+)`")


def prose_expressions(notebook: str | Path) -> list[str]:
    """Every ``{eval}`` expression in a notebook's Markdown cells, once each, in order."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = (EXPRESSION.findall("".join(c["source"])) for c in cells if c["cell_type"] == "markdown")
    return list(dict.fromkeys(e for exprs in found for e in exprs))


def glue_prose(notebook: str | Path, namespace: dict) -> None:
    """Evaluate each ``{eval}`` expression of the notebook's prose in `namespace` (the notebook's
    globals) and glue its value under the expression's text, for the book.

    A value must be an int or a str; anything else would read differently in the two, so it raises
    TypeError. (JupyterLab shows a str's repr with the quotes taken off, so a text holding both
    kinds of quotation mark shows its escapes there; the book shows the text itself.)
    """
    from myst_nb import glue

    for expression in prose_expressions(notebook):
        value = eval(expression, namespace)  # as the kernel evaluates it for JupyterLab
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"{{eval}}`{expression}` in {Path(notebook).name} is {value!r} "
                            f"({type(value).__name__}): the prose takes an int or a plain str")
        glue(expression, value, display=False)
