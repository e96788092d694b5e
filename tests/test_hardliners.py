"""talks/hardliners.py on small hand-made inputs, and the hardliners chapter's tables."""

import pandas as pd
import pytest

import talks
from conftest import enum, mini


def from_rows(table: str, columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A hand-made table given row by row, typed from the schema."""
    return mini(table, **{c: [row[i] for row in rows] for i, c in enumerate(columns)})


ACTORS = from_rows("actors", ["actor_id", "name", "role_april_2025", "camp", "stance", "stance_statement_id",
                              "stance_claim_id", "note"], [
    ("x", "Xena", "President", "government", "conditional", "s1", None, None),
    ("y", "Yusuf <b>", "Speaker", "hardline", "opposed", None, "c1", None),
    ("z", "Zoe", "Envoy", "united_states", "unplaced", None, None, None),
    ("w", "Walid", "Leader", "leadership", "conditional", "s1", "c2", None),
    ("v", "Vera", "Outlet", "media", "unplaced", None, None, "Only a source."),
])
STATEMENTS = mini("statements", statement_id=["s1", "s2"], actor_id=["x", "y"],
                  quote=["We are ready, but not directly.", "Delay is good."], date=["2025-04-09", None],
                  date_precision=["day", "undated"])
CLAIMS = mini("claims", claim_id=["c1", "c2", "c3", "c4"],
              claim=["Y sees talks as a threat.", "W set conditions.", "Talks may stall.",
                     "Opponents want delay."],
              claim_type=["reported_fact", "third_party_claim", "assessment", "third_party_claim"],
              attributed_to=[None, None, None, "x"])
LINK_COLUMNS = ["link_id", "argument_id", "statement_id", "claim_id", "held_by", "holder_words", "source_id",
                "note"]
LINKS = from_rows("argument_links", LINK_COLUMNS, [
    ("a01", "distrust", "s1", None, None, None, "src", None),
    ("a02", "threat", None, "c1", "y", None, "src", "Not quoted."),
    ("a03", "stall", None, "c3", None, "commentators", "src", None),
    ("a04", "buy", "s2", None, None, None, "src", None),
    ("a05", "buy", None, "c4", "x", None, "src", None),
])
ARGUMENTS = mini("arguments", argument_id=["stall", "distrust", "buy", "threat"],
                 label=["Stalling?", "Distrust", "Buy time", "Threat"],
                 bearing=["reading_of_intent", "limits_on_talks", "talks_as_tactic", "against_talks"])


# ---------------------------------------------------------------- unit tests


def test_stance_basis_orders_actors_and_gives_the_placing_words():
    basis = talks.stance_basis(ACTORS, STATEMENTS, CLAIMS)
    # conditional (leadership Walid before government Xena), opposed, then unplaced by camp order
    assert list(basis.actor_id) == ["w", "x", "y", "z", "v"]
    rows = basis.set_index("actor_id")
    assert rows.loc["x", "basis"] == 'Xena (9 April 2025): "We are ready, but not directly." [s1]'
    assert rows.loc["x", "placed_by"] == "quotation"
    # Walid is placed by someone else's words and by a claim: both lines, speaker named
    assert rows.loc["w", "basis"] == (
        'Xena (9 April 2025): "We are ready, but not directly." [s1]\n'
        "Claim c2, the article relays unnamed reports or commentators (the book's paraphrase): "
        "W set conditions."
    )
    assert rows.loc["w", "placed_by"] == "quotation and claim"
    assert rows.loc["y", "basis"] == ("Claim c1, the article reports it (the book's paraphrase): "
                                      "Y sees talks as a threat.")
    assert rows.loc["z", "basis"] == "The article gives no basis for placing this actor on the scale."
    assert rows.loc["z", "placed_by"] == "nothing"
    assert rows.loc["v", "basis"].endswith("scale. Only a source.")
    assert basis["stance"].cat.ordered


def test_stance_figure_has_one_trace_per_camp_and_escaped_hover():
    fig = talks.stance_figure(talks.stance_basis(ACTORS, STATEMENTS, CLAIMS))
    assert [t.name for t in fig.data] == ["leadership", "government", "hardliners", "United States", "media"]
    hardline = fig.data[2]
    assert list(hardline.y) == ["Yusuf &lt;b&gt;"]
    assert hardline.marker.symbol == talks.CAMPS["hardline"][1]
    assert hardline.marker.color == talks.CAMPS["hardline"][0]
    assert "<b>Yusuf &lt;b&gt;</b>" in hardline.customdata[0]
    assert list(fig.layout.xaxis.categoryarray) == enum("actors", "stance")
    # the first actor of the ordering is drawn at the top
    assert list(fig.layout.yaxis.categoryarray) == ["Vera", "Zoe", "Yusuf &lt;b&gt;", "Xena", "Walid"]
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == (3.5, 4.5)


def test_stance_alt_goes_along_the_scale():
    assert talks.stance_alt(talks.stance_basis(ACTORS, STATEMENTS, CLAIMS)) == (
        "Dot plot of all 5 actors against the stance scale. Conditional: Walid and Xena. Opposed: Yusuf <b>. "
        "Not placed: Zoe and Vera.")


def test_argument_alt_lists_each_argument_with_its_holders():
    holders = talks.argument_holders(LINKS, STATEMENTS, CLAIMS, ACTORS)
    assert talks.argument_alt(holders, ARGUMENTS) == (
        "Matrix of 4 arguments against the 3 people, groups and outlets who make them. "
        "Threat (against talks): Yusuf <b>; Buy time (talks as a tactic): Xena and Yusuf <b>; "
        "Distrust (limits on talks): Xena; Stalling? (reading of intent): \"commentators\" (not named).")


def test_argument_holders_resolve_speaker_actor_or_the_articles_words():
    holders = talks.argument_holders(LINKS, STATEMENTS, CLAIMS, ACTORS).set_index("link_id")
    assert holders.loc["a01", ["holder_id", "holder", "camp", "rests_on"]].tolist() == [
        "x", "Xena", "government", "quotation"]
    assert holders.loc["a01", "words"] == '"We are ready, but not directly." [s1]'
    assert holders.loc["a02", ["holder_id", "holder", "camp", "note"]].tolist() == [
        "y", "Yusuf <b>", "hardline", "Not quoted."]
    assert pd.isna(holders.loc["a03", "holder_id"])
    assert holders.loc["a03", ["holder", "camp", "note"]].tolist() == [
        '"commentators" (not named)', "unattributed", ""]
    assert holders.loc["a03", "words"] == ("Claim c3, the article's own assessment (the book's "
                                              "paraphrase): Talks may stall.")
    # a claim attributed to Xena, held by Xena
    assert holders.loc["a05", "holder"] == "Xena"


@pytest.mark.parametrize(("row", "words"), [
    (("a09", "buy", "s1", "c1", None, None, "src", None), "exactly one of statement_id and claim_id"),
    (("a09", "buy", None, None, None, None, "src", None), "exactly one of statement_id and claim_id"),
    (("a09", "buy", "s1", None, "x", None, "src", None), "leave held_by and holder_words empty"),
    (("a09", "buy", None, "c1", "x", "someone", "src", None), "exactly one of held_by and holder_words"),
    (("a09", "buy", None, "c1", None, None, "src", None), "exactly one of held_by and holder_words"),
])
def test_argument_holders_refuse_ambiguous_links(row, words):
    with pytest.raises(ValueError, match=words):
        talks.argument_holders(from_rows("argument_links", LINK_COLUMNS, [row]), STATEMENTS, CLAIMS, ACTORS)


def test_argument_figure_orders_arguments_by_bearing():
    holders = talks.argument_holders(LINKS, STATEMENTS, CLAIMS, ACTORS)
    fig = talks.argument_figure(holders, ARGUMENTS)
    # arguments down, the first bearing at the top
    ticks = list(fig.layout.yaxis.categoryarray)[::-1]
    assert [t.split("<br>")[0] for t in ticks] == ["Threat", "Buy time", "Distrust", "Stalling?"]
    assert ticks[1] == "Buy time<br><i>talks as a tactic</i>"
    # holders across, in order of their first argument, then by name
    assert list(fig.layout.xaxis.categoryarray) == ["Yusuf &lt;b&gt;", "Xena", '"commentators" (not named)']
    assert sum(len(t.x) for t in fig.data) == len(LINKS)
    (unnamed,) = [t for t in fig.data if t.name == "unattributed"]
    assert list(unnamed.y) == [ticks[3]]


def test_time_readings_separate_who_urges_it_from_who_raises_it():
    holders = talks.argument_holders(LINKS, STATEMENTS, CLAIMS, ACTORS)
    events = pd.DataFrame({"event_id": ["e1", "e2"], "source_id": ["out", "src"],
                           "note": ["Argues Iran may run out the clock.", "Other."]})
    sources = pd.DataFrame({"source_id": ["out", "src"], "publisher": ["Outlet", "Article"],
                            "title": ["Talks could buy time", "T"], "kind": ["analysis", "primary"]})
    readings = talks.time_readings(holders, ARGUMENTS, events, sources, ["e1"])
    # the hand-made links use other argument ids: only the outside event is a time reading
    assert readings.to_dict("records") == [{
        "who": "Outlet (analysis)", "camp": "outside the article",
        "position": "raises it as a possibility: a reading of Tehran's intent",
        "words": 'Headline: "Talks could buy time". Argues Iran may run out the clock.', "source_id": "out",
    }]
    renamed = holders.replace({"argument_id": {"buy": "buy_time", "stall": "suspected_stalling"}})
    args = ARGUMENTS.replace({"argument_id": {"buy": "buy_time", "stall": "suspected_stalling"}})
    readings = talks.time_readings(renamed, args, events, sources, ["e1"])
    assert readings[["who", "position"]].values.tolist() == [
        ['"commentators" (not named)', "raises it as a possibility: a reading of Tehran's intent"],
        ["Yusuf <b>", "urges it: talks as a tool for Iran"],
        ["Xena", "urges it: talks as a tool for Iran"],
        ["Outlet (analysis)", "raises it as a possibility: a reading of Tehran's intent"],
    ]


def test_actor_profiles_quote_the_articles_labels():
    holders = talks.argument_holders(LINKS, STATEMENTS, CLAIMS, ACTORS)
    labels = pd.DataFrame({"actor_id": ["y", "y"], "label": ["a hardliner", "speaker"]})
    profiles = talks.actor_profiles(["y", "z"], ACTORS, labels, STATEMENTS, holders, ARGUMENTS)
    assert profiles.to_dict("records") == [
        {"name": "Yusuf <b>", "role (April 2025)": "Speaker",
         "the article's labels": '"a hardliner"; "speaker"',
         "quoted": '"Delay is good."', "arguments": "Threat; Buy time"},
        {"name": "Zoe", "role (April 2025)": "Envoy", "the article's labels": "none",
         "quoted": "not quoted", "arguments": "none"},
    ]


# ---------------------------------------------------------------- the chapter's tables


def test_every_link_resolves_and_every_argument_is_used(tables):
    holders = talks.argument_holders(tables["argument_links"], tables["statements"], tables["claims"],
                                     tables["actors"])
    assert set(holders.argument_id) == set(tables["arguments"].argument_id)


def test_held_by_agrees_with_a_claims_named_source(tables):
    claims = tables["claims"].set_index("claim_id")
    for link in tables["argument_links"].dropna(subset=["claim_id", "held_by"]).itertuples():
        attributed = claims.loc[link.claim_id, "attributed_to"]
        if not pd.isna(attributed):
            assert link.held_by == attributed, link.link_id


def test_every_opponent_on_the_scale_has_its_arguments_coded(tables):
    actors = tables["actors"]
    opponents = set(actors[actors.stance.isin(["tactical", "opposed"])].actor_id)
    holders = talks.argument_holders(tables["argument_links"], tables["statements"], tables["claims"],
                                     actors)
    assert opponents <= set(holders.holder_id.dropna())


def test_holder_words_are_verbatim_in_the_claims_paragraph(tables, paragraphs):
    claims = tables["claims"].set_index("claim_id")
    for link in tables["argument_links"].dropna(subset=["holder_words"]).itertuples():
        paragraph = paragraphs[claims.loc[link.claim_id, "paragraph"] - 1]
        assert link.holder_words in paragraph, link.link_id


def test_labels_are_verbatim_in_their_paragraph(tables, paragraphs):
    for row in tables["article_labels"].itertuples():
        assert row.label in paragraphs[row.paragraph - 1], (row.actor_id, row.label)


def test_the_outside_analysis_the_chapter_cites_is_in_the_data(tables):
    event = tables["events"].set_index("event_id").loc["e13"]
    assert event.source_id == "iranintl-2025-03-13"
    source = tables["sources"].set_index("source_id").loc["iranintl-2025-03-13"]
    assert source.kind == "analysis" and "buy time" in source.title
