"""Build the knowledge graph of a corpus folder: read → analyse (map, cached, parallel or on Dask) →
resolve → relate → facts (reduce) → kg.ttl + Oxigraph store + graph.html, published together."""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .cache import AnalysisCache, content_hash
from .errors import KGError, NoArticlesError
from .facts import extract_facts
from .model import Article, Entity, Fact, Relation
from .outputs import BuildFolder, write_file
from .quads import QuadSink, quads, sorted_triples, turtle
from .rdf import add_article, add_entity, add_fact, add_relation
from .read import MAX_BYTES, doc_id_of, load_metadata, read_article, scan_corpus
from .relate import Relator
from .resolve import Resolver
from .workers import CHUNK, default_jobs, run_local  # noqa: F401  (CHUNK: the bench reads it)

CACHE_DIR = ".cache"


@dataclass
class BuildResult:
    articles: list[Article]
    entities: dict[str, Entity]
    relations: list[Relation]
    facts: list[Fact]
    errors: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    triples: int = 0
    analysed: int = 0  # articles tagged in this build
    cached: int = 0  # articles whose analysis came from the cache

    def summary(self) -> str:
        types = Counter(e.type for e in self.entities.values())
        lines = [f"articles read: {len(self.articles)}" + (f" ({len(self.errors)} files skipped or with errors)"
                                                          if self.errors else "")]
        if self.cached:
            lines += [f"analysed: {self.analysed}, from the cache: {self.cached}"]
        lines += [f"entities: {len(self.entities)} — " + ", ".join(f"{t} {n}" for t, n in types.most_common())]
        lines += [f"relations: {len(self.relations)}", f"facts: {len(self.facts)}", f"triples: {self.triples}"]
        lines += [f"wrote {p}" for p in self.outputs]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def read_corpus(corpus: Path, max_bytes: int = MAX_BYTES) -> tuple[list[Article], list[str]]:
    """Every readable article, in content order (so nothing depends on file names or their order);
    every file left out, and every metadata problem, is named in the second list."""
    listing = scan_corpus(corpus)
    errors = list(listing.skipped)
    metas: dict[Path, dict] = {}
    articles = []
    for p in listing.files:
        if p.parent not in metas:
            metas[p.parent] = load_metadata(p.parent, errors)
        try:
            articles.append(read_article(p, metas[p.parent].get(p.name), max_bytes, doc_id_of(p, corpus)))
        except KGError as e:
            errors.append(str(e))
    articles.sort(key=lambda a: (content_hash(a), a.doc_id))
    return articles, errors


def extract_corpus(articles: list[Article], jobs: int = 1, progress: bool = False,
                   cache: AnalysisCache | None = None, scheduler: str | None = None):
    """The map: each article's analysis, from the cache or computed (in `jobs` processes, or as Dask
    tasks on SCHEDULER); returned in the order of `articles`."""
    from tqdm import tqdm

    done: dict[str, list] = {}
    todo = []
    for a in articles:
        hit = cache.get(a) if cache is not None else None
        if hit is None:
            todo.append(a)
        else:
            done[a.doc_id] = hit
    bar = tqdm(total=len(articles), initial=len(done), disable=not (progress and len(articles) > 5),
               desc="articles", file=sys.stderr)
    if scheduler:
        from .distributed import run_dask

        parts = run_dask(todo, scheduler)
    else:
        parts = run_local(todo, jobs)
    by_id = {a.doc_id: a for a in todo}
    for part in parts:
        for doc_id, analyses in part:
            done[doc_id] = analyses
            if cache is not None:
                cache.put(by_id[doc_id], analyses)
        bar.update(len(part))
    bar.close()
    return [(a, done[a.doc_id]) for a in articles], len(todo)


