"""The what-happened-next chapter: the later record, each event with all its sources."""

from __future__ import annotations

import pandas as pd

from .sourcing import source_label


def later_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events after 12 April 2025 (period 'after'), in date order, with their confidence and sources.

    One row per event: its fields (without period and paragraph) plus `source_ids`, `publishers`
    (as readers see them, reposts and headlines marked) and `urls`, the main source first and then
    the further sources of event_sources, each joined with '; '. Raises ValueError when a source of
    a later event has no URL.
    """
    events = tables["events"]
    later = events[events["period"] == "after"]
    sources = tables["sources"].set_index("source_id")
    further = tables["event_sources"].groupby("event_id", sort=False)["source_id"].agg(list)
    ids = [list(dict.fromkeys([main, *further.get(event_id, [])]))
           for event_id, main in zip(later["event_id"], later["source_id"], strict=True)]
    for event_id, group in zip(later["event_id"], ids, strict=True):
        if any(pd.isna(sources.at[s, "url"]) for s in group):
            raise ValueError(f"event {event_id} has a source without a URL")
    frame = later.drop(columns=["period", "paragraph"]).assign(
        source_ids=["; ".join(group) for group in ids],
        publishers=["; ".join(source_label(sources.loc[s]) for s in group) for group in ids],
        urls=["; ".join(sources.loc[group, "url"]) for group in ids],
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
