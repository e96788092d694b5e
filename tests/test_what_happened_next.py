"""The what-happened-next chapter: the scorecard, its rules, and no low-confidence fact in prose."""

import re

import nbformat
import pandas as pd
import pytest

import talks
from conftest import ROOT

TABLES = talks.load()
CHAPTER = ROOT / "notebooks" / "what-happened-next.ipynb"


def test_scorecard_on_a_hand_worked_case():
    indicators = pd.DataFrame({"indicator_id": ["i1", "i2", "i3", "i4", "i5"],
                               "hypothesis_id": ["H1", "H1", "H1", "H2", "H2"]})
    scores = pd.DataFrame({"indicator_id": ["i1", "i2", "i3", "i4", "i5"],
                           "result": ["observed", "mixed", "not_testable", "not_observed", "not_observed"]})
    card = talks.scorecard(indicators, scores)
    # H1: (1 + 0.5) / 2 testable = 0.75; H2: 0 / 2 = 0.
    assert card.loc["H1", ["observed", "mixed", "not_observed", "not_testable", "testable"]].tolist() == [
        1, 1, 0, 1, 2]
    assert card.held_up.to_dict() == pytest.approx({"H1": 0.75, "H2": 0.0})


def test_scorecard_without_testable_indicators_is_undefined_not_zero():
    card = talks.scorecard(pd.DataFrame({"indicator_id": ["i1"], "hypothesis_id": ["H1"]}),
                           pd.DataFrame({"indicator_id": ["i1"], "result": ["not_testable"]}))
    assert pd.isna(card.loc["H1", "held_up"])


def test_every_indicator_is_scored_once():
    assert sorted(TABLES["indicator_scores"].indicator_id) == sorted(TABLES["indicators"].indicator_id)


def test_result_confidence_is_at_most_the_lowest_of_its_events():
    """A result is no surer than its weakest event; a 'not observed' that rests on what the record
    does not show may be rated lower still."""
    confidence = TABLES["events"].set_index("event_id").confidence
    for row in TABLES["indicator_scores"].itertuples():
        levels = confidence[row.basis.split("; ")]
        order = list(levels.cat.categories)
        assert order.index(row.confidence) <= order.index(levels.min()), row.indicator_id


def test_prose_states_only_high_confidence_events_as_fact():
    """Every event id cited in the chapter's text is high-confidence, unless the same parenthesis
    says the lower confidence out loud (e.g. '(e112, medium confidence)')."""
    confidence = TABLES["events"].set_index("event_id").confidence.astype(str)
    cells = nbformat.read(CHAPTER, as_version=4).cells
    text = " ".join(" ".join(c.source.split()) for c in cells if c.cell_type == "markdown")
    cited = re.findall(r"\(([^()]*\be\d{3}\b[^()]*)\)", text)
    assert cited, "the chapter cites no event ids"
    for group in cited:
        for event_id in re.findall(r"\be\d{3}\b", group):
            level = confidence[event_id]
            assert level == "high" or f"{level} confidence" in group, f"{event_id} ({level}) stated as fact"


def test_the_record_judgments_are_dated_at_the_records_cut_off():
    """The judgments on the record are as of its latest dated event, computed from the data."""
    cutoff = talks.later_events(TABLES).date.max()
    record = TABLES["likelihoods"].query("basis == 'record'")
    assert (record.as_of == cutoff).all(), f"record judgments dated {set(record.as_of)}, cut-off {cutoff}"
