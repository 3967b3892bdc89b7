"""One identity for every command: what merge treats as one person, validate reports as a duplicate."""

from __future__ import annotations

import os
from datetime import date

from hypothesis import given, settings, strategies as st

from workbook import keys
from workbook import merge as M
from workbook.reader import read_table
from workbook import layout as L
from workbook.validate.problems import Collector as _Collector
from workbook.validate.sheets import check_contacts as _check_contacts


def test_profile_urls_match_across_country_subdomains_schemes_and_queries() -> None:
    forms = ["https://de.linkedin.com/in/ben-cole/", "http://www.linkedin.com/in/Ben-Cole?trk=x",
             "linkedin.com/in/ben-cole#about"]
    assert {keys.url_key(f) for f in forms} == {"linkedin.com/in/ben-cole"}


def test_near_duplicates_pair_close_names_at_one_employer_only() -> None:
    entries = [("Ana Ruiz", "Contoso"), ("Anna Ruiz", "Contoso Inc."), ("Anna Ruiz", "Fabrikam"),
               ("Ruiz, Ana", "Contoso"), ("Ben Cole", "Contoso")]
    assert keys.near_duplicates(entries) == [(0, 1), (1, 3)]
    assert keys.near_duplicates(entries, touched=[3]) == [(1, 3)]


def contacts_table(rows: list[list[object]]):
    header = ["Name", "Employer", "Email", "LinkedIn"]
    table, missing = read_table(L.CONTACTS, "Contacts", [header, *rows])
    assert table is not None and not missing
    return table


def test_what_merge_joins_validate_reports_as_one_person() -> None:
    a = ["Ben Cole", "Contoso", "ben@contoso.com", "https://de.linkedin.com/in/ben-cole"]
    b = ["Benjamin Cole", "Contoso", "BEN@contoso.com ", "https://www.linkedin.com/in/ben-cole/"]
    out = _Collector()
    _check_contacts(contacts_table([a, b]), date(2026, 11, 23), out)
    codes = sorted(p.code for p in out.problems)
    assert codes == ["duplicate-email", "duplicate-linkedin"]
    plan = M.merge_contacts([M.Row({"name": a[0], "employer": a[1], "email": a[2], "linkedin": a[3]}, {}, 2)],
                            [M.Row({"name": b[0], "employer": b[1], "email": b[2], "linkedin": b[3]}, {}, None, "u")])
    assert plan.appends == []  # the same person: merged, not added


_NAMES = st.sampled_from(["Ana Ruiz", "Ana Ruis", "Ruiz, Ana", "Anna Ruiz", "Ben Cole", "Ben Coles", "Bén Cole",
                          "Cole Ben", "", "B", "Zed One", "Zed Onne", None, 7])
_EMPLOYERS = st.sampled_from(["Contoso", "Contoso Inc.", "contoso", "Acme", "ACME LLC", "", "Inc", None])


@settings(max_examples=300, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(entries=st.lists(st.tuples(_NAMES, _EMPLOYERS), max_size=12), data=st.data())
def test_near_duplicates_are_the_close_pairs_a_comparison_of_every_pair_finds(entries, data) -> None:
    """The blocking finds every pair that comparing each pair with each finds (of names sharing
    their first or last three letters), alone or around chosen positions."""
    from rapidfuzz import fuzz

    def key(slot):
        name, employer = entries[slot]
        if not isinstance(name, str) or not isinstance(employer, str) or not name:
            return None
        ekey, skey = keys.company_key(employer), keys.sorted_name(name)
        return (ekey, skey) if ekey and skey else None

    touched = data.draw(st.none() | st.sets(st.integers(0, max(len(entries) - 1, 0))))
    want = []
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            a, b = key(i), key(j)
            if a is None or b is None or a[0] != b[0] or a[1] == b[1]:
                continue
            if a[1][:3] != b[1][:3] and a[1][-3:] != b[1][-3:]:
                continue
            if touched is not None and i not in touched and j not in touched:
                continue
            if fuzz.ratio(a[1], b[1], score_cutoff=keys.LIKELY_DUPLICATE_SCORE):
                want.append((i, j))
    assert keys.near_duplicates(entries, touched) == want
