"""Data and chart style shared by every notebook of the book.

`load()` reads the hand-coded data package in ``data/``, checks every row against
``data/datapackage.json`` and returns typed pandas DataFrames. Bad data raises
`DataError`, naming the file, the row (the header is row 1) and the field.
Importing the module also sets up the one plotly renderer and template the book uses.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, Markdown
from plotly.io._base_renderers import PlotlyRenderer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataError(ValueError):
    """A data file breaks the package's schema; says which file, row and field."""

    def __init__(self, file: str, row: int | None, field: str | None, problem: str):
        self.file, self.row, self.field, self.problem = file, row, field, problem
        where = f"data/{file}"
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


# ---------------------------------------------------------------- loading


def _parse(value: str, field: dict):
    """Turn one CSV cell into a Python value of the field's type, or raise ValueError."""
    kind = field.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"'{value}' is not an integer")
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)")
    return value


def _check_cell(value, field: dict) -> str | None:
    """Return what is wrong with a parsed, non-empty value, or None."""
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"'{value}' is not one of {', '.join(c['enum'])}"
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        return f"'{value}' does not match the pattern {c['pattern']}"
    if "minimum" in c and value < c["minimum"]:
        return f"{value} is below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"{value} is above the maximum {c['maximum']}"
    return None


def _read_resource(resource: dict, data_dir: Path) -> list[dict]:
    """Read and check one CSV file; return its rows as dicts of typed values."""
    file = resource["path"]
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    try:
        with open(data_dir / file, encoding="utf-8", newline="") as fh:
            lines = list(csv.reader(fh))
    except FileNotFoundError:
        raise DataError(file, None, None, "file is missing") from None
    except UnicodeDecodeError as err:
        raise DataError(file, None, None, f"not UTF-8 text ({err.reason})") from None
    if not lines or lines[0] != names:
        header = lines[0] if lines else []
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        field = (missing or extra or [None])[0]
        raise DataError(file, 1, field, f"header must be {','.join(names)}")
    rows, seen = [], {}
    unique = [f["name"] for f in fields if f.get("constraints", {}).get("unique")]
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) != len(names):
            raise DataError(file, number, None, f"has {len(cells)} cells, expected {len(names)}")
        row = {}
        for field, cell in zip(fields, cells, strict=True):
            name = field["name"]
            if cell != cell.strip():
                raise DataError(file, number, name, "has leading or trailing spaces")
            if cell == "":
                if field.get("constraints", {}).get("required"):
                    raise DataError(file, number, name, "is required but empty")
                row[name] = None
                continue
            try:
                value = _parse(cell, field)
            except ValueError as err:
                raise DataError(file, number, name, str(err)) from None
            problem = _check_cell(value, field)
            if problem:
                raise DataError(file, number, name, problem)
            row[name] = value
        for name in unique:
            if row[name] is not None and seen.setdefault((name, row[name]), number) != number:
                raise DataError(file, number, name, f"'{row[name]}' repeats row {seen[(name, row[name])]}")
        rows.append(row)
    return rows


def _check_keys(resource: dict, rows: list[dict], tables: dict[str, list[dict]]) -> None:
    """Check the primary key is unique and every foreign key resolves."""
    file, schema = resource["path"], resource["schema"]
    pk, seen = schema["primaryKey"], {}
    for number, row in enumerate(rows, start=2):
        key = tuple(row[k] for k in pk)
        if seen.setdefault(key, number) != number:
            raise DataError(file, number, pk[-1], f"key {key} repeats row {seen[key]}")
    for fk in schema.get("foreignKeys", []):
        (field,), target = fk["fields"], fk["reference"]
        (target_field,) = target["fields"]
        known = {r[target_field] for r in tables[target["resource"]]}
        for number, row in enumerate(rows, start=2):
            if row[field] is not None and row[field] not in known:
                raise DataError(
                    file, number, field,
                    f"'{row[field]}' matches no {target_field} in {target['resource']}.csv",
                )


def _check_dates(resource: dict, rows: list[dict]) -> None:
    """A row is undated exactly when its date is empty."""
    if "date_precision" not in {f["name"] for f in resource["schema"]["fields"]}:
        return
    for number, row in enumerate(rows, start=2):
        if (row["date"] is None) != (row["date_precision"] == "undated"):
            raise DataError(
                resource["path"], number, "date",
                "must be empty exactly when date_precision is 'undated'",
            )


