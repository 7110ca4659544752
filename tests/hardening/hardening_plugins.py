"""Run the real `auditready` command with a misbehaving reader plugged in.

    python tests/hardening/hardening_plugins.py KIND FORMAT [auditready arguments...]

`auditready.ingest.READERS` is the documented plug-in point for readers (a program embedding
auditready may replace one). This script, used only by the hardening tests, replaces the reader
of FORMAT with one of the readers below and then runs the command line as a user would, so the
scan's worker processes, time limits and error handling are exercised for real:

- hang:  a parser stuck in a loop that ignores SIGTERM (only a kill stops it);
- crash: a parser that dies of a segmentation fault, as a native library can;
- leak:  a parser whose exception message quotes the file's bytes, as library messages do.

Nothing in auditready imports this module.
"""

from __future__ import annotations

import os
import signal
import sys


def hang(data: bytes, path: str, options: object):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    spins = 0
    while True:  # noqa: ASYNC110 - the point is a reader that never returns
        spins += 1


def crash(data: bytes, path: str, options: object):
    os.kill(os.getpid(), signal.SIGSEGV)


def leak(data: bytes, path: str, options: object):
    raise ValueError(f"cannot parse {data[:400]!r} in {path}")


PLUGINS = {"hang": hang, "crash": crash, "leak": leak}


def main(argv: list[str]) -> None:
    kind, fmt, arguments = argv[0], argv[1], argv[2:]
    from auditready.cli import main as auditready_main
    from auditready.ingest import READERS

    READERS[fmt] = PLUGINS[kind]
    auditready_main(arguments, prog_name="auditready")


if __name__ == "__main__":
    main(sys.argv[1:])
