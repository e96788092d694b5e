"""The goals chapter: its tables (pressures, positions, goals) and its module functions, by hand."""

import pandas as pd
import pytest

import talks

TABLES = talks.load()
OWN = ["pressures", "positions", "goals"]
def tiny_tables() -> dict[str, pd.DataFrame]:
    """Four actors, two statements, three claims: small enough to work by hand."""
    return {
        "actors": pd.DataFrame({
            "actor_id": ["lead", "pres", "paper", "new-arab"],
            "name": ["Leader", "President", "Daily Paper", "The New Arab"],
            "camp": ["leadership", "government", "media", "media"]}),
        "statements": pd.DataFrame({"statement_id": ["s1", "s2"], "actor_id": ["lead", "pres"]}),
        "claims": pd.DataFrame({
            "claim_id": ["c1", "c2", "c3"],
            "claim_type": ["assessment", "third_party_claim", "third_party_claim"],
            "attributed_to": [None, "paper", None]}),
    }


# ---------------------------------------------------------------- module functions

def test_sourcing_kind():
    assert talks.sourcing_kind("s1", None, None) == "quotation"
    assert talks.sourcing_kind("s1", "assessment", None) == "quotation"
    assert talks.sourcing_kind(None, "reported_fact", None) == "reported_fact"
    assert talks.sourcing_kind(pd.NA, "assessment", pd.NA) == "assessment"
    assert talks.sourcing_kind(None, "third_party_claim", "nyt") == "named_source"
    assert talks.sourcing_kind(None, "third_party_claim", pd.NA) == "unnamed_source"
    with pytest.raises(ValueError):
        talks.sourcing_kind(None, None, None)


def test_attribute_names_the_voice_of_each_row():
    frame = pd.DataFrame({
        "row": ["quote", "quote and claim", "assessment", "named report", "unnamed report"],
        "statement_id": ["s2", "s1", None, None, None],
        "claim_id": [None, "c2", "c1", "c2", "c3"],
    })
    got = talks.attribute(frame, tiny_tables())
    assert list(got["row"]) == list(frame["row"])
    assert list(got["voice_id"][:4]) == ["pres", "lead", "new-arab", "paper"]
    assert pd.isna(got["voice_id"][4])
    assert list(got["voice"]) == ["President", "Leader", "The New Arab", "Daily Paper", talks.UNNAMED]
    assert list(got["camp"]) == ["government", "leadership", "media", "media", "unattributed"]
    assert list(got["sourcing"]) == ["quotation", "quotation", "assessment", "named_source", "unnamed_source"]


def test_attribute_refuses_a_row_without_basis():
    with pytest.raises(ValueError, match="neither"):
        talks.attribute(pd.DataFrame({"statement_id": [None], "claim_id": [None]}), tiny_tables())


def test_cell_positions_stack_dots_sharing_a_cell():
    cells = [("a", "r1"), ("b", "r2"), ("a", "r2"), ("a", "r2"), ("a", "r2")]
    positions, spans, total = talks.cell_positions(cells, ["r1", "r2", "r3"])
    # r1 holds one dot, r2 three in one cell (so three units tall), r3 none (still one unit).
    assert spans == {"r1": (0, 1), "r2": (1, 4), "r3": (4, 5)}
    assert total == 5
    assert positions == [0.5, 2.5, 1.5, 2.5, 3.5]


def tiny_matrix() -> pd.DataFrame:
    return pd.DataFrame({
        "col": ["A", "B", "A"], "row": ["x", "x", "y"], "grp": ["g1", "g1", "g2"],
        "camp": ["leadership", "government", "leadership"],
        "sourcing": ["quotation", "unnamed_source", "assessment"],
        "hover": ["h1", "h2", "h3"], "label": ["one", "two <b>", "three"],
    })


def test_dot_matrix_colours_by_camp_and_marks_sourcing():
    fig = talks.dot_matrix(tiny_matrix(), "col", "row", ["A", "B"], ["x", "y"], "T", group="grp")
    data = [t for t in fig.data if t.x[0] is not None]
    camps = [t for t in fig.data if t.x[0] is None and t.legend == "legend"]
    kinds = [t for t in fig.data if t.x[0] is None and t.legend == "legend2"]
    assert [t.marker.color for t in data] == [talks.CAMPS["leadership"][0], talks.CAMPS["government"][0]]
    lead = data[0]
    assert list(lead.x) == [0, 0] and list(lead.y) == [0.5, 1.5]
    assert list(lead.marker.symbol) == ["circle", "diamond"]
    assert list(lead.customdata) == ["h1", "h3"]
    assert not any(t.showlegend for t in data)
    assert [t.name for t in camps] == ["leadership", "government"]
    assert [t.name for t in kinds] == [talks.SOURCING[k][0] for k in ("quotation", "assessment",
                                                                     "unnamed_source")]
    assert [t.marker.symbol for t in kinds] == ["circle", "diamond", "x"]
    assert fig.layout.yaxis.range == (2, 0)
    assert [a.text for a in fig.layout.annotations] == ["<b>g1</b>", "<b>g2</b>"]


