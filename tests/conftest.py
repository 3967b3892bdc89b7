import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def run_cli():
    """Run the CLI in-process and return the Click result (stdout and stderr kept apart)."""
    from click.testing import CliRunner

    from workbook.cli import main

    def run(*args: str, input: str | None = None):
        try:
            runner = CliRunner(mix_stderr=False)
        except TypeError:  # Click 8.2+ keeps them apart by default
            runner = CliRunner()
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
