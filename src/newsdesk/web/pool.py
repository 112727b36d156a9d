"""The desk store shared by the app's threads: one ``Desk`` per worker thread over the same store, and one lock
for writers (``DeskPool``); ``desks`` hands it to an endpoint (a FastAPI dependency).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request

from newsdesk.desk import Desk


class DeskPool:
    """One ``Desk`` per thread over the same store file, and one lock for writers.

    ``pool.reader()`` is the calling thread's desk; ``with pool.writer() as desk:`` holds the write lock.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        from newsdesk.desk import default_path
        from newsdesk.desk.store import location_of

        self.path = location_of(path) if path is not None else default_path()
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._open: list[Desk] = []
        self._open_lock = threading.Lock()
        self.reader()  # open (and migrate) the store now: a bad path fails here, not in a request

    def reader(self) -> Desk:
        desk = getattr(self._local, "desk", None)
        if desk is None:
            desk = Desk(self.path)
            self._local.desk = desk
            with self._open_lock:
                self._open.append(desk)
        return desk

    @contextmanager
    def writer(self) -> Iterator[Desk]:
        with self.write_lock:
            yield self.reader()

    def close(self) -> None:
        with self._open_lock:
            for desk in self._open:
                desk.close()
            self._open.clear()
        self._local = threading.local()


def desks(request: Request) -> DeskPool:
    """The app's pool (a FastAPI dependency)."""
    return request.app.state.desks
