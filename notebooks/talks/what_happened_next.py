"""The what-happened-next chapter: the later record, each event with all its sources."""

from __future__ import annotations

import pandas as pd

from .sourcing import events_with_sources


def later_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events after 12 April 2025 (period 'after'), in date order, each with its confidence and all
    its sources (see `events_with_sources`)."""
    return events_with_sources(tables, "after")
