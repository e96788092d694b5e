"""talks/sourcing.py, and the book's sourcing: how the article knows each thing, who stands behind
each row, every quotation verbatim in its source. The checks against ../shared fail in CI when the
folder is missing (see conftest.shared_text)."""

import re

import pandas as pd
import pytest

import talks
from conftest import ROOT, mini, notebook_cells, shared_text

#: Words the chapters put in quotation marks as labels of their own, not as quotations.
LABELS = {"Unplaced", "Buying time"}


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Four actors, two statements, three claims: small enough to work by hand."""
    return {
        "actors": mini("actors", actor_id=["lead", "pres", "paper", "new-arab"],
                       name=["Leader", "President", "Daily Paper", "The New Arab"],
                       camp=["leadership", "government", "media", "media"]),
        "statements": mini("statements", statement_id=["s1", "s2"], actor_id=["lead", "pres"]),
        "claims": mini("claims", claim_id=["c1", "c2", "c3", "c4"],
                       claim_type=["assessment", "third_party_claim", "third_party_claim", "reported_fact"],
                       attributed_to=[None, "paper", None, None]),
    }


# ---------------------------------------------------------------- the module


def test_sourcing_kind():
    assert talks.sourcing_kind("s1", None, None) == "quotation"
    assert talks.sourcing_kind("s1", "assessment", None) == "quotation"
    assert talks.sourcing_kind(None, "reported_fact", None) == "reported_fact"
    assert talks.sourcing_kind(pd.NA, "assessment", pd.NA) == "assessment"
    assert talks.sourcing_kind(None, "third_party_claim", "nyt") == "named_source"
    assert talks.sourcing_kind(None, "third_party_claim", pd.NA) == "unnamed_source"
    with pytest.raises(ValueError, match=r"no quotation and no known claim type \(None\)"):
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
    with pytest.raises(ValueError, match="neither statement_id nor claim_id"):
        talks.attribute(pd.DataFrame({"statement_id": [None], "claim_id": [None]}), tiny_tables())


def test_voiced_names_the_speaker_or_how_the_article_knows_it():
    assert talks.voiced("Leader", "quotation") == "Leader"
    assert talks.voiced("The New Arab", "assessment") == "the article's own assessment"
    assert talks.voiced("The New Arab", "reported_fact") == "the article reports it"
    assert talks.voiced("Daily Paper", "named_source") == "the article relays Daily Paper"
    assert talks.voiced(None, "unnamed_source") == "the article relays unnamed reports or commentators"


def test_claim_voices_say_who_stands_behind_each_claim():
    tables = tiny_tables()
    assert talks.claim_voices(tables["claims"], tables["actors"]).to_dict() == {
        "c1": "the article's own assessment",
        "c2": "the article relays Daily Paper",
        "c3": "the article relays unnamed reports or commentators",
        "c4": "the article reports it",
    }


def test_claim_words_cite_each_claim_with_who_stands_behind_it():
    tables = tiny_tables()
    tables["claims"]["claim"] = pd.array(["One.", "Two.", "Three.", "Four."], dtype="string")
    words = talks.claim_words(tables["claims"], tables["actors"])
    assert words["c2"] == "Claim c2, the article relays Daily Paper (the book's paraphrase): Two."
    assert words["c4"] == "Claim c4, the article reports it (the book's paraphrase): Four."


def test_facts_only_keeps_high_confidence_rows():
    frame = mini("events", event_id=["a", "b", "c", "d", "e"],
                 confidence=["high", "medium", "low", None, "high"])
    facts = talks.facts_only(frame)
    assert list(facts.event_id) == ["a", "e"]
    assert list(facts.index) == [0, 1]
    plain = pd.DataFrame({"event_id": ["x", "y"], "confidence": ["medium", "low"]})
    assert talks.facts_only(plain).empty


def test_recorded_with_says_how_the_record_grades_the_events_a_judgment_rests_on():
    events = mini("events", event_id=["a", "b", "c"], confidence=["high", "high", "medium"])
    events = events.set_index("event_id")
    assert talks.recorded_with(events, ["a", "b"]) == "both recorded with high confidence"
    assert talks.recorded_with(events, ["a", "b", "b"]) == "all recorded with high confidence"
    mixed = "recorded with high and medium confidence, in that order"
    assert talks.recorded_with(events, ["a", "c"]) == mixed


def period_tables() -> dict[str, pd.DataFrame]:
    """Three events (one before the talks), three sources, further sources for two events."""
    return {
        "events": mini("events", event_id=["e01", "e102", "e101"],
                       date=["2025-03-01", "2025-06-02", "2025-05-01"], title=["before", "second", "first"],
                       period=["run_up", "after", "after"],
                       paragraph=[3, None, None], confidence=["high", "low", "high"],
                       source_id=["s1", "s2", "s1"]),
        "sources": mini("sources", source_id=["s1", "s2", "s3"], publisher=["One", "Two", "Three"],
                        url=["https://one.example/a", "https://two.example/b", "https://three.example/c"],
                        kind=["news", "repost", "headline"], via=[None, "host.example", "an archive"]),
        "event_sources": mini("event_sources", event_id=["e102", "e102", "e01"],
                              source_id=["s3", "s1", "s3"]),
    }


def test_events_with_sources_keeps_the_period_in_date_order_with_sources_joined():
    frame = talks.events_with_sources(period_tables(), "after")
    assert list(frame.event_id) == ["e101", "e102"]
    assert "period" not in frame and "paragraph" not in frame
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first.source_ids, first.publishers) == ("s1", "One")
    assert second.source_ids == "s2; s3; s1"
    assert second.publishers == "Two (repost: host.example); Three (headline); One"
    assert list(frame.confidence.astype(str)) == ["high", "low"]
    assert list(talks.events_with_sources(period_tables(), "run_up").source_ids) == ["s1; s3"]


def test_events_with_sources_lists_the_main_source_once():
    tables = period_tables()
    tables["event_sources"] = mini("event_sources", event_id=["e101"], source_id=["s1"])
    assert talks.events_with_sources(tables, "after").iloc[0].source_ids == "s1"


def test_events_with_sources_refuses_a_source_without_url():
    tables = period_tables()
    tables["sources"].loc[2, "url"] = None
    with pytest.raises(ValueError, match="event e102 has a source without a URL"):
        talks.events_with_sources(tables, "after")


# ---------------------------------------------------------------- verbatim in the sources


def test_quotes_are_verbatim_in_the_article(tables, article):
    for row in tables["statements"].itertuples():
        assert row.quote in article, f"{row.statement_id} is not verbatim in the article: {row.quote!r}"


def test_quotes_sit_in_the_paragraph_recorded(tables, paragraphs):
    assert len(paragraphs) == 33
    for row in tables["statements"].itertuples():
        where = paragraphs[row.paragraph - 1]
        assert row.quote in where, f"{row.statement_id} is not in paragraph {row.paragraph}"


def test_every_quotation_in_the_article_is_recorded(tables, paragraphs):
    """Each passage between double quotation marks in the body is some statement's quote."""
    body = "\n".join(paragraphs)
    quoted = re.findall(r'"([^"]+)"', body)
    recorded = set(tables["statements"].quote)
    missing = [q for q in quoted if q not in recorded]
    assert not missing, f"quotations not in statements.csv: {missing}"


