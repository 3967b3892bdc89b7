"""The producer zoo: workbooks written by other programs, run through the tool's commands.

``data`` holds the network every generated file carries; ``producers`` writes it with each program
(openpyxl with and without lxml, pandas, xlsxwriter, LibreOffice, Gnumeric, ExcelJS, SheetJS);
``mutants`` edits the XML of a simple workbook into the shapes other producers use; ``real`` adds the
network to real files kept outside the repository; ``lookalikes`` writes our own workbooks in those
real producers' shapes, so every run covers them; ``catalog`` lists every zoo file; ``steps`` runs
followup, log, import and merge over one and checks each result; ``survey.py`` prints the table.
"""
