"""workbook: keep a job seeker's network in an Excel workbook."""

__version__ = "0.1.0"
