"""The loader (talks/data.py) and the data package it loads: typed tables, complete and consistent,
and broken data stopped with a DataError naming the file, the row and the field."""

import csv
import json
import shutil

import pandas as pd
import pytest

import talks

package = talks.load_package()


def test_every_table_loads_typed(tables):
    assert list(tables) == [r["name"] for r in package["resources"]]
    statements = tables["statements"]
    assert pd.api.types.is_datetime64_any_dtype(statements["date"])
    assert isinstance(statements["stance"].dtype, pd.CategoricalDtype)
    assert statements["stance"].cat.ordered
    assert str(statements["paragraph"].dtype) == "Int64"
    assert str(statements["quote"].dtype) == "string"


def test_every_row_of_every_file_is_loaded(tables):
    """Nothing is dropped: each table has as many rows as its CSV file, counted independently."""
    for resource in package["resources"]:
        with open(talks.DATA_DIR / resource["path"], encoding="utf-8", newline="") as fh:
            rows = len(list(csv.reader(fh))) - 1
        assert len(tables[resource["name"]]) == rows, resource["name"]


def test_every_field_is_described_and_every_row_sourced():
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
        names = [f["name"] for f in resource["schema"]["fields"]]
        # Link tables inherit the source of the rows they link; windows are the book's own periods.
        linked = {"statement_themes", "ach_ratings", "indicator_scores", "indicator_expectations",
                  "likelihoods", "sources", "windows"}
        # A row is sourced by a source_id, the source that inspired it, or the evidence it rests on.
        assert {"source_id", "inspired_by", "basis"} & set(names) or resource["name"] in linked


