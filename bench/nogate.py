"""Run the workbook CLI with the save gate switched off, to measure what the gate costs.

    python bench/nogate.py followup FILE --today 2026-11-23

The same process as ``workbook ...`` except that :func:`workbook.xlsx.verify.verify` does nothing;
``bench/run.py`` times it next to the real command in the same run. Only for measuring: the
product has no switch to turn the gate off.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import workbook.xlsx.verify as verify  # noqa: E402

verify.verify = lambda pkg: None  # type: ignore[assignment]

from workbook.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "workbook"
    main()
