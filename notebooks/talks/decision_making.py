"""The decision-making chapter: offices and voices, who is said to have approved what, the stance timeline."""

from __future__ import annotations

import pandas as pd

from .data import labels
from .style import esc, joined, times, upper_first, when, wrap


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
    rows, approved, reported = [], labels("attributions", "approved"), labels("attributions", "reported_as")
    for a in tables["attributions"].itertuples():
        speaker = actors[a.speaker_actor_id] if pd.notna(a.speaker_actor_id) else "Unnamed reports"
        maker = actors[a.decision_maker_actor_id] if pd.notna(a.decision_maker_actor_id) else "No one named"
        said = f'"{quotes[a.statement_id]}"' if pd.notna(a.statement_id) else claims[a.claim_id]
        hover = f"{wrap(said)}<br><i>{esc(upper_first(reported[a.reported_as]))}</i>: {wrap(a.effect)}"
        rows += [(f"{speaker} ", f"{maker}  ", hover), (f"{maker}  ", approved[a.approved], hover)]
    nodes = list(dict.fromkeys(label for s, t, _ in rows for label in (s, t)))
    links = pd.DataFrame(rows, columns=["source", "target", "hover"])
    links = links.groupby(["source", "target"], sort=False).agg(
        value=("hover", "size"), hover=("hover", "<br><br>".join)).reset_index()
    links["source"] = links.source.map(nodes.index)
    links["target"] = links.target.map(nodes.index)
    return [n.strip() for n in nodes], links


def stance_timeline(tables: dict[str, pd.DataFrame], start: str, end: str) -> pd.DataFrame:
    """Dated statements and stance-coded events between two dates, for one timeline.

    Columns: date, date_precision, stance, kind (statement or event), who, label (the event's title,
    or whose statement it is), text, source. Undated rows cannot be placed and are left out.
    """
    actors = tables["actors"].set_index("actor_id")["name"]
    publishers = tables["sources"].set_index("source_id")["publisher"]
    statements = tables["statements"].assign(
        kind="statement", who=lambda t: t.actor_id.map(actors), label=lambda t: t.who + "'s statement",
        text=lambda t: '"' + t.quote + '"')
    events = tables["events"].merge(tables["event_stances"], on="event_id", suffixes=("_event", ""))
    events = events.assign(kind="event", who="", label=events.title,
                           text=events.title + ": " + events.description)
    columns = ["date", "date_precision", "stance", "kind", "who", "label", "text", "source_id"]
    both = pd.concat([statements[columns], events[columns]], ignore_index=True)
    both["stance"] = both.stance.astype(tables["statements"].stance.dtype)
    both["source"] = both.source_id.map(publishers)
    window = both.date.between(pd.Timestamp(start), pd.Timestamp(end))
    return both[window].drop(columns="source_id").sort_values("date", kind="stable").reset_index(drop=True)


def power_alt(power: pd.DataFrame) -> str:
    """Alt text for the chart of `power_and_voice`: who is quoted how often in 2025, and who not at all."""
    def office(r) -> str:
        return f"{r.office} ({r.role_on_file})" if r.holder == r.office else (
            f"{r.holder} ({r.office}; {r.role_on_file})")

    quoted = power[power.quotations_2025 > 0].sort_values("quotations_2025", ascending=False, kind="stable")
    silent = power[power.quotations_2025 == 0]
    return ("Horizontal bars: how often the holder of each office is quoted in the article in 2025, with "
            "the office's formal part in the nuclear file. Quoted: "
            + "; ".join(f"{office(r)}, {times(r.quotations_2025)}" for r in quoted.itertuples())
            + ". Not quoted in 2025: " + "; ".join(office(r) for r in silent.itertuples()) + ".")


def flows_alt(nodes: list[str], links: pd.DataFrame) -> str:
    """Alt text for the Sankey diagram of `attribution_flows`: for each decision-maker named (or no one),
    who points to them and what they are said to have approved."""
    middle = [n for n in dict.fromkeys(links.target) if n in set(links.source)]

    def counted(frame: pd.DataFrame, end: str) -> str:
        return joined([f"{nodes[i]} ({times(v)})" for i, v in zip(frame[end], frame.value, strict=True)])

    parts = [f"{counted(links[links.target == m], 'source')} point to {nodes[m]}, for "
             f"{counted(links[links.source == m], 'target')}" for m in middle]
    total = int(links[links.target.isin(middle)].value.sum())
    return (f"Sankey diagram of {total} statements and claims, from who speaks to the decision-maker they "
            "name to what was approved. " + "; ".join(parts) + ".")


def stance_timeline_alt(timeline: pd.DataFrame) -> str:
    """Alt text for the chart of `stance_timeline`: each stance in turn with its statements and events."""
    first, last = timeline.iloc[0], timeline.iloc[-1]
    stances = labels("statements", "stance")
    parts = [
        f"{stances[stance]}: "
        + "; ".join(f"{r.label} ({when(r.date, r.date_precision)})"
                    for r in timeline[timeline.stance == stance].itertuples())
        for stance in timeline.stance.cat.categories if (timeline.stance == stance).any()
    ]
    return (f"Timeline of {len(timeline)} dated statements and events from "
            f"{when(first.date, first.date_precision)} to {when(last.date, last.date_precision)}, by stance "
            "toward talks. " + ". ".join(map(upper_first, parts)) + ".")