def test_quotations_in_the_prose_are_verbatim(article, notes):
    """Every phrase a chapter puts in double quotation marks stands, word for word, in the article,
    the research notes or the data package (whose rows name their sources)."""
    def flat(text: str) -> str:
        return " ".join(text.split())

    known = flat(article) + flat(notes) + " ".join(flat(p.read_text(encoding="utf-8"))
                                                  for p in (ROOT / "data").glob("*.csv"))
    pages = [ROOT / "notebooks" / "index.md", *sorted((ROOT / "notebooks").glob("*.ipynb"))]
    for page in pages:
        if page.suffix == ".ipynb":
            text = " ".join(c["source"] for c in notebook_cells(page) if c["cell_type"] == "markdown")
        else:
            text = page.read_text(encoding="utf-8")
        text = re.sub(r"`[^`]*`", "", flat(text))  # code and roles are not quotations
        for quote in re.findall(r'"([^"]{3,})"', text):
            if quote not in LABELS:
                assert quote.rstrip("…") in known, f"{page.name}: \"{quote}\" is not verbatim in any source"


def test_missing_sources_skip_locally_and_fail_in_ci(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent.txt"):
        shared_text(tmp_path / "absent.txt", "the article text")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must check the sourcing against it"):
        shared_text(tmp_path / "absent.txt", "the article text")