def _frame(resource: dict, rows: list[dict]) -> pd.DataFrame:
    """Build a typed DataFrame: dates as datetimes, enums as categoricals."""
    columns = {}
    for field in resource["schema"]["fields"]:
        values = [row[field["name"]] for row in rows]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            ordered = field.get("categoriesOrdered", False)
            columns[field["name"]] = pd.Categorical(values, categories=enum, ordered=ordered)
        elif field.get("type") == "date":
            columns[field["name"]] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif field.get("type") == "integer":
            columns[field["name"]] = pd.array(values, dtype="Int64")
        elif field.get("type") == "number":
            columns[field["name"]] = pd.array(values, dtype="Float64")
        else:
            columns[field["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(columns)


def load_package(data_dir: Path = DATA_DIR) -> dict:
    """Read ``datapackage.json``: the schema and codebook of every table."""
    try:
        return json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError("datapackage.json", None, None, str(err)) from None


def load(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Load and check every table; return typed DataFrames by table name."""
    return dict(_load(Path(data_dir).resolve()))


@lru_cache(maxsize=4)
def _load(data_dir: Path) -> tuple[tuple[str, pd.DataFrame], ...]:
    package = load_package(data_dir)
    resources = package["resources"]
    tables = {r["name"]: _read_resource(r, data_dir) for r in resources}
    for r in resources:
        _check_keys(r, tables[r["name"]], tables)
        _check_dates(r, tables[r["name"]])
    return tuple((r["name"], _frame(r, tables[r["name"]])) for r in resources)


def codebook(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per field of every table: type, allowed values and description."""
    rows = []
    for r in load_package(data_dir)["resources"]:
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            rows.append({
                "table": r["name"],
                "field": f["name"],
                "type": f.get("type", "string"),
                "required": bool(c.get("required")),
                "allowed values": ", ".join(c.get("enum", [])),
                "description": f["description"],
            })
    return pd.DataFrame(rows)


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


# ---------------------------------------------------------------- judgments

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
    return Markdown("\n".join(
        f"- **{j.likelihood.capitalize()}** ({j.confidence} confidence): {j.judgment} "
        f"*Why this confidence:* {j.reason}"
        for j in frame.itertuples()
    ))


# ---------------------------------------------------------------- charts

#: One colour and one marker per camp, the same in every chart (Okabe-Ito palette).
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
#: Colours for the stance scale, from favouring a deal to opposing talks.
STANCE_COLOURS = {
    "favours_agreement": "#0072B2",
    "conditional": "#56B4E9",
    "tactical": "#E69F00",
    "opposed": "#D55E00",
    "unplaced": "#999999",
}
#: Marker per confidence level, so confidence shows without colour.
CONFIDENCE_SYMBOLS = {"high": "circle", "medium": "circle-open", "low": "x-thin-open"}

pio.templates["book"] = go.layout.Template(
    layout=dict(
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=14),
        colorway=[colour for colour, _ in CAMPS.values()][1:],
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=10, r=10, t=60, b=40),
        hoverlabel=dict(align="left"),
        xaxis=dict(gridcolor="rgba(128,128,128,0.25)", zeroline=False),
        yaxis=dict(gridcolor="rgba(128,128,128,0.25)", zeroline=False),
    )
)
pio.templates.default = "plotly_white+book"


class BookRenderer(PlotlyRenderer):
    """Emit the plotly JSON (for JupyterLab) and an HTML div without plotly.js (for the book).

    The book serves plotly.js once for the whole site (see ``_ext/plotly_js.py``).
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


# ---------------------------------------------------------------- decision-making chapter

APPROVED_LABELS = {
    "reply_to_letter": "the reply to Trump's letter",
    "talks_unspecified": "talks (format not given)",
    "indirect_talks": "indirect talks",
    "indirect_then_direct": "indirect, then direct if things go well",
    "nuclear_file_only": "talks on the nuclear file only",
}


def quoted_in_2025(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Number of the article's quotations per actor, leaving out those dated before 2025."""
    statements = tables["statements"]
    recent = statements[~(statements.date < pd.Timestamp("2025-01-01"))]
    return recent.actor_id.value_counts().reindex(tables["actors"].actor_id, fill_value=0)


def power_and_voice(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each office: holder, camp, formal part in the nuclear file, and how often the holder is quoted."""
    actors = tables["actors"].set_index("actor_id")
    offices = tables["offices"]
    quoted = quoted_in_2025(tables)
    return pd.DataFrame({
        "office": offices.office.to_numpy(),
        "holder": actors.loc[offices.holder_actor_id, "name"].to_numpy(),
        "camp": actors.loc[offices.holder_actor_id, "camp"].astype(str).to_numpy(),
        "role_on_file": offices.role_on_file.to_numpy(),
        "quotations_2025": quoted.loc[offices.holder_actor_id].to_numpy(),
        "basis": offices.basis.to_numpy(),
    })


def attribution_flows(tables: dict[str, pd.DataFrame]) -> tuple[list[str], pd.DataFrame]:
    """Nodes and links of speaker -> named decision-maker -> what was approved.

    Each attribution is one unit of flow through the three columns. Returns the node
    labels and a frame of links (source, target, value, hover) indexing into them.
    """
    actors = tables["actors"].set_index("actor_id")["name"]
    quotes = tables["statements"].set_index("statement_id")["quote"]
    claims = tables["claims"].set_index("claim_id")["claim"]
    rows = []
    for a in tables["attributions"].itertuples():
        speaker = actors[a.speaker_actor_id] if pd.notna(a.speaker_actor_id) else "Unnamed reports"
        maker = actors[a.decision_maker_actor_id] if pd.notna(a.decision_maker_actor_id) else "No one named"
        said = f'"{quotes[a.statement_id]}"' if pd.notna(a.statement_id) else claims[a.claim_id]
        hover = f"{wrap(said)}<br><i>{esc(a.reported_as.replace('_', ' '))}</i>: {wrap(a.effect)}"
        rows += [(f"{speaker} ", f"{maker}  ", hover), (f"{maker}  ", APPROVED_LABELS[a.approved], hover)]
    nodes = list(dict.fromkeys(label for s, t, _ in rows for label in (s, t)))
    links = pd.DataFrame(rows, columns=["source", "target", "hover"])
    links = links.groupby(["source", "target"], sort=False).agg(
        value=("hover", "size"), hover=("hover", "<br><br>".join)).reset_index()
    links["source"] = links.source.map(nodes.index)
    links["target"] = links.target.map(nodes.index)
    return [n.strip() for n in nodes], links


def stance_timeline(tables: dict[str, pd.DataFrame], start: str, end: str) -> pd.DataFrame:
    """Dated statements and stance-coded events between two dates, for one timeline.

    Columns: date, date_precision, stance, kind (statement or event), who, text, source.
    Undated rows cannot be placed and are left out.
    """
    actors = tables["actors"].set_index("actor_id")["name"]
    publishers = tables["sources"].set_index("source_id")["publisher"]
    statements = tables["statements"].assign(
        kind="statement", who=lambda t: t.actor_id.map(actors), text=lambda t: '"' + t.quote + '"')
    events = tables["events"].merge(tables["event_stances"], on="event_id", suffixes=("_event", ""))
    events = events.assign(kind="event", who="", text=events.title + ": " + events.description)
    columns = ["date", "date_precision", "stance", "kind", "who", "text", "source_id"]
    both = pd.concat([statements[columns], events[columns]], ignore_index=True)
    both["stance"] = both.stance.astype(tables["statements"].stance.dtype)
    both["source"] = both.source_id.map(publishers)
    window = both.date.between(pd.Timestamp(start), pd.Timestamp(end))
    return both[window].drop(columns="source_id").sort_values("date", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- goals chapter

#: How a row of the goals chapter is known: (label, marker). Every chart of the chapter uses these.
EVIDENCE = {
    "quotation": ("quoted on the record", "circle"),
    "reported_fact": ("the article reports it", "square"),
    "assessment": ("the article's own assessment", "diamond"),
    "named_source": ("the article relays a named source", "triangle-up"),
    "unnamed_source": ("the article relays unnamed reports or commentators", "x"),
}
#: Plain words for the kinds of position and the goals, as the chapter shows them.
KIND_LABELS = {"refusal": "refused", "offer": "on offer", "condition": "condition",
               "red_line": "off the table"}
GOAL_LABELS = {
    "indirect_talks": "indirect talks",
    "investment": "American investment",
    "sanctions_relief": "sanctions relief",
    "avoid_war": "less risk of war",
    "agreement": "a real deal",
    "buy_time": "buying time",
}
UNNAMED = "Unnamed reports or commentators"


def evidence_kind(statement_id: object, claim_type: object, attributed_to: object) -> str:
    """Key of EVIDENCE for a row resting on a quotation, or else on a claim of the given type."""
    if not pd.isna(statement_id):
        return "quotation"
    if claim_type in ("reported_fact", "assessment"):
        return str(claim_type)
    if claim_type == "third_party_claim":
        return "unnamed_source" if pd.isna(attributed_to) else "named_source"
    raise ValueError(f"no quotation and no known claim type ({claim_type!r})")


def attribute(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Add who voices each row and how it is known: voice_id, voice, camp, evidence.

    A row rests on a quotation (`statement_id`: its speaker is the voice) or else on a claim
    (`claim_id`: the named source it relays, or The New Arab for its own report or assessment,
    or no one for unnamed reports). Raises ValueError for a row with neither.
    """
    said = tables["statements"].set_index("statement_id")
    claimed = tables["claims"].set_index("claim_id")
    actors = tables["actors"].set_index("actor_id")
    rows = []
    for r in frame.to_dict("records"):
        statement_id, claim_id = r.get("statement_id"), r.get("claim_id")
        if pd.isna(statement_id) and pd.isna(claim_id):
            raise ValueError(f"row {r} has neither statement_id nor claim_id")
        if not pd.isna(statement_id):
            kind, voice_id = "quotation", said.loc[statement_id, "actor_id"]
        else:
            claim = claimed.loc[claim_id]
            kind = evidence_kind(None, claim.claim_type, claim.attributed_to)
            voice_id = {"named_source": claim.attributed_to, "unnamed_source": None}.get(kind, "new-arab")
        rows.append({
            "voice_id": voice_id,
            "voice": UNNAMED if voice_id is None else actors.loc[voice_id, "name"],
            "camp": "unattributed" if voice_id is None else str(actors.loc[voice_id, "camp"]),
            "evidence": kind,
        })
    return pd.concat([frame.reset_index(drop=True), pd.DataFrame(rows, index=range(len(frame)))], axis=1)


def hover_text(frame: pd.DataFrame, heading: str) -> list[str]:
    """Escaped hover label per row: the heading column, the article's words, who and how, where, the note."""
    return [
        f"<b>{esc(r[heading])}</b><br>\u201c{wrap(r['wording'], 70)}\u201d<br>"
        f"{esc(r['voice'])}: {esc(EVIDENCE[r['evidence']][0])}<br>"
        f"paragraph {r['paragraph']} of the article; "
        + ", ".join(esc(r[c]) for c in ("statement_id", "claim_id") if c in r and not pd.isna(r[c]))
        + ("" if pd.isna(r.get("note")) else f"<br><i>{wrap(r['note'], 70)}</i>")
        for r in frame.to_dict("records")
    ]


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
    """A matrix of dots: columns `x`, rows `y`; colour by `camp`, marker by `evidence`, hover from `hover`.

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
    legend = []
    for camp, (colour, _) in CAMPS.items():
        rows = shown[shown["camp"] == camp]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["_x"], y=rows["_y"], mode="markers+text" if text else "markers", showlegend=False,
            marker=dict(color=colour, size=15, symbol=[EVIDENCE[e][1] for e in rows["evidence"]],
                        line=dict(width=1, color="#333333")),
            text=[wrap(t, 24) for t in rows[text]] if text else None, textposition="middle right",
            textfont=dict(size=12), cliponaxis=False,
            customdata=rows["hover"], hovertemplate="%{customdata}<extra></extra>",
        ))
        legend.append(go.Scatter(x=[None], y=[None], mode="markers", name=esc(camp), legend="legend",
                                 marker=dict(color=colour, size=12, symbol="square")))
    for key, (label, symbol) in EVIDENCE.items():
        if key in set(shown["evidence"]):
            legend.append(go.Scatter(
                x=[None], y=[None], mode="markers", name=esc(label), legend="legend2",
                marker=dict(color="#777777", size=12, symbol=symbol, line=dict(width=1, color="#333333")),
            ))
    fig.add_traces(legend)
    for i in range(1, len(x_order)):
        fig.add_vline(x=i - 0.5, line=dict(color="rgba(128,128,128,0.35)", width=1))
    if group:
        groups = frame.drop_duplicates(y).set_index(y)[group].astype(str)
        for n, name in enumerate(dict.fromkeys(groups[v] for v in y_order)):
            members = [v for v in y_order if groups[v] == name]
            top, bottom = spans[members[0]][0], spans[members[-1]][1]
            fig.add_hrect(y0=top, y1=bottom, line_width=0, layer="below",
                          fillcolor="rgba(128,128,128,0.12)" if n % 2 == 0 else "rgba(0,0,0,0)")
            fig.add_annotation(x=1.0, xref="paper", xanchor="left", y=(top + bottom) / 2, showarrow=False,
                               text=f"<b>{esc(name)}</b>", font=dict(size=13))
    fig.update_xaxes(tickvals=list(range(len(x_order))), ticktext=[wrap(v, 16) for v in x_order],
                     tickangle=0, range=[-0.5, len(x_order) - 0.5], side="top", showgrid=False, title=None)
    fig.update_yaxes(tickvals=[centres[v] for v in y_order], ticktext=[wrap(v, 24) for v in y_order],
                     range=[height, 0], showgrid=False, title=None)
    # Height: title and column heads, about 44 px per row unit, and room below for the two legends
    # (camps three to a line, one line per kind of evidence).
    n_evidence = len(set(shown["evidence"]))
    legends = 70 + 21 * (-(-(len(legend) - n_evidence) // 3)) + 21 * n_evidence
    fig.update_layout(
        title=esc(title), height=int(150 + 44 * height + legends), margin=dict(t=130, r=90 if group else 20),
        legend=dict(title_text="camp of the voice", orientation="h", x=0, y=-0.03, yanchor="top",
                    entrywidth=0.33, entrywidthmode="fraction"),
        legend2=dict(title_text="how it is known", orientation="h", x=0, y=0, yref="container",
                     yanchor="bottom", entrywidth=1, entrywidthmode="fraction"),
    )
    return fig


def _who_and_how(voice: str, evidence: str) -> str:
    """'Speaker' for a quotation, 'voice; how the article knows it' otherwise, the bare how for unnamed."""
    if evidence == "quotation":
        return voice
    return EVIDENCE[evidence][0] if evidence == "unnamed_source" else f"{voice}; {EVIDENCE[evidence][0]}"


def then_and_now(positions: pd.DataFrame, years: tuple[int, int] = (2019, 2025)) -> pd.DataFrame:
    """Topic by topic, what each year's positions say, in the article's words with who voices them.

    `positions` must carry the columns `attribute` adds. Topics follow the order of the topic
    categories when the column is categorical; a year with nothing on a topic reads 'nothing in the article'.
    """
    topics = positions["topic"]
    order = topics.cat.categories if hasattr(topics, "cat") else list(dict.fromkeys(topics))
    rows = []
    for topic in order:
        row = {"topic": str(topic).replace("_", " ")}
        for year in years:
            here = positions[(positions["topic"] == topic) & (positions["year"] == year)]
            row[str(year)] = "  \u25aa  ".join(
                f"{KIND_LABELS[p.kind]}: \u201c{p.wording}\u201d ({_who_and_how(p.voice, p.evidence)})"
                for p in here.itertuples()
            ) or "nothing in the article"
        if any(row[str(y)] != "nothing in the article" for y in years):
            rows.append(row)
    return pd.DataFrame(rows, columns=["topic", *map(str, years)])


def voices_per_item(frame: pd.DataFrame, item: str) -> pd.Series:
    """How many distinct voices name each item, most first (ties keep the frame's order)."""
    counts = frame.groupby(item, sort=False, observed=True)["voice"].nunique()
    return counts.sort_values(ascending=False, kind="stable")


def count_phrase(values: pd.Series, order: list[str]) -> str:
    """Counts in words, e.g. '3 regional, 2 military and 1 economic', in the given order, zeros left out."""
    counts = values.astype(str).value_counts()
    parts = [f"{counts[v]} {v.replace('_', ' ')}" for v in order if counts.get(v, 0)]
    if not parts:
        return "none"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def relayed(voice: str, evidence: str) -> str:
    """A voice as alt text names it: a source the article relays is marked as relayed."""
    if evidence == "unnamed_source":
        return "the article relaying unnamed reports or commentators"
    return f"the article relaying {voice}" if evidence == "named_source" else voice


def lower_first(text: str) -> str:
    """'Fall of X' -> 'fall of X'; 'US strikes' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def who_names_what(frame: pd.DataFrame, item: str, voices: list[str], noun: str) -> str:
    """Alt text: for each voice in turn, how many of all the items it names, and which.

    `frame` must carry `voice` and `evidence` (as `attribute` adds them); a named source whose
    rows the article relays is marked as relayed.
    """
    total = frame[item].nunique()
    sentences = []
    for voice in voices:
        rows = frame[frame["voice"] == voice]
        kinds = set(rows["evidence"])
        who = f"{voice}, as the article relays it," if kinds == {"named_source"} else voice
        items = [lower_first(str(i)) for i in dict.fromkeys(rows[item])]
        sentences.append(f"{who} names {len(items)} of the {total} {noun}: {'; '.join(items)}.")
    return " ".join(sentences)


def matrix_alt(frame: pd.DataFrame, x: str, y: str, x_order: list[str], y_order: list[str],
               text: str | None = None) -> str:
    """Alt text for a dot matrix, column by column, rows in order, each with who voices it.

    Without `text`, each row lists its voices once; with `text`, each dot is listed by its
    label. `frame` must carry `voice` and `evidence`; relayed sources are marked as such.
    """
    sentences = []
    for column in x_order:
        in_column = frame[frame[x] == column]
        rank = [y_order.index(v) for v in in_column[y]]
        here = in_column.iloc[sorted(range(len(rank)), key=rank.__getitem__)]
        if text:
            entries = [f"\u201c{t}\u201d ({relayed(v, e)})"
                       for t, v, e in zip(here[text], here["voice"], here["evidence"], strict=True)]
        else:
            entries = []
            for row in dict.fromkeys(here[y]):
                dots = here[here[y] == row]
                pairs = zip(dots["voice"], dots["evidence"], strict=True)
                who = dict.fromkeys(relayed(v, e) for v, e in pairs)
                entries.append(f"{row} ({', '.join(who)})")
        sentences.append(f"{column[:1].upper()}{column[1:]}: {'; '.join(entries) or 'nothing'}.")
    return " ".join(sentences)


# ---------------------------------------------------------------- hardliners chapter

def claim_voices(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Who stands behind each claim of the article, in words, indexed by claim_id."""
    names = actors.set_index("actor_id")["name"]
    voices = {}
    for c in claims.itertuples():
        if c.claim_type == "assessment":
            voices[c.claim_id] = "the article's own assessment"
        elif c.claim_type == "reported_fact":
            voices[c.claim_id] = "reported by the article"
        elif pd.isna(c.attributed_to):
            voices[c.claim_id] = "the article relays unnamed reports or commentators"
        else:
            voices[c.claim_id] = f"the article relays {names[c.attributed_to]}"
    return pd.Series(voices, name="voice", dtype="string")


def stance_basis(actors: pd.DataFrame, statements: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: camp, stance, and the quotation or claim that places it (or why it is unplaced).

    `basis` is plain text, one line per reason (escape it before showing it in a chart). Rows are
    ordered along the stance scale, then by camp and name.
    """
    names = actors.set_index("actor_id")["name"]
    said = statements.set_index("statement_id")
    claimed = claims.set_index("claim_id")
    voices = claim_voices(claims, actors)
    rows = []
    for a in actors.itertuples():
        parts = []
        if not pd.isna(a.stance_statement_id):
            s = said.loc[a.stance_statement_id]
            parts.append(f'{names[s.actor_id]} ({when(s.date, s.date_precision)}): "{s.quote}" '
                         f"[{a.stance_statement_id}]")
        if not pd.isna(a.stance_claim_id):
            c = claimed.loc[a.stance_claim_id]
            parts.append(f"Claim {a.stance_claim_id}, {voices[a.stance_claim_id]} (the book's paraphrase): "
                         f"{c.claim}")
        if a.stance == "unplaced":
            reason = "The article gives no basis for placing this actor on the scale."
            parts.append(reason if pd.isna(a.note) else f"{reason} {a.note}")
        kind = {(True, False): "quotation", (False, True): "claim", (True, True): "quotation and claim"}
        rows.append({
            "actor_id": a.actor_id, "name": a.name, "role": a.role_april_2025, "camp": a.camp,
            "stance": a.stance,
            "placed_by": kind.get((not pd.isna(a.stance_statement_id), not pd.isna(a.stance_claim_id)),
                                  "nothing"),
            "basis": "\n".join(parts),
        })
    frame = pd.DataFrame(rows)
    frame["stance"] = frame["stance"].astype(actors["stance"].dtype)
    frame["camp"] = frame["camp"].astype(actors["camp"].dtype)
    return frame.sort_values(["stance", "camp", "name"], kind="stable").reset_index(drop=True)


def stance_figure(basis: pd.DataFrame) -> go.Figure:
    """Dot plot of every actor on the stance scale, one colour and marker per camp, basis on hover."""
    scale = list(basis["stance"].cat.categories)
    order = list(basis["name"].map(esc))
    fig = go.Figure()
    for camp, (colour, marker) in CAMPS.items():
        rows = basis[basis["camp"] == camp]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["stance"].astype(str), y=rows["name"].map(esc), mode="markers", name=esc(camp),
            marker=dict(color=colour, symbol=marker, size=15, line=dict(width=1, color="#333333")),
            customdata=[
                f"<b>{esc(r.name)}</b> ({esc(r.role)})<br>camp: {esc(r.camp)}; stance: {esc(r.stance)}"
                f"<br>placed by: {esc(r.placed_by)}<br>"
                + "<br>".join(wrap(line, 70) for line in r.basis.split("\n"))
                for r in rows.itertuples()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    fig.add_vrect(x0=scale.index("unplaced") - 0.5, x1=scale.index("unplaced") + 0.5,
                  fillcolor="rgba(153,153,153,0.15)", line_width=0, layer="below")
    fig.update_xaxes(categoryorder="array", categoryarray=scale, side="top", title=None, tickangle=0,
                     tickfont=dict(size=12), tickvals=scale, ticktext=[s.replace("_", "<br>") for s in scale],
                     range=[-0.5, len(scale) - 0.5])
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_layout(height=220 + 26 * len(order), margin=dict(t=110),
                      legend=dict(title_text="camp", orientation="h", x=0, y=-0.01, yanchor="top"),
                      title="Where the article places each actor on the talks")
    return fig


def argument_holders(links: pd.DataFrame, statements: pd.DataFrame, claims: pd.DataFrame,
                     actors: pd.DataFrame) -> pd.DataFrame:
    """One row per argument link: who holds the argument, their camp, and the words that make it.

    A quotation's speaker holds it; a claim names its holder in `held_by` or, when the
    article names no one, in `holder_words` (camp 'unattributed'). Raises ValueError when
    a row has both or neither of statement_id and claim_id, or a claim row has both or
    neither of held_by and holder_words, or a quotation row has either.
    """
    people = actors.set_index("actor_id")
    said = statements.set_index("statement_id")
    claimed = claims.set_index("claim_id")
    voices = claim_voices(claims, actors)
    rows = []
    for k in links.itertuples():
        has_statement, has_claim = not pd.isna(k.statement_id), not pd.isna(k.claim_id)
        has_actor, has_words = not pd.isna(k.held_by), not pd.isna(k.holder_words)
        if has_statement == has_claim:
            raise ValueError(f"link {k.link_id}: give exactly one of statement_id and claim_id")
        if has_statement and (has_actor or has_words):
            raise ValueError(f"link {k.link_id}: a quotation's speaker holds it; leave held_by and "
                             "holder_words empty")
        if has_claim and has_actor == has_words:
            raise ValueError(f"link {k.link_id}: a claim row needs exactly one of held_by and holder_words")
        if has_statement:
            s = said.loc[k.statement_id]
            holder_id, words = s.actor_id, f'"{s.quote}" [{k.statement_id}]'
            kind = "quotation"
        else:
            c = claimed.loc[k.claim_id]
            holder_id = k.held_by if has_actor else None
            words = f"Claim {k.claim_id}, {voices[k.claim_id]} (the book's paraphrase): {c.claim}"
            kind = "claim"
        rows.append({
            "link_id": k.link_id, "argument_id": k.argument_id, "holder_id": holder_id,
            "holder": people.loc[holder_id, "name"] if holder_id else f'"{k.holder_words}" (not named)',
            "camp": people.loc[holder_id, "camp"] if holder_id else "unattributed",
            "evidence_kind": kind, "evidence": words, "source_id": k.source_id,
            "note": "" if pd.isna(k.note) else k.note,
        })
    return pd.DataFrame(rows, columns=["link_id", "argument_id", "holder_id", "holder", "camp",
                                       "evidence_kind", "evidence", "source_id", "note"])


def argument_figure(holders: pd.DataFrame, arguments: pd.DataFrame) -> go.Figure:
    """Matrix of who makes which argument: arguments down (in order of bearing), holders across."""
    args = arguments.sort_values("bearing", kind="stable").set_index("argument_id")
    ticks = {a: f"{esc(r.label)}<br><i>{esc(str(r.bearing).replace('_', ' '))}</i>"
             for a, r in args.iterrows()}
    shown = holders.assign(
        y=holders["argument_id"].map(ticks),
        rank=holders["argument_id"].map({a: i for i, a in enumerate(args.index)}),
    ).sort_values(["rank", "holder"], kind="stable")
    fig = go.Figure()
    for camp, (colour, marker) in CAMPS.items():
        rows = shown[shown["camp"] == camp]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["holder"].map(esc), y=rows["y"], mode="markers", name=esc(camp),
            marker=dict(color=colour, symbol=marker, size=16, line=dict(width=1, color="#333333")),
            customdata=[
                f"<b>{esc(r.holder)}</b>: {esc(args.loc[r.argument_id, 'label'])}<br>{wrap(r.evidence, 70)}"
                + (f"<br><i>{wrap(r.note, 70)}</i>" if r.note else "")
                for r in rows.itertuples()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    holder_order = list(dict.fromkeys(shown["holder"].map(esc)))
    fig.update_xaxes(categoryorder="array", categoryarray=holder_order, title=None, tickangle=-40)
    fig.update_yaxes(categoryorder="array", categoryarray=[ticks[a] for a in args.index][::-1], title=None)
    fig.update_layout(height=380 + 44 * len(args), margin=dict(t=180),
                      legend=dict(title_text="camp of who holds it", orientation="h", x=0, y=1.02,
                                  yanchor="bottom", font=dict(size=12)),
                      title="Who makes which argument")
    return fig


def time_readings(holders: pd.DataFrame, arguments: pd.DataFrame, events: pd.DataFrame,
                  sources: pd.DataFrame, event_ids: list[str]) -> pd.DataFrame:
    """Everyone who links the talks to buying time: who, whether they urge it or raise it as a possibility,
    and where.

    Takes the links of talks-as-tactic and reading-of-intent arguments about time
    ('buy_time', 'suspected_stalling') and adds the outside analyses given as events.
    """
    bearing = arguments.set_index("argument_id")["bearing"]
    time_args = ["buy_time", "suspected_stalling"]
    rows = [
        {
            "who": h.holder, "camp": h.camp,
            "position": ("urges it: talks as a tool for Iran" if bearing[h.argument_id] == "talks_as_tactic"
                         else "raises it as a possibility: a reading of Tehran's intent"),
            "words": h.evidence, "source_id": h.source_id,
        }
        for h in holders[holders["argument_id"].isin(time_args)].itertuples()
    ]
    publishers = sources.set_index("source_id")
    for e in events.set_index("event_id").loc[event_ids].itertuples():
        source = publishers.loc[e.source_id]
        rows.append({
            "who": f"{source.publisher} ({source.kind})", "camp": "outside the article",
            "position": "raises it as a possibility: a reading of Tehran's intent",
            "words": f'Headline: "{source.title}". {e.note}', "source_id": e.source_id,
        })
    return pd.DataFrame(rows, columns=["who", "camp", "position", "words", "source_id"])


def figure_profiles(actor_ids: list[str], actors: pd.DataFrame, labels: pd.DataFrame,
                    statements: pd.DataFrame, holders: pd.DataFrame,
                    arguments: pd.DataFrame) -> pd.DataFrame:
    """For each named figure: role, the article's own labels (in quotation marks), quotations, arguments."""
    people = actors.set_index("actor_id")
    names = arguments.set_index("argument_id")["label"]
    rows = []
    for actor_id in actor_ids:
        own = labels[labels["actor_id"] == actor_id]["label"]
        quotes = statements[statements["actor_id"] == actor_id]
        made = holders[holders["holder_id"] == actor_id]["argument_id"].drop_duplicates()
        rows.append({
            "name": people.loc[actor_id, "name"],
            "role (April 2025)": people.loc[actor_id, "role_april_2025"],
            "the article's labels": "; ".join(f'"{x}"' for x in own) or "none",
            "quoted": "; ".join(f'"{q}"' for q in quotes["quote"]) or "not quoted",
            "arguments": "; ".join(names[a] for a in made) or "none",
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- synthesis chapter (ACH)

#: Consistency of an item of evidence with a hypothesis, after Heuer: very consistent (CC)
#: to very inconsistent (II).
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
#: Weight of a credibility or relevance level.
LEVEL_WEIGHTS = {"high": 1.0, "medium": 0.75, "low": 0.5}


#: Tables a `basis` field may point into: id column and the text that shows the row.
BASIS_TABLES = {
    "statements": ("statement_id", "quote"),
    "claims": ("claim_id", "claim"),
    "events": ("event_id", "title"),
    "pressures": ("pressure_id", "wording"),
}


def basis_rows(tables: dict[str, pd.DataFrame], basis: str) -> list[tuple[str, str]]:
    """Resolve a basis such as 's04; c16' to (id, text) pairs; an unknown id raises KeyError."""
    found = []
    for row_id in basis.split("; "):
        for name, (key, text) in BASIS_TABLES.items():
            rows = tables[name][tables[name][key] == row_id]
            if len(rows):
                found.append((row_id, str(rows[text].iloc[0])))
                break
        else:
            raise KeyError(f"'{row_id}' is in no table of {list(BASIS_TABLES)}")
    return found


def ach_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ACH matrix in long form, ordered by diagnosticity (most telling first), with hover text
    giving each rating's reason and the rows the evidence rests on."""
    ratings = tables["ach_ratings"]
    evidence = tables["evidence"].set_index("evidence_id")
    matrix = ach_matrix(ratings)
    telling = diagnosticity(matrix)
    order = telling.sort_values(ascending=False, kind="stable").index
    view = ratings.assign(
        value=ratings.rating.astype(str).map(CONSISTENCY),
        diagnosticity=ratings.evidence_id.map(telling),
        rank=ratings.evidence_id.map({e: i for i, e in enumerate(order)}),
    )
    basis = {e: "<br>".join(f"{i}: {wrap(t, 70)}" for i, t in basis_rows(tables, b))
             for e, b in evidence.basis.items()}
    view["hover"] = [
        f"<b>{esc(e)}</b> × {esc(h)}: <b>{esc(r)}</b><br>{wrap(reason, 70)}<br><br>"
        f"{wrap(evidence.loc[e, 'evidence'], 70)}<br>credibility {evidence.loc[e, 'credibility']}, "
        f"relevance {evidence.loc[e, 'relevance']}<br><br>{basis[e]}"
        for e, h, r, reason in zip(view.evidence_id, view.hypothesis_id, view.rating.astype(str),
                                   view.reason, strict=True)
    ]
    return view.sort_values(["rank", "hypothesis_id"]).reset_index(drop=True)


def ach_matrix(ratings: pd.DataFrame) -> pd.DataFrame:
    """Evidence × hypothesis matrix of numeric consistency (CC=2 … II=-2) from long-form ratings."""
    values = ratings.assign(value=ratings.rating.astype(str).map(CONSISTENCY))
    return values.pivot(index="evidence_id", columns="hypothesis_id", values="value").astype(int)


def level_weights(levels: pd.Series) -> pd.Series:
    """Weights of credibility or relevance levels (high 1, medium 0.75, low 0.5)."""
    return levels.astype(str).map(LEVEL_WEIGHTS).astype(float)


def inconsistency(matrix: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Heuer's weighted inconsistency score per hypothesis: the sum over items of
    weight × (1 for I, 2 for II). Lower is better; consistent ratings add nothing."""
    penalty = (-matrix).clip(lower=0)
    return penalty.mul(weights.reindex(matrix.index), axis=0).sum()


def diagnosticity(matrix: pd.DataFrame) -> pd.Series:
    """How much an item's ratings differ across hypotheses: highest minus lowest value.
    Zero means the item cannot tell the hypotheses apart."""
    return matrix.max(axis=1) - matrix.min(axis=1)


def ranking(scores: pd.Series) -> list[str]:
    """Hypotheses from least to most inconsistent (ties keep hypothesis order)."""
    return list(scores.sort_index().sort_values(kind="stable").index)


def ranking_text(scores: pd.Series) -> str:
    """The ranking in words, ties shown: 'H3 < H1 = H2'."""
    order = ranking(scores)
    text = order[0]
    for before, after in pairwise(order):
        text += (" = " if np.isclose(scores[before], scores[after]) else " < ") + after
    return text


def leave_one_out(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """For each item, the ranking without it; whether that changes the ranking, and whether the
    hypothesis ranked first would no longer be the only least inconsistent one."""
    base = inconsistency(matrix, weights)
    best, base_text = ranking(base)[0], ranking_text(base)
    rows = []
    for item in matrix.index:
        scores = inconsistency(matrix.drop(index=item), weights)
        rivals = scores.drop(best)
        text = ranking_text(scores)
        rows.append({"evidence_id": item, "ranking": text, "changes_ranking": text != base_text,
                     "changes_best": bool((rivals <= scores[best] + 1e-9).any())})
    return pd.DataFrame(rows)


def perturbed_scores(matrix: pd.DataFrame, credibility: pd.Series, relevance: pd.Series,
                     runs: int = 2000, spread: float = 0.5, seed: int = 20250412) -> pd.DataFrame:
    """Inconsistency scores when each item's credibility weight is multiplied by a factor drawn
    uniformly from [1 - spread, 1 + spread]; one row per run, seeded so results repeat."""
    rng = np.random.default_rng(seed)
    credibility = credibility.reindex(matrix.index).to_numpy()
    relevance = relevance.reindex(matrix.index).to_numpy()
    factors = rng.uniform(1 - spread, 1 + spread, size=(runs, len(matrix)))
    weights = factors * credibility * relevance
    penalty = (-matrix).clip(lower=0).to_numpy()
    return pd.DataFrame(weights @ penalty, columns=matrix.columns)


def best_shares(runs: pd.DataFrame) -> pd.Series:
    """Share of runs in which each hypothesis is least inconsistent (a tie splits the run)."""
    best = runs.eq(runs.min(axis=1), axis=0)
    return best.div(best.sum(axis=1), axis=0).mean()


# ---------------------------------------------------------------- what happened next


def source_label(source: pd.Series) -> str:
    """A source as readers see it: 'AP (repost: host)', 'Al Jazeera (headline)', 'X (citing Y)' or X."""
    kind, publisher, via = source["kind"], source["publisher"], source["via"]
    if kind == "repost":
        return f"{publisher} (repost: {via})"
    if kind in ("headline", "post"):
        return f"{publisher} ({kind})"
    return f"{publisher} (citing {via})" if pd.notna(via) else str(publisher)


def later_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events after 12 April 2025 (period 'after'), in date order, with their confidence and sources.

    One row per event: its fields (without period and paragraph) plus `source_ids`, `publishers`
    and `urls`, the main source first and then the further sources of event_sources, each
    joined with '; '. Raises ValueError when a source of a later event has no URL.
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
        publishers=["; ".join(sources.loc[group, "publisher"]) for group in ids],
        urls=["; ".join(sources.loc[group, "url"]) for group in ids],
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


#: Credit an indicator's result gives its hypothesis; not_testable results are left out.
RESULT_CREDIT = {"observed": 1.0, "mixed": 0.5, "not_observed": 0.0}


def scorecard(indicators: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Per hypothesis: how many indicators had each result, and the share of testable
    expectations that held up (observed counts 1, mixed 0.5, not observed 0)."""
    merged = indicators.merge(scores, on="indicator_id", validate="one_to_one")
    counts = pd.crosstab(merged.hypothesis_id, merged.result.astype(str))
    counts = counts.reindex(columns=[*RESULT_CREDIT, "not_testable"], fill_value=0)
    testable = counts[list(RESULT_CREDIT)].sum(axis=1)
    held = sum(counts[r] * credit for r, credit in RESULT_CREDIT.items())
    return counts.assign(testable=testable, held_up=held / testable.where(testable > 0))


def facts_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the rows of `frame` whose confidence is high: the only ones the book states as fact.

    Medium- and low-confidence rows are shown as reported, with their sources, never as fact.
    """
    return frame[frame["confidence"].astype("string") == "high"].reset_index(drop=True)
