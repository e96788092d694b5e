"""The data package: read every table of ``data/``, check it against its schema, type it.

`load()` reads the hand-coded data package in ``data/``, checks every row against
``data/datapackage.json`` and returns typed pandas DataFrames. Bad data raises
`DataError`, naming the file, the row (the header is row 1) and the field.
The tables are read again whenever a file in the folder changed, so a notebook run after an
edit shows the edit (or its error) without a kernel restart.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .schema import (
    DataError,
    check_cell,
    check_schema,
    field_names,
    listed,
    parse,
    typed_column,
    value_labels,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _read_resource(resource: dict, data_dir: Path) -> list[dict]:
    """Read and check one CSV file; return its rows as dicts of typed values.

    A byte-order mark at the start of the file (Excel writes one in "CSV UTF-8") is accepted.
    """
    file = resource["path"]
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    try:
        with open(data_dir / file, encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
    except FileNotFoundError:
        raise DataError(file, None, None, "file is missing") from None
    except UnicodeDecodeError as err:
        raise DataError(file, None, None, f"not UTF-8 text ({err.reason})") from None
    if not lines or lines[0] != names:
        header = lines[0] if lines else []
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        field = (missing or extra or [None])[0]
        raise DataError(file, 1, field, f"header must be {','.join(names)}")
    rows, seen = [], {}
    unique = [f["name"] for f in fields if f.get("constraints", {}).get("unique")]
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) != len(names):
            raise DataError(file, number, None, f"has {len(cells)} cells, expected {len(names)}")
        row = {}
        for field, cell in zip(fields, cells, strict=True):
            name = field["name"]
            if cell != cell.strip():
                raise DataError(file, number, name, "has leading or trailing spaces")
            if cell == "":
                if field.get("constraints", {}).get("required"):
                    raise DataError(file, number, name, "is required but empty")
                row[name] = None
                continue
            try:
                value = parse(cell, field)
            except ValueError as err:
                raise DataError(file, number, name, str(err)) from None
            problem = check_cell(value, field)
            if problem:
                raise DataError(file, number, name, problem)
            row[name] = value
        for name in unique:
            if row[name] is not None and seen.setdefault((name, row[name]), number) != number:
                raise DataError(file, number, name, f"'{row[name]}' repeats row {seen[(name, row[name])]}")
        rows.append(row)
    return rows


def _check_keys(resource: dict, rows: list[dict], tables: dict[str, list[dict]]) -> None:
    """Check the primary key is unique and every foreign key resolves."""
    file, schema = resource["path"], resource["schema"]
    pk, seen = schema["primaryKey"], {}
    for number, row in enumerate(rows, start=2):
        key = tuple(row[k] for k in pk)
        if seen.setdefault(key, number) != number:
            raise DataError(file, number, pk[-1], f"key {key} repeats row {seen[key]}")
    for fk in schema.get("foreignKeys", []):
        (field,), target = fk["fields"], fk["reference"]
        (target_field,) = target["fields"]
        known = {r[target_field] for r in tables[target["resource"]]}
        for number, row in enumerate(rows, start=2):
            if row[field] is not None and row[field] not in known:
                raise DataError(
                    file, number, field,
                    f"'{row[field]}' matches no {target_field} in {target['resource']}.csv",
                )


def _check_dates(resource: dict, rows: list[dict]) -> None:
    """A row is undated exactly when its date is empty."""
    if "date_precision" not in {f["name"] for f in resource["schema"]["fields"]}:
        return
    for number, row in enumerate(rows, start=2):
        if (row["date"] is None) != (row["date_precision"] == "undated"):
            raise DataError(
                resource["path"], number, "date",
                "must be empty exactly when date_precision is 'undated'",
            )


def load_package(data_dir: Path = DATA_DIR) -> dict:
    """Read ``datapackage.json``: the schema and codebook of every table."""
    try:
        return json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError("datapackage.json", None, None, str(err)) from None


@lru_cache(maxsize=4)
def _resources(data_dir: Path, fingerprint: str) -> tuple[dict, ...]:
    """The package's resources, each checked against what the loader supports, read once per
    `fingerprint` of the data files."""
    resources = load_package(data_dir).get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise DataError("datapackage.json", None, None, "must hold a list of resources")
    fields_of = {r.get("name"): field_names(r) for r in resources}
    for r in resources:
        check_schema(r, fields_of)
    return tuple(resources)


def _fields(data_dir: Path) -> dict[str, dict[str, dict]]:
    """Every field of the package, by table and field name."""
    resources = _resources(data_dir, _fingerprint(data_dir))
    return {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in resources}


def fields(table: str, data_dir: Path = DATA_DIR) -> dict[str, dict]:
    """The schema of one table's fields, by name; KeyError names an unknown table."""
    known = _fields(Path(data_dir).resolve())
    if table not in known:
        raise KeyError(f"no table '{table}' in the data package (tables: {listed(list(known))})")
    return known[table]


def title(table: str, field: str) -> str:
    """The words readers see for a field, e.g. title('claims', 'claim_type') == 'Kind of claim'."""
    return fields(table)[field]["title"]


def labels(table: str, field: str) -> dict:
    """The label of each allowed value of a field, in the schema's order."""
    return value_labels(fields(table)[field])


def load(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Load and check every table; return typed DataFrames by table name."""
    data_dir = Path(data_dir).resolve()
    return dict(_load(data_dir, _fingerprint(data_dir)))


def _fingerprint(data_dir: Path) -> str:
    """A hash of the name and bytes of every file in the data folder: the loader's cache key."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _load(data_dir: Path, fingerprint: str) -> tuple[tuple[str, pd.DataFrame], ...]:
    """The tables of `data_dir`, read once per `fingerprint` of its files."""
    resources = _resources(data_dir, fingerprint)
    tables = {r["name"]: _read_resource(r, data_dir) for r in resources}
    for r in resources:
        _check_keys(r, tables[r["name"]], tables)
        _check_dates(r, tables[r["name"]])
    return tuple((r["name"], _frame(r, tables[r["name"]])) for r in resources)


def _frame(resource: dict, rows: list[dict]) -> pd.DataFrame:
    """The rows of one table as a DataFrame typed by its schema."""
    return pd.DataFrame({f["name"]: typed_column(f, [row[f["name"]] for row in rows])
                         for f in resource["schema"]["fields"]})


def codebook(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per field of every table: type, allowed values and description."""
    rows = []
    for r in load_package(data_dir)["resources"]:
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            rows.append({
                "table": r["name"],
                "field": f["name"],
                "type": f.get("type", "string"),
                "required": bool(c.get("required")),
                "title": f["title"],
                "allowed values": "; ".join(f"{v} ({label})" for v, label in value_labels(f).items()),
                "description": f["description"],
            })
    return pd.DataFrame(rows)
