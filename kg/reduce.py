"""The second half of the reduce, after entities are resolved: each article's named graph (its sentences,
relations, facts and the mentions of entities in it) and the entities graph, as sorted N-Triples with a
digest. An article's graph is cached by a fingerprint of everything it is made from (its analysis, its
mentions' entity keys and the resolved labels and types), so a rebuild recomputes only what changed;
misses run here or in forked workers that inherit the resolved entities (copy-on-write)."""
from __future__ import annotations

import gc
import hashlib
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterator

from .model import Article, Entity, Fact, Relation
from .quads import ENTITIES_GRAPH, article_graph
from .rdf import NTriples
from .relate import Relator

PART = 8  # articles (or entities × 100) per task of the parallel reduce
FORMAT = 1  # of the cached graph parts


@dataclass
class GraphPart:
    """One named graph of the build: its IRI, its triples as sorted N-Triples lines, their digest."""

    graph: str
    triples: bytes
    digest: str
    doc_id: str | None = None  # the article it is the graph of (None: the entities graph)


@dataclass
class ReduceInput:
    articles: list[Article]
    ordinals: list[list[str | None]]  # entity key of each mention, in `mentions_of` order
    entities: dict[str, Entity]
    cache: object  # AnalysisCache holding every article's analysis
    parts: object = None  # PickleCache of article graphs by fingerprint, or None
    fingerprints: list[str] = field(default_factory=list)
    hits: int = 0  # article graphs taken from the cache in this build
    keep: bool = True  # hand back every relation and fact (else only their numbers: a build prints no more)
    n_relations: int = 0
    n_facts: int = 0
    headers: dict = field(default_factory=dict)  # fingerprint → header of each article part of this build

    def __post_init__(self):
        self.label = {k: e.name for k, e in self.entities.items()}
        self.types = {k: e.type for k, e in self.entities.items()}
        self.index: dict = {}  # the previous build's headers (one file, not one per article)
        if self.parts is not None:
            self.fingerprints = fingerprints(self)
            got = self.parts.get_index() if not self.keep else None
            self.index = got if isinstance(got, dict) else {}


_STATE: ReduceInput | None = None  # set before forking: the workers read it, never receive it


def mentions_of(analyses) -> list:
    """Every mention of an article in a fixed traversal (the same after a round trip through pickle)."""
    return [m for a in analyses for m in a.mentions]


def entities_digest(entities: dict[str, Entity]) -> str:
    """What an article's relations and facts can read of the resolved entities: every key's label and
    type (in key order, so the order articles were resolved in does not count), and the order of keys
    that share a label (first-match look-ups by name see it)."""
    h = hashlib.sha256()
    by_label: dict[str, list[str]] = defaultdict(list)
    for k, e in entities.items():
        by_label[e.name].append(k)
    for k in sorted(entities):
        e = entities[k]
        h.update(f"{k}\x1f{e.name}\x1f{e.type}\x1e".encode())
    for name in sorted(by_label):
        if len(by_label[name]) > 1:
            h.update(("\x1d".join([name, *by_label[name]]) + "\x1e").encode())
    return h.hexdigest()


def fingerprints(st: ReduceInput) -> list[str]:
    """Per article: its analysis key (text, metadata, code), its mentions' entity keys, the order of
    those keys among all entities, and `entities_digest` — everything `article_part` reads."""
    from .cache import article_key

    g = entities_digest(st.entities)
    pos = {k: i for i, k in enumerate(st.entities)}
    out = []
    for a, ords in zip(st.articles, st.ordinals):
        own = sorted({k for k in ords if k is not None}, key=pos.__getitem__)
        text = "\x1f".join((f"reduce {FORMAT}", article_key(a), g, "\x1d".join(k or "" for k in ords), "\x1d".join(own)))
        out.append(hashlib.sha256(text.encode()).hexdigest())
    return out


def part_of(graph: str, triples: bytes, doc_id: str | None = None) -> GraphPart:
    return GraphPart(graph, triples, hashlib.sha256(triples).hexdigest(), doc_id)


def article_triples(st: ReduceInput, i: int) -> tuple[NTriples, list[Relation], list[Fact]]:
    """Everything of article I's named graph: the article, its relations and facts, and the mentions of
    entities in it (each entity's `mentionedIn` its sentences here: the rest of an entity is the entities graph)."""
    from .build import _dedupe_relations
    from .facts import extract_facts

    article = st.articles[i]
    analyses = st.cache.get(article)
    if analyses is None:  # the cache lost it: analyse again (same analysis, same traversal)
        from .workers import analyse_chunk

        analyses = analyse_chunk([article])[0][1]
    keys = {id(m): k for m, k in zip(mentions_of(analyses), st.ordinals[i]) if k is not None}
    rel = Relator(article, keys, st.label, st.types)
    relations = _dedupe_relations(rel.run(analyses))
    facts = extract_facts(article, analyses, keys, st.types, rel.district)
    g = NTriples()
    g.article(article)
    for r in relations:
        g.relation(r)
    for f in facts:
        g.fact(f)
    by_key: dict[str, list] = {}
    for m in mentions_of(analyses):
        if id(m) in keys:
            by_key.setdefault(keys[id(m)], []).append(m)
    for k, ms in by_key.items():
        g.mentions(k, ms)
    return g, relations, facts


class CachedPart(GraphPart):
    """An article's graph part from the cache, its triples read only when asked for (a rebuild that finds
    the digest unchanged in the previous store never reads them: at 10,000 articles, unpickling every
    part with its relations and facts was seconds)."""

    def __init__(self, graph: str, digest: str, doc_id: str, st: ReduceInput, i: int):
        self.graph, self.digest, self.doc_id = graph, digest, doc_id
        self._st, self._i = st, i

    @property
    def triples(self) -> bytes:
        got = self._st.parts.get(self._st.fingerprints[self._i])
        if isinstance(got, tuple) and len(got) == 3 and got[0].digest == self.digest:
            return got[0].triples
        return article_triples(self._st, self._i)[0].data()  # the entry went bad: the same lines again


