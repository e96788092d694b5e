"""The goals chapter: pressures, positions and goals in the article's words, with who voices them."""

from __future__ import annotations

import pandas as pd

from .data import labels
from .sourcing import SOURCING, voiced
from .style import esc, wrap


def hover_text(frame: pd.DataFrame, heading: str) -> list[str]:
    """Escaped hover label per row: the heading column, the article's words, who and how, where, the note."""
    return [
        f"<b>{esc(r[heading])}</b><br>\u201c{wrap(r['wording'], 70)}\u201d<br>"
        f"{esc(r['voice'])}: {esc(SOURCING[r['sourcing']][0])}<br>"
        f"paragraph {r['paragraph']} of the article; "
        + ", ".join(esc(r[c]) for c in ("statement_id", "claim_id") if c in r and not pd.isna(r[c]))
        + ("" if pd.isna(r.get("note")) else f"<br><i>{wrap(r['note'], 70)}</i>")
        for r in frame.to_dict("records")
    ]


def then_and_now(positions: pd.DataFrame, years: tuple[int, int] = (2019, 2025)) -> pd.DataFrame:
    """Topic by topic, what each year's positions say, in the article's words with who voices them.

    `positions` must carry the columns `attribute` adds. Topics follow the order of the topic
    categories when the column is categorical; a year with nothing on a topic reads 'nothing in the article'.
    """
    topics = positions["topic"]
    order = topics.cat.categories if hasattr(topics, "cat") else list(dict.fromkeys(topics))
    rows, kinds, topics = [], labels("positions", "kind"), labels("positions", "topic")
    for topic in order:
        row = {"topic": topics.get(topic, topic)}
        for year in years:
            here = positions[(positions["topic"] == topic) & (positions["year"] == year)]
            row[str(year)] = "  \u25aa  ".join(
                f"{kinds[p.kind]}: \u201c{p.wording}\u201d ({voiced(p.voice, p.sourcing)})"
                for p in here.itertuples()
            ) or "nothing in the article"
        if any(row[str(y)] != "nothing in the article" for y in years):
            rows.append(row)
    return pd.DataFrame(rows, columns=["topic", *map(str, years)])


def voices_per_item(frame: pd.DataFrame, item: str) -> pd.Series:
    """How many distinct voices name each item, most first (ties keep the frame's order)."""
    counts = frame.groupby(item, sort=False, observed=True)["voice"].nunique()
    return counts.sort_values(ascending=False, kind="stable")
