"""The data package: it loads, it is complete, and its quotations are verbatim."""

import csv
import json
import re

import pandas as pd
import pytest

import talks

TABLES = talks.load()
PACKAGE = talks.load_package()
def test_every_table_loads_typed():
    assert set(TABLES) == {r["name"] for r in PACKAGE["resources"]}
    statements = TABLES["statements"]
    assert pd.api.types.is_datetime64_any_dtype(statements["date"])
    assert isinstance(statements["stance"].dtype, pd.CategoricalDtype)
    assert statements["stance"].cat.ordered
    assert str(statements["paragraph"].dtype) == "Int64"


def test_every_field_is_described_and_every_row_sourced():
    for resource in PACKAGE["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
        names = [f["name"] for f in resource["schema"]["fields"]]
        # Link tables inherit the source of the rows they link; windows are the book's own periods.
        linked = {"statement_themes", "ach_ratings", "indicator_scores", "indicator_expectations",
                  "likelihoods", "sources", "windows"}
        # A row is sourced by a source_id, the source that inspired it, or the evidence it rests on.
        assert {"source_id", "inspired_by", "basis"} & set(names) or resource["name"] in linked


def test_csv_headers_match_the_schema():
    for resource in PACKAGE["resources"]:
        with open(talks.DATA_DIR / resource["path"], encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_foreign_keys_name_tables_with_that_primary_key():
    resources = {r["name"]: r for r in PACKAGE["resources"]}
    for r in PACKAGE["resources"]:
        for fk in r["schema"]["foreignKeys"]:
            target = resources[fk["reference"]["resource"]]
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"]


def test_the_primary_article_comes_first():
    first = TABLES["sources"].iloc[0]
    assert first.kind == "primary"
    assert first.url == "https://www.newarab.com/news/what-does-iran-seek-indirect-talks-us"
    assert first.date == pd.Timestamp("2025-04-11")


def test_quotes_are_verbatim_in_the_article(article):
    for row in TABLES["statements"].itertuples():
        assert row.quote in article, f"{row.statement_id} is not verbatim in the article: {row.quote!r}"


def test_quotes_sit_in_the_paragraph_recorded(paragraphs):
    assert len(paragraphs) == 33
    for row in TABLES["statements"].itertuples():
        where = paragraphs[row.paragraph - 1]
        assert row.quote in where, f"{row.statement_id} is not in paragraph {row.paragraph}"


def test_every_quotation_in_the_article_is_recorded(paragraphs):
    """Each passage between double quotation marks in the body is some statement's quote."""
    body = "\n".join(paragraphs)
    quoted = re.findall(r'"([^"]+)"', body)
    recorded = set(TABLES["statements"].quote)
    missing = [q for q in quoted if q not in recorded]
    assert not missing, f"quotations not in statements.csv: {missing}"


def test_weekday_derived_dates():
    """'Wednesday' in an article of Friday 11 April 2025 is 9 April; 'this Saturday' is 12 April."""
    s04 = TABLES["statements"].set_index("statement_id").loc["s04"]
    assert (s04.date, s04.date_precision) == (pd.Timestamp("2025-04-09"), "day")
    assert s04.date.day_name() == "Wednesday"
    talks_day = TABLES["events"].set_index("event_id").loc["e17"]
    assert talks_day.date.day_name() == "Saturday"


def test_estimative_scale_bands_are_contiguous():
    scale = TABLES["estimative_scale"].sort_values("rank")
    assert list(scale.term) == ["almost no chance", "very unlikely", "unlikely", "roughly even chance",
                                "likely", "very likely", "almost certain"]
    assert (scale.low_pct.iloc[1:].to_numpy() == scale.high_pct.iloc[:-1].to_numpy()).all()


def test_actors_are_placed_only_with_a_basis():
    actors = TABLES["actors"]
    placed = actors[actors.stance != "unplaced"]
    assert (placed.stance_statement_id.notna() | placed.stance_claim_id.notna()).all()
    statements = TABLES["statements"].set_index("statement_id")
    for row in placed.dropna(subset=["stance_statement_id"]).itertuples():
        assert row.stance_statement_id in statements.index


def test_datapackage_is_plain_json_with_licence():
    package = json.loads((talks.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] and package["resources"][0]["name"] == "sources"


@pytest.mark.parametrize("table", ["statements", "events", "claims"])
def test_paragraphs_are_in_range(table):
    paragraphs = TABLES[table]["paragraph"].dropna()
    assert paragraphs.between(1, 33).all()
