"""Build the knowledge graph of a corpus folder: read → analyse (map, cached, parallel or on Dask) →
resolve → relate → facts (reduce) → kg.ttl + Oxigraph store + graph.html, published together."""
from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .cache import AnalysisCache, PickleCache, ReadCache, content_hash
from .errors import KGError, NoArticlesError
from .model import Article, Entity, Fact, Relation
from .outputs import BuildFolder, TurtleDump, current_build, link_file, write_file
from .quads import PREFIXES
from .read import MAX_BYTES, doc_id_of, load_metadata, read_article, scan_corpus
from .reduce import ReduceInput, mentions_of, reduce_parts
from .resolve_replay import Record, RecordingResolver
from .store_write import MANIFEST, STORE_BATCH, Previous, load_previous, save_manifest, write_full, write_update  # noqa: F401
from .workers import CHUNK, Stored, _preload, _shared_tagger, default_jobs, run_local  # noqa: F401  (CHUNK: the bench reads it)

CACHE_DIR = ".cache"
CHARS_PER_JOB = 20_000  # below this much text a worker process costs more (start-up, model load) than it saves


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
    graphs_cached: int = 0  # articles whose named graph came from the cache
    graphs_written: int = 0  # named graphs written into the store (all of them unless it was updated)
    graphs: dict[str, str] = field(default_factory=dict)  # named graph → digest of its triples
    fingerprints: list[str] = field(default_factory=list)  # of each article's graph (reduce.fingerprints)
    n_relations: int = 0  # how many relations and facts the build wrote (the lists hold them only when kept)
    n_facts: int = 0

    def summary(self) -> str:
        types = Counter(e.type for e in self.entities.values())
        lines = [f"articles read: {len(self.articles)}" + (f" ({len(self.errors)} files skipped or with errors)"
                                                          if self.errors else "")]
        if self.cached:
            lines += [f"analysed: {self.analysed}, from the cache: {self.cached}"]
        lines += [f"entities: {len(self.entities)} — " + ", ".join(f"{t} {n}" for t, n in types.most_common())]
        lines += [f"relations: {self.n_relations}", f"facts: {self.n_facts}", f"triples: {self.triples}"]
        lines += [f"wrote {p}" for p in self.outputs]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def read_corpus(corpus: Path, max_bytes: int = MAX_BYTES, cache: ReadCache | None = None,
                jobs: int = 1, first: Callable[[], object] | None = None,
                meanwhile: Callable[[], object] | None = None) -> tuple[list[Article], list[str]]:
    """Every readable article, in content order (so nothing depends on file names or their order);
    every file left out, and every metadata problem, is named in the second list. With CACHE, a file
    whose signature (size, mtime, inode, metadata entry) is unchanged is not read again; the others are
    read in JOBS processes (decoding and district guessing are most of a build's serial start), forked
    after this process ran FIRST (the word lists and gazetteer they all read, loaded once); while they read,
    this process runs MEANWHILE (the map's shared model: off the serial path)."""
    listing = scan_corpus(corpus)
    errors: list = list(listing.skipped)
    metas: dict[Path, dict] = {}
    articles, todo = [], []  # todo: (path, meta, doc_id, signature, where its error would go in ERRORS)
    for p in listing.files:
        if p.parent not in metas:
            metas[p.parent] = load_metadata(p.parent, errors)
        meta, doc_id = metas[p.parent].get(p.name), doc_id_of(p, corpus)
        try:
            sig = cache.signature(p, meta, max_bytes) if cache is not None else None
        except OSError:
            sig = None
        a = cache.get(doc_id, sig) if sig is not None else None
        if a is None:
            todo.append((p, meta, doc_id, sig, len(errors)))
            errors.append(None)
        else:
            articles.append(a)
    for (p, meta, doc_id, sig, at), got in zip(todo, read_many([t[:3] for t in todo], max_bytes, jobs, first,
                                                                       meanwhile)):
        if isinstance(got, str):
            errors[at] = got
            continue
        if sig is not None:
            cache.put(doc_id, sig, got)
        articles.append(got)
    articles.sort(key=lambda a: (content_hash(a), a.doc_id))
    return articles, [e for e in errors if e is not None]


READ_PART = 16  # files per task of the parallel read


def _read_part(files: list, max_bytes: int) -> list:
    """Each file as an Article, or its error (one line with its code)."""
    out = []
    for p, meta, doc_id in files:
        try:
            out.append(read_article(p, meta, max_bytes, doc_id))
        except KGError as e:
            out.append(str(e))
    return out


