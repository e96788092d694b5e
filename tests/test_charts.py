"""talks/charts.py: traces per camp, the dot matrix, the event timeline, and their alt text."""

import pandas as pd
import pytest

import talks
from conftest import mini


def test_camp_groups_follow_the_palette_and_skip_empty_camps():
    frame = pd.DataFrame({"camp": ["media", "leadership", "media"], "n": [1, 2, 3]})
    groups = [(camp, colour, marker, list(rows.n)) for camp, colour, marker, rows in talks.camp_groups(frame)]
    assert groups == [("leadership", *talks.CAMPS["leadership"], [2]),
                      ("media", *talks.CAMPS["media"], [1, 3])]


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
    with pytest.raises(ValueError, match="every value of col and row must be in x_order and y_order"):
        talks.dot_matrix(tiny_matrix(), "col", "row", ["A"], ["x", "y"], "T")


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


def timeline_events() -> pd.DataFrame:
    """Three dated events and an undated one, as events_with_sources gives them."""
    return mini(
        "events", event_id=["e0", "e1", "e2", "e3"], date=[None, "2025-01-01", "2025-02-11", "2025-03-12"],
        date_precision=["undated", "month", "day", "day"], title=["undated", "Event <1>", "Two", "Three"],
        description=["d"] * 4, category=["media", "military", "diplomacy", "military"],
        confidence=["high", "high", "medium", "high"], format=[None, None, "indirect", None],
    ).assign(publishers="Outlet")


def test_event_timeline_rows_by_category_markers_by_confidence():
    fig = talks.event_timeline(timeline_events(), "Run <up>")
    assert [t.name for t in fig.data] == ["diplomacy (medium confidence)", "military (high confidence)"]
    assert [t.marker.color for t in fig.data] == [talks.CATEGORY_COLOURS["diplomacy"],
                                                 talks.CATEGORY_COLOURS["military"]]
    assert [t.marker.symbol for t in fig.data] == [talks.ROW_CONFIDENCE_MARKERS["medium"],
                                                  talks.ROW_CONFIDENCE_MARKERS["high"]]
    assert [len(t.x) for t in fig.data] == [1, 2]
    assert list(fig.layout.yaxis.categoryarray) == ["military", "diplomacy"]
    assert fig.data[0].customdata[0] == ("<b>Two</b> · 11 February 2025<br>d<br>Format: indirect<br>"
                                         "Confidence: medium<br>Sources: Outlet")
    assert fig.data[1].customdata[0].startswith("<b>Event &lt;1&gt;</b> · January 2025<br>")
    assert fig.layout.title.text == "Run &lt;up&gt;"


def test_timeline_alt_lists_few_events_and_sums_up_many():
    assert talks.timeline_alt(timeline_events()) == (
        "Timeline of 3 events from January 2025 to 12 March 2025: "
        "Event <1> (January 2025, military, high confidence); "
        "Two (11 February 2025, diplomacy, medium confidence); "
        "Three (12 March 2025, military, high confidence).")
    assert talks.timeline_alt(timeline_events(), list_up_to=2) == (
        "Timeline of 3 events from January 2025 to 12 March 2025, by category: "
        "diplomacy, 1 in February 2025 (1 medium confidence); "
        "military, 2 from January 2025 to March 2025 (2 high confidence).")
