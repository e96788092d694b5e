"""The decision-making chapter's data and module functions, on hand-worked inputs."""

import pandas as pd

import talks

TABLES = talks.load()


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Three actors, three statements, two attributions, two events: small enough to work by hand."""
    stance = pd.CategoricalDtype(["favours_agreement", "conditional", "tactical", "opposed", "unplaced"],
                                 ordered=True)
    return {
        "actors": pd.DataFrame({"actor_id": ["lead", "pres", "gen"],
                                "name": ["Leader", "President", "General"],
                                "camp": ["leadership", "government", "armed_forces"]}),
        "statements": pd.DataFrame({
            "statement_id": ["s1", "s2", "s3"], "actor_id": ["pres", "pres", "lead"],
            "quote": ["We talk", "Not directly", "Never"],
            "date": pd.to_datetime(["2025-04-09", None, "2019-06-13"]),
            "date_precision": ["day", "undated", "day"],
            "stance": pd.Series(["conditional", "conditional", "opposed"], dtype=stance),
            "source_id": ["src", "src", "src"]}),
        "claims": pd.DataFrame({"claim_id": ["c1"], "claim": ["The Leader allowed indirect talks."]}),
        "attributions": pd.DataFrame({
            "attribution_id": ["a1", "a2"], "statement_id": ["s1", None], "claim_id": [None, "c1"],
            "speaker_actor_id": ["pres", None], "decision_maker_actor_id": ["lead", "lead"],
            "approved": ["indirect_talks", "indirect_talks"],
            "reported_as": ["quotation", "third_party_report"],
            "effect": ["names the Leader", "relayed"]}),
        "offices": pd.DataFrame({"office": ["Leader", "President"], "holder_actor_id": ["lead", "pres"],
                                 "role_on_file": ["decides", "deliberates"], "basis": ["b1", "b2"]}),
        "events": pd.DataFrame({"event_id": ["e1", "e2"],
                                "date": pd.to_datetime(["2025-02-07", "2025-05-01"]),
                                "date_precision": ["day", "day"], "title": ["Refusal", "Later"],
                                "description": ["said no", "after"], "source_id": ["src", "src"]}),
        "event_stances": pd.DataFrame({"event_id": ["e1", "e2"], "stance": ["opposed", "conditional"],
                                       "basis": ["x", "y"], "source_id": ["src", "src"]}),
        "sources": pd.DataFrame({"source_id": ["src"], "publisher": ["Outlet"]}),
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


def test_every_attribution_rests_on_exactly_one_statement_or_claim():
    a = TABLES["attributions"]
    assert (a.statement_id.notna() ^ a.claim_id.notna()).all()


def test_quoted_attributions_name_the_statements_speaker():
    a = TABLES["attributions"].dropna(subset=["statement_id"])
    speakers = TABLES["statements"].set_index("statement_id").actor_id
    assert (a.speaker_actor_id.to_numpy() == speakers[a.statement_id].to_numpy()).all()


def test_third_party_attributions_rest_on_third_party_claims():
    a = TABLES["attributions"]
    claim_type = TABLES["claims"].set_index("claim_id").claim_type
    relayed = a[a.reported_as == "third_party_report"]
    assert (claim_type[relayed.claim_id] == "third_party_claim").all()


def test_episode_bases_exist():
    known = (set(TABLES["statements"].statement_id) | set(TABLES["claims"].claim_id)
             | set(TABLES["events"].event_id))
    for basis in TABLES["episodes"].basis:
        assert set(basis.split("; ")) <= known, basis