def test_csv_headers_match_the_schema():
    for resource in package["resources"]:
        with open(talks.DATA_DIR / resource["path"], encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_foreign_keys_name_tables_with_that_primary_key():
    resources = {r["name"]: r for r in package["resources"]}
    for r in package["resources"]:
        for fk in r["schema"]["foreignKeys"]:
            target = resources[fk["reference"]["resource"]]
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"]


def test_the_primary_article_comes_first(tables):
    first = tables["sources"].iloc[0]
    assert first.kind == "primary"
    assert first.url == "https://www.newarab.com/news/what-does-iran-seek-indirect-talks-us"
    assert first.date == pd.Timestamp("2025-04-11")


def test_weekday_derived_dates(tables):
    """'Wednesday' in an article of Friday 11 April 2025 is 9 April; 'this Saturday' is 12 April."""
    s04 = tables["statements"].set_index("statement_id").loc["s04"]
    assert (s04.date, s04.date_precision) == (pd.Timestamp("2025-04-09"), "day")
    assert s04.date.day_name() == "Wednesday"
    talks_day = tables["events"].set_index("event_id").loc["e17"]
    assert talks_day.date.day_name() == "Saturday"


def test_estimative_scale_bands_are_contiguous(tables):
    scale = tables["estimative_scale"].sort_values("rank")
    assert list(scale.term) == ["almost no chance", "very unlikely", "unlikely", "roughly even chance",
                                "likely", "very likely", "almost certain"]
    assert (scale.low_pct.iloc[1:].to_numpy() == scale.high_pct.iloc[:-1].to_numpy()).all()


def test_actors_are_placed_only_with_a_basis(tables):
    actors = tables["actors"]
    placed = actors[actors.stance != "unplaced"]
    assert (placed.stance_statement_id.notna() | placed.stance_claim_id.notna()).all()
    statements = tables["statements"].set_index("statement_id")
    for row in placed.dropna(subset=["stance_statement_id"]).itertuples():
        assert row.stance_statement_id in statements.index


def test_datapackage_is_plain_json_with_licence():
    package = json.loads((talks.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] and package["resources"][0]["name"] == "sources"


@pytest.mark.parametrize("table", ["statements", "events", "claims"])
def test_paragraphs_are_in_range(tables, table):
    paragraphs = tables[table]["paragraph"].dropna()
    assert paragraphs.between(1, 33).all()


# ---------------------------------------------------------------- broken data


def corrupt(tmp_path, file: str, old: str, new: str):
    """Copy data/ to a temp folder and replace `old` by `new` once in one file."""
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


CASES = [
    # (what breaks, file, old text, new text, expected row, expected field, words in the message)
    ("value not in enum", "statements.csv", "local_press,conditional,8,", "local_press,hostile,8,",
     2, "stance", "'hostile' is not one of"),
    ("bad date", "statements.csv", "2025-04-09,day", "2025-04-31,day", 5, "date", "is not a date"),
    ("date in another format", "events.csv", "e07,2025-02-04", "e07,04/02/2025", 8, "date", "is not a date"),
    ("not an integer", "statements.csv", "conditional,11,", "conditional,eleven,", 5, "paragraph",
     "is not an integer"),
    ("above the maximum", "claims.csv", "c28,31,", "c28,99,", 29, "paragraph", "above the maximum"),
    ("required field empty", "statements.csv", "s12,dehbashi,The only", "s12,,The only", 13, "actor_id",
     "required but empty"),
    ("unknown foreign key", "statements.csv", "s07,pezeshkian,", "s07,pezeshkyan,", 8, "actor_id",
     "matches no actor_id in actors.csv"),
    ("unknown source", "events.csv", "e10,2025-03-07,day,Fox Business interview aired 7 March.,"
     "Trump discloses his letter to Khamenei,Trump said he had written to Khamenei urging negotiations "
     "and warning of military action.,diplomacy,run_up,,high,5,wion-2025-03-12",
     "e10,2025-03-07,day,Fox Business interview aired 7 March.,Trump discloses his letter to Khamenei,"
     "Trump said he had written to Khamenei urging negotiations and warning of military action.,"
     "diplomacy,run_up,,high,5,wion-2099", 11, "source_id", "matches no source_id in sources.csv"),
    ("duplicate primary key", "actors.csv", "zarif,Mohammad Javad Zarif", "rouhani,Mohammad Javad Zarif",
     12, "actor_id", "repeats row 11"),
    ("pattern broken", "sources.csv", "https://www.semafor.com", "www.semafor.com", 7, "url",
     "does not match the pattern"),
    ("missing column", "claims.csv", "claim_id,paragraph,claim,", "claim_id,claim,", 1, "paragraph",
     "header must be"),
    ("short row", "statement_themes.csv", "s05,distrust\n", "s05\n", 10, None, "has 1 cells, expected 2"),
    ("undated with a date", "statements.csv", ",,undated,The article does not date the post.",
     ",2025-04-01,undated,The article does not date the post.", 7, "date", "exactly when date_precision"),
    ("stray spaces", "actors.csv", "bagheri,Mohammad Bagheri,person", "bagheri, Mohammad Bagheri,person",
     5, "name", "leading or trailing spaces"),
    ("duplicate link row", "statement_themes.csv", "s02,distrust\n", "s02,format\n", 4, "theme",
     "repeats row 3"),
]


@pytest.mark.parametrize(("what", "file", "old", "new", "row", "field", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_data_names_file_row_and_field(tmp_path, what, file, old, new, row, field, words):
    data = corrupt(tmp_path, file, old, new)
    with pytest.raises(talks.DataError) as caught:
        talks.load(data)
    err = caught.value
    assert (err.file, err.row, err.field) == (file, row, field), str(err)
    assert words in str(err)
    assert str(err).startswith(f"data/{file}, row {row}")


def test_missing_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    (data / "claims.csv").unlink()
    with pytest.raises(talks.DataError, match=r"data/claims.csv: file is missing"):
        talks.load(data)


def test_broken_schema_file(tmp_path):
    data = corrupt(tmp_path, "datapackage.json", '"resources": [', '"resources": [[')
    with pytest.raises(talks.DataError, match=r"data/datapackage.json"):
        talks.load(data)


def test_not_utf8(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    (data / "actors.csv").write_bytes((talks.DATA_DIR / "actors.csv").read_bytes() + b"\xff\xfe")
    with pytest.raises(talks.DataError, match=r"data/actors.csv: not UTF-8"):
        talks.load(data)


def test_a_byte_order_mark_is_accepted(tmp_path, tables):
    """Excel's "CSV UTF-8" starts the file with a byte-order mark; the table loads as without it."""
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    (data / "actors.csv").write_bytes(b"\xef\xbb\xbf" + (talks.DATA_DIR / "actors.csv").read_bytes())
    pd.testing.assert_frame_equal(talks.load(data)["actors"], tables["actors"])
