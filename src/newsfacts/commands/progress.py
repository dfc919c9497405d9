"""Progress bars for the long commands (ingest, export, eval): with rate and ETA when stderr is a terminal,
nothing otherwise, so logs and pipes stay clean. tqdm comes with spaCy."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TextIO, TypeVar

T = TypeVar("T")


def wanted(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


class Bar:
    """A tqdm bar on a terminal, or a stand-in that does nothing; `write` prints a line above the bar."""

    def __init__(self, desc: str, total: int | None = None, unit: str = "article", stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._bar = None
        if wanted(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit=unit, file=self.stream, dynamic_ncols=True, leave=False)

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def write(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def iterate(self, items: Iterable[T]) -> Iterator[T]:
        if self._bar is not None and self._bar.total is None and isinstance(items, Sized):
            self._bar.total = len(items)  # a list's length is known: the bar can show an ETA
            self._bar.refresh()
        for item in items:
            yield item
            self.update()
