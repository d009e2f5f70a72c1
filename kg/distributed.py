"""Extraction past one machine: the per-article map as Dask tasks on a distributed scheduler
(`kg build --scheduler tcp://HOST:PORT`); resolution, relations and facts stay the reduce, run here.
Workers need the same `kg` installed (same version: the cache key and the rules travel as code)."""
from __future__ import annotations

import os
from typing import Iterator

from .cache import unpack
from .errors import SchedulerError
from .model import Article
from .workers import chunks


def _task(articles: list[Article]):
    """One chunk on a worker: one tagger thread per Dask thread (the worker's threads share the cores); the
    analyses travel packed (tokens as tuples: kg.cache.pack), an eighth of the pickling."""
    os.environ.setdefault("KG_TAGGER_THREADS", "1")
    from .cache import pack
    from .workers import analyse_chunk

    return [(doc_id, pack(an)) for doc_id, an in analyse_chunk(articles)]


def run_dask(articles: list[Article], address: str, timeout: float = 30.0) -> Iterator[list]:
    """Yield the analysed chunks in order, computed by the workers of the scheduler at ADDRESS."""
    if not articles:
        return
    try:
        from dask.distributed import Client
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise SchedulerError(f"Dask distributed is not installed: {e}") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e}") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        parts = chunks(articles, threads * 2)  # a few chunks per thread so a slow one does not hold the rest
        futures = client.map(_task, parts, pure=False)
        for f in futures:
            yield [(doc_id, unpack(an)) for doc_id, an in f.result()]
    finally:
        client.close()
