"""Collect the build's triples into named graphs (one per article, one for the resolved entities) without
rdflib's memory store, and write them in a fixed order (byte-identical Turtle for the same corpus)."""
from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .vocab import KGO, KGR

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
ENTITIES_GRAPH = str(KGR) + "graph/entities"
ARTICLE_PREFIX = str(KGR) + "article/"
ENTITY_PREFIX = str(KGR) + "entity/"
MENTIONED_IN = URIRef(KGO.mentionedIn)
PREFIXES = {"kgo": str(KGO._NS), "kg": str(KGR), "prov": "http://www.w3.org/ns/prov#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "oa": "http://www.w3.org/ns/oa#",
            "owl": "http://www.w3.org/2002/07/owl#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}


@lru_cache(maxsize=100_000)
def article_graph(doc_id: str) -> str:
    """The IRI of the named graph holding what one article says."""
    from .rdf import article_iri

    return str(article_iri(doc_id)) + "/graph"


class QuadSink:
    """Enough of rdflib's Graph (`add`, `in`, `len`, `bind`) for kg.rdf's writers. A triple goes to the
    graph of the article it comes from: article and sentence nodes by their IRI, statements and facts
    by `context` (the article being written), `mentionedIn` by its sentence; the rest of an entity
    (type, labels, aliases) to the entities graph."""

    def __init__(self):
        self.graphs: dict[str, dict[tuple, None]] = {}
        self.context: str | None = None  # doc_id whose relations / facts are being added
        self._article_graph: dict[str, str | None] = {}  # IRI → graph of the article it belongs to (or None)

    def bind(self, *args, **kw) -> None:
        pass

    def _of_iri(self, term) -> str | None:
        g = self._article_graph.get(term, "")
        if g == "":
            t = str(term)
            g = ARTICLE_PREFIX + t[len(ARTICLE_PREFIX):].split("/", 1)[0] + "/graph" \
                if t.startswith(ARTICLE_PREFIX) and isinstance(term, URIRef) else None
            if len(self._article_graph) > 1_000_000:
                self._article_graph.clear()
            self._article_graph[term] = g
        return g

    def _graph_of(self, s, p, o) -> str:
        g = self._of_iri(s)
        if g is not None:
            return g
        if p == MENTIONED_IN:
            g = self._of_iri(o)
            if g is not None:
                return g
        if self.context is not None:
            return article_graph(self.context)
        return ENTITIES_GRAPH

    def add(self, triple) -> None:
        g = self._graph_of(*triple)
        d = self.graphs.get(g)
        if d is None:
            d = self.graphs[g] = {}
        d[triple] = None

    def __contains__(self, triple) -> bool:
        g = self.graphs.get(self._graph_of(*triple))
        return g is not None and triple in g

    def __len__(self) -> int:
        return len(self.union())

    def union(self) -> set:
        out: set = set()
        for g in self.graphs.values():
            out.update(g)
        return out


_TERMS: dict = {}


def to_ox(term):
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _ox_cached(term):
    t = _TERMS.get(term)
    if t is None:
        if len(_TERMS) > 100_000:
            _TERMS.clear()
        t = _TERMS[term] = to_ox(term)
    return t


def quads(sink: QuadSink):
    """The sink's triples as quads of their named graph, and again of the default graph (the union), so
    a plain SPARQL query sees the whole build and `GRAPH ?g` where each statement came from."""
    conv = _ox_cached
    default = ox.DefaultGraph()
    for name, triples in sink.graphs.items():
        g = ox.NamedNode(name)
        for s, p, o in triples:
            s, p, o = conv(s), conv(p), conv(o)
            yield ox.Quad(s, p, o, g)
            yield ox.Quad(s, p, o, default)


def from_ox(term):
    """pyoxigraph term → rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == XSD_STRING else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_graph(store: ox.Store):
    """The store's default graph as an rdflib Graph (for the view, which walks it with many small look-ups)."""
    from rdflib import Graph

    g = Graph()
    cache: dict = {}

    def conv(t):
        r = cache.get(t)
        if r is None:
            r = cache[t] = from_ox(t)
        return r
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        g.add((conv(q.subject), conv(q.predicate), conv(q.object)))
    return g
