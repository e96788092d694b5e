"""What the loader supports of Table Schema, and how it refuses, by name, everything else."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import talks
from talks import schema


def with_schema(tmp_path, change) -> Path:
    """Copy data/ to a temp folder and let `change` edit the parsed datapackage.json in place."""
    data = tmp_path / "data"
    shutil.copytree(talks.DATA_DIR, data)
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change({r["name"]: r for r in package["resources"]}, package)
    path.write_text(json.dumps(package), encoding="utf-8")
    return data


def field(resources: dict, table: str, name: str) -> dict:
    return next(f for f in resources[table]["schema"]["fields"] if f["name"] == name)


def set_field(table, name, **props):
    return lambda resources, _: field(resources, table, name).update(props)


def set_constraint(table, name, **constraints):
    return lambda resources, _: field(resources, table, name).setdefault("constraints", {}).update(
        constraints)


def set_enum(table, name, values):
    """An enum on a field, with a label for each value."""
    def change(resources, _):
        f = field(resources, table, name)
        f.setdefault("constraints", {})["enum"] = values
        f["categories"] = [{"value": v, "label": f"label {v}"} for v in values]
    return change


def set_schema(table, **props):
    return lambda resources, _: resources[table]["schema"].update(props)


def set_resource(table, **props):
    return lambda resources, _: resources[table].update(props)


def drop_primary_key(resources, _):
    del resources["offices"]["schema"]["primaryKey"]


def name_twice(resources, _):
    fields = resources["goals"]["schema"]["fields"]
    fields.append(dict(fields[0]))


REFUSED = [
    # (what is refused, change, field named in the error, words in the message)
    ("a misspelt type", set_field("statements", "paragraph", type="interger"), "statements.paragraph",
     "type 'interger' is not supported (the loader reads string, integer, number, date)"),
    ("an unsupported type", set_field("actors", "name", type="boolean"), "actors.name",
     "type 'boolean' is not supported"),
    ("an unknown constraint", set_constraint("claims", "claim", minLength=3), "claims.claim",
     "constraint 'minLength' is not supported (the loader checks required, unique, enum, pattern, minimum, "
     "maximum)"),
    ("an unknown field property", set_field("sources", "url", format="uri"), "sources.url",
     "property 'format' is not supported"),
    ("an enum value of the wrong type", set_constraint("statements", "paragraph", enum=["1", "2"]),
     "statements.paragraph", "enum value '1' is not of type 'integer'"),
    ("an empty enum", set_constraint("actors", "camp", enum=[]), "actors.camp",
     "constraint 'enum' must be a non-empty list"),
    ("an enum on a date", set_constraint("events", "date", enum=["2025-04-12"]), "events.date",
     "constraint 'enum' is not supported for type 'date'"),
    ("a pattern on an integer", set_constraint("claims", "paragraph", pattern="[0-9]+"), "claims.paragraph",
     "constraint 'pattern' applies to strings, not to type 'integer'"),
    ("a minimum on a string", set_constraint("actors", "name", minimum=1), "actors.name",
     "constraint 'minimum' applies to integers and numbers, not to type 'string'"),
    ("a field without a title", set_field("actors", "name", title=""), "actors.name", "has no title"),
    ("an enum without labels", lambda r, _: field(r, "actors", "camp").pop("categories"), "actors.camp",
     "has an enum but no categories"),
    ("an enum value without a label", lambda r, _: field(r, "actors", "camp")["categories"].pop(),
     "actors.camp",
     "enum value 'unattributed' must have exactly one label"),
    ("an enum value with two labels",
     lambda r, _: field(r, "actors", "camp")["categories"].append({"value": "media", "label": "press"}),
     "actors.camp", "enum value 'media' must have exactly one label"),
    ("labels out of the enum's order", lambda r, _: field(r, "actors", "camp")["categories"].reverse(),
     "actors.camp", "categories must list the enum's values in its order"),
    ("an empty label", lambda r, _: field(r, "actors", "camp")["categories"][0].update(label=" "),
     "actors.camp", "must have a value and a non-empty label"),
    ("labels without an enum", set_field("actors", "name", categories=[{"value": "x", "label": "X"}]),
     "actors.name", "categories need an enum constraint"),
    ("categoriesOrdered without an enum", set_field("actors", "name", categoriesOrdered=True), "actors.name",
     "categoriesOrdered needs an enum constraint"),
    ("a field named twice", name_twice, "goals.goal_id", "is named twice"),
    ("no primary key", drop_primary_key, None,
     "resource 'offices': has no primaryKey (give the fields that identify a row, as a list)"),
    ("a primary key as a string", set_schema("actors", primaryKey="actor_id"), None,
     "resource 'actors': primaryKey must be a non-empty list of field names, not 'actor_id'"),
    ("a primary key on no field", set_schema("actors", primaryKey=["actor"]), None,
     "resource 'actors': primaryKey names 'actor', which is not a field"),
    ("a composite foreign key",
     set_schema("statement_themes", foreignKeys=[{"fields": ["statement_id", "theme"],
                                                  "reference": {"resource": "statements",
                                                                "fields": ["statement_id", "quote"]}}]),
     None, "only keys on one field, given as lists of one name, are supported"),
    ("a foreign key as a string",
     set_schema("statement_themes", foreignKeys=[{"fields": "statement_id",
                                                  "reference": {"resource": "statements",
                                                                "fields": "statement_id"}}]),
     None, "resource 'statement_themes': foreign key 'statement_id': only keys on one field"),
    ("a foreign key to no resource",
     set_schema("statement_themes", foreignKeys=[{"fields": ["statement_id"],
                                                  "reference": {"resource": "quotes",
                                                                "fields": ["statement_id"]}}]),
     "statement_themes.statement_id", "foreign key points to resource 'quotes', which is not in the package"),
    ("a foreign key to no field",
     set_schema("statement_themes", foreignKeys=[{"fields": ["statement_id"],
                                                  "reference": {"resource": "statements",
                                                                "fields": ["id"]}}]),
     "statement_themes.statement_id", "foreign key points to 'id', which is not a field of statements"),
    ("other missing values", set_schema("events", missingValues=["", "NA"]), None,
     "resource 'events': missingValues other than [\"\"] are not supported"),
    ("another encoding", set_resource("claims", encoding="latin-1"), None,
     "resource 'claims': encoding 'latin-1' is not supported (the loader reads UTF-8)"),
    ("a CSV dialect", set_resource("claims", dialect={"delimiter": ";"}), None,
     "resource 'claims': a CSV dialect is not supported"),
    ("a file that is not CSV", set_resource("claims", path="claims.xlsx"), None,
     "resource 'claims': path must name one CSV file, not 'claims.xlsx'"),
    ("several files", set_resource("claims", path=["claims.csv", "more.csv"]), None,
     "path must name one CSV file"),
]


@pytest.mark.parametrize(("what", "change", "where", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_unsupported_schema_is_refused_by_name(tmp_path, what, change, where, words):
    data = with_schema(tmp_path, change)
    with pytest.raises(talks.DataError) as caught:
        talks.load(data)
    err = caught.value
    assert (err.file, err.row, err.field) == ("datapackage.json", None, where), str(err)
    assert words in str(err)
    assert str(err).startswith("data/datapackage.json")


def test_a_package_without_resources_is_refused(tmp_path):
    data = with_schema(tmp_path, lambda _, package: package.update(resources={}))
    with pytest.raises(talks.DataError, match=r"^data/datapackage.json: must hold a list of resources$"):
        talks.load(data)


def test_an_integer_enum_names_its_values(tmp_path):
    """The error path formats enum values of any type (it once joined them as strings and crashed)."""
    data = with_schema(tmp_path, set_enum("statements", "paragraph", [1, 2, 3]))
    with pytest.raises(talks.DataError) as caught:
        talks.load(data)
    assert str(caught.value) == "data/statements.csv, row 2, field 'paragraph': '8' is not one of 1, 2, 3"


def test_an_integer_enum_loads_as_categories(tmp_path):
    data = with_schema(tmp_path, set_enum("estimative_scale", "rank", [1, 2, 3, 4, 5, 6, 7]))
    rank = talks.load(data)["estimative_scale"]["rank"]
    assert list(rank.cat.categories) == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(("value", "kind", "parsed"), [
    ("-12", "integer", -12), ("2.5", "number", 2.5), ("1e3", "number", 1000.0),
    ("2025-04-12", "date", date(2025, 4, 12)), (" x", "string", " x"),
])
def test_parse_reads_each_supported_type(value, kind, parsed):
    assert schema.parse(value, {"type": kind}) == parsed


@pytest.mark.parametrize(("value", "kind", "words"), [
    ("1.0", "integer", "'1.0' is not an integer"), ("nan", "number", "'nan' is not a number"),
    ("inf", "number", "'inf' is not a number"), ("2025-02-30", "date", "'2025-02-30' is not a date"),
    ("12/04/2025", "date", "'12/04/2025' is not a date (YYYY-MM-DD)"),
])
def test_parse_refuses_what_is_not_of_the_type(value, kind, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        schema.parse(value, {"type": kind})

