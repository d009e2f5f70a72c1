"""Write the build's Oxigraph store from its graph parts: in full (bulk loads in bounded batches), or as an
update of the previous build's store — a hard-linked RocksDB checkpoint in which only the named graphs
whose digest changed are rewritten, and the default graph (the union) is kept equal to the union."""
from __future__ import annotations

import json
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .reduce import GraphPart

STORE_BATCH = 50_000  # quads per bulk load: bounds the loader's memory (~1.2 kB a quad: 57 MB) whatever the corpus
PIECE_BYTES = 4 << 20  # a part is loaded in pieces of at most this much N-Triples (~25k lines)
MANIFEST = "store.json"  # in the cache folder: which build's store holds which graph digests


@dataclass
class Previous:
    """The published build a rebuild may start from: its store, kg.ttl and graph digests."""

    store: Path
    ttl: Path
    graphs: dict[str, str]
    triples: int


@dataclass
class Written:
    graphs: dict[str, str] = field(default_factory=dict)  # IRI → digest of every named graph written
    changed: int = 0  # named graphs (re)written or removed
    removed: int = 0
    store: ox.Store | None = None  # the store written, still open


def _nquads(part, default: bool = True) -> bytes:
    """N-Triples lines of a part as N-Quads of its named graph (and, with DEFAULT, again of the default graph)."""
    g = f" <{part.graph}> .".encode()
    lines = part.triples.splitlines()
    named = b"".join(line[:-2] + g + b"\n" for line in lines if line.endswith(b" ."))
    return named + part.triples if default else named


def _pieces(part, size: int | None = None):
    """The part in pieces of at most about SIZE bytes, cut at line ends (the entities graph of a large
    corpus is hundreds of MB: loaded whole, the bulk loader took gigabytes)."""
    data, start, size = part.triples, 0, size or PIECE_BYTES
    while start < len(data):
        end = len(data) if len(data) - start <= size else data.rfind(b"\n", start, start + size) + 1
        if end <= start:  # one line longer than SIZE
            end = data.find(b"\n", start) + 1 or len(data)
        # a part in one piece is yielded as it is, unless it is a cached part (it reads its triples on each use)
        whole = (start, end) == (0, len(data)) and type(part) is GraphPart
        yield part if whole else GraphPart(part.graph, data[start:end], part.digest, part.doc_id)
        start = end


def write_full(path: Path, parts: Iterable, background: bool = False) -> Written:
    """A new store at PATH holding every part in its named graph and in the default graph, loaded in
    batches of about STORE_BATCH quads whatever the size of one part; with BACKGROUND by a loader thread
    (Oxigraph lets go of the GIL: the reduce goes on making parts while a batch loads — a build of several
    processes; one process means one core)."""
    st = ox.Store(str(path))
    out = Written()
    batch, n = [], 0
    with Loader(st, background) as loader:
        for whole in parts:
            out.graphs[whole.graph] = whole.digest
            for part in _pieces(whole):
                batch.append(_nquads(part))
                n += 2 * part.triples.count(b"\n")
                if n >= STORE_BATCH:
                    loader.load(b"".join(batch))
                    batch, n = [], 0
        if batch:
            loader.load(b"".join(batch))
    st.flush()
    out.changed, out.store = len(out.graphs), st
    return out


class Loader(threading.Thread):
    """Bulk loads of N-Quads into ST, one after another in this thread (or, not BACKGROUND, at once in the
    caller's), at most QUEUED waiting (bounded memory); `load` raises what an earlier load raised, and
    leaving the `with` waits for the last one."""

    QUEUED = 2

    def __init__(self, st: ox.Store, background: bool = True):
        super().__init__(daemon=True)
        self.st, self.error, self.background = st, None, background
        self.todo: queue.Queue = queue.Queue(maxsize=self.QUEUED)
        if background:
            self.start()

    def run(self) -> None:
        while (data := self.todo.get()) is not None:
            if self.error is None:  # after a failure the rest is only drained, so `load` never blocks
                try:
                    self.st.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                except BaseException as e:  # handed to the build's thread
                    self.error = e

    def load(self, data: bytes) -> None:
        if self.error is not None:
            raise self.error
        if not self.background:
            self.st.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            return
        self.todo.put(data)

    def __enter__(self) -> "Loader":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if not self.background:
            return
        self.todo.put(None)
        self.join()
        if kind is None and self.error is not None:
            raise self.error


def _triples(data: bytes) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def write_update(path: Path, prev: Previous, parts: Iterable) -> Written:
    """PATH as a checkpoint of the previous store (hard links: no copy), then each part whose digest differs
    from the previous build's is diffed against the graph there; graphs no longer built are removed. A
    triple leaves the default graph only when no named graph holds it any more."""
    ox.Store.read_only(str(prev.store)).backup(str(path))
    st = ox.Store(str(path))
    default = ox.DefaultGraph()
    out = Written()
    dropped: list = []

    def replace(graph: str, new: set) -> None:
        g = ox.NamedNode(graph)
        old = {ox.Triple(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, g)}
        add = new - old
        st.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in add] +
                  [ox.Quad(t.subject, t.predicate, t.object, default) for t in add])
        for t in old - new:
            st.remove(ox.Quad(t.subject, t.predicate, t.object, g))
            dropped.append(t)
        out.changed += 1

    for part in parts:
        out.graphs[part.graph] = part.digest
        if prev.graphs.get(part.graph) != part.digest:
            replace(part.graph, _triples(part.triples))
    for graph in sorted(set(prev.graphs) - set(out.graphs)):
        replace(graph, set())
        st.remove_graph(ox.NamedNode(graph))
        out.removed += 1
    for t in dropped:
        if not any(not isinstance(q.graph_name, ox.DefaultGraph)
                   for q in st.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            st.remove(ox.Quad(t.subject, t.predicate, t.object, default))
    st.flush()
    out.store = st
    return out


def load_previous(manifest: Path, build: Path | None) -> Previous | None:
    """The previous build as recorded in MANIFEST, when BUILD (the published one) is the build it describes
    and was made by this code; otherwise None (the store is written in full)."""
    from .cache import code_version

    if build is None or not (build / "store").is_dir() or not (build / "kg.ttl").is_file():
        return None
    try:
        m = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(m, dict) or m.get("build") != build.name or m.get("code") != code_version():
        return None
    return Previous(build / "store", build / "kg.ttl", dict(m.get("graphs", {})), int(m.get("triples", -1)))


def save_manifest(manifest: Path, build: str, graphs: dict[str, str], triples: int) -> None:
    from .cache import code_version

    manifest.parent.mkdir(parents=True, exist_ok=True)
    tmp = manifest.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"build": build, "code": code_version(), "triples": triples,
                               "graphs": graphs}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, manifest)
