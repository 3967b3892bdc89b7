import sys
from pathlib import Path

import os

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

# In CI the property tests run the same examples every time (a fixed seed, so a submission's CI
# result is the code's, not the draw's); run locally, they explore new examples on every run, which
# is where they find bugs. HYPOTHESIS_PROFILE=explore runs CI's checks with fresh examples.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "explore"))


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
