"""The data package's schema: what the loader supports of Table Schema, and how a cell becomes a value.

The loader reads a subset of Frictionless Table Schema and refuses, by name, anything outside it:
four field types, six constraints, a primary key given as a list, and foreign keys on one field.
Every field has a `title` (the words readers see for it), and every field with an `enum` has
`categories` in the form of Frictionless Data Package v2: one ``{"value": ..., "label": ...}``
per allowed value, in the enum's order, so each value has exactly one label.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

#: The field types the loader reads.
TYPES = ("string", "integer", "number", "date")
#: The constraints the loader checks.
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum")
#: The field properties the loader knows; any other would be silently ignored, so it is refused.
FIELD_PROPERTIES = ("name", "title", "description", "type", "constraints", "categories", "categoriesOrdered")
#: Python types an enum's values must have, per field type (dates take no enum).
ENUM_TYPES = {"string": str, "integer": int, "number": (int, float)}


class DataError(ValueError):
    """A data file breaks the package's schema; says which file, row and field."""

    def __init__(self, file: str, row: int | None, field: str | None, problem: str):
        self.file, self.row, self.field, self.problem = file, row, field, problem
        where = f"data/{file}"
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of the traceback: the one line that says what to fix."""
        return [f"{type(self).__name__}: {self}"]


def listed(values: list) -> str:
    """Values of any type as a comma-separated list, for messages and the codebook."""
    return ", ".join(map(str, values))


def _refused(resource: dict, field: str | None, problem: str) -> DataError:
    """A DataError on datapackage.json naming the resource and, if given, the field."""
    name = resource.get("name", "?")
    if field is None:
        return DataError("datapackage.json", None, None, f"resource '{name}': {problem}")
    return DataError("datapackage.json", None, f"{name}.{field}", problem)


def _check_field(resource: dict, field: dict) -> None:
    """Refuse a field whose type, constraints or other properties the loader does not support."""
    name = field["name"]
    unknown = [p for p in field if p not in FIELD_PROPERTIES]
    if unknown:
        raise _refused(resource, name, f"property '{unknown[0]}' is not supported "
                                       f"(the loader reads {listed(FIELD_PROPERTIES)})")
    kind = field.get("type", "string")
    if kind not in TYPES:
        raise _refused(resource, name, f"type '{kind}' is not supported (the loader reads {listed(TYPES)})")
    constraints = field.get("constraints", {})
    unknown = [c for c in constraints if c not in CONSTRAINTS]
    if unknown:
        raise _refused(resource, name, f"constraint '{unknown[0]}' is not supported "
                                       f"(the loader checks {listed(CONSTRAINTS)})")
    if "pattern" in constraints and kind != "string":
        raise _refused(resource, name, f"constraint 'pattern' applies to strings, not to type '{kind}'")
    for bound in ("minimum", "maximum"):
        if bound in constraints and kind not in ("integer", "number"):
            raise _refused(resource, name, f"constraint '{bound}' applies to integers and numbers, "
                                           f"not to type '{kind}'")
    if "enum" in constraints:
        enum = constraints["enum"]
        if kind not in ENUM_TYPES:
            raise _refused(resource, name, f"constraint 'enum' is not supported for type '{kind}'")
        if not isinstance(enum, list) or not enum:
            raise _refused(resource, name, "constraint 'enum' must be a non-empty list")
        wrong = [v for v in enum if not isinstance(v, ENUM_TYPES[kind]) or isinstance(v, bool)]
        if wrong:
            raise _refused(resource, name, f"enum value {wrong[0]!r} is not of type '{kind}'")
    if "categoriesOrdered" in field and "enum" not in constraints:
        raise _refused(resource, name, "categoriesOrdered needs an enum constraint")
    title = field.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _refused(resource, name, "has no title (the words readers see for the field)")
    _check_categories(resource, field)


def _check_categories(resource: dict, field: dict) -> None:
    """Refuse categories that do not give exactly one non-empty label to each enum value, in order."""
    name, enum = field["name"], field.get("constraints", {}).get("enum")
    categories = field.get("categories")
    if enum is None:
        if categories is not None:
            raise _refused(resource, name, "categories need an enum constraint")
        return
    if not isinstance(categories, list):
        raise _refused(resource, name, "has an enum but no categories (a label for each value)")
    for category in categories:
        if not (isinstance(category, dict) and set(category) == {"value", "label"}
                and isinstance(category["label"], str) and category["label"].strip()):
            raise _refused(resource, name, f"category {category!r} must have a value and a non-empty label, "
                                           "and nothing else")
    values = [c["value"] for c in categories]
    if values != enum:
        missing = [v for v in enum if values.count(v) != 1]
        problem = (f"enum value {missing[0]!r} must have exactly one label" if missing else
                   f"categories must list the enum's values in its order ({listed(enum)})")
        raise _refused(resource, name, problem)


def value_labels(field: dict) -> dict:
    """The label of each allowed value of a field, in the enum's order (empty without an enum)."""
    return {c["value"]: c["label"] for c in field.get("categories", [])}


