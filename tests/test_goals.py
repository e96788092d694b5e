"""talks/goals.py and the goals chapter's tables (pressures, positions, goals), worked by hand."""

import pandas as pd
import pytest

import talks
from conftest import enum, mini

OWN = ["pressures", "positions", "goals"]


def test_then_and_now_sets_years_side_by_side():
    positions = mini("positions", year=[2019, 2025, 2025, 2025],
                     kind=["refusal", "condition", "red_line", "offer"],
                     topic=["talks", "talks", "missiles", "nuclear_weapons"],
                     wording=["No.", "Not directly.", "no missiles", "can be changed"]).assign(
        voice=["Leader", "President", talks.UNNAMED, "The New Arab"],
        sourcing=["quotation", "quotation", "unnamed_source", "assessment"])
    got = talks.then_and_now(positions)
    assert list(got.columns) == ["topic", "2019", "2025"]
    # Topics in the schema's order; no row for a topic empty in both years (nuclear programme, investment).
    assert list(got["topic"]) == ["talks", "nuclear weapons", "missiles"]
    assert got.iloc[0]["2019"] == "refused: \u201cNo.\u201d (Leader)"
    assert got.iloc[0]["2025"] == "condition: \u201cNot directly.\u201d (President)"
    assert got.iloc[1]["2019"] == "nothing in the article"
    assert got.iloc[1]["2025"] == "on offer: \u201ccan be changed\u201d (the article's own assessment)"
    assert got.iloc[2]["2025"] == ("off the table: \u201cno missiles\u201d "
                                   "(the article relays unnamed reports or commentators)")


def test_voices_per_item_counts_distinct_voices():
    frame = pd.DataFrame({"item": ["A", "A", "A", "B", "C", "C", "C"],
                          "voice": ["x", "x", "y", "z", "x", "y", "z"]})
    assert talks.voices_per_item(frame, "item").to_dict() == {"C": 3, "A": 2, "B": 1}
    assert list(talks.voices_per_item(frame, "item").index) == ["C", "A", "B"]


def test_hover_text_escapes_and_adds_the_note():
    frame = pd.DataFrame({"title": ["<i>T</i>"], "wording": ["a <script>"], "voice": ["V"],
                          "sourcing": ["assessment"], "paragraph": [3], "statement_id": [None],
                          "claim_id": ["c9"], "note": ["n & m"]})
    (text,) = talks.hover_text(frame, "title")
    assert text == ("<b>&lt;i&gt;T&lt;/i&gt;</b><br>\u201ca &lt;script&gt;\u201d<br>"
                    "V: the article's own assessment<br>paragraph 3 of the article; c9<br><i>n &amp; m</i>")


# ---------------------------------------------------------------- the chapter's data

@pytest.mark.parametrize("name", OWN)
def test_wording_is_verbatim_in_the_paragraph_recorded(tables, name, paragraphs):
    for row in tables[name].itertuples():
        assert row.wording in paragraphs[row.paragraph - 1], f"{name} {row[1]}: {row.wording!r}"


@pytest.mark.parametrize("name", OWN)
def test_rows_rest_on_a_quotation_or_claim_of_the_same_paragraph(tables, name):
    statements = tables["statements"].set_index("statement_id")
    claims = tables["claims"].set_index("claim_id")
    frame = tables[name]
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


def test_each_pressure_has_one_domain(tables):
    domains = tables["pressures"].groupby("pressure")["domain"].nunique()
    assert (domains == 1).all(), domains[domains != 1]


def test_pressures_cover_every_domain(tables):
    assert set(tables["pressures"]["domain"]) == set(enum("pressures", "domain"))


def test_stated_goals_are_quotations_of_iranian_officials(tables):
    goals = talks.attribute(tables["goals"], tables)
    actors = tables["actors"].set_index("actor_id")
    stated = goals[goals["basis"] == "stated"]
    assert (stated["sourcing"] == "quotation").all()
    for voice_id in stated["voice_id"]:
        assert actors.loc[voice_id, "country"] == "Iran"
        assert actors.loc[voice_id, "camp"] in {"leadership", "government", "armed_forces"}


def test_the_missile_red_line_is_marked_as_unnamed_reports(tables):
    positions = talks.attribute(tables["positions"], tables)
    red = positions[positions["kind"] == "red_line"]
    assert len(red) == 1  # the article reports one red line: no talks on the missiles
    assert (red["sourcing"] == "unnamed_source").all()
    assert red["wording"].str.contains("missiles").all()


def test_2019_positions_rest_on_statements_from_2019(tables):
    statements = tables["statements"].set_index("statement_id")
    old = tables["positions"][tables["positions"]["year"] == 2019]
    assert len(old) == 1  # the article quotes one 2019 position: Khamenei to Abe
    for row in old.itertuples():
        assert statements.loc[row.statement_id, "date"].year == 2019


def test_positions_are_not_the_articles_own_assessments(tables):
    # A position is Tehran's; the article's reading of one goes in the row's note or claim, not as a row.
    positions = talks.attribute(tables["positions"], tables)
    assert not (positions["sourcing"] == "assessment").any()


def test_goals_of_voices_placed_as_tactical_are_coded_as_urged(tables):
    # Consistent with actors.csv: whoever the data place as accepting talks only as a tactic urges it.
    goals = talks.attribute(tables["goals"], tables)
    stance = tables["actors"].set_index("actor_id")["stance"].astype(str)
    tactical = goals[goals["voice_id"].map(lambda v: isinstance(v, str) and stance[v] == "tactical")]
    assert set(tactical["voice_id"]) == {"mahdian", "dehbashi"}
    assert (tactical["basis"] == "advocated").all()
