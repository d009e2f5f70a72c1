"""Queries run in worker processes that each open the store: a query past its timeout or memory allowance,
or whose client has gone, is stopped by killing its worker (SIGKILL frees its CPU and memory at once) and a
fresh worker takes its place. Workers run without network (their own empty network namespace) where the
kernel allows it, as a second wall behind the SERVICE check."""
from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import sparql_errors as E
from .errors import KGError
from .sparql_exec import Answer, Job

log = logging.getLogger("kg.serve")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _isolate() -> bool:
    """Move this process into an empty network namespace (no interface but a down loopback)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(0x40000000) == 0:  # CLONE_NEWNET (root)
            return True
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(0x10000000 | 0x40000000) != 0:  # CLONE_NEWUSER | CLONE_NEWNET
            return False
        for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                           ("/proc/self/gid_map", f"{gid} {gid} 1")):
            with open(path, "w") as f:
                f.write(text)
        return True
    except OSError:
        return False


def _message(e: KGError) -> str:
    return str(e).split("] ", 1)[-1]


def worker_main(conn, kg_dir: str, isolate: bool) -> None:
    """A worker: open the store once, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the server, whatever happens
    except (OSError, AttributeError):
        pass
    from .sparql_exec import open_graph, run

    isolated = _isolate() if isolate else False
    try:
        store = open_graph(Path(kg_dir))
    except KGError as e:
        conn.send(("fail", type(e).__name__, _message(e)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", run(store, job)))
        except KGError as e:
            conn.send(("err", type(e).__name__, _message(e)))


def _error(name: str, message: str) -> KGError:
    cls = getattr(E, name, None)
    return cls(message) if isinstance(cls, type) and issubclass(cls, KGError) else E.WorkerCrashed(message)


@dataclass(eq=False)
class Worker:
    proc: mp.Process
    conn: object
    isolated: bool = False
    started: float = field(default_factory=time.monotonic)

    def rss_mib(self) -> float:
        try:
            with open(f"/proc/{self.proc.pid}/statm") as f:
                return int(f.read().split()[1]) * PAGE / 2**20
        except (OSError, ValueError, IndexError):
            return 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Pool:
    """`size` workers over the build in kg_dir; `run` waits at most `timeout` for a worker and `timeout` for
    the answer; at most `max_waiting` requests wait at once (more are told the service is busy)."""

    def __init__(self, kg_dir: Path, size: int = 2, timeout: float = 30, max_memory_mib: float = 2048,
                 max_waiting: int = 64, isolate: bool = True):
        self.kg_dir, self.size, self.timeout = Path(kg_dir), size, timeout
        self.max_memory_mib, self.max_waiting, self.isolate = max_memory_mib, max_waiting, isolate
        self.ctx = mp.get_context("spawn")
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self.waiting = 0
        self.killed = 0
        self.closed = False
        self.startup_error: KGError | None = None

    async def _readable(self, conn, timeout: float | None) -> bool:
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        loop.add_reader(conn.fileno(), lambda: fut.done() or fut.set_result(True))
        try:
            await asyncio.wait_for(fut, timeout)
            return True
        except asyncio.TimeoutError:
            return False
        finally:
            loop.remove_reader(conn.fileno())

    async def _spawn(self) -> Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker_main, args=(child, str(self.kg_dir), self.isolate), daemon=True,
                                name="kg-sparql-worker")
        proc.start()  # from the event loop's thread: PR_SET_PDEATHSIG follows the thread that forked
        child.close()
        w = Worker(proc, parent)
        self.workers.add(w)
        try:
            if not await self._readable(parent, 300):
                raise E.WorkerCrashed("a query worker did not start within 300 s")
            msg = parent.recv()
        except (EOFError, OSError):
            msg = ("fail", "WorkerCrashed", f"a query worker exited while opening {self.kg_dir}")
        if msg[0] != "ready":
            self.workers.discard(w)
            w.kill()
            raise _error(msg[1], msg[2])
        w.isolated = msg[1]
        return w

    async def start(self) -> None:
        """Start every worker; the first that cannot open the build raises its error."""
        ws = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        failed = [w for w in ws if isinstance(w, BaseException)]
        if failed:
            for w in ws:
                if isinstance(w, Worker):
                    w.kill()
            raise failed[0]
        for w in ws:
            self.idle.put_nowait(w)
        if not all(w.isolated for w in ws) and self.isolate:
            log.info("query workers could not get their own network namespace; SERVICE is refused by the "
                     "query check alone")

    async def _replace(self, w: Worker) -> None:
        self.workers.discard(w)
        await asyncio.to_thread(w.kill)
        delay = 0.5
        while not self.closed:
            try:
                self.idle.put_nowait(await self._spawn())
                return
            except KGError as e:
                log.error("cannot restart a query worker: %s", e)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    async def run(self, job: Job, gone: asyncio.Future | None = None) -> Answer | None:
        """The answer, or None when the client went away first (its query is stopped)."""
        if self.waiting >= self.max_waiting:
            raise E.Busy("too many queries are waiting: try again later")
        self.waiting += 1
        try:
            w = await asyncio.wait_for(self.idle.get(), self.timeout)
        except asyncio.TimeoutError:
            raise E.Busy(f"every query worker stayed busy for {self.timeout:g} s: try again later") from None
        finally:
            self.waiting -= 1
        healthy = False
        try:
            w.conn.send(job)
            deadline = time.monotonic() + self.timeout
            reason = None
            while reason is None:
                if await self._readable(w.conn, min(0.25, max(0.0, deadline - time.monotonic()))):
                    msg = w.conn.recv()
                    healthy = True
                    if msg[0] == "ok":
                        return msg[1]
                    raise _error(msg[1], msg[2])
                if gone is not None and gone.done():
                    reason = "gone"
                elif time.monotonic() >= deadline:
                    reason = "timeout"
                elif w.rss_mib() > self.max_memory_mib:
                    reason = "memory"
            self.killed += 1
            if reason == "gone":
                return None
            if reason == "timeout":
                raise E.QueryTimeout(f"the query ran past the {self.timeout:g} s limit and was stopped")
            raise E.QueryTooBig(f"the query used more than {self.max_memory_mib:g} MiB and was stopped")
        except (EOFError, OSError):
            raise E.WorkerCrashed("the query worker died (the query may need more memory than it has)") from None
        finally:
            if healthy:
                self.idle.put_nowait(w)
            elif not self.closed:
                asyncio.get_running_loop().create_task(self._replace(w))

    async def close(self) -> None:
        self.closed = True
        for w in list(self.workers):
            await asyncio.to_thread(w.kill)
        self.workers.clear()
