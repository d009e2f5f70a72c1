"""Build the knowledge graph of a corpus folder: read → analyse → resolve → relate → facts → RDF + HTML."""
from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KGError, NoArticlesError
from .extract import SentenceAnalysis, analyse_many
from .facts import extract_facts
from .model import Article, Entity, Fact, Relation
from .rdf import add_article, add_entity, add_fact, add_relation, new_graph
from .read import list_articles, load_metadata, read_article
from .relate import Relator
from .resolve import Resolver
from .tag import get_tagger


@dataclass
class BuildResult:
    articles: list[Article]
    entities: dict[str, Entity]
    relations: list[Relation]
    facts: list[Fact]
    errors: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    triples: int = 0

    def summary(self) -> str:
        types = Counter(e.type for e in self.entities.values())
        lines = [f"articles read: {len(self.articles)}" + (f" ({len(self.errors)} unreadable)" if self.errors else "")]
        lines += [f"entities: {len(self.entities)} — " + ", ".join(f"{t} {n}" for t, n in types.most_common())]
        lines += [f"relations: {len(self.relations)}", f"facts: {len(self.facts)}", f"triples: {self.triples}"]
        lines += [f"wrote {p}" for p in self.outputs]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def _analyse_chunk(articles: list[Article]) -> list[tuple[Article, list[SentenceAnalysis]]]:
    return list(zip(articles, analyse_many(articles, get_tagger())))


def read_corpus(corpus: Path) -> tuple[list[Article], list[str]]:
    """Every readable article; unreadable files are reported by name and skipped."""
    meta = load_metadata(corpus)
    articles, errors = [], []
    for p in list_articles(corpus):
        try:
            articles.append(read_article(p, meta.get(p.name)))
        except KGError as e:
            errors.append(str(e))
    return articles, errors


def extract_corpus(articles: list[Article], jobs: int = 1, progress: bool = False):
    """Analyse articles in chunks (tagged together, in `jobs` processes when > 1), with a progress bar
    for more than a handful of articles."""
    from tqdm import tqdm

    size = max(1, min(CHUNK, -(-len(articles) // max(1, jobs))))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    bar = tqdm(total=len(articles), disable=not (progress and len(articles) > 5), desc="articles", file=sys.stderr)
    results = []
    if jobs > 1 and len(chunks) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as ex:
            for part in ex.map(_analyse_chunk, chunks):
                results += part
                bar.update(len(part))
    else:
        for chunk in chunks:
            results += _analyse_chunk(chunk)
            bar.update(len(chunk))
    bar.close()
    return results


def _worker_init() -> None:
    os.environ["KG_TAGGER_THREADS"] = "1"


CHUNK = 32  # articles tagged together: big enough to share model runs, small enough for steady progress


def build_graph(articles: list[Article], results) -> tuple[BuildResult, object]:
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
    g = new_graph()
    for a in articles:
        add_article(g, a)
    for e in resolver.entities.values():
        add_entity(g, e)
    for r in relations:
        add_relation(g, r)
    for f in facts:
        add_fact(g, f)
    res = BuildResult(articles, resolver.entities, relations, facts, triples=len(g))
    return res, g


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def build(corpus: Path, out: Path, jobs: int = 1, progress: bool = False, html: bool = True) -> BuildResult:
    """The whole flow; writes OUT/kg.ttl and OUT/graph.html."""
    articles, errors = read_corpus(corpus)
    if not articles:
        raise NoArticlesError(f"no readable article in {corpus}" + (f": {'; '.join(errors)}" if errors else ""))
    results = extract_corpus(articles, jobs=jobs, progress=progress)
    res, g = build_graph(articles, results)
    res.errors = errors
    ttl = out / "kg.ttl"
    write_atomic(ttl, g.serialize(format="ox-turtle").encode("utf-8"))  # Oxigraph's writer: ~3x rdflib's
    res.outputs.append(ttl)
    if html:
        from .view import render_html

        page = out / "graph.html"
        write_atomic(page, render_html(g).encode("utf-8"))
        res.outputs.append(page)
    return res
