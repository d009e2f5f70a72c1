"""The second half of the reduce, after entities are resolved: relations, facts and RDF article by article,
then the entities' own triples — in this process, or in forked workers that inherit the resolved
entities (copy-on-write) and send back N-Quads, so writing the graph is not a serial tail of the build."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterator

import pyoxigraph as ox

from .model import Article, Entity, Fact, Relation
from .quads import QuadSink, quads
from .rdf import add_article, add_entity, add_fact, add_relation
from .relate import Relator

PART = 16  # articles (or entities × 50) per task of the parallel reduce


@dataclass
class ReduceInput:
    articles: list[Article]
    ordinals: list[list[str | None]]  # entity key of each mention, in `mentions_of` order
    entities: dict[str, Entity]
    cache: object  # AnalysisCache holding every article's analysis

    def __post_init__(self):
        self.label = {k: e.name for k, e in self.entities.items()}
        self.types = {k: e.type for k, e in self.entities.items()}


_STATE: ReduceInput | None = None  # set before forking: the workers read it, never receive it


def mentions_of(analyses) -> list:
    """Every mention of an article in a fixed traversal (the same after a round trip through pickle)."""
    return [m for a in analyses for m in a.mentions]


def article_triples(st: ReduceInput, i: int) -> tuple[QuadSink, list[Relation], list[Fact]]:
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
    g = QuadSink()
    add_article(g, article)
    g.context = article.doc_id
    for r in relations:
        add_relation(g, r)
    for f in facts:
        add_fact(g, f)
    return g, relations, facts


def entity_triples(st: ReduceInput, keys: list[str]) -> QuadSink:
    g = QuadSink()
    for k in keys:
        add_entity(g, st.entities[k])
    return g


def _task(kind: str, part: list):
    """In a worker: one part of the reduce as N-Quads bytes (and the relations and facts it found)."""
    st = _STATE
    if kind == "articles":
        qs, rels, facts = [], [], []
        for i in part:
            g, r, f = article_triples(st, i)
            qs += quads(g)
            rels += r
            facts += f
        return ox.serialize(qs, format=ox.RdfFormat.N_QUADS), rels, facts
    return ox.serialize(list(quads(entity_triples(st, part))), format=ox.RdfFormat.N_QUADS), [], []


def _task_of(task: tuple):
    return _task(*task)


def reduce_quads(st: ReduceInput, relations: list, facts: list, jobs: int = 1) -> Iterator[ox.Quad]:
    """Every quad of the build; relations and facts are appended to the given lists in article order."""
    n = len(st.articles)
    keys = list(st.entities)
    if jobs <= 1 or n < 2 * PART or not sys.platform.startswith("linux"):
        for i in range(n):
            g, r, f = article_triples(st, i)
            relations += r
            facts += f
            yield from quads(g)
        yield from quads(entity_triples(st, keys))
        return
    global _STATE
    import multiprocessing as mp

    from .workers import _die_with_parent, bounded_map

    _STATE = st
    tasks = [("articles", list(range(i, min(n, i + PART)))) for i in range(0, n, PART)]
    tasks += [("entities", keys[i:i + PART * 50]) for i in range(0, len(keys), PART * 50)]
    ex = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"), initializer=_die_with_parent,
                             initargs=(os.getpid(),))
    try:
        for data, r, f in bounded_map(ex, _task_of, tasks, 2 * jobs):
            relations += r
            facts += f
            yield from ox.parse(data, format=ox.RdfFormat.N_QUADS)
    except BaseException:
        for p in list(getattr(ex, "_processes", {}).values()):
            p.kill()
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
        _STATE = None
