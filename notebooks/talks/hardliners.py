"""The hardliners chapter: who stands where on the talks, who makes which argument, and on what basis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import camp_groups
from .data import labels
from .sourcing import claim_words
from .style import BAND, esc, joined, phone, upper_first, when, wrap


def stance_basis(actors: pd.DataFrame, statements: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: camp, stance, and the quotation or claim that places it (or why it is unplaced).

    `basis` is plain text, one line per reason (escape it before showing it in a chart). Rows are
    ordered along the stance scale, then by camp and name.
    """
    names = actors.set_index("actor_id")["name"]
    said = statements.set_index("statement_id")
    cited = claim_words(claims, actors)
    rows = []
    for a in actors.itertuples():
        parts = []
        if not pd.isna(a.stance_statement_id):
            s = said.loc[a.stance_statement_id]
            parts.append(f'{names[s.actor_id]} ({when(s.date, s.date_precision)}): "{s.quote}" '
                         f"[{a.stance_statement_id}]")
        if not pd.isna(a.stance_claim_id):
            parts.append(cited[a.stance_claim_id])
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
    stances, camps = labels("actors", "stance"), labels("actors", "camp")
    fig = go.Figure()
    for camp, colour, marker, rows in camp_groups(basis):
        fig.add_trace(go.Scatter(
            x=rows["stance"].astype(str), y=rows["name"].map(esc), mode="markers", name=esc(camp),
            marker=dict(color=colour, symbol=marker, size=15),
            customdata=[
                f"<b>{esc(r.name)}</b> ({esc(r.role)})<br>Camp: {esc(camps[r.camp])}; "
                f"stance: {esc(stances[r.stance])}"
                f"<br>placed by: {esc(r.placed_by)}<br>"
                + "<br>".join(wrap(line, 70) for line in r.basis.split("\n"))
                for r in rows.itertuples()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    fig.add_vrect(x0=scale.index("unplaced") - 0.5, x1=scale.index("unplaced") + 0.5,
                  fillcolor=BAND, line_width=0, layer="below")
    fig.update_xaxes(categoryorder="array", categoryarray=scale, side="top", title=None, tickangle=0,
                     tickfont=dict(size=12), tickvals=scale, ticktext=[wrap(stances[s], 10) for s in scale],
                     range=[-0.5, len(scale) - 0.5])
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_layout(height=220 + 26 * len(order), margin=dict(t=110),
                      legend=dict(title_text="Camp", orientation="h", x=0, y=-0.01, yanchor="top"),
                      title="Where the article places each actor on the talks")
    # On a phone: the stances written upwards, the names in short lines.
    return phone(fig, height=330 + 46 * len(order), margin={"t": 190},
                 xaxis={"tickangle": -90, "ticktext": [stances[s] for s in scale], "tickfont": {"size": 11}},
                 yaxis={"tickvals": order, "ticktext": [wrap(name, 18) for name in basis["name"]],
                        "tickfont": {"size": 11}})


def stance_alt(basis: pd.DataFrame) -> str:
    """Alt text for `stance_figure`: the actors at each point of the scale, in the chart's order."""
    stances = labels("actors", "stance")
    parts = [upper_first(f"{stances[stance]}: "
                         f"{joined(list(basis[basis['stance'] == stance]['name']))}")
             for stance in basis["stance"].cat.categories if (basis["stance"] == stance).any()]
    return f"Dot plot of all {len(basis)} actors against the stance scale. " + ". ".join(parts) + "."


def argument_holders(links: pd.DataFrame, statements: pd.DataFrame, claims: pd.DataFrame,
                     actors: pd.DataFrame) -> pd.DataFrame:
    """One row per argument link: who holds the argument, their camp, and the words that make it
    (`words`; `rests_on` says whether they are a quotation or a claim).

    A quotation's speaker holds it; a claim names its holder in `held_by` or, when the
    article names no one, in `holder_words` (camp 'unattributed'). Raises ValueError when
    a row has both or neither of statement_id and claim_id, or a claim row has both or
    neither of held_by and holder_words, or a quotation row has either.
    """
    people = actors.set_index("actor_id")
    said = statements.set_index("statement_id")
    cited = claim_words(claims, actors)
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
            holder_id = k.held_by if has_actor else None
            words = cited[k.claim_id]
            kind = "claim"
        rows.append({
            "link_id": k.link_id, "argument_id": k.argument_id, "holder_id": holder_id,
            "holder": people.loc[holder_id, "name"] if holder_id else f'"{k.holder_words}" (not named)',
            "camp": people.loc[holder_id, "camp"] if holder_id else "unattributed",
            "rests_on": kind, "words": words, "source_id": k.source_id,
            "note": "" if pd.isna(k.note) else k.note,
        })
    return pd.DataFrame(rows, columns=["link_id", "argument_id", "holder_id", "holder", "camp",
                                       "rests_on", "words", "source_id", "note"])


def argument_figure(holders: pd.DataFrame, arguments: pd.DataFrame) -> go.Figure:
    """Matrix of who makes which argument: arguments down (in order of bearing), holders across."""
    args = arguments.sort_values("bearing", kind="stable").set_index("argument_id")
    bearings = labels("arguments", "bearing")
    ticks = {a: f"{esc(r.label)}<br><i>{esc(bearings[r.bearing])}</i>"
             for a, r in args.iterrows()}
    shown = holders.assign(
        y=holders["argument_id"].map(ticks),
        rank=holders["argument_id"].map({a: i for i, a in enumerate(args.index)}),
    ).sort_values(["rank", "holder"], kind="stable")
    fig = go.Figure()
    for camp, colour, marker, rows in camp_groups(shown):
        fig.add_trace(go.Scatter(
            x=rows["holder"].map(esc), y=rows["y"], mode="markers", name=esc(camp),
            marker=dict(color=colour, symbol=marker, size=16),
            customdata=[
                f"<b>{esc(r.holder)}</b>: {esc(args.loc[r.argument_id, 'label'])}<br>{wrap(r.words, 70)}"
                + (f"<br><i>{wrap(r.note, 70)}</i>" if r.note else "")
                for r in rows.itertuples()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    holder_order = list(dict.fromkeys(shown["holder"].map(esc)))
    fig.update_xaxes(categoryorder="array", categoryarray=holder_order, title=None, tickangle=-40)
    fig.update_yaxes(categoryorder="array", categoryarray=[ticks[a] for a in args.index][::-1], title=None)
    fig.update_layout(height=380 + 44 * len(args), margin=dict(t=180),
                      legend=dict(title_text="Camp of who holds it", orientation="h", x=0, y=1.02,
                                  yanchor="bottom", font=dict(size=12)),
                      title="Who makes which argument")
    # On a phone: the holders' names written upwards, the arguments in short lines.
    return phone(fig, height=300 + 76 * len(args), margin={"t": 60},
                 xaxis={"tickangle": -90, "tickfont": {"size": 11}},
                 yaxis={"tickvals": [ticks[a] for a in args.index], "tickfont": {"size": 11},
                        "ticktext": [f"{wrap(r.label, 20)}<br><i>{esc(bearings[r.bearing])}</i>"
                                     for _, r in args.iterrows()]})


def argument_alt(holders: pd.DataFrame, arguments: pd.DataFrame) -> str:
    """Alt text for `argument_figure`: each argument, in the chart's order, with who holds it."""
    args, bearings = arguments.sort_values("bearing", kind="stable"), labels("arguments", "bearing")
    parts = [f"{a.label} ({bearings[a.bearing]}): "
             f"{joined(sorted(set(holders[holders['argument_id'] == a.argument_id]['holder'])))}"
             for a in args.itertuples()]
    return (f"Matrix of {len(args)} arguments against the {holders['holder'].nunique()} people, groups and "
            "outlets who make them. " + "; ".join(parts) + ".")


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
            "words": h.words, "source_id": h.source_id,
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


def actor_profiles(actor_ids: list[str], actors: pd.DataFrame, labels: pd.DataFrame,
                    statements: pd.DataFrame, holders: pd.DataFrame,
                    arguments: pd.DataFrame) -> pd.DataFrame:
    """For each actor: role, the article's own labels (in quotation marks), quotations, arguments."""
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
