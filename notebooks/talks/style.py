"""How the book looks: the palette, the plotly template and how charts are shown, and text for readers.

Importing this module registers the book's plotly template and, inside IPython, the display of
charts: the package's only import side effects.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from .data import fields, labels

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import HTML

# ---------------------------------------------------------------- palette (Okabe-Ito, colour-blind safe)

BLACK, BLUE, SKY, GREEN = "#000000", "#0072B2", "#56B4E9", "#009E73"
ORANGE, VERMILION, PURPLE, YELLOW, GREY = "#E69F00", "#D55E00", "#CC79A7", "#F0E442", "#999999"
#: Neutral tones: a legend key that carries no category, reference lines, marker outlines,
#: grid lines, the lines between columns and the shading of alternate bands.
KEY_GREY, REFERENCE_LINE, OUTLINE_GREY = "#777777", "#666666", "#333333"
GRID, DIVIDER, BAND = "rgba(128,128,128,0.25)", "rgba(128,128,128,0.35)", "rgba(128,128,128,0.12)"
#: Translucent blue for flows (the links of a Sankey diagram).
FLOW = "rgba(0,114,178,0.35)"

#: One colour and one marker per camp, the same in every chart.
CAMPS = {
    "leadership": (BLACK, "star"),
    "government": (BLUE, "circle"),
    "armed_forces": (GREEN, "square"),
    "hardline": (VERMILION, "diamond"),
    "commentator": (PURPLE, "triangle-up"),
    "united_states": (SKY, "hexagon"),
    "third_party": (ORANGE, "pentagon"),
    "media": (YELLOW, "cross"),
    "unattributed": (GREY, "x"),
}
#: The colour of each camp alone, for plotly's colour maps.
CAMP_COLOURS = {camp: colour for camp, (colour, _) in CAMPS.items()}
#: Colours for the stance scale, from favouring a deal to opposing talks.
STANCE_COLOURS = {"favours_agreement": BLUE, "conditional": SKY, "tactical": ORANGE, "opposed": VERMILION,
                  "unplaced": GREY}
#: One colour per category of event.
CATEGORY_COLOURS = {"diplomacy": BLUE, "military": VERMILION, "sanctions": ORANGE, "nuclear": PURPLE,
                    "domestic": GREEN, "regional": SKY, "media": GREY}
#: Colours for the result of an indicator, from borne out to not testable.
RESULT_COLOURS = {"observed": BLUE, "mixed": SKY, "not_observed": VERMILION, "not_testable": GREY}
#: Marker per confidence level of a data row (as the research notes grade it), so confidence
#: shows without colour.
ROW_CONFIDENCE_MARKERS = {"high": "circle", "medium": "circle-open", "low": "x-thin-open"}
#: Ink for whiskers and the fill of single-series bars.
INK, BAR = OUTLINE_GREY, SKY
#: The ACH heatmap's colour scale, from very inconsistent (vermillion) to very consistent (blue).
CONSISTENCY_SCALE = [[0, VERMILION], [0.25, "#F4B08A"], [0.5, "#F2F2F2"], [0.75, "#8CC3E8"], [1, BLUE]]

#: The book's template, over plotly_white's: its layout, and what every trace of a type starts with.
TEMPLATE = {
    "layout": {
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14},
        "colorway": list(CAMP_COLOURS.values())[1:],
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "hoverlabel": {"align": "left"},
        "xaxis": {"gridcolor": GRID, "zeroline": False},
        "yaxis": {"gridcolor": GRID, "zeroline": False},
    },
    # Every marker and bar is outlined, so that light colours (and their legend keys) show on white.
    "data": {trace: [{"marker": {"line": {"width": 1, "color": OUTLINE_GREY}}}]
             for trace in ("scatter", "bar")},
}


def merged(base: dict, patch: dict) -> dict:
    """`base` with `patch` laid over it, nested dictionaries merged key by key."""
    out = dict(base)
    for key, value in patch.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = merged(out[key], value) if both else value
    return out


def _book_template() -> dict:
    """plotly_white with TEMPLATE over it, as plotly's `merge_templates` gives it, merged as plain
    dictionaries (25 ms less an import) and registered, validated, once: plotly merges a template
    named "a+b" anew for every figure it makes (35 ms each)."""
    white = pio.templates["plotly_white"].to_plotly_json()
    data = dict(white["data"])
    for trace, (defaults,) in TEMPLATE["data"].items():
        (start,) = data[trace]  # plotly_white starts every trace type with one set of defaults
        data[trace] = [merged(start, defaults)]
    return {**white, "layout": merged(white["layout"], TEMPLATE["layout"]), "data": data}


pio.templates["book"] = _book_template()
pio.templates.default = "book"

# ---------------------------------------------------------------- the renderer

#: plotly.js options of every chart: no modebar (its buttons would take ten tab stops, one of them
#: an upload to plotly's cloud; a reader zooms a phone's screen, and the tables hold the data).
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
#: On a phone (see ``_ext/static/book-charts.js``), characters per line of a chart's title and
#: subtitle, and the type size.
PHONE_TITLE_CHARS, PHONE_SUBTITLE_CHARS, PHONE_FONT = 34, 46, 12
#: The width of a legend entry on a phone where two stand to a line (a narrower screen takes one).
PHONE_ENTRY = 165


def phone_title(title: str) -> tuple[str, int]:
    """A chart title ("Title<br><sup>subtitle</sup>", each part perhaps of several lines) broken
    into phone-width lines, and its number of lines."""
    main, _, sub = title.partition("<br>")
    main_lines = lines(main.split(), PHONE_TITLE_CHARS)
    sub_lines = [line for part in sub.removeprefix("<sup>").removesuffix("</sup>").split("<br>")
                 for line in lines(part.split(), PHONE_SUBTITLE_CHARS)]
    text = "<br>".join(main_lines) + ("<br><sup>" + "<br>".join(sub_lines) + "</sup>" if sub_lines else "")
    return text, len(main_lines) + len(sub_lines)


def phone_layout(figure: dict) -> dict:
    """What every chart changes on a phone: smaller type; the title in short lines; the legend
    below the plot, two entries to a line where they are short; margins that grow to fit the
    axis labels; the chart taller by what the title and the legend add. Then the chart's own
    changes (`phone`)."""
    layout = figure["layout"]
    title, count = phone_title((layout.get("title") or {}).get("text", ""))
    names = [trace.get("name") or "" for trace in figure["data"] if trace.get("showlegend") is not False]
    shown = layout.get("showlegend", len(names) > 1) is not False
    per_line = 2 if max(map(len, names), default=0) <= 18 else 1
    legend_lines = -(-len(names) // per_line) + 1 if shown else 0
    axes = {name: {"automargin": True} for name in dict.fromkeys(["xaxis", "yaxis", *layout])
            if name.startswith(("xaxis", "yaxis"))}
    height = layout.get("height", 450) + 19 * (count - 1) + 19 * legend_lines
    default = {
        "font": {"size": PHONE_FONT},
        "title": {"text": title, "font": {"size": 15}, "x": 0, "xanchor": "left", "xref": "container",
                  "yanchor": "top", "yref": "container", "pad": {"l": 4}},
        "margin": {"l": 4, "r": 8, "t": 24 + 19 * count, "b": 30},
        "height": height,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                   "y": 0, "yanchor": "bottom", "yref": "container", "title": {"side": "top"},
                   "font": {"size": 11}, "entrywidth": PHONE_ENTRY if per_line == 2 else 0,
                   "entrywidthmode": "pixels"},
        **axes,
    }
    out = merged(default, (layout.get("meta") or {}).get("phone", {}))
    # Anchored at its top, a title of several lines still starts a few pixels too high: 14 px down.
    out["title"]["y"] = 1 - 14 / out["height"]
    return out


def phone(fig: go.Figure, traces: list[dict | None] | None = None, **layout) -> go.Figure:
    """Give a chart its own changes for a phone: to its layout, over those every chart gets, and
    to its traces (`traces`: one change, or None, per trace, in order)."""
    meta = dict(fig.layout.meta or {})
    meta["phone"] = merged(meta.get("phone", {}), layout)
    if traces is not None:
        meta["phone_traces"] = traces
    return fig.update_layout(meta=meta)


#: The style of the box plotly.py draws a chart in (the first div of its HTML): height, then width.
BOX_STYLE = re.compile(r'<div (?P<style>style="height:[^";]+px; width:[^";]+;) ?"')


def chart_bundle(fig_dict: dict) -> dict:
    """How the book shows a chart: the plotly JSON (for JupyterLab) and an HTML div without plotly.js
    (for the book), labelled with the chart's alt text. Raises ValueError for a chart without alt text.

    The book serves plotly.js once for the whole site (see ``_ext/book_build.py``).
    The div id comes from the figure itself, so the same figure gives the same output.
    """
    meta = fig_dict.get("layout", {}).get("meta")
    text = meta.get("alt") if isinstance(meta, dict) else None
    if not text:
        raise ValueError("every chart needs alt text: call talks.alt(fig, '...') first")
    fig_dict["config"] = CHART_CONFIG
    fig_dict["layout"]["meta"] = {**meta, "phone": phone_layout(fig_dict)}
    bundle = {"application/vnd.plotly.v1+json": json.loads(pio.to_json(fig_dict, validate=False,
                                                                       remove_uids=False))}
    spec = json.dumps(bundle["application/vnd.plotly.v1+json"], sort_keys=True)
    div = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        validate=False,
        default_height="480px",
        div_id="fig-" + hashlib.sha256(spec.encode()).hexdigest()[:12],
        config=CHART_CONFIG,
    )
    label = html.escape(text, quote=True)
    # The alt text speaks for the chart: the SVG's own text is hidden from assistive technology.
    # Its box (the first div, which plotly.py gives the wide layout's height) carries the phone
    # layout's height too, which book.css gives it on a phone before the chart is drawn.
    phone_height = fig_dict["layout"]["meta"]["phone"]["height"]
    div, boxes = BOX_STYLE.subn(rf'<div aria-hidden="true" \g<style> --phone-height:{phone_height}px;"', div,
                                count=1)
    if not boxes:
        raise ValueError(f"plotly.py no longer draws a chart in a box of set height: {div[:200]}")
    bundle["text/html"] = (f'<div class="book-chart" role="group" aria-label="{label}">{div}</div>'
                           + chart_text(fig_dict))
    return bundle


#: The markup of hover text (plotly's subset of HTML) that the chart's text keeps.
HOVER_MARKUP = re.compile(r"(</?[bi]>|<br>)")


def _strings(value: object) -> list[str]:
    """Every non-empty string in a value, lists and arrays within it opened, in order."""
    if isinstance(value, str):
        return [value] if value else []
    if hasattr(value, "tolist"):
        value = value.tolist()
    return [text for item in value for text in _strings(item)] if isinstance(value, (list, tuple)) else []


def _hover_html(text: str) -> str:
    """Hover text as safe HTML: the book writes it escaped (`esc`) but for plotly's line breaks, bold
    and italics; those stay, and any other angle bracket is escaped, so no markup can enter."""
    parts = HOVER_MARKUP.split(text)
    return "".join(part if HOVER_MARKUP.fullmatch(part) else part.replace("<", "&lt;").replace(">", "&gt;")
                   for part in parts)


#: The opening tag of a fold's line (HTML <summary>), with its disclosure triangle: JupyterLab's
#: stylesheet hides the triangle, and an inline style outranks it (on paper book.css hides it again).
SUMMARY = '<summary style="list-style: revert">'


def chart_text(fig_dict: dict) -> str:
    """What a chart's hovers say, as a list a keyboard and a screen reader reach (and print leaves
    out): each distinct hover text of its points and links, in the order of the traces; empty for
    a chart without hover text."""
    texts = dict.fromkeys(text for trace in fig_dict["data"]
                          for part in (trace, trace.get("link") or {})
                          for text in _strings(part.get("customdata")))
    if not texts:
        return ""
    items = "".join(f"<li>{_hover_html(text)}</li>" for text in texts)
    return (f'<details class="book-chart-text">{SUMMARY}The chart as text ({len(texts)} items)</summary>'
            f"<ul>{items}</ul></details>")


def show_charts_in(shell: InteractiveShell) -> None:
    """Make an IPython shell display every plotly figure through `chart_bundle`.

    This takes the place of plotly's renderer registry, whose import costs about a second
    (it loads nbformat and jsonschema), for the same output.
    """
    from IPython.display import display

    shell.display_formatter.ipython_display_formatter.for_type(
        BaseFigure, lambda fig: display(chart_bundle(fig.to_dict()), raw=True))


# Only a running IPython (a kernel, JupyterLab) displays charts, and it has imported IPython already;
# plain Python (tests, `talks.load()` from a shell) does not pay for importing it.
if "IPython" in sys.modules and (_shell := sys.modules["IPython"].get_ipython()) is not None:
    show_charts_in(_shell)


def alt(fig: go.Figure, text: str) -> go.Figure:
    """Attach alt text (what the chart shows, in words) to a figure and return it."""
    return fig.update_layout(meta={**(fig.layout.meta or {}), "alt": text})


# ---------------------------------------------------------------- text for readers


def esc(text: object) -> str:
    """Escape text for plotly labels and hover text, which plotly reads as HTML."""
    return html.escape(str(text), quote=False)


def lines(words: list[str], width: int) -> list[str]:
    """Words set in lines of about `width` characters."""
    out, line = [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + [line] if line else out


def wrap(text: object, width: int = 60) -> str:
    """Escape text and break it into lines of about `width` characters for hover labels."""
    return "<br>".join(lines(esc(text).split(), width))


#: One or more table names: where a frame's columns come from (the first table with a field wins).
Tables = str | tuple[str, ...]


def _schema(tables: Tables | None) -> dict[str, dict]:
    """The fields of the named tables, by name; the first table that has a field gives it."""
    names = (tables,) if isinstance(tables, str) else tables or ()
    merged: dict[str, dict] = {}
    for name in names:
        for field, spec in fields(name).items():
            merged.setdefault(field, spec)
    return merged


def by_label(table_name: str, field: str, mapping: dict) -> dict:
    """A mapping keyed by value (such as a palette) keyed by each value's label instead."""
    names = labels(table_name, field)
    return {names[value]: item for value, item in mapping.items()}


