"""Python producers that must run in a process of their own: ``python pymake.py KIND OUT``.

openpyxl decides once, at import, whether it writes with lxml (``OPENPYXL_LXML``), so each kind
runs in a fresh interpreter with the environment the caller chose. KIND is ``openpyxl``,
``pandas-openpyxl`` or ``pandas-xlsxwriter``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as Z  # noqa: E402


def openpyxl_book(out: str) -> None:
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    contacts = wb.active
    contacts.title = "Contacts"
    contacts.append(Z.CONTACT_HEADERS)
    for row in Z.CONTACTS:
        contacts.append(row)
    for cell in contacts["F"][1:]:
        cell.number_format = "yyyy-mm-dd"
    contacts[Z.COMMENT[0]].comment = Comment(Z.COMMENT[1], "zoo")
    interactions = wb.create_sheet("Interactions")
    interactions.append(Z.INTERACTION_HEADERS)
    for row in Z.INTERACTIONS:
        interactions.append(row)
    for cell in interactions["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    user = wb.create_sheet(Z.USER_SHEET)
    for row in Z.USER_ROWS:
        user.append(row)
    user[Z.USER_FORMULA[0]] = "=" + Z.USER_FORMULA[1]
    chart = BarChart()
    chart.add_data(Reference(user, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    chart.set_categories(Reference(user, min_col=1, min_row=2, max_row=3))
    user.add_chart(chart, "D2")
    name = DefinedName(Z.DEFINED_NAME[0], attr_text=Z.DEFINED_NAME[1])
    try:
        wb.defined_names[Z.DEFINED_NAME[0]] = name  # openpyxl 3.1
    except TypeError:
        wb.defined_names.append(name)
    wb.save(out)


def pandas_book(out: str, engine: str) -> None:
    import pandas as pd

    with pd.ExcelWriter(out, engine=engine) as writer:
        pd.DataFrame(Z.CONTACTS, columns=Z.CONTACT_HEADERS).to_excel(writer, sheet_name="Contacts", index=False)
        pd.DataFrame(Z.INTERACTIONS, columns=Z.INTERACTION_HEADERS).to_excel(writer, sheet_name="Interactions",
                                                                             index=False)
        pd.DataFrame(Z.USER_ROWS[1:], columns=Z.USER_ROWS[0]).to_excel(writer, sheet_name=Z.USER_SHEET, index=False)
        user = writer.sheets[Z.USER_SHEET]
        if engine == "xlsxwriter":
            book = writer.book
            user.write_formula(Z.USER_FORMULA[0], "=" + Z.USER_FORMULA[1], None, Z.USER_FORMULA[2])
            chart = book.add_chart({"type": "column"})
            chart.add_series({"name": "Cost", "categories": f"={Z.USER_SHEET}!$A$2:$A$3",
                              "values": f"={Z.USER_SHEET}!$B$2:$B$3"})
            user.insert_chart("D2", chart)
            book.define_name(Z.DEFINED_NAME[0], "=" + Z.DEFINED_NAME[1])
            writer.sheets["Contacts"].write_comment(Z.COMMENT[0], Z.COMMENT[1])
        else:
            from openpyxl.comments import Comment
            from openpyxl.workbook.defined_name import DefinedName

            user[Z.USER_FORMULA[0]] = "=" + Z.USER_FORMULA[1]
            writer.sheets["Contacts"][Z.COMMENT[0]].comment = Comment(Z.COMMENT[1], "zoo")
            writer.book.defined_names[Z.DEFINED_NAME[0]] = DefinedName(Z.DEFINED_NAME[0],
                                                                       attr_text=Z.DEFINED_NAME[1])


if __name__ == "__main__":
    kind, target = sys.argv[1], sys.argv[2]
    if kind == "openpyxl":
        openpyxl_book(target)
    elif kind in ("pandas-openpyxl", "pandas-xlsxwriter"):
        pandas_book(target, kind.split("-", 1)[1])
    else:
        raise SystemExit(f"unknown producer {kind}")
