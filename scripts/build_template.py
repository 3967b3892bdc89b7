"""Rebuild what is derived from the layout description and shipped in the package: the template
(templates/network.xlsx, shipped in the wheel) and the JSON Schemas (workbook/schemas/*.json).

Run after changing workbook/layout.py or workbook/template.py:  python scripts/build_template.py
"""

import os
import sys
from pathlib import Path

# openpyxl writes slightly different (equivalent) XML when lxml is installed; pin one serializer so
# the committed file is byte-for-byte reproducible
os.environ["OPENPYXL_LXML"] = "False"

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbook.template import write_template  # noqa: E402
from workbook.validate import write_schemas  # noqa: E402

if __name__ == "__main__":
    print(write_template())
    for path in write_schemas():
        print(path)