def article_part(st: ReduceInput, i: int, lazy: bool = True) -> tuple[GraphPart, list[Relation] | int,
                                                                     list[Fact] | int]:
    """Article I's graph part (from the cache when its fingerprint is there) and its relations and facts
    (when the build does not keep them and the part is cached, LAZY: their numbers, and the part's triples
    read only when used — in the process that holds ST)."""
    doc_id = st.articles[i].doc_id
    fp = st.fingerprints[i] if st.parts is not None else None
    if fp is not None:
        if lazy and not st.keep:
            h = st.index.get(fp) or st.parts.get_header(fp)
            if isinstance(h, tuple) and len(h) == 4 and h[0] == article_graph(doc_id):
                return CachedPart(h[0], h[1], doc_id, st, i), h[2], h[3]
        got = st.parts.get(fp)
        if isinstance(got, tuple) and len(got) == 3:
            return got[0], got[1], got[2]
    g, rels, facts = article_triples(st, i)
    graph = article_graph(doc_id)
    part = part_of(graph, g.data(), doc_id)
    if fp is not None:
        st.parts.put(fp, (part, rels, facts), header=(graph, part.digest, len(rels), len(facts)))
    return part, rels, facts


def entity_triples(st: ReduceInput, keys: list[str]) -> bytes:
    """The entities graph's triples for KEYS (types, labels, aliases: mentions are in the article graphs)."""
    g = NTriples()
    for k in keys:
        g.entity(st.entities[k])
    return g.data()


def entity_chunks(keys: list[str]) -> list[list[str]]:
    """The entities graph is made in chunks of keys, each sorted N-Triples of its own subjects (so chunks
    never share a line) and joined in sorted key order — the same bytes in one process or many, whatever
    order the entities were resolved in (so an unchanged entities graph keeps its digest), and no sort of
    a million lines in the parent."""
    keys = sorted(keys)
    return [keys[i:i + PART * 100] for i in range(0, len(keys), PART * 100)]


def _task(kind: str, part: list):
    """In a worker: one part of the reduce."""
    st = _STATE
    if kind == "articles":
        return [(i, *_kept(st, *article_part(st, i, lazy=False))) for i in part]
    return entity_triples(st, part)


def _kept(st: ReduceInput, part: GraphPart, rels: list, facts: list) -> tuple:
    """The part, with its relations and facts when the build keeps them, else only their numbers."""
    return (part, rels, facts) if st.keep else (part, len(rels), len(facts))


def _add(st: ReduceInput, relations: list, facts: list, rels, fs, i: int, part: GraphPart) -> None:
    if st.parts is not None:  # article I's header, for the next build's index
        st.headers[st.fingerprints[i]] = (part.graph, part.digest, rels if isinstance(rels, int) else len(rels),
                                          fs if isinstance(fs, int) else len(fs))
    if isinstance(rels, int):
        st.n_relations, st.n_facts = st.n_relations + rels, st.n_facts + fs
    else:
        st.n_relations, st.n_facts = st.n_relations + len(rels), st.n_facts + len(fs)
        if st.keep:
            relations += rels
            facts += fs


def _task_of(task: tuple):
    return _task(*task)


def reduce_parts(st: ReduceInput, relations: list, facts: list, jobs: int = 1) -> Iterator[GraphPart]:
    """Every graph part of the build: the entities graph first (its load then overlaps the articles' reduce
    instead of ending the build), then the articles in order; relations and facts are appended to the given
    lists in article order (when ST.keep; their numbers are counted in ST either way)."""
    n = len(st.articles)
    keys = list(st.entities)
    todo = list(range(n))
    if st.parts is not None:  # cached parts need no worker: only the misses are sent out
        todo = [i for i in range(n) if not st.parts.has(st.fingerprints[i])]
    if jobs <= 1 or len(todo) < 2 * PART or not sys.platform.startswith("linux"):
        yield part_of(ENTITIES_GRAPH, b"".join(entity_triples(st, c) for c in entity_chunks(keys)))
        for i in range(n):
            p, r, f = article_part(st, i)
            _add(st, relations, facts, r, f, i, p)
            yield p
        st.hits = n - len(todo)
        return
    global _STATE
    import multiprocessing as mp

    from .workers import _die_with_parent, bounded_map

    _STATE = st
    gc.freeze()  # the workers' collector then never walks (and so copies) the inherited resolver state
    missing = set(todo)
    ents = entity_chunks(keys)
    tasks = [("entities", c) for c in ents] + [("articles", todo[i:i + PART]) for i in range(0, len(todo), PART)]
    ex = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"), initializer=_die_with_parent,
                             initargs=(os.getpid(),))
    try:
        results = bounded_map(ex, _task_of, tasks, 2 * jobs)
        yield part_of(ENTITIES_GRAPH, b"".join(next(results) for _ in ents))
        done: dict[int, tuple] = {}
        for i in range(n):
            if i in missing:
                while i not in done:
                    for j, p, r, f in next(results):
                        done[j] = (p, r, f)
                p, r, f = done.pop(i)
            else:
                p, r, f = article_part(st, i)
            _add(st, relations, facts, r, f, i, p)
            yield p
        st.hits = n - len(todo)
    except BaseException:
        for p in list(getattr(ex, "_processes", {}).values()):
            p.kill()
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _STATE = None
