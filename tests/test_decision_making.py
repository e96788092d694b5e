"""talks/decision_making.py on hand-worked inputs, and the decision-making chapter's tables."""

import pandas as pd

import talks
from conftest import mini


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Three actors, three statements, two attributions, two events: small enough to work by hand."""
    return {
        "actors": mini("actors", actor_id=["lead", "pres", "gen"], name=["Leader", "President", "General"],
                       camp=["leadership", "government", "armed_forces"]),
        "statements": mini("statements", statement_id=["s1", "s2", "s3"], actor_id=["pres", "pres", "lead"],
                           quote=["We talk", "Not directly", "Never"],
                           date=["2025-04-09", None, "2019-06-13"], date_precision=["day", "undated", "day"],
                           stance=["conditional", "conditional", "opposed"], source_id=["src", "src", "src"]),
        "claims": mini("claims", claim_id=["c1"], claim=["The Leader allowed indirect talks."]),
        "attributions": mini("attributions", attribution_id=["a1", "a2"], statement_id=["s1", None],
                             claim_id=[None, "c1"], speaker_actor_id=["pres", None],
                             decision_maker_actor_id=["lead", "lead"],
                             approved=["indirect_talks", "indirect_talks"],
                             reported_as=["quotation", "third_party_report"],
                             effect=["names the Leader", "relayed"]),
        "offices": mini("offices", office=["Leader", "President"], holder_actor_id=["lead", "pres"],
                        role_on_file=["decides", "deliberates"], basis=["b1", "b2"]),
        "events": mini("events", event_id=["e1", "e2"], date=["2025-02-07", "2025-05-01"],
                       date_precision=["day", "day"], title=["Refusal", "Later"],
                       description=["said no", "after"], source_id=["src", "src"]),
        "event_stances": mini("event_stances", event_id=["e1", "e2"], stance=["opposed", "conditional"],
                              basis=["x", "y"], source_id=["src", "src"]),
        "sources": mini("sources", source_id=["src"], publisher=["Outlet"]),
    }


def test_quoted_in_2025_leaves_out_older_quotes_but_keeps_undated():
    counts = talks.quoted_in_2025(tiny_tables())
    assert counts.to_dict() == {"lead": 0, "pres": 2, "gen": 0}


def test_power_and_voice_pairs_offices_with_quotations():
    frame = talks.power_and_voice(tiny_tables())
    assert frame[["office", "holder", "role_on_file", "quotations_2025"]].values.tolist() == [
        ["Leader", "Leader", "decides", 0], ["President", "President", "deliberates", 2]]


def test_attribution_flows_merge_equal_links():
    nodes, links = talks.attribution_flows(tiny_tables())
    assert nodes == ["President", "Leader", "indirect talks", "Unnamed reports"]
    flows = {(nodes[s], nodes[t]): v
             for s, t, v in zip(links.source, links.target, links.value, strict=True)}
    assert flows == {("President", "Leader"): 1, ("Leader", "indirect talks"): 2,
                     ("Unnamed reports", "Leader"): 1}


def test_attribution_hover_is_escaped():
    tables = tiny_tables()
    tables["statements"].loc[0, "quote"] = "<script>x</script>"
    _, links = talks.attribution_flows(tables)
    assert "<script>" not in "".join(links.hover) and "&lt;script&gt;" in links.hover[0]


def test_stance_timeline_keeps_the_window_and_drops_undated():
    frame = talks.stance_timeline(tiny_tables(), "2025-02-01", "2025-04-12")
    assert frame[["kind", "stance"]].values.tolist() == [["event", "opposed"], ["statement", "conditional"]]
    assert frame.source.tolist() == ["Outlet", "Outlet"]


def test_power_alt_names_who_is_quoted_and_who_is_not():
    assert talks.power_alt(talks.power_and_voice(tiny_tables())) == (
        "Horizontal bars: how often the holder of each office is quoted in the article in 2025, with the "
        "office's formal part in the nuclear file. Quoted: President (deliberates), twice. "
        "Not quoted in 2025: Leader (decides).")


def test_flows_alt_follows_each_decision_maker():
    nodes, links = talks.attribution_flows(tiny_tables())
    assert talks.flows_alt(nodes, links) == (
        "Sankey diagram of 2 statements and claims, from who speaks to the decision-maker they name to what "
        "was approved. President (once) and Unnamed reports (once) point to Leader, for indirect talks "
        "(twice).")


def test_stance_timeline_alt_goes_stance_by_stance():
    timeline = talks.stance_timeline(tiny_tables(), "2025-02-01", "2025-04-12")
    assert talks.stance_timeline_alt(timeline) == (
        "Timeline of 2 dated statements and events from 7 February 2025 to 9 April 2025, by stance toward "
        "talks. Conditional: President's statement (9 April 2025). Opposed: Refusal (7 February 2025).")


def test_every_attribution_rests_on_exactly_one_statement_or_claim(tables):
    a = tables["attributions"]
    assert (a.statement_id.notna() ^ a.claim_id.notna()).all()


def test_quoted_attributions_name_the_statements_speaker(tables):
    a = tables["attributions"].dropna(subset=["statement_id"])
    speakers = tables["statements"].set_index("statement_id").actor_id
    assert (a.speaker_actor_id.to_numpy() == speakers[a.statement_id].to_numpy()).all()


def test_third_party_attributions_rest_on_third_party_claims(tables):
    a = tables["attributions"]
    claim_type = tables["claims"].set_index("claim_id").claim_type
    relayed = a[a.reported_as == "third_party_report"]
    assert (claim_type[relayed.claim_id] == "third_party_claim").all()


def test_episode_bases_exist(tables):
    known = (set(tables["statements"].statement_id) | set(tables["claims"].claim_id)
             | set(tables["events"].event_id))
    for basis in tables["episodes"].basis:
        assert set(basis.split("; ")) <= known, basis