def labelled(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """A copy of `frame` whose coded columns (fields of `tables` with labelled values) show their
    labels, still as categoricals in the schema's order, for tables and chart legends."""
    schema, shown = _schema(tables), frame.copy()
    for column in shown.columns:
        names = {c["value"]: c["label"] for c in schema.get(column, {}).get("categories", [])}
        if names:
            unknown = set(shown[column].dropna()) - set(names)
            if unknown:
                raise ValueError(f"column '{column}' holds {sorted(map(str, unknown))}, which have no label")
            values = shown[column].astype("category")
            shown[column] = values.cat.set_categories(list(names)).cat.rename_categories(names)
    return shown


def heading(column: str, tables: Tables | None = None) -> str:
    """The words over a column: the field's title in the schema of `tables`, else the column's own name
    with a capital. Raises ValueError for a code-like name (with '_') that the schema does not title."""
    schema = _schema(tables)
    if column in schema:
        return schema[column]["title"]
    if "_" in str(column):
        raise ValueError(f"column '{column}' is not a field of {tables or 'any table'}: name it in words")
    return upper_first(str(column))


#: A table of more rows than this is folded under a line that gives its length (see `table`).
FOLD_ROWS = 20


def table(frame: pd.DataFrame, tables: Tables | None = None, codes: bool = False) -> HTML:
    """A light, escaped HTML table for readers (`table_markup`). A table of more than FOLD_ROWS rows
    is folded under a line that says how many it has: the page stays short on a phone, and print
    opens every fold (``book.css``)."""
    from IPython.display import HTML

    markup = table_markup(frame, tables, codes)
    return HTML(fold(f"Table of {counted(len(frame), 'row')}", markup) if len(frame) > FOLD_ROWS else markup)


def table_markup(frame: pd.DataFrame, tables: Tables | None = None, codes: bool = False) -> str:
    """An HTML table: no index, column titles and value labels from the schema of `tables`, dates at
    their precision (`when`, with the frame's `date_precision` where it has one), yes/no for
    booleans, empty cells blank, text escaped. `codes=True` marks a table that shows the codes on
    purpose (the codebook)."""
    shown = labelled(frame, tables)
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            precision = (frame["date_precision"].astype(str) if column == "date" and "date_precision" in frame
                         else pd.Series("day", index=frame.index))
            shown[column] = [when(d, p) if not pd.isna(d) else ""
                             for d, p in zip(values, precision, strict=True)]
        elif pd.api.types.is_bool_dtype(values):
            shown[column] = values.map({True: "yes", False: "no"})
    shown = shown.astype(object).where(shown.notna(), "")
    shown.columns = [heading(c, tables) for c in shown.columns]
    classes = "book-table book-codes" if codes else "book-table"
    markup = shown.to_html(index=False, na_rep="", escape=True, border=0, classes=classes)
    return _cells_with_headings(markup, list(shown.columns))


def fold(summary: str, content: str) -> str:
    """`content` (HTML) folded under the line `summary` (HTML), open on paper (``book.css``)."""
    return f'<details class="book-fold">{SUMMARY}{summary}</summary>\n{content}</details>'


def folded_tables(frame: pd.DataFrame, by: str, titles: dict[str, str], noun: str,
                  tables: Tables | None = None, codes: bool = False) -> HTML:
    """`frame` as one table per value of `by`, in the order of `titles` (`table_markup`), each
    folded under a line that gives its title, the value and how many `noun`s it holds. Raises
    ValueError for a value of `by` that `titles` lacks."""
    from IPython.display import HTML

    untitled = set(frame[by].astype(str)) - set(titles)
    if untitled:
        raise ValueError(f"no title for {by} {sorted(untitled)}")
    folds = []
    for value, title in titles.items():
        rows = frame[frame[by].astype(str) == value].drop(columns=by)
        summary = f"<strong>{esc(title)}</strong> (<code>{esc(value)}</code>): {counted(len(rows), noun)}"
        folds.append(fold(summary, table_markup(rows, tables, codes)))
    return HTML("\n".join(folds))


def _cells_with_headings(markup: str, headings: list[str]) -> str:
    """Give each body cell of an HTML table its column's heading (``data-label``): on a phone a
    wide table is shown one row at a time, each cell under its heading (``book.css``)."""
    openings = [f'<td data-label="{html.escape(h, quote=True)}">' for h in headings]

    def row(match: re.Match) -> str:
        cells = iter(openings)
        return re.sub(r"<td>", lambda _: next(cells), match[0])

    return re.sub(r"<tr>.*?</tr>", row, markup, flags=re.S)


def when(day: pd.Timestamp | None, precision: str) -> str:
    """A date in words, as precise as its precision allows (e.g. 'about 15 June 2025', 'June 2025')."""
    if precision == "undated" or pd.isna(day):
        return "undated"
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    text = f"{day.day} {day:%B %Y}"
    return f"about {text}" if precision == "approximate" else text


def joined(parts: list[str], empty: str = "none") -> str:
    """'a', 'a and b', 'a, b and c'; `empty` for no parts."""
    if not parts:
        return empty
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def count_phrase(values: pd.Series, order: list[str]) -> str:
    """Counts in words, e.g. '3 regional, 2 military and 1 economic', in the given order, zeros left out."""
    counts = values.astype(str).value_counts()
    return joined([f"{counts[v]} {v.replace('_', ' ')}" for v in order if counts.get(v, 0)])


def times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def lower_first(text: str) -> str:
    """'Fall of X' -> 'fall of X'; 'US strikes' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen", "twenty")


def number_words(n: int) -> str:
    """A count as prose: words up to twenty ('no' for zero), digits beyond."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def counted(n: int, noun: str) -> str:
    """A count with its noun, as prose: 'no quotations', 'one quotation', '25 quotations'."""
    return f"{number_words(n)} {noun}{'' if n == 1 else 's'}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: `singular` for one, `plural` for none or many."""
    return singular if n == 1 else plural


def clip(text: object, width: int) -> str:
    """Text cut at a word boundary to at most `width` characters, with an ellipsis if cut."""
    text = str(text)
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


def upper_first(text: str) -> str:
    """'conditional: a; b' -> 'Conditional: a; b', to open a sentence."""
    return text[:1].upper() + text[1:]
