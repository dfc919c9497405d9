"""The progress line on stderr: records done, rate, errors, ETA.

On a terminal the line is redrawn in place; in a log file (stderr not a terminal) a line is written every
`LOG_EVERY_S` seconds instead, so logs stay readable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

# Redraw at most this often on a terminal; a log line at most this often otherwise.
REDRAW_EVERY_S = 0.5
LOG_EVERY_S = 10.0


def format_duration(seconds: float) -> str:
    """1h02m, 3m05s, 42s."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


@dataclass
class Progress:
    """Counts what a batch has done; `line()` says it in one line."""

    stream: TextIO | None
    clock: Callable[[], float] = time.monotonic
    total: int | None = None  # records to do; None while inputs are still being planned
    done: int = 0  # records processed in this run
    resumed: int = 0  # records in chunks skipped because an earlier run finished them
    errors: int = 0
    started: float = field(default=0.0)
    _last_shown: float = field(default=float("-inf"))

    def __post_init__(self) -> None:
        self.started = self.clock()

    def rate(self) -> float:
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        finished = self.done + self.resumed
        rate = self.rate()
        if self.total is None:
            count, eta = f"{finished:,} records", "ETA ?"
        else:
            share = finished / self.total if self.total else 1.0
            count = f"{finished:,}/{self.total:,} records ({share:.0%})"
            left = self.total - finished
            eta = f"ETA {format_duration(left / rate)}" if rate > 0 else "ETA ?"
        return f"batch: {count} · {rate:.1f} records/s · {self.errors:,} errors · {eta}"

    def show(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = self.clock()
        tty = self.stream.isatty()
        if not force and now - self._last_shown < (REDRAW_EVERY_S if tty else LOG_EVERY_S):
            return
        self._last_shown = now
        self.stream.write(("\r\x1b[2K" + self.line()) if tty else self.line() + "\n")
        self.stream.flush()

    def close(self) -> None:
        """The last state, and a newline so the summary starts on its own line."""
        if self.stream is None:
            return
        self.show(force=True)
        if self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