def test_dot_matrix_labels_sit_right_of_shifted_dots_and_are_escaped():
    fig = talks.dot_matrix(tiny_matrix(), "col", "row", ["A", "B"], ["x", "y"], "T", text="label")
    government = next(t for t in fig.data
                      if t.x[0] is not None and t.marker.color == talks.CAMPS["government"][0])
    assert list(government.x) == [0.55]
    assert list(government.text) == ["two &lt;b&gt;"]


def test_dot_matrix_refuses_values_outside_the_order():
    with pytest.raises(ValueError):
        talks.dot_matrix(tiny_matrix(), "col", "row", ["A"], ["x", "y"], "T")


def test_then_and_now_sets_years_side_by_side():
    positions = pd.DataFrame({
        "year": [2019, 2025, 2025, 2025],
        "kind": ["refusal", "condition", "red_line", "offer"],
        "topic": pd.Categorical(["talks", "talks", "missiles", "nuclear_weapons"],
                                categories=["talks", "investment", "missiles", "nuclear_weapons"]),
        "wording": ["No.", "Not directly.", "no missiles", "can be changed"],
        "voice": ["Leader", "President", talks.UNNAMED, "The New Arab"],
        "sourcing": ["quotation", "quotation", "unnamed_source", "assessment"],
    })
    got = talks.then_and_now(positions)
    assert list(got.columns) == ["topic", "2019", "2025"]
    # Topics in category order; no row for a topic empty in both years (investment).
    assert list(got["topic"]) == ["talks", "missiles", "nuclear weapons"]
    assert got.iloc[0]["2019"] == "refused: \u201cNo.\u201d (Leader)"
    assert got.iloc[0]["2025"] == "condition: \u201cNot directly.\u201d (President)"
    assert got.iloc[1]["2019"] == "nothing in the article"
    assert got.iloc[1]["2025"] == ("off the table: \u201cno missiles\u201d "
                                   "(the article relays unnamed reports or commentators)")
    assert got.iloc[2]["2025"] == ("on offer: \u201ccan be changed\u201d "
                                   "(the article's own assessment)")


def test_voices_per_item_counts_distinct_voices():
    frame = pd.DataFrame({"item": ["A", "A", "A", "B", "C", "C", "C"],
                          "voice": ["x", "x", "y", "z", "x", "y", "z"]})
    assert talks.voices_per_item(frame, "item").to_dict() == {"C": 3, "A": 2, "B": 1}
    assert list(talks.voices_per_item(frame, "item").index) == ["C", "A", "B"]


def test_count_phrase():
    order = ["regional", "military", "economic", "domestic"]
    values = pd.Series(["military", "regional", "regional", "economic"])
    assert talks.count_phrase(values, order) == "2 regional, 1 military and 1 economic"
    assert talks.count_phrase(pd.Series(["domestic"]), order) == "1 domestic"
    assert talks.count_phrase(pd.Series([], dtype=str), order) == "none"


def test_voiced_names_the_speaker_or_how_the_article_knows_it():
    assert talks.voiced("Leader", "quotation") == "Leader"
    assert talks.voiced("The New Arab", "assessment") == "the article's own assessment"
    assert talks.voiced("The New Arab", "reported_fact") == "the article reports it"
    assert talks.voiced("Daily Paper", "named_source") == "the article relays Daily Paper"
    assert talks.voiced(talks.UNNAMED, "unnamed_source") == ("the article relays unnamed reports or "
                                                             "commentators")


def test_lower_first_keeps_acronyms():
    assert talks.lower_first("Threat of war with Israel and the US") == "threat of war with Israel and the US"
    assert talks.lower_first("US strikes") == "US strikes"
    assert talks.lower_first("") == ""


def test_who_names_what_counts_each_voices_items_against_all():
    frame = pd.DataFrame({
        "item": ["Fall of A", "US strikes", "Fall of A", "Debt", "Debt"],
        "voice": ["Paper", "Paper", "Wire", "Wire", "Paper"],
        "sourcing": ["reported_fact", "assessment", "named_source", "named_source", "reported_fact"],
    })
    assert talks.who_names_what(frame, "item", ["Paper", "Wire"], "pressures") == (
        "Paper names 3 of the 3 pressures: fall of A; US strikes; debt. "
        "Wire, as the article relays it, names 2 of the 3 pressures: fall of A; debt.")


