"""Source-quality rules, checked from the data: what a high, medium or low row may rest on."""

import re

import pandas as pd
import pytest

import talks

TABLES = talks.load()
SOURCES = TABLES["sources"].set_index("source_id")
TOP = {"wire", "major", "official", "reference"}
#: Sites the research notes name as aggregators or machine-written (their URL marks them).
MACHINE_SITES = re.compile(r"themonexus\.com|news\.hanna-ai\.com|rbtfl\.xyz|evrimagaci\.org/(?:gpt|tpg)/")


def event_sources() -> dict[str, list[str]]:
    """Every event's sources: its main source first, then its further sources."""
    further = TABLES["event_sources"].groupby("event_id")["source_id"].agg(list)
    return {e: list(dict.fromkeys([main, *further.get(e, [])]))
            for e, main in zip(TABLES["events"].event_id, TABLES["events"].source_id, strict=True)}


def change_sources() -> dict[str, list[str]]:
    """Every actor change's sources: its own, plus those of the event it names."""
    events = event_sources()
    changes = TABLES["actor_changes"]
    return {c.change_id: list(dict.fromkeys([c.source_id, *(events.get(c.event_id) or [])]))
            for c in changes.itertuples()}


def grades(ids: list[str]) -> list[str]:
    return [str(SOURCES.at[s, "grade"]) for s in ids]


EVENTS = TABLES["events"].set_index("event_id")
HIGH = [e for e in EVENTS.index if EVENTS.at[e, "confidence"] == "high"]


@pytest.mark.parametrize("event_id", HIGH)
def test_high_rows_rest_on_a_wire_major_official_or_reference_source(event_id):
    """Where the row's sources include one it is the main source; else two independent named outlets."""
    ids = event_sources()[event_id]
    main = SOURCES.loc[ids[0]]
    if TOP & set(grades(ids)):
        assert main.grade in TOP, f"{event_id}: main source {ids[0]} is {main.grade}"
    else:
        outlets = {SOURCES.at[s, "publisher"] for s in ids if SOURCES.at[s, "grade"] == "outlet"}
        assert main.grade == "outlet" and len(outlets) >= 2, f"{event_id}: {ids}"


def test_rows_resting_only_on_aggregators_are_low():
    for event_id, ids in event_sources().items():
        if set(grades(ids)) == {"aggregator"}:
            assert EVENTS.at[event_id, "confidence"] == "low", f"{event_id} rests on aggregators only"
    changes = TABLES["actor_changes"].set_index("change_id")
    for change_id, ids in change_sources().items():
        if set(grades(ids)) == {"aggregator"}:
            assert changes.at[change_id, "confidence"] == "low", change_id


def test_sites_the_notes_name_as_aggregators_are_graded_so():
    named = SOURCES[SOURCES.url.str.contains(MACHINE_SITES) & (SOURCES.kind != "repost")]
    assert len(named) > 0
    assert set(named.grade.astype(str)) == {"aggregator"}, named.index[named.grade != "aggregator"].tolist()


def test_high_rows_known_only_from_headlines_have_three_independent_major_outlets():
    """The notes' rule for headline rows: three major outlets' headlines, or two outlets' article text."""
    for event_id, ids in event_sources().items():
        kinds = {str(SOURCES.at[s, "kind"]) for s in ids}
        if EVENTS.at[event_id, "confidence"] == "high" and kinds <= {"headline", "post"}:
            outlets = {SOURCES.at[s, "publisher"] for s in ids if SOURCES.at[s, "grade"] in TOP}
            assert len(outlets) >= 3, f"{event_id}: {sorted(outlets)}"


def test_actor_changes_with_one_source_are_medium_at_most():
    changes = TABLES["actor_changes"].set_index("change_id")
    for change_id, ids in change_sources().items():
        if len(ids) == 1:
            assert changes.at[change_id, "confidence"] != "high", f"{change_id} rests on {ids[0]} alone"


def test_headline_and_post_sources_name_their_archive():
    archived = SOURCES[SOURCES.kind.isin(["headline", "post"])]
    assert len(archived) > 0
    for source_id, s in archived.iterrows():
        assert pd.notna(s.title) and pd.notna(s.date), source_id
        assert re.fullmatch(r"[\w.-]+/[\w.-]+ \S+ @[0-9a-f]{7,40}, .+", s.via), f"{source_id}: via {s.via!r}"
    assert set(archived[archived.kind == "post"].grade.astype(str)) <= {"aggregator"}


def test_reposts_show_the_original_as_publisher_and_the_host_as_via():
    reposts = SOURCES[SOURCES.kind == "repost"]
    assert len(reposts) > 0
    assert reposts.via.notna().all(), reposts.index[reposts.via.isna()].tolist()
    assert (reposts.publisher != reposts.via).all()
    hosts = {"d.sheep-mine.ts.net", "Kiddle", "whfengqun.com", "newsar.codejungle.org", "dataviewer.website"}
    assert not hosts & set(SOURCES.publisher), "a repost host is shown as the publisher"
    assert {"d.sheep-mine.ts.net", "Kiddle"} <= set(reposts.via)


@pytest.mark.parametrize(("kind", "publisher", "via", "label"), [
    ("repost", "AP", "Manila Bulletin", "AP (repost: Manila Bulletin)"),
    ("headline", "Al Jazeera", "owner/archive docs/file.json @042f711f, record 1", "Al Jazeera (headline)"),
    ("post", "CIG_telegram", "an archive", "CIG_telegram (post)"),
    ("news", "Breitbart", "The New York Times", "Breitbart (citing The New York Times)"),
    ("news", "Dawn", None, "Dawn"),
])
def test_source_label_shows_reposts_as_their_original(kind, publisher, via, label):
    row = pd.Series({"kind": kind, "publisher": publisher, "via": via})
    assert talks.source_label(row) == label


def test_the_cut_off_is_the_latest_event_date_and_unambiguous():
    """The latest event is dated to the day, and nothing else in the record is dated later."""
    events = TABLES["events"]
    latest = events.loc[events.date.idxmax()]
    assert latest.date_precision == "day"
    assert (TABLES["actor_changes"].date.dropna() <= latest.date).all()
    headline_dates = SOURCES[SOURCES.kind.isin(["headline", "post"])].date
    assert (headline_dates <= latest.date).all()
