"""The decision-making chapter: offices and voices, who is said to have approved what, the stance timeline."""

from __future__ import annotations

import pandas as pd

from .style import esc, wrap

#: What an attribution says was approved, in the chapter's words.
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
