"""What happened next: the later events, actor changes and disagreements, and their module functions."""

import re

import pandas as pd
import pytest

import talks

TABLES = talks.load()


def small_tables() -> dict[str, pd.DataFrame]:
    """Three events (one before the talks), three sources, further sources for one event."""
    confidence = pd.CategoricalDtype(["low", "medium", "high"], ordered=True)
    events = pd.DataFrame({
        "event_id": ["e01", "e102", "e101"],
        "date": pd.to_datetime(["2025-03-01", "2025-06-02", "2025-05-01"]),
        "title": ["before", "second", "first"],
        "period": ["run_up", "after", "after"],
        "paragraph": [3, None, None],
        "confidence": pd.Series(["high", "low", "high"], dtype=confidence),
        "source_id": ["s1", "s2", "s1"],
    })
    sources = pd.DataFrame({
        "source_id": ["s1", "s2", "s3"],
        "publisher": ["One", "Two", "Three"],
        "url": ["https://one.example/a", "https://two.example/b", "https://three.example/c"],
        "kind": ["news", "repost", "headline"],
        "via": [None, "host.example", "an archive"],
    })
    further = pd.DataFrame({"event_id": ["e102", "e102", "e01"], "source_id": ["s3", "s1", "s3"]})
    return {"events": events, "sources": sources, "event_sources": further}


def test_later_events_keeps_only_after_in_date_order_with_sources_joined():
    frame = talks.later_events(small_tables())
    assert list(frame.event_id) == ["e101", "e102"]
    assert list(frame.title) == ["first", "second"]
    assert "period" not in frame and "paragraph" not in frame
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first.source_ids, first.publishers, first.urls) == ("s1", "One", "https://one.example/a")
    assert second.source_ids == "s2; s3; s1"
    assert second.publishers == "Two (repost: host.example); Three (headline); One"
    assert second.urls == "https://two.example/b; https://three.example/c; https://one.example/a"
    assert list(frame.confidence.astype(str)) == ["high", "low"]


def test_later_events_lists_the_main_source_once():
    tables = small_tables()
    tables["event_sources"] = pd.DataFrame({"event_id": ["e101"], "source_id": ["s1"]})
    assert talks.later_events(tables).iloc[0].source_ids == "s1"


def test_later_events_refuses_a_source_without_url():
    tables = small_tables()
    tables["sources"].loc[2, "url"] = None
    with pytest.raises(ValueError, match="e102"):
        talks.later_events(tables)


def test_facts_only_keeps_high_confidence_rows():
    frame = pd.DataFrame({
        "event_id": ["a", "b", "c", "d", "e"],
        "confidence": pd.Categorical(["high", "medium", "low", None, "high"],
                                     categories=["low", "medium", "high"], ordered=True),
    })
    facts = talks.facts_only(frame)
    assert list(facts.event_id) == ["a", "e"]
    assert list(facts.index) == [0, 1]
    plain = pd.DataFrame({"event_id": ["x", "y"], "confidence": ["medium", "low"]})
    assert talks.facts_only(plain).empty


def test_every_later_event_has_a_source_with_url_and_a_confidence():
    later = talks.later_events(TABLES)
    assert len(later) > 0
    assert later.confidence.notna().all()
    for row in later.itertuples():
        urls = row.urls.split("; ")
        assert urls and all(re.fullmatch(r"https?://\S+", u) for u in urls), row.event_id
        assert len(urls) == len(row.source_ids.split("; "))


def test_later_events_fall_after_the_article():
    later = talks.later_events(TABLES)
    assert (later.date > pd.Timestamp("2025-04-12")).all()
    assert later.event_id.is_unique


def test_facts_of_the_record_are_all_high_confidence():
    facts = talks.facts_only(talks.later_events(TABLES))
    assert len(facts) > 0
    assert set(facts.confidence.astype(str)) == {"high"}


def test_rounds_of_talks_carry_a_format_only_where_coded():
    later = talks.later_events(TABLES)
    coded = later[later.format.notna()]
    assert set(coded.category.astype(str)) == {"diplomacy"}


def test_every_disagreement_item_has_two_versions_or_more():
    disagreements = TABLES["disagreements"]
    versions = disagreements.groupby("disagreement_id").version.nunique()
    assert (versions >= 2).all(), versions[versions < 2]
    items = disagreements.groupby("disagreement_id").item.nunique()
    assert (items == 1).all(), "each disagreement_id names one item"


def test_disagreement_sources_have_urls():
    sources = TABLES["sources"].set_index("source_id")
    for row in TABLES["disagreements"].itertuples():
        assert re.fullmatch(r"https?://\S+", sources.at[row.source_id, "url"]), row.disagreement_id


def test_actor_changes_are_sourced():
    changes = TABLES["actor_changes"]
    sources = TABLES["sources"].set_index("source_id")
    assert changes.source_id.notna().all() and changes.confidence.notna().all()
    for row in changes.itertuples():
        assert re.fullmatch(r"https?://\S+", sources.at[row.source_id, "url"]), row.change_id
    assert set(changes.actor_id) <= set(TABLES["actors"].actor_id)


def test_actor_changes_cover_the_article_people_in_the_notes():
    changes = TABLES["actor_changes"]
    people = {"khamenei", "pezeshkian", "araghchi", "bagheri", "qalibaf", "trump", "witkoff"}
    assert people <= set(changes.actor_id)
    killed = set(changes[changes.kind == "killed"].actor_id)
    assert killed == {"khamenei", "bagheri"}