def field_names(resource: dict) -> list[str]:
    """The names of a resource's fields, or an empty list where its schema is malformed."""
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return [f.get("name") for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def check_schema(resource: dict, fields_of: dict[str, list[str]]) -> None:
    """Refuse, by name, what the loader does not support in one resource of the package.

    `fields_of` gives the field names of every resource, so that foreign keys can be checked.
    """
    path = resource.get("path")
    if not isinstance(path, str) or not path.endswith(".csv") or resource.get("format", "csv") != "csv":
        raise _refused(resource, None, f"path must name one CSV file, not {path!r}")
    encoding = str(resource.get("encoding", "utf-8")).lower()
    if encoding not in ("utf-8", "utf8"):
        raise _refused(resource, None, f"encoding '{encoding}' is not supported (the loader reads UTF-8)")
    if "dialect" in resource:
        raise _refused(resource, None, "a CSV dialect is not supported (the loader reads plain "
                                       "comma-separated files)")
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise _refused(resource, None, "has no schema with a list of fields")
    if schema.get("missingValues", [""]) != [""]:
        raise _refused(resource, None, "missingValues other than [\"\"] are not supported "
                                       "(an empty cell is the only missing value)")
    for number, field in enumerate(schema["fields"], start=1):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            raise _refused(resource, None, f"field {number} has no name")
    names = field_names(resource)
    repeated = [n for n in names if names.count(n) > 1]
    if repeated:
        raise _refused(resource, str(repeated[0]), "is named twice")
    for field in schema["fields"]:
        _check_field(resource, field)
    if "primaryKey" not in schema:
        raise _refused(resource, None, "has no primaryKey (give the fields that identify a row, as a list)")
    key = schema["primaryKey"]
    if not isinstance(key, list) or not key:
        raise _refused(resource, None, f"primaryKey must be a non-empty list of field names, not {key!r}")
    unknown = [k for k in key if k not in names]
    if unknown:
        raise _refused(resource, None, f"primaryKey names '{unknown[0]}', which is not a field")
    for fk in schema.get("foreignKeys", []):
        fields, target = fk.get("fields"), fk.get("reference", {})
        target_fields = target.get("fields")
        if not (isinstance(fields, list) and len(fields) == 1 and isinstance(target_fields, list)
                and len(target_fields) == 1):
            raise _refused(resource, None, f"foreign key {fields!r}: only keys on one field, given as "
                                           "lists of one name, are supported")
        if fields[0] not in names:
            raise _refused(resource, None, f"foreign key names '{fields[0]}', which is not a field")
        if target.get("resource") not in fields_of:
            raise _refused(resource, fields[0], f"foreign key points to resource {target.get('resource')!r}, "
                                                "which is not in the package")
        if target_fields[0] not in fields_of[target["resource"]]:
            raise _refused(resource, fields[0], f"foreign key points to '{target_fields[0]}', which is not "
                                                f"a field of {target['resource']}")


def parse(value: str, field: dict):
    """Turn one CSV cell into a Python value of the field's type, or raise ValueError."""
    kind = field.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"'{value}' is not an integer")
        return int(value)
    if kind == "number":
        if not re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value):
            raise ValueError(f"'{value}' is not a number")
        return float(value)
    if kind == "date":
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)")
    return value


def check_cell(value, field: dict) -> str | None:
    """Return what is wrong with a parsed, non-empty value, or None."""
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"'{value}' is not one of {listed(c['enum'])}"
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        return f"'{value}' does not match the pattern {c['pattern']}"
    if "minimum" in c and value < c["minimum"]:
        return f"{value} is below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"{value} is above the maximum {c['maximum']}"
    return None


def typed_column(field: dict, values: list) -> pd.Series:
    """A column of parsed values (None for empty) as the loader types it: enums as categoricals
    (ordered where the schema says so), dates as datetimes, integers and numbers nullable."""
    enum = field.get("constraints", {}).get("enum")
    if enum:
        ordered = field.get("categoriesOrdered", False)
        return pd.Series(pd.Categorical(values, categories=enum, ordered=ordered))
    if field.get("type") == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"))
    dtype = {"integer": "Int64", "number": "Float64"}.get(field.get("type", "string"), "string")
    return pd.Series(pd.array(values, dtype=dtype))
