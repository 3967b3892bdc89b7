"""Header matching cannot capture the wrong column: every alias of every Contacts column, and one
header per column that looks like it but names something else (it stays the source's own column,
kept whole under Imported details).

Aliases are exact names after normalisation (case, spacing, punctuation); no prefix or substring
match; headers known to name something else (State, Country, an honorific Title...) never become a
layout column; --map still overrides.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from workbook import layout as L
from workbook.sources import parse_mapping, read_source

#: a value of each column's kind, so that the row is read as it would be in a real file
SAMPLE = {
    "name": "Ana Ruiz", "employer": "Contoso", "position": "Data Scientist", "rating": "A",
    "email": "ana@example.com", "phone": "+1 555 0100", "linkedin": "https://www.linkedin.com/in/ana-ruiz",
    "how_we_know": "University", "introduced_by": "Ben Cole", "status": "Talked", "last_contact": "2026-11-03",
    "notes": "Likes hiking", "previous_employers": "Fabrikam", "id": "7K3P9QX2",
}

ALIASES = [(col.key, header) for col in L.CONTACTS.columns for header in (col.header, *col.aliases)]


def read_one(tmp_path, header_row: list[str], value_row: list[str], mapping=None):
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header_row, value_row])
    data = read_source(path, mapping=mapping)
    assert data.kind == "csv"
    assert len(data.records) == 1
    return data.records[0]


@pytest.mark.parametrize("key, header", ALIASES, ids=[f"{k}:{h}" for k, h in ALIASES])
def test_every_alias_names_its_column(tmp_path, key, header):
    # the same header in another spelling (case, spaces, punctuation) is the same column
    for spelling in (header, header.upper(), f"  {header.lower()} ", header.replace(" ", "_")):
        if key == "name":
            record = read_one(tmp_path, [spelling], [SAMPLE["name"]])
        else:
            record = read_one(tmp_path, ["Name", spelling], [SAMPLE["name"], SAMPLE[key]])
        expected = date.fromisoformat(SAMPLE[key]) if key == "last_contact" else SAMPLE[key]
        assert record.values.get(key) == expected, spelling
        assert spelling.strip() not in record.extra


#: (column, a header that looks like one of its names but is not, a value under it)
WRONG = [
    ("name", "Name prefix", "Dr"),
    ("employer", "Company size", "51-200"),
    ("position", "Title", "Mrs"),
    ("rating", "Credit rating", "AAA"),
    ("email", "Email opt out", "FALSE"),
    ("phone", "Phone type", "Mobile"),
    ("linkedin", "LinkedIn followers", "500+"),
    ("how_we_know", "Relationship manager", "Kim Lee"),
    ("introduced_by", "Referral source", "Website"),
    ("status", "State", "IN"),
    ("last_contact", "Last modified", "2026-10-01"),
    ("notes", "Notes count", "3"),
    ("previous_employers", "Employment type", "Full-time"),
    ("id", "Record ID", "12345"),
]


@pytest.mark.parametrize("key, header, value", WRONG, ids=[w[1] for w in WRONG])
def test_a_lookalike_header_is_not_taken(tmp_path, key, header, value):
    assert {k for k, _ in ALIASES} == {k for k, _, _ in WRONG}  # one case for every column
    first = "Email" if key == "name" else "Name"
    first_value = SAMPLE["email"] if key == "name" else SAMPLE["name"]
    record = read_one(tmp_path, [first, header], [first_value, value])
    assert key not in record.values
    assert record.extra == {header: value}


@pytest.mark.parametrize("header", ["State", "Province", "Region", "Country", "City", "Zip", "Address",
                                    "Salutation", "Gender", "Birthday", "Language", "Owner", "Lifecycle stage"])
def test_headers_naming_something_else_are_never_layout_columns(tmp_path, header):
    record = read_one(tmp_path, ["Name", header], [SAMPLE["name"], "IN"])
    assert record.values == {"name": SAMPLE["name"]}
    assert record.extra == {header: "IN"}


def test_map_still_overrides(tmp_path):
    record = read_one(tmp_path, ["Name", "State"], [SAMPLE["name"], "Talked"],
                      mapping=parse_mapping(["State=Status"]))
    assert record.values == {"name": SAMPLE["name"], "status": "Talked"}
    assert record.extra == {}
