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
    """The chapter's opening box of key judgments, as MyST Markdown (the book and JupyterLab both
    render it), in the ICD 203 form: the proposition, then its likelihood (term and band) and its
    confidence (level and reason) in sentences of their own."""
    scale = load()["estimative_scale"].set_index("term")
    from IPython.display import Markdown

    items = "\n".join(
        f"- {j.judgment}\n  *Likelihood:* {j.likelihood} ({scale.at[j.likelihood, 'low_pct']}–"
        f"{scale.at[j.likelihood, 'high_pct']} %). *Confidence:* {j.confidence}. {j.reason}"
        for j in frame.itertuples()
    )
    return Markdown(f":::{{admonition}} Key judgments\n:class: important\n{items}\n:::")


def coherent(terms: list[str]) -> bool:
    """Whether likelihood terms for mutually exclusive, exhaustive hypotheses can add up to
    certainty: the lower ends of their bands sum to at most 100 % and the upper ends to at least 100 %."""
    scale = load()["estimative_scale"].set_index("term")
    return bool(scale.loc[terms, "low_pct"].sum() <= 100 <= scale.loc[terms, "high_pct"].sum())
