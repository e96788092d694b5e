"""Chart builders more than one chart uses: traces per camp, the dot matrix, and their alt text."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go

from .data import labels
from .sourcing import SOURCING, voiced
from .style import (
    BAND,
    CAMPS,
    CATEGORY_COLOURS,
    DIVIDER,
    KEY_GREY,
    PHONE_ENTRY,
    ROW_CONFIDENCE_MARKERS,
    count_phrase,
    esc,
    lower_first,
    phone,
    phone_title,
    upper_first,
    when,
    wrap,
)


def camp_groups(frame: pd.DataFrame) -> Iterator[tuple[str, str, str, pd.DataFrame]]:
    """(camp's label, colour, marker, rows) for each camp that has rows in `frame`, in the palette's order."""
    names = labels("actors", "camp")
    for camp, (colour, marker) in CAMPS.items():
        rows = frame[frame["camp"] == camp]
        if not rows.empty:
            yield names[camp], colour, marker, rows


def cell_positions(cells: list[tuple[str, str]], rows: list[str]
                   ) -> tuple[list[float], dict[str, tuple[float, float]], float]:
    """Lay out (column, row) cells of a dot matrix so that dots sharing a cell stack without overlap.

    Each row is as tall as its fullest cell (one unit per dot, at least one). Returns the
    vertical position of every dot (in the order given), the (top, bottom) span of every row,
    and the total height in units; positions grow downwards from 0.
    """
    counts: dict[tuple[str, str], int] = {}
    for cell in cells:
        counts[cell] = counts.get(cell, 0) + 1
    spans, top = {}, 0.0
    for row in rows:
        size = max([n for (_, r), n in counts.items() if r == row], default=1)
        spans[row], top = (top, top + size), top + size
    seen: dict[tuple[str, str], int] = {}
    positions = []
    for cell in cells:
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        start, end = spans[cell[1]]
        positions.append((start + end) / 2 + k - (counts[cell] - 1) / 2)
    return positions, spans, top


def dot_matrix(frame: pd.DataFrame, x: str, y: str, x_order: list[str], y_order: list[str], title: str,
               text: str | None = None, group: str | None = None) -> go.Figure:
    """A matrix of dots: columns `x`, rows `y`; colour by `camp`, marker by `sourcing`, hover from `hover`.

    With `text`, each dot carries that label to its right. With `group`, rows sharing a
    group sit in one shaded band named on the right. Raises ValueError for a value missing
    from `x_order` or `y_order`.
    """
    if not set(frame[x]) <= set(x_order) or not set(frame[y]) <= set(y_order):
        raise ValueError(f"every value of {x} and {y} must be in x_order and y_order")
    ys, spans, height = cell_positions(list(zip(frame[x], frame[y], strict=True)), y_order)
    centres = {v: (a + b) / 2 for v, (a, b) in spans.items()}
    shift = 0.45 if text else 0.0
    shown = frame.assign(_x=[x_order.index(v) - shift for v in frame[x]], _y=ys)
    fig = go.Figure()
    legend, keys = [], []  # the legend's entries, and their names
    for camp, colour, _, rows in camp_groups(shown):
        fig.add_trace(go.Scatter(
            x=rows["_x"], y=rows["_y"], mode="markers+text" if text else "markers", showlegend=False,
            marker=dict(color=colour, size=15, symbol=[SOURCING[k][1] for k in rows["sourcing"]]),
            text=[wrap(t, 24) for t in rows[text]] if text else None, textposition="middle right",
            textfont=dict(size=12), cliponaxis=False,
            customdata=rows["hover"], hovertemplate="%{customdata}<extra></extra>",
        ))
        legend.append(go.Scatter(x=[None], y=[None], mode="markers", name=esc(camp), legend="legend",
                                 marker=dict(color=colour, size=12, symbol="square")))
        keys.append(camp)
    for key, (label, symbol) in SOURCING.items():
        if key in set(shown["sourcing"]):
            legend.append(go.Scatter(
                x=[None], y=[None], mode="markers", name=esc(label), legend="legend2",
                marker=dict(color=KEY_GREY, size=12, symbol=symbol),
            ))
            keys.append(label)
    fig.add_traces(legend)
    for i in range(1, len(x_order)):
        fig.add_vline(x=i - 0.5, line=dict(color=DIVIDER, width=1))
    bands = []  # on a phone, each band's name sits inside the plot, at the band's top right
    if group:
        groups = frame.drop_duplicates(y).set_index(y)[group].astype(str)
        for n, name in enumerate(dict.fromkeys(groups[v] for v in y_order)):
            members = [v for v in y_order if groups[v] == name]
            top, bottom = spans[members[0]][0], spans[members[-1]][1]
            fig.add_hrect(y0=top, y1=bottom, line_width=0, layer="below",
                          fillcolor=BAND if n % 2 == 0 else "rgba(0,0,0,0)")
            fig.add_annotation(x=1.0, xref="paper", xanchor="left", y=(top + bottom) / 2, showarrow=False,
                               text=f"<b>{esc(name)}</b>", font=dict(size=13))
            bands.append(dict(x=1.0, xref="paper", xanchor="right", y=top, yanchor="top", showarrow=False,
                              text=f"<b>{esc(name)}</b>", font=dict(size=11)))
    fig.update_xaxes(tickvals=list(range(len(x_order))), ticktext=[wrap(v, 16) for v in x_order],
                     tickangle=0, range=[-0.5, len(x_order) - 0.5], side="top", showgrid=False, title=None)
    fig.update_yaxes(tickvals=[centres[v] for v in y_order], ticktext=[wrap(v, 24) for v in y_order],
                     range=[height, 0], showgrid=False, title=None)
    # Height: title and column heads, about 44 px per row unit, and room below for the two legends
    # (camps three to a line, one line per kind of sourcing).
    n_kinds = len(set(shown["sourcing"]))
    legends = 70 + 21 * (-(-(len(legend) - n_kinds) // 3)) + 21 * n_kinds
    fig.update_layout(
        title=esc(title), height=int(150 + 44 * height + legends), margin=dict(t=130, r=90 if group else 20),
        legend=dict(title_text="Camp of the voice", orientation="h", x=0, y=-0.03, yanchor="top",
                    entrywidth=0.33, entrywidthmode="fraction"),
        legend2=dict(title_text="How it is known", orientation="h", x=0, y=0, yref="container",
                     yanchor="bottom", entrywidth=1, entrywidthmode="fraction"),
    )
    # On a phone the dots go without their words (a tap shows them; the tables hold them), centred
    # in their columns, under shorter heads and row labels; the camps two to a line.
    dots = [{"mode": "markers", "x": [v + shift for v in trace.x]} for trace in fig.data[:-len(legend)]]
    _, title_lines = phone_title(esc(title))
    phone_legends = 60 + 19 * (-(-(len(legend) - n_kinds) // 2)) + 19 * n_kinds
    phone(fig, traces=dots + [{"name": wrap(key, 34)} for key in keys],
          height=int(40 + 19 * title_lines + 60 + 44 * height + phone_legends),
          margin={"t": 20 + 19 * title_lines + 50, "r": 16},
          xaxis={"ticktext": [wrap(v, 10) for v in x_order], "tickfont": {"size": 11}},
          yaxis={"ticktext": [wrap(v, 18) for v in y_order], "tickfont": {"size": 11}},
          legend={"xref": "paper", "yref": "paper", "y": -0.02, "yanchor": "top", "entrywidth": PHONE_ENTRY},
          legend2={"xref": "container", "entrywidth": 0, "entrywidthmode": "pixels", "title": {"side": "top"},
                   "font": {"size": 11}},
          **({"annotations": bands} if bands else {}))
    return fig


def who_names_what(frame: pd.DataFrame, item: str, voices: list[str], noun: str) -> str:
    """Alt text: for each voice in turn, how many of all the items it names, and which.

    `frame` must carry `voice` and `sourcing` (as `attribute` adds them); a named source whose
    rows the article relays is marked as relayed.
    """
    total = frame[item].nunique()
    sentences = []
    for voice in voices:
        rows = frame[frame["voice"] == voice]
        kinds = set(rows["sourcing"])
        who = f"{voice}, as the article relays it," if kinds == {"named_source"} else voice
        items = [lower_first(str(i)) for i in dict.fromkeys(rows[item])]
        sentences.append(f"{who} names {len(items)} of the {total} {noun}: {'; '.join(items)}.")
    return " ".join(sentences)


def matrix_alt(frame: pd.DataFrame, x: str, y: str, x_order: list[str], y_order: list[str],
               text: str | None = None) -> str:
    """Alt text for a dot matrix, column by column, rows in order, each with who voices it.

    Without `text`, each row lists its voices once; with `text`, each dot is listed by its
    label. `frame` must carry `voice` and `sourcing`; each voice is named as `voiced` names it.
    """
    sentences = []
    for column in x_order:
        in_column = frame[frame[x] == column]
        rank = [y_order.index(v) for v in in_column[y]]
        here = in_column.iloc[sorted(range(len(rank)), key=rank.__getitem__)]
        if text:
            entries = [f"\u201c{t}\u201d ({voiced(v, k)})"
                       for t, v, k in zip(here[text], here["voice"], here["sourcing"], strict=True)]
        else:
            entries = []
            for row in dict.fromkeys(here[y]):
                dots = here[here[y] == row]
                pairs = zip(dots["voice"], dots["sourcing"], strict=True)
                who = dict.fromkeys(voiced(v, k) for v, k in pairs)
                entries.append(f"{row} ({', '.join(who)})")
        sentences.append(upper_first(f"{column}: {'; '.join(entries) or 'nothing'}."))
    return " ".join(sentences)


def event_timeline(events: pd.DataFrame, title: str) -> go.Figure:
    """Dated events on one timeline: a row and a colour per category, a marker per confidence level,
    and hover text with the date as precise as it is known, the description and the sources.

    `events` carries the fields of events and `publishers`, as `events_with_sources` gives them;
    undated events cannot be placed and are left out.
    """
    dated = events.dropna(subset=["date"])
    categories = [c for c in dated["category"].cat.categories if c in set(dated["category"])]
    names, formats = labels("events", "category"), labels("events", "format")
    fig = go.Figure()
    short = []  # on a phone the legend says "diplomacy, high"
    for category in categories:
        for level in dated["confidence"].cat.categories[::-1]:
            rows = dated[(dated["category"] == category) & (dated["confidence"] == level)]
            if rows.empty:
                continue
            short.append({"name": f"{names[category]}, {level}"})
            fig.add_trace(go.Scatter(
                x=rows["date"], y=[names[category]] * len(rows), mode="markers",
                name=f"{names[category]} ({level} confidence)",
                marker=dict(color=CATEGORY_COLOURS[category], symbol=ROW_CONFIDENCE_MARKERS[level], size=12,
                            line_width=1.5),
                customdata=[
                    f"<b>{esc(e.title)}</b> · {when(e.date, e.date_precision)}<br>"
                    f"{wrap(e.description, 70)}<br>"
                    + (f"Format: {formats[e.format]}<br>" if isinstance(e.format, str) else "")
                    + f"Confidence: {e.confidence}<br>Sources: {wrap(e.publishers, 70)}"
                    for e in rows.itertuples()
                ],
                hovertemplate="%{customdata}<extra></extra>",
            ))
    fig.update_yaxes(categoryorder="array", categoryarray=[names[c] for c in categories][::-1], title=None)
    fig.update_layout(title=esc(title), xaxis_title=None, legend_title_text="Category and confidence",
                      height=480)
    # On a phone the short names stand two to a line.
    return phone(fig, traces=short, height=480 + 19 * (-(-len(short) // 2) + 3),
                 legend={"entrywidth": PHONE_ENTRY})


def timeline_alt(events: pd.DataFrame, list_up_to: int = 12) -> str:
    """Alt text for `event_timeline`: every event with its date, or, beyond `list_up_to` events,
    each category's count, span and confidence levels."""
    dated = events.dropna(subset=["date"]).sort_values("date", kind="stable")
    first, last = dated.iloc[0], dated.iloc[-1]
    levels = list(dated["confidence"].cat.categories[::-1])
    head = (f"Timeline of {len(dated)} events from {when(first.date, first.date_precision)} to "
            f"{when(last.date, last.date_precision)}")
    if len(dated) <= list_up_to:
        return head + ": " + "; ".join(
            f"{e.title} ({when(e.date, e.date_precision)}, {e.category}, {e.confidence} confidence)"
            for e in dated.itertuples()) + "."
    def month(e) -> str:
        return when(e.date, e.date_precision if e.date_precision == "year" else "month")

    parts = []
    for category in dated["category"].cat.categories:
        rows = dated[dated["category"] == category]
        if len(rows):
            start, end = month(rows.iloc[0]), month(rows.iloc[-1])
            span = f"in {start}" if start == end else f"from {start} to {end}"
            levels_here = count_phrase(rows.confidence, levels)
            parts.append(f"{category}, {len(rows)} {span} ({levels_here} confidence)")
    return head + ", by category: " + "; ".join(parts) + "."
