"""talks/what_happened_next.py and the later record: events, sources, disagreements, actor changes,
the indicators' scores, and no low-confidence fact stated in the chapter's prose."""

import csv
import re

import pandas as pd

import talks
from conftest import ROOT, notebook_cells

CHAPTER = ROOT / "notebooks" / "what-happened-next.ipynb"


def events_csv() -> list[dict]:
    """The rows of events.csv as plain text, read without the loader."""
    with open(talks.DATA_DIR / "events.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_later_events_are_the_events_after_the_talks_each_with_its_sources(tables):
    later = talks.later_events(tables)
    assert list(later.event_id) == list(talks.events_with_sources(tables, "after").event_id)
    assert sorted(later.event_id) == sorted(r["event_id"] for r in events_csv() if r["period"] == "after")


def test_every_later_event_has_a_source_with_url_and_a_confidence(tables):
    later = talks.later_events(tables)
    assert later.confidence.notna().all()
    urls = tables["sources"].set_index("source_id").url
    for row in later.itertuples():
        ids = row.source_ids.split("; ")
        assert ids and all(re.fullmatch(r"https?://\S+", urls[s]) for s in ids), row.event_id


def test_later_events_fall_after_the_article(tables):
    later = talks.later_events(tables)
    assert (later.date > pd.Timestamp("2025-04-12")).all()
    assert later.event_id.is_unique


def test_facts_of_the_record_are_all_high_confidence(tables):
    facts = talks.facts_only(talks.later_events(tables))
    assert sorted(facts.event_id) == sorted(r["event_id"] for r in events_csv()
                                            if r["period"] == "after" and r["confidence"] == "high")


def test_rounds_of_talks_carry_a_format_only_where_coded(tables):
    later = talks.later_events(tables)
    coded = later[later.format.notna()]
    assert set(coded.category.astype(str)) == {"diplomacy"}


def test_a_format_is_coded_disputed_only_where_the_sources_disagree_on_it(tables):
    """'disputed' means the sides describe the format of talks differently, not that they dispute
    whether talks took place: each such event has a disagreement on its format."""
    disagreements = tables["disagreements"]
    on_format = set(disagreements[disagreements.item.str.startswith("Format of")].event_id)
    disputed = set(tables["events"].query("format == 'disputed'").event_id)
    assert disputed and disputed <= on_format, sorted(disputed - on_format)


def test_every_disagreement_item_has_two_versions_or_more(tables):
    disagreements = tables["disagreements"]
    versions = disagreements.groupby("disagreement_id").version.nunique()
    assert (versions >= 2).all(), versions[versions < 2]
    items = disagreements.groupby("disagreement_id").item.nunique()
    assert (items == 1).all(), "each disagreement_id names one item"


def test_disagreement_sources_have_urls(tables):
    sources = tables["sources"].set_index("source_id")
    for row in tables["disagreements"].itertuples():
        assert re.fullmatch(r"https?://\S+", sources.at[row.source_id, "url"]), row.disagreement_id


def test_actor_changes_are_sourced(tables):
    changes = tables["actor_changes"]
    sources = tables["sources"].set_index("source_id")
    assert changes.source_id.notna().all() and changes.confidence.notna().all()
    for row in changes.itertuples():
        assert re.fullmatch(r"https?://\S+", sources.at[row.source_id, "url"]), row.change_id
    assert set(changes.actor_id) <= set(tables["actors"].actor_id)


def test_actor_changes_cover_the_article_people_in_the_notes(tables):
    changes = tables["actor_changes"]
    people = {"khamenei", "pezeshkian", "araghchi", "bagheri", "qalibaf", "trump", "witkoff"}
    assert people <= set(changes.actor_id)
    killed = set(changes[changes.kind == "killed"].actor_id)
    assert killed == {"khamenei", "bagheri"}


def test_every_indicator_is_scored_once_in_each_window(tables):
    scores = tables["indicator_scores"]
    for window in tables["windows"].window_id:
        scored = scores[scores.window_id == window]
        assert sorted(scored.indicator_id) == sorted(tables["indicators"].indicator_id), window


def test_no_event_on_or_before_the_written_as_of_day_is_counted(tables):
    """The one rule of the scorecard: only events inside the window, all after the indicators were
    written."""
    events = tables["events"].set_index("event_id")
    windows = tables["windows"].set_index("window_id")
    written = tables["indicators"].set_index("indicator_id").written_as_of
    for row in tables["indicator_scores"].itertuples():
        days = events.loc[row.basis.split("; "), "date"]
        assert (days > written[row.indicator_id]).all(), row.indicator_id
        assert days.between(windows.at[row.window_id, "start"], windows.at[row.window_id, "end"]).all(), \
            row.indicator_id


def test_result_confidence_is_at_most_the_lowest_of_its_events(tables):
    """A result is no surer than its weakest event; a 'not observed' that rests on what the record
    does not show may be rated lower still."""
    confidence = tables["events"].set_index("event_id").confidence
    for row in tables["indicator_scores"].itertuples():
        levels = confidence[row.basis.split("; ")]
        order = list(levels.cat.categories)
        assert order.index(row.confidence) <= order.index(levels.min()), row.indicator_id


def test_prose_states_only_high_confidence_events_as_fact(tables):
    """Every event the chapter's text states as fact is high-confidence. The text names no ids (the
    guide keeps them out of sentences), so each paragraph that states later events lists them in a
    MyST comment, which readers do not see ('% The events stated as fact in this paragraph: e114 ...');
    an id in parentheses must be high-confidence unless the parenthesis says its lower confidence."""
    confidence = tables["events"].set_index("event_id").confidence.astype(str)
    markdown = [c["source"] for c in notebook_cells(CHAPTER) if c["cell_type"] == "markdown"]
    comments = [line for source in markdown
                for line in re.findall(r"^% The events stated as fact in this paragraph.*$", source, re.M)]
    listed = [event_id for line in comments for event_id in re.findall(r"\be\d{2,3}\b", line)]
    assert listed, "no paragraph lists the events it states as fact"
    assert not [e for e in listed if confidence[e] != "high"], "a lower-confidence event stated as fact"
    text = " ".join(" ".join(source.split()) for source in markdown)
    for group in re.findall(r"\(([^()]*\be\d{3}\b[^()]*)\)", text):
        for event_id in re.findall(r"\be\d{3}\b", group):
            level = confidence[event_id]
            assert level == "high" or f"{level} confidence" in group, f"{event_id} ({level}) stated as fact"


def test_the_record_judgments_are_dated_at_the_records_cut_off(tables):
    """The judgments on the record are as of its latest dated event, computed from the data."""
    cutoff = talks.later_events(tables).date.max()
    record = tables["likelihoods"].query("basis == 'record'")
    assert (record.as_of == cutoff).all(), f"record judgments dated {set(record.as_of)}, cut-off {cutoff}"