def read_many(files: list, max_bytes: int, jobs: int = 1, first: Callable[[], object] | None = None,
              meanwhile: Callable[[], object] | None = None) -> list:
    """`_read_part` over (path, metadata, doc id) triples, in order; in JOBS forked processes when there are
    many, after this one ran FIRST (so they inherit what it loads: loaded in each reader, and again in
    this process meanwhile, the word lists cost twice their CPU time), this one running MEANWHILE while
    they read."""
    if jobs <= 1 or len(files) < 2 * READ_PART or not sys.platform.startswith("linux"):
        return _read_part(files, max_bytes)  # (what these few files need is loaded as they need it)
    if first is not None:
        first()
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from .workers import _die_with_parent

    parts = [files[i:i + READ_PART] for i in range(0, len(files), READ_PART)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"), initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as ex:
        results = ex.map(partial(_read_part, max_bytes=max_bytes), parts)  # (submitted: the readers are forked)
        if meanwhile is not None:
            meanwhile()
        return [a for part in results for a in part]


def extract_corpus(articles: list[Article], jobs: int = 1, progress: bool = False,
                   cache: AnalysisCache | None = None, scheduler: str | None = None,
                   records: bool = False) -> Iterator[tuple]:
    """The map: (article, analyses, fresh) for each article in order, from the cache (its mentions only:
    what resolution reads; with RECORDS the record of its resolution in their place when there is one)
    or computed (in `jobs` processes, or as Dask tasks on SCHEDULER); fresh analyses are written to the cache."""
    from tqdm import tqdm

    hits = {a.doc_id: cache.has(a) for a in articles} if cache is not None else {}
    todo = [a for a in articles if not hits.get(a.doc_id)]
    bar = tqdm(total=len(articles), disable=not (progress and len(articles) > 5), desc="articles", file=sys.stderr)
    if scheduler:
        from .distributed import run_dask

        parts = run_dask(todo, scheduler)
    else:
        parts = run_local(todo, jobs, cache)
    pending: list = []
    try:
        for a in articles:
            if records and hits.get(a.doc_id):
                rec = cache.get_record(a)
                if rec is not None:
                    bar.update(1)
                    yield a, rec, False
                    continue
            analyses = (cache.get_mentions(a) or cache.get(a)) if hits.get(a.doc_id) else None
            fresh = analyses is None
            if fresh and hits.get(a.doc_id):  # an entry that went bad since it was listed: analyse it here
                from .workers import analyse_chunk

                analyses = analyse_chunk([a])[0][1]
                cache.put(a, analyses)
            elif fresh:
                while not pending:
                    pending = list(next(parts))
                doc_id, analyses = pending.pop(0)
                if doc_id != a.doc_id:  # pragma: no cover - the mappers keep the order
                    raise RuntimeError(f"extraction returned {doc_id} in place of {a.doc_id}")
                if cache is not None and not isinstance(analyses, Stored):  # workers store their own
                    cache.put(a, analyses)
            bar.update(1)
            yield a, analyses, fresh
    finally:
        bar.close()
        close = getattr(parts, "close", None)
        if close:
            close()


def build_graph(articles: list[Article], jobs: int = 1, progress: bool = False, cache: AnalysisCache | None = None,
                scheduler: str | None = None, parts: PickleCache | None = None,
                keep_mentions: bool = True, statements: bool = True) -> tuple[BuildResult, Callable[[], Iterator]]:
    """Map and the first half of the reduce: resolve entities over all articles as their analyses arrive
    (only the mentions stay in memory; the analyses wait in the cache). Returns the result and a
    generator of graph parts, the second half (reduce.py: each article's named graph, from PARTS when
    nothing it is made from changed, then the entities graph). The entities' `mentions` are emptied as
    resolution goes when not KEEP_MENTIONS (each article's graph is written from its own analysis; `build`
    lets them go, holding every mention and its sentence would be most of its memory). With STATEMENTS the
    result lists every relation and fact; without, only their numbers (what `kg build` prints)."""
    resolver = RecordingResolver()
    ordinals: list[list[str | None]] = []
    analysed = 0
    records = cache is not None and cache.mentions  # (a spill folder keeps none)
    replay = records and not keep_mentions  # kept mentions must be the real ones: then resolved afresh
    for article, analyses, fresh in extract_corpus(articles, jobs, progress, cache, scheduler, records=replay):
        if isinstance(analyses, Record):  # unchanged: its resolution replayed, its mentions not even read
            ords = resolver.replay(analyses)
        else:
            ords, rec = resolver.resolve(article, analyses, mentions_of(analyses))
            if records and (fresh or replay):  # (not replay: a cached article's record was written when fresh)
                cache.put_record(article, rec)
        ordinals.append(ords)
        analysed += fresh
        if not keep_mentions:  # the reduce reads each article's mentions from its own analysis: holding every
            for k in {k for k in ords if k is not None}:  # mention (and its sentence) of the corpus would be
                resolver.entities[k].mentions.clear()  # most of the memory
    res = BuildResult(articles, resolver.entities, [], [], analysed=analysed, cached=len(articles) - analysed)
    state = ReduceInput(articles, ordinals, resolver.entities, cache, parts, keep=statements)

    def parts_of_build():
        yield from reduce_parts(state, res.relations, res.facts, jobs=1 if scheduler else jobs)
        if parts is not None and state.headers:
            parts.put_index(state.headers)
        res.graphs_cached, res.fingerprints = state.hits, state.fingerprints
        res.n_relations, res.n_facts = state.n_relations, state.n_facts
    return res, parts_of_build


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


def write_outputs(folder: Path, res: BuildResult, parts_of_build, html: bool = True, store: bool = True,
                  previous: Previous | None = None, jobs: int = 1) -> list[str]:
    """The Oxigraph store (a named graph per article and one for the entities, their union as the
    default graph), streamed — or, given the PREVIOUS build, its store with only the changed graphs
    rewritten (loaded in a thread of its own when JOBS > 1); kg.ttl dumped from it (Oxigraph's order: same
    triples, same bytes) and graph.html (drawn while kg.ttl is dumped), or both linked from the previous
    build when no graph changed. Returns the names written."""
    path = folder / "store"
    done = write_update(path, previous, parts_of_build()) if previous else write_full(path, parts_of_build(), jobs > 1)
    res.graphs, res.graphs_written = done.graphs, done.changed
    st = done.store
    dumping = None
    if previous and not done.changed and previous.triples >= 0 and link_file(previous.ttl, folder / "kg.ttl"):
        res.triples = previous.triples  # the same triples as the previous build: the same bytes
    else:
        res.triples = int(next(iter(st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
        dumping = TurtleDump(st, folder / "kg.ttl", PREFIXES)  # Oxigraph lets go of the GIL: the view is drawn meanwhile
    names = ["kg.ttl"]
    if html and dumping is None and link_file(previous.ttl.parent / "graph.html", folder / "graph.html"):
        names.append("graph.html")  # the same store as the previous build's: the same view
    elif html:
        try:
            from .view import render_html

            write_file(folder / "graph.html", render_html(st).encode("utf-8"))
            names.append("graph.html")
        except Exception as e:  # the graph and store stand without the view; say why it is missing
            res.errors.append(f"graph.html not written: {type(e).__name__}: {e}")
    if dumping is not None:
        dumping.wait()
    del st, done
    if store:
        names.append("store")
    else:
        shutil.rmtree(folder / "store")
    report = {"articles": len(res.articles), "entities": len(res.entities), "relations": res.n_relations,
              "facts": res.n_facts, "triples": res.triples, "analysed": res.analysed, "cached": res.cached,
              "graphs_cached": res.graphs_cached, "graphs_written": res.graphs_written, "errors": res.errors}
    write_file(folder / "report.json", json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"))
    return names + ["report.json"]


def build(corpus: Path, out: Path, jobs: int | None = None, progress: bool = False, html: bool = True,
          max_bytes: int = MAX_BYTES, cache: bool | Path = True, scheduler: str | None = None,
          store: bool = True, statements: bool = True) -> BuildResult:
    """The whole flow; publishes OUT/kg.ttl, OUT/store and OUT/graph.html together (see outputs.py).
    Without the cache, analyses wait in a spill folder of the build, removed before it is published.
    Without STATEMENTS the result holds the numbers of relations and facts, not the lists (`kg build`:
    with their evidence they were the largest part of its memory)."""
    corpus, out = Path(corpus), Path(out)
    cache_dir = out / CACHE_DIR if cache is True else Path(cache) if cache else None
    rc = ReadCache(cache_dir / "read.pkl" if cache_dir else None)
    jobs_read = default_jobs() if jobs is None else jobs
    # the word lists the readers and the map's workers inherit, loaded once before they fork
    articles, errors = read_corpus(corpus, max_bytes, rc, jobs=jobs_read,
                                   first=_preload if jobs_read > 1 and not scheduler else None,
                                   meanwhile=_shared_tagger if jobs_read > 1 and not scheduler else None)
    if not articles:
        raise NoArticlesError(f"no readable article in {corpus}" + (f": {'; '.join(errors)}" if errors else ""))
    with BuildFolder(out) as folder:
        spill = folder.path / ".spill"
        ac = AnalysisCache(cache_dir or spill, mentions=cache_dir is not None)
        parts = PickleCache(cache_dir / "graphs") if cache_dir else None
        previous = load_previous(cache_dir / MANIFEST, current_build(out)) if cache_dir else None
        if jobs is None:  # the cores, but no more processes than the text can keep busy
            jobs = max(1, min(default_jobs(), sum(len(a.text) for a in articles) // CHARS_PER_JOB))
        res, parts_of_build = build_graph(articles, jobs=jobs, progress=progress, cache=ac, scheduler=scheduler,
                                          parts=parts, keep_mentions=False, statements=statements)
        res.errors = errors
        names = write_outputs(folder.path, res, parts_of_build, html=html, store=store, previous=previous,
                              jobs=jobs)
        shutil.rmtree(spill, ignore_errors=True)
        final = folder.commit()
        if cache_dir:
            if store:
                save_manifest(cache_dir / MANIFEST, final.name, res.graphs, res.triples)
            else:
                (cache_dir / MANIFEST).unlink(missing_ok=True)
            rc.save()
        if cache is True:
            ac.prune(articles)
            parts.prune(set(res.fingerprints))
    res.outputs = [out / n for n in names if n != "report.json"]
    return res
