"""Analyses on a Dask cluster (``ingest``/``batch`` ``--dask local`` or ``--scheduler tcp://HOST:8786``).

``dask_pool(scheduler, processes)`` gives what ``ingest``'s analysis loop takes from a ``multiprocessing`` pool —
``apply_async(fn, args).get()`` — over a ``dask.distributed`` client, so the same loop sends batches of articles
to Dask workers, a bounded number at a time, and stores the results as they come back, in order (a near copy
is stored after the first copy it points at). Each worker loads the language model once (the pipeline's
per-process cache). A task of a worker lost mid-run is run again by Dask on another worker (analysis has no
side effects), so no article is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from newsdesk.errors import BadOption, MissingDependency


class DaskPool:
    """A ``multiprocessing.Pool`` look-alike (``apply_async``) over a ``distributed.Client``."""

    def __init__(self, client) -> None:
        self.client = client

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def apply_async(self, fn: Callable, args: tuple = ()) -> _Pending:
        return _Pending(self.client.submit(fn, *args, pure=False))


class _Pending:
    def __init__(self, future) -> None:
        self.future = future

    def get(self) -> Any:
        return self.future.result()


@contextmanager
def dask_pool(scheduler: str, processes: int) -> Iterator[DaskPool]:
    """``scheduler``: ``"local"`` for a ``LocalCluster`` of ``processes`` single-threaded worker processes (closed
    at the end), else the address of a running scheduler."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependency("dask.distributed is not installed (--scheduler / --dask)",
                                install="pip install 'newsdesk[dask]'") from exc
    if processes < 1:
        raise BadOption(f"processes must be at least 1, not {processes}", source="--processes")
    cluster = (LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=None)
               if scheduler == "local" else None)
    try:
        try:
            client = Client(cluster if cluster is not None else scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise BadOption(f"cannot reach the Dask scheduler ({exc})", source=scheduler) from exc
        try:
            yield DaskPool(client)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def check_choice(dask: str | None, scheduler: str | None) -> str | None:
    """The CLI's ``--dask local`` / ``--scheduler ADDRESS`` as one scheduler (None: local processes)."""
    if dask not in (None, "local"):
        raise BadOption(f"the only value is 'local', not {dask!r} (a cluster: --scheduler ADDRESS)", source="--dask")
    if dask and scheduler:
        raise BadOption("give --dask local or --scheduler ADDRESS, not both", source="--dask")
    return scheduler or dask
