"""Collect the build's triples into named graphs (one per article, one for the resolved entities) without
rdflib's memory store, and write them in a fixed order (byte-identical Turtle for the same corpus)."""
from __future__ import annotations

from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .vocab import KGO, KGR

ENTITIES_GRAPH = str(KGR) + "graph/entities"
ARTICLE_PREFIX = str(KGR) + "article/"
ENTITY_PREFIX = str(KGR) + "entity/"
MENTIONED_IN = URIRef(KGO.mentionedIn)
PREFIXES = {"kgo": str(KGO._NS), "kg": str(KGR), "prov": "http://www.w3.org/ns/prov#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "oa": "http://www.w3.org/ns/oa#",
            "owl": "http://www.w3.org/2002/07/owl#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}


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

    def bind(self, *args, **kw) -> None:
        pass

    def _graph_of(self, s, p, o) -> str:
        s_str = str(s)
        if s_str.startswith(ARTICLE_PREFIX):
            return article_graph(unquote(s_str[len(ARTICLE_PREFIX):].split("/", 1)[0]))
        if p == MENTIONED_IN and str(o).startswith(ARTICLE_PREFIX):
            return article_graph(unquote(str(o)[len(ARTICLE_PREFIX):].split("/", 1)[0]))
        if self.context is not None:
            return article_graph(self.context)
        return ENTITIES_GRAPH

    def add(self, triple) -> None:
        self.graphs.setdefault(self._graph_of(*triple), {})[triple] = None

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
        if len(_TERMS) > 500_000:
            _TERMS.clear()
        t = _TERMS[term] = to_ox(term)
    return t


def sorted_triples(triples) -> list[ox.Triple]:
    """Triples in a fixed order (N-Triples text of subject, predicate, object): same set, same bytes."""
    out = [ox.Triple(_ox_cached(s), _ox_cached(p), _ox_cached(o)) for s, p, o in triples]
    out.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return out


def quads(sink: QuadSink, with_union: bool = True):
    """Every quad for the store: each named graph, and (with_union) the union as the default graph,
    so a plain SPARQL query sees the whole build and `GRAPH ?g` sees where a statement came from."""
    for name in sorted(sink.graphs):
        g = ox.NamedNode(name)
        for t in sorted_triples(sink.graphs[name]):
            yield ox.Quad(t.subject, t.predicate, t.object, g)
    if with_union:
        for t in sorted_triples(sink.union()):
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())


def turtle(triples: list[ox.Triple]) -> bytes:
    """Turtle with the project's prefixes, in the given (sorted) order."""
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
