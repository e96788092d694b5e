"""How the article knows what it says, and who stands behind each row: one classifier, one label table.

A row rests on a quotation (a statement) or on one of the article's claims. A claim is a fact the
article reports, its own assessment, or a claim it relays from a named or an unnamed source.
"""

from __future__ import annotations

import pandas as pd

from .style import joined

#: How the article knows a thing: (label, marker), by kind. Every chart and table uses these.
SOURCING = {
    "quotation": ("quoted on the record", "circle"),
    "reported_fact": ("the article reports it", "square"),
    "assessment": ("the article's own assessment", "diamond"),
    "named_source": ("the article relays a named source", "triangle-up"),
    "unnamed_source": ("the article relays unnamed reports or commentators", "x"),
}
#: The voice of a row the article relays from unnamed reports or commentators.
UNNAMED = "Unnamed reports or commentators"


def sourcing_kind(statement_id: object, claim_type: object, attributed_to: object) -> str:
    """Key of SOURCING for a row resting on a quotation, or else on a claim of the given type."""
    if not pd.isna(statement_id):
        return "quotation"
    if claim_type in ("reported_fact", "assessment"):
        return str(claim_type)
    if claim_type == "third_party_claim":
        return "unnamed_source" if pd.isna(attributed_to) else "named_source"
    raise ValueError(f"no quotation and no known claim type ({claim_type!r})")


def attribute(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Add who voices each row and how it is known: voice_id, voice, camp, sourcing.

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
            kind = sourcing_kind(None, claim.claim_type, claim.attributed_to)
            voice_id = {"named_source": claim.attributed_to, "unnamed_source": None}.get(kind, "new-arab")
        rows.append({
            "voice_id": voice_id,
            "voice": UNNAMED if voice_id is None else actors.loc[voice_id, "name"],
            "camp": "unattributed" if voice_id is None else str(actors.loc[voice_id, "camp"]),
            "sourcing": kind,
        })
    return pd.concat([frame.reset_index(drop=True), pd.DataFrame(rows, index=range(len(frame)))], axis=1)


def voiced(voice: str | None, kind: str) -> str:
    """Who stands behind a row, in words: a quotation's speaker, 'the article relays X' for a named
    source, and otherwise how the article knows it (its report, its assessment, unnamed reports)."""
    if kind == "quotation":
        return str(voice)
    return f"the article relays {voice}" if kind == "named_source" else SOURCING[kind][0]


def claim_voices(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Who stands behind each claim of the article, in words, indexed by claim_id."""
    names = actors.set_index("actor_id")["name"]
    voices = {}
    for c in claims.itertuples():
        name = None if pd.isna(c.attributed_to) else names[c.attributed_to]
        voices[c.claim_id] = voiced(name, sourcing_kind(None, c.claim_type, c.attributed_to))
    return pd.Series(voices, name="voice", dtype="string")


def claim_words(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Each claim as the book cites it, indexed by claim_id:
    'Claim c05, <who stands behind it> (the book's paraphrase): <the claim>'."""
    voices = claim_voices(claims, actors)
    words = {c.claim_id: f"Claim {c.claim_id}, {voices[c.claim_id]} (the book's paraphrase): {c.claim}"
             for c in claims.itertuples()}
    return pd.Series(words, dtype="string")


def events_with_sources(tables: dict[str, pd.DataFrame], period: str) -> pd.DataFrame:
    """The events of one period ('background', 'run_up' or 'after') in date order, each with all its sources.

    One row per event: its fields (without period and paragraph) plus `source_ids` and `publishers`
    (as readers see them, reposts and headlines marked: `source_label`), the main source first and
    then the further sources of event_sources, each joined with '; '. Raises ValueError when a
    source of one of the events has no URL.
    """
    events = tables["events"]
    chosen = events[events["period"] == period]
    sources = tables["sources"].set_index("source_id")
    further = tables["event_sources"].groupby("event_id", sort=False)["source_id"].agg(list)
    ids = [list(dict.fromkeys([main, *further.get(event_id, [])]))
           for event_id, main in zip(chosen["event_id"], chosen["source_id"], strict=True)]
    for event_id, group in zip(chosen["event_id"], ids, strict=True):
        if any(pd.isna(sources.at[s, "url"]) for s in group):
            raise ValueError(f"event {event_id} has a source without a URL")
    frame = chosen.drop(columns=["period", "paragraph"]).assign(
        source_ids=["; ".join(group) for group in ids],
        publishers=["; ".join(source_label(sources.loc[s]) for s in group) for group in ids],
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def facts_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the rows of `frame` whose confidence is high: the only ones the book states as fact.

    Medium- and low-confidence rows are shown as reported, with their sources, never as fact.
    """
    return frame[frame["confidence"].astype("string") == "high"].reset_index(drop=True)


def recorded_with(events: pd.DataFrame, ids: list[str]) -> str:
    """How the record grades the events `ids` (indexed by event id), in words: 'both recorded with
    high confidence', or 'recorded with high and medium confidence, in that order'."""
    levels = [str(events.at[i, "confidence"]) for i in ids]
    if len(set(levels)) == 1:
        return f"{'both' if len(ids) == 2 else 'all'} recorded with {levels[0]} confidence"
    return f"recorded with {joined(levels)} confidence, in that order"


def source_label(source: pd.Series) -> str:
    """A source as readers see it: 'AP (repost: host)', 'Al Jazeera (headline)', 'X (citing Y)' or X."""
    kind, publisher, via = source["kind"], source["publisher"], source["via"]
    if kind == "repost":
        return f"{publisher} (repost: {via})"
    if kind in ("headline", "post"):
        return f"{publisher} ({kind})"
    return f"{publisher} (citing {via})" if pd.notna(via) else str(publisher)
