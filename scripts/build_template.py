"""Rebuild the shipped template (workbook/templates/network.xlsx) from the layout description.

Run after changing workbook/layout.py or workbook/template.py:  python scripts/build_template.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbook.template import write_template  # noqa: E402

if __name__ == "__main__":
    print(write_template())
