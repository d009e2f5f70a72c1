"""The per-article map of the build, in this process or in worker processes that die with their parent
(PR_SET_PDEATHSIG, and a watchdog on the parent's pid where that is not available)."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from .model import Article

CHUNK = 8  # articles tagged together: ~560 sentences, past the tagger's batch of 256; small chunks keep the processes evenly busy
TAIL_CHUNK = 2  # articles per chunk at the end of a parallel map
PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def analyse_chunk(articles: list[Article]):
    """Tag the articles together and run the rules: [(doc_id, analyses)]."""
    from .extract import analyse_many
    from .tag import get_tagger

    return [(a.doc_id, an) for a, an in zip(articles, analyse_many(articles, get_tagger()))]


def analyse_and_store(cache_dir: str, mentions: bool, articles: list[Article]):
    """In a worker: analyse, write each analysis to the cache here, and send back its mentions only (what
    resolution reads) — the parent neither unpickles the tokens nor pickles them again."""
    from .cache import AnalysisCache, MentionsOnly

    cache = AnalysisCache(Path(cache_dir), mentions=mentions)
    out = []
    for a, (doc_id, an) in zip(articles, analyse_chunk(articles)):
        cache.put(a, an)
        out.append((doc_id, Stored([MentionsOnly(x.mentions) for x in an])))
    return out


class Stored(list):
    """Analyses (mentions only) whose full form a worker already wrote to the cache."""


def _die_with_parent(parent: int) -> None:
    os.environ["KG_TAGGER_THREADS"] = "1"  # processes, not threads, share the cores
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch():
        import time

        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _preload() -> None:
    """Word lists, gazetteer, word frequencies and the district patterns loaded once here, before forking:
    the workers (readers, then the map's) inherit them instead of each loading its own (the model itself is loaded in each worker: ONNX sessions do not
    survive a fork)."""
    from .lexicon import lexicon
    from .lexicon import industries
    from .places import gazetteer
    from .read import _division_pattern
    from .spans import _freq

    lexicon(), gazetteer(), industries(), _freq(), _division_pattern("county"), _division_pattern("city")
    import onnxruntime  # noqa: F401  (importing creates no threads)


def _shared_tagger() -> bool:
    """The model loaded once here, with one thread, before the map's workers fork: they share it copy-on-write
    instead of each loading its own (a quarter of a second of CPU and ~30 MB each). A session with threads
    of its own would lose them in the fork; one thread runs on the caller's (tested: same tags in a worker).
    A tagger this process already holds is what the workers inherit, as before. True when it loaded one."""
    from .tag import get_tagger

    if get_tagger.cache_info().currsize:
        return bool(_SHARED)  # loaded by an earlier call (while the files were read): still the map's to let go
    before = os.environ.get("KG_TAGGER_THREADS")
    os.environ["KG_TAGGER_THREADS"] = "1"
    try:
        get_tagger()
    finally:
        if before is None:
            del os.environ["KG_TAGGER_THREADS"]
        else:
            os.environ["KG_TAGGER_THREADS"] = before
    _SHARED[:] = [True]
    return True


_SHARED: list = []  # [True] while the model this process holds is the one `_shared_tagger` loaded


def bounded_map(ex, fn, items: list, window: int) -> Iterator:
    """Like `ex.map`, in order, but with at most WINDOW tasks in flight: finished results never pile up
    in memory while the caller (resolution, writing) is slower than the workers."""
    from collections import deque
    from itertools import islice

    todo = iter(items)
    flight: deque = deque(ex.submit(fn, x) for x in islice(todo, window))
    while flight:
        result = flight.popleft().result()
        for x in islice(todo, 1):
            flight.append(ex.submit(fn, x))
        yield result


def chunks(articles: list[Article], jobs: int) -> list[list[Article]]:
    """Consecutive chunks of at most CHUNK articles; with several processes the last JOBS × CHUNK articles
    go in chunks of TAIL_CHUNK, so no process waits long at the end of the map for another's last chunk
    (tagging gives the same tags in any grouping: tests/test_scale_tagger.py)."""
    size = max(1, min(CHUNK, -(-len(articles) // max(1, jobs))))
    tail = len(articles) - jobs * CHUNK if jobs > 1 and size == CHUNK else len(articles)
    tail = max(0, tail - tail % size)  # the ordinary chunks stay whole
    return [articles[i:i + size] for i in range(0, tail, size)] + \
        [articles[i:i + TAIL_CHUNK] for i in range(tail, len(articles), TAIL_CHUNK)]


def run_local(articles: list[Article], jobs: int, cache=None) -> Iterator[list]:
    """Yield the analysed chunks in order; with jobs > 1 in a pool of processes that die with this one
    (given an AnalysisCache, they write the analyses there and send back `Stored` mentions)."""
    parts = chunks(articles, jobs)
    if jobs <= 1 or len(parts) <= 1:
        if jobs <= 1:  # one process means one core: ONNX's own threads would take the others
            os.environ.setdefault("KG_TAGGER_THREADS", "1")
        for part in parts:
            yield analyse_chunk(part)
        if _SHARED:  # loaded for a pool while the files were read: let go of it before the reduce, as the pool does
            from .tag import get_tagger

            get_tagger.cache_clear()
            _SHARED.clear()
        return
    import multiprocessing as mp

    _preload()
    loaded = _shared_tagger()
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")  # fork: the parent is us
    ex = ProcessPoolExecutor(max_workers=min(jobs, len(parts)), mp_context=ctx, initializer=_die_with_parent,
                             initargs=(os.getpid(),))
    try:
        fn = partial(analyse_and_store, str(cache.folder), cache.mentions) if cache is not None else analyse_chunk
        yield from bounded_map(ex, fn, parts, 2 * jobs)
    except BaseException:
        for p in list(getattr(ex, "_processes", {}).values()):  # do not wait for a long chunk on Ctrl-C
            p.kill()
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
        if loaded:  # the workers are gone: the parent lets go of the model (~90 MB) before the reduce
            from .tag import get_tagger

            get_tagger.cache_clear()
            _SHARED.clear()


Mapper = Callable[[list[Article], int], Iterator[list]]