def test_matrix_alt_lists_columns_in_order_and_rows_in_order():
    frame = pd.DataFrame({
        "col": ["B", "A", "A", "A"], "row": ["y", "y", "x", "x"],
        "voice": ["Leader", "Paper", "Leader", "Paper"],
        "sourcing": ["quotation", "named_source", "quotation", "named_source"],
        "label": ["four", "three", "one", "two"],
    })
    assert talks.matrix_alt(frame, "col", "row", ["A", "B", "c"], ["x", "y"]) == (
        "A: x (Leader, the article relays Paper); y (the article relays Paper). B: y (Leader). "
        "C: nothing.")
    assert talks.matrix_alt(frame, "col", "row", ["A"], ["x", "y"], text="label") == (
        "A: \u201cone\u201d (Leader); \u201ctwo\u201d (the article relays Paper); "
        "\u201cthree\u201d (the article relays Paper).")


def test_hover_text_escapes_and_adds_the_note():
    frame = pd.DataFrame({"title": ["<i>T</i>"], "wording": ["a <script>"], "voice": ["V"],
                          "sourcing": ["assessment"], "paragraph": [3], "statement_id": [None],
                          "claim_id": ["c9"], "note": ["n & m"]})
    (text,) = talks.hover_text(frame, "title")
    assert text == ("<b>&lt;i&gt;T&lt;/i&gt;</b><br>\u201ca &lt;script&gt;\u201d<br>"
                    "V: the article's own assessment<br>paragraph 3 of the article; c9<br><i>n &amp; m</i>")


# ---------------------------------------------------------------- the chapter's data

@pytest.mark.parametrize("name", OWN)
def test_wording_is_verbatim_in_the_paragraph_recorded(name, paragraphs):
    for row in TABLES[name].itertuples():
        assert row.wording in paragraphs[row.paragraph - 1], f"{name} {row[1]}: {row.wording!r}"


@pytest.mark.parametrize("name", OWN)
def test_rows_rest_on_a_quotation_or_claim_of_the_same_paragraph(name):
    statements = TABLES["statements"].set_index("statement_id")
    claims = TABLES["claims"].set_index("claim_id")
    frame = TABLES[name]
    no_statement = pd.Series(False, index=frame.index)
    has_statement = frame["statement_id"].notna() if "statement_id" in frame else no_statement
    assert (has_statement | frame["claim_id"].notna()).all()
    for row, quoted in zip(frame.itertuples(), has_statement, strict=True):
        if quoted:
            s = statements.loc[row.statement_id]
            assert row.wording in s.quote, f"{row[1]}: wording is not part of {row.statement_id}"
            assert row.paragraph == s.paragraph, row[1]
        else:
            assert row.paragraph == claims.loc[row.claim_id, "paragraph"], row[1]


def test_each_pressure_has_one_domain():
    domains = TABLES["pressures"].groupby("pressure")["domain"].nunique()
    assert (domains == 1).all(), domains[domains != 1]


def test_pressures_cover_every_domain():
    assert set(TABLES["pressures"]["domain"]) == {"regional", "military", "economic", "domestic"}


def test_stated_goals_are_quotations_of_iranian_officials():
    goals = talks.attribute(TABLES["goals"], TABLES)
    actors = TABLES["actors"].set_index("actor_id")
    stated = goals[goals["basis"] == "stated"]
    assert (stated["sourcing"] == "quotation").all()
    for voice_id in stated["voice_id"]:
        assert actors.loc[voice_id, "country"] == "Iran"
        assert actors.loc[voice_id, "camp"] in {"leadership", "government", "armed_forces"}


def test_the_missile_red_line_is_marked_as_unnamed_reports():
    positions = talks.attribute(TABLES["positions"], TABLES)
    red = positions[positions["kind"] == "red_line"]
    assert len(red) >= 1
    assert (red["sourcing"] == "unnamed_source").all()
    assert red["wording"].str.contains("missiles").all()


def test_2019_positions_rest_on_statements_from_2019():
    statements = TABLES["statements"].set_index("statement_id")
    old = TABLES["positions"][TABLES["positions"]["year"] == 2019]
    assert len(old) >= 1
    for row in old.itertuples():
        assert statements.loc[row.statement_id, "date"].year == 2019


def test_positions_are_not_the_articles_own_assessments():
    # A position is Tehran's; the article's reading of one goes in the row's note or claim, not as a row.
    positions = talks.attribute(TABLES["positions"], TABLES)
    assert not (positions["sourcing"] == "assessment").any()


def test_goals_of_voices_placed_as_tactical_are_coded_as_urged():
    # Consistent with actors.csv: whoever the data place as accepting talks only as a tactic urges it.
    goals = talks.attribute(TABLES["goals"], TABLES)
    stance = TABLES["actors"].set_index("actor_id")["stance"].astype(str)
    tactical = goals[goals["voice_id"].map(lambda v: isinstance(v, str) and stance[v] == "tactical")]
    assert set(tactical["voice_id"]) == {"mahdian", "dehbashi"}
    assert (tactical["basis"] == "advocated").all()
