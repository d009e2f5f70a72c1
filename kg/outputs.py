"""A build's outputs appear together or not at all: they are written into OUT/.builds/<id>.tmp, renamed, then
OUT/current (a symlink) is swapped to it in one rename; OUT/kg.ttl, graph.html and store point through it.

A lock (flock on OUT/.lock) keeps two builds of one folder apart; under it, leftovers of killed builds
(`*.tmp` folders, old builds) are removed."""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from .errors import BuildLockedError

BUILDS = ".builds"
CURRENT = "current"
LINKS = ("kg.ttl", "graph.html", "store", "report.json")


class BuildFolder:
    """`with BuildFolder(out) as b:` write into `b.path`, then `b.commit()`; on error nothing changes."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.path: Path | None = None
        self._lock = None

    def __enter__(self) -> "BuildFolder":
        self.out.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.out / ".lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise BuildLockedError(f"{self.out}: another `kg build` is writing this folder") from None
        builds = self.out / BUILDS
        builds.mkdir(exist_ok=True)
        _remove_stale(self.out, keep_published=True)
        self.path = Path(tempfile.mkdtemp(dir=builds, prefix=time.strftime("%Y%m%dT%H%M%S-"), suffix=".tmp"))
        os.chmod(self.path, 0o755)
        return self

    def commit(self) -> Path:
        """Publish the build: rename its folder, swap OUT/current, make the stable links, drop old builds."""
        final = self.path.with_suffix("")
        os.rename(self.path, final)
        self.path = final
        _fsync_dir(final.parent)
        link = self.out / f".{CURRENT}.{os.getpid()}.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(f"{BUILDS}/{final.name}", link)
        previous = current_build(self.out)
        os.replace(link, self.out / CURRENT)  # the one atomic step
        _fsync_dir(self.out)
        for name in LINKS:
            _ensure_link(self.out / name, f"{CURRENT}/{name}")
        _remove_stale(self.out, keep={final.resolve(), previous})  # the previous build stays for open readers
        if previous is not None and previous != final.resolve():
            for p in previous.iterdir():  # ...its store only: a tool reading every RDF file below OUT sees one build
                if not p.is_dir():
                    p.unlink(missing_ok=True)
        return final

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is not None and self.path is not None and self.path.suffix == ".tmp":
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            if self._lock is not None:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                self._lock.close()


def current_build(out: Path) -> Path | None:
    """The folder of the published build in OUT, or None (also for an OUT written before build folders)."""
    cur = Path(out) / CURRENT
    return cur.resolve() if cur.is_symlink() and cur.resolve().is_dir() else None


def _ensure_link(path: Path, target: str) -> None:
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    os.replace(tmp, path)


def _remove_stale(out: Path, keep: set | None = None, keep_published: bool = False) -> None:
    """Temp folders and files left by killed builds, and (unless keep_published) builds not in `keep`;
    the caller holds the lock, so nothing here is being written."""
    for p in (out / BUILDS).iterdir() if (out / BUILDS).is_dir() else ():
        if p.suffix == ".tmp" or not (keep_published or p.resolve() in (keep or set())):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    for p in out.glob(".*.tmp"):
        if p.is_symlink() or p.is_file():
            p.unlink(missing_ok=True)


def _fsync_dir(d: Path) -> None:
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes) -> None:
    """Write and fsync a file of a build folder (the folder itself is published atomically)."""
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, 0o644)


class TurtleDump(threading.Thread):
    """kg.ttl dumped from the store in a thread (Oxigraph's order: same triples, same bytes); `wait` raises
    what the dump raised."""

    def __init__(self, st, path: Path, prefixes: dict[str, str]):
        super().__init__(daemon=True)
        self.st, self.path, self.prefixes, self.error = st, path, prefixes, None
        self.start()

    def run(self) -> None:
        import pyoxigraph as ox

        try:
            with open(self.path, "wb") as f:
                self.st.dump(f, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=self.prefixes)
                f.flush()
                os.fsync(f.fileno())
        except BaseException as e:  # handed to the build's thread
            self.error = e

    def wait(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def link_file(src: Path, dest: Path) -> bool:
    """DEST as a hard link to SRC (a file of the previous build: unchanged, never written again)."""
    try:
        os.link(src, dest)
        return True
    except OSError:
        return False
