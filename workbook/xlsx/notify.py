"""Where a writer that waits for another says so (the CLI sets it; the library itself prints nothing).

A module of its own, with no imports, so that setting it costs a command nothing at start-up.
"""

from __future__ import annotations

from typing import Callable, Optional

notifier: Optional[Callable[[str], None]] = None


def set_notifier(notify: Optional[Callable[[str], None]]) -> None:
    """Where a writer that waits for another says so (a line of text), e.g. the terminal's stderr."""
    global notifier
    notifier = notify
