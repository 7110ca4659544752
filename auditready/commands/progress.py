"""A progress bar on stderr for long runs; silent when stderr is not a terminal (CI, pipes)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from auditready.pipeline import Progress


@contextmanager
def terminal_progress(enabled: bool = True) -> Iterator[Progress]:
    if not enabled or not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    bars: dict[str, object] = {}
    shown: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            for other in bars.values():
                other.render_finish()
            bar = click.progressbar(length=max(total, 1), label=stage.ljust(18), file=sys.stderr)
            bars[stage], shown[stage] = bar, 0
        bar.update(done - shown[stage])
        shown[stage] = done

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.render_finish()
