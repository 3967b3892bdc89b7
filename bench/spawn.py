"""Run one command; write its wall time, peak memory and exit code to RESULT.

    python -I -S bench/spawn.py RESULT COMMAND [ARG...]

bench/run.py starts every measured command through this small launcher rather than directly. On
Linux a process's ru_maxrss also counts the memory of the process it was forked from, up to its
exec (the kernel keeps the old address space's high-water mark). Spawned from the harness, every
command would report at least the harness's own peak, which grows to hundreds of MB while it
generates the inputs. Spawned from this launcher (about 9 MB, started with -I -S and importing
only os, sys and time), a command's peak is its own, with that small floor.

RESULT gets one line: ``seconds ru_maxrss exit_code`` (ru_maxrss in KiB on Linux) (the timing excludes the launcher's start-up).
"""

import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: spawn.py RESULT COMMAND [ARG...]", file=sys.stderr)
        return 2
    result, argv = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ)
    except OSError as exc:
        print(f"cannot start {argv[0]}: {exc}", file=sys.stderr)
        return 127
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(result, "w") as fp:
        fp.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
