"""Key judgments: each with a term of the book's estimative scale and a confidence level."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .data import load

if TYPE_CHECKING:
    from IPython.display import Markdown

CONFIDENCE_LEVELS = ("low", "moderate", "high")


def judgments(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Key judgments as a table: (judgment, estimative term, confidence, reason) per row.

    The term must come from the book's estimative scale and the confidence must be
    low, moderate or high; anything else raises ValueError.
    """
    terms = list(load()["estimative_scale"].term)
    frame = pd.DataFrame(rows, columns=["judgment", "likelihood", "confidence", "reason"])
    for row in frame.itertuples():
        if row.likelihood not in terms:
            raise ValueError(f"'{row.likelihood}' is not a term of the estimative scale: {terms}")
        if row.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"'{row.confidence}' is not one of {CONFIDENCE_LEVELS}")
    return frame


def judgments_md(frame: pd.DataFrame) -> Markdown:
    """Key judgments as a Markdown list for the chapter's opening box."""
    from IPython.display import Markdown

    return Markdown("\n".join(
        f"- **{j.likelihood.capitalize()}** ({j.confidence} confidence): {j.judgment} "
        f"*Why this confidence:* {j.reason}"
        for j in frame.itertuples()
    ))
