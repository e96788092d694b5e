"""How the book looks: the palette, the plotly template and renderer, and text for readers.

Importing this module registers the book's plotly template and renderer: the package's only
import side effects.
"""

from __future__ import annotations

import hashlib
import html
import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML
from plotly.io._base_renderers import PlotlyRenderer

# ---------------------------------------------------------------- palette (Okabe-Ito, colour-blind safe)

#: One colour and one marker per camp, the same in every chart.
CAMPS = {
    "leadership": ("#000000", "star"),
    "government": ("#0072B2", "circle"),
    "armed_forces": ("#009E73", "square"),
    "hardline": ("#D55E00", "diamond"),
    "commentator": ("#CC79A7", "triangle-up"),
    "united_states": ("#56B4E9", "hexagon"),
    "third_party": ("#E69F00", "pentagon"),
    "media": ("#F0E442", "cross"),
    "unattributed": ("#999999", "x"),
}
#: The colour of each camp alone, for plotly's colour maps.
CAMP_COLOURS = {camp: colour for camp, (colour, _) in CAMPS.items()}
#: Colours for the stance scale, from favouring a deal to opposing talks.
STANCE_COLOURS = {
    "favours_agreement": "#0072B2",
    "conditional": "#56B4E9",
    "tactical": "#E69F00",
    "opposed": "#D55E00",
    "unplaced": "#999999",
}
#: Marker per confidence level of a data row (as the research notes grade it), so confidence
#: shows without colour.
ROW_CONFIDENCE_MARKERS = {"high": "circle", "medium": "circle-open", "low": "x-thin-open"}
#: The outline drawn round every marker.
OUTLINE = dict(width=1, color="#333333")
#: Grey for marks that carry no category, the grey of reference lines, and translucent blue for flows.
NEUTRAL = "#999999"
REFERENCE_LINE = "#666666"
FLOW = "rgba(0,114,178,0.35)"
#: Ink for whiskers and the fill of single-series bars.
INK, BAR = OUTLINE["color"], "#56B4E9"
#: The ACH heatmap's colour scale, from very inconsistent (vermillion) to very consistent (blue).
CONSISTENCY_SCALE = [[0, "#D55E00"], [0.25, "#F4B08A"], [0.5, "#F2F2F2"], [0.75, "#8CC3E8"],
                     [1, "#0072B2"]]
#: One colour per indicator result, the same in every chart.
RESULT_COLOURS = {"observed": "#0072B2", "mixed": "#56B4E9", "not_observed": "#D55E00",
                  "not_testable": NEUTRAL}

pio.templates["book"] = go.layout.Template(
    layout=dict(
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=14),
        colorway=list(CAMP_COLOURS.values())[1:],
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=10, r=10, t=60, b=40),
        hoverlabel=dict(align="left"),
        xaxis=dict(gridcolor="rgba(128,128,128,0.25)", zeroline=False),
        yaxis=dict(gridcolor="rgba(128,128,128,0.25)", zeroline=False),
    )
)
pio.templates.default = "plotly_white+book"

# ---------------------------------------------------------------- the renderer


class BookRenderer(PlotlyRenderer):
    """Emit the plotly JSON (for JupyterLab) and an HTML div without plotly.js (for the book).

    The book serves plotly.js once for the whole site (see ``_ext/book_build.py``).
    The div id comes from the figure itself, so the same figure gives the same output.
    """

    def to_mimebundle(self, fig_dict: dict) -> dict:
        meta = fig_dict.get("layout", {}).get("meta")
        text = meta.get("alt") if isinstance(meta, dict) else None
        if not text:
            raise ValueError("every chart needs alt text: call talks.alt(fig, '...') first")
        bundle = super().to_mimebundle(fig_dict)
        spec = json.dumps(bundle["application/vnd.plotly.v1+json"], sort_keys=True)
        div = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            validate=False,
            default_height="480px",
            div_id="fig-" + hashlib.sha256(spec.encode()).hexdigest()[:12],
            config=self.config,
        )
        label = html.escape(text, quote=True)
        bundle["text/html"] = f'<div class="book-chart" role="group" aria-label="{label}">{div}</div>'
        return bundle


pio.renderers["book"] = BookRenderer(config={"displaylogo": False, "responsive": True})
pio.renderers.default = "book"


def alt(fig: go.Figure, text: str) -> go.Figure:
    """Attach alt text (what the chart shows, in words) to a figure and return it."""
    return fig.update_layout(meta={"alt": text})


# ---------------------------------------------------------------- text for readers


def esc(text: object) -> str:
    """Escape text for plotly labels and hover text, which plotly reads as HTML."""
    return html.escape(str(text), quote=False)


def wrap(text: object, width: int = 60) -> str:
    """Escape text and break it into lines of about `width` characters for hover labels."""
    words, lines, line = esc(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line] if line else lines)


def table(frame: pd.DataFrame) -> HTML:
    """A light, escaped HTML table: no index, dates as YYYY-MM-DD, empty cells blank."""
    shown = frame.copy()
    for column in shown.select_dtypes("datetime").columns:
        shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    return HTML(shown.to_html(index=False, na_rep="", escape=True, border=0, classes="book-table"))


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


def count_phrase(values: pd.Series, order: list[str]) -> str:
    """Counts in words, e.g. '3 regional, 2 military and 1 economic', in the given order, zeros left out."""
    counts = values.astype(str).value_counts()
    parts = [f"{counts[v]} {v.replace('_', ' ')}" for v in order if counts.get(v, 0)]
    if not parts:
        return "none"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


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


def clip(text: object, width: int) -> str:
    """Text cut at a word boundary to at most `width` characters, with an ellipsis if cut."""
    text = str(text)
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"