def build_graph(articles: list[Article], results) -> tuple[BuildResult, QuadSink]:
    """The reduce: resolve entities over all articles, then relations and facts per article, as RDF."""
    resolver = Resolver()
    keys_per_article = []
    for article, analyses in results:
        keys_per_article.append(resolver.add_article(article, analyses))
    label = {k: e.name for k, e in resolver.entities.items()}
    types = {k: e.type for k, e in resolver.entities.items()}
    relations: list[Relation] = []
    facts: list[Fact] = []
    for (article, analyses), keys in zip(results, keys_per_article):
        rel = Relator(article, keys, label, types)
        relations += rel.run(analyses)
        facts += extract_facts(article, analyses, keys, types, rel.district)
    relations = _dedupe_relations(relations)
    g = QuadSink()
    for a in articles:
        add_article(g, a)
    for e in resolver.entities.values():
        add_entity(g, e)
    for r in relations:
        g.context = r.evidence.doc_id
        add_relation(g, r)
    for f in facts:
        g.context = f.evidence.doc_id
        add_fact(g, f)
    g.context = None
    return BuildResult(articles, resolver.entities, relations, facts), g


def _dedupe_relations(rels: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in rels:
        key = (r.subject, r.predicate, r.object, r.evidence.doc_id, r.evidence.sentence_index)
        inverse = (r.object, "locatedIn" if r.predicate == "hosts" else "hosts", r.subject,
                   r.evidence.doc_id, r.evidence.sentence_index) if r.predicate in ("hosts", "locatedIn") else None
        if key in seen or (inverse and inverse in seen):
            continue
        seen.add(key)
        out.append(r)
    return out


def write_outputs(folder: Path, res: BuildResult, sink: QuadSink, html: bool = True, store: bool = True) -> list[str]:
    """kg.ttl (sorted: same corpus, same bytes), the Oxigraph store (a named graph per article and one
    for the entities, their union as the default graph), graph.html; returns the names written."""
    triples = sorted_triples(sink.union())
    res.triples = len(triples)
    write_file(folder / "kg.ttl", turtle(triples))
    names = ["kg.ttl"]
    if store:
        import pyoxigraph as ox

        st = ox.Store(str(folder / "store"))
        st.bulk_extend(quads(sink, triples))
        st.flush()
        del st
        names.append("store")
    if html:
        try:
            from rdflib import Graph

            from .view import render_html

            g = Graph()
            for t in sink.union():
                g.add(t)
            write_file(folder / "graph.html", render_html(g).encode("utf-8"))
            names.append("graph.html")
        except Exception as e:  # the graph and store stand without the view; say why it is missing
            res.errors.append(f"graph.html not written: {type(e).__name__}: {e}")
    report = {"articles": len(res.articles), "entities": len(res.entities), "relations": len(res.relations),
              "facts": len(res.facts), "triples": res.triples, "analysed": res.analysed, "cached": res.cached,
              "errors": res.errors}
    write_file(folder / "report.json", json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"))
    return names + ["report.json"]


def build(corpus: Path, out: Path, jobs: int | None = 1, progress: bool = False, html: bool = True,
          max_bytes: int = MAX_BYTES, cache: bool | Path = True, scheduler: str | None = None,
          store: bool = True) -> BuildResult:
    """The whole flow; publishes OUT/kg.ttl, OUT/store and OUT/graph.html together (see outputs.py)."""
    corpus, out = Path(corpus), Path(out)
    articles, errors = read_corpus(corpus, max_bytes)
    if not articles:
        raise NoArticlesError(f"no readable article in {corpus}" + (f": {'; '.join(errors)}" if errors else ""))
    with BuildFolder(out) as folder:
        ac = None
        if cache:
            ac = AnalysisCache(out / CACHE_DIR if cache is True else Path(cache))
        results, analysed = extract_corpus(articles, jobs=jobs or default_jobs(), progress=progress, cache=ac,
                                           scheduler=scheduler)
        res, sink = build_graph(articles, results)
        del results
        res.errors, res.analysed, res.cached = errors, analysed, len(articles) - analysed
        names = write_outputs(folder.path, res, sink, html=html, store=store)
        folder.commit()
        if ac is not None and cache is True:
            ac.prune(articles)
    res.outputs = [out / n for n in names if n != "report.json"]
    return res
