"""The README's commands, read from the README itself so that CI and the tests run what it shows.

``python scripts/readme_commands.py test`` prints the test command (the ``sh`` block of "Two
commands" that runs pytest); ``install`` prints the install block; ``session`` prints the session's
commands, one a line. ``.ci/run`` runs the test command this way, and ``tests/test_readme.py``
runs the session and compares its output with the README's.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def section(text: str, title: str) -> str:
    """The text of one ``## title`` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise SystemExit(f"README.md: no '## {title}' section")
    return match.group(1)


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def install_command(text: str) -> str:
    (block,) = [b for b in blocks(section(text, "Two commands"), "sh") if "pytest" not in b]
    return block.strip()


def test_command(text: str) -> str:
    (block,) = [b for b in blocks(section(text, "Two commands"), "sh") if "pytest" in b]
    return block.strip()


def session(text: str) -> list[tuple[str, str]]:
    """The session's commands, each with the output the README shows for it."""
    (block,) = blocks(section(text, "A session"), "console")
    steps: list[tuple[str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], ""))
        elif steps:
            command, output = steps[-1]
            steps[-1] = (command, output + line + "\n")
    return steps


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    readme = README.read_text(encoding="utf-8")
    if which == "test":
        print(test_command(readme))
    elif which == "install":
        print(install_command(readme))
    elif which == "session":
        print("\n".join(command for command, _ in session(readme)))
    else:
        raise SystemExit("usage: python scripts/readme_commands.py test|install|session")
