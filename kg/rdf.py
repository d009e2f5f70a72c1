"""Write entities, relations and facts as RDF against ontology/kg.ttl, each statement with its evidence.
The build writes N-Triples lines directly (`NTriples`: one f-string per triple, no rdflib term per node —
the terms cost as much as the rules did); `add_*` put the same triples into an rdflib Graph for callers."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, SKOS, Namespace

from .measures import MEASURE_NS
from .model import Article, Entity, Evidence, Fact, Mention, Relation
from .vocab import BASE, KGO, KGR

OA = Namespace("http://www.w3.org/ns/oa#")
_KGR, _KGO = BASE + "id/", BASE + "ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE, LABEL = f"<{_RDF}type>", f"<{_RDFS}label>"
PREF, ALT, IN_SCHEME = f"<{_SKOS}prefLabel>", f"<{_SKOS}altLabel>", f"<{_SKOS}inScheme>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
OA_START, OA_END = "<http://www.w3.org/ns/oa#start>", "<http://www.w3.org/ns/oa#end>"
SELECTOR = "<http://www.w3.org/ns/oa#TextPositionSelector>"
INTEGER, DECIMAL, GYEAR = f"<{_XSD}integer>", f"<{_XSD}decimal>", f"<{_XSD}gYear>"
_ESCAPE = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
           **{c: f"\\u{c:04X}" for c in range(32) if c not in (9, 10, 13)}}


@lru_cache(maxsize=None)
def _k(name: str) -> str:
    """An ontology term as N-Triples (a mistyped name raises AttributeError, as KGO does)."""
    return f"<{KGO[name]}>"


def _lit(s: str) -> str:
    return '"' + s.translate(_ESCAPE) + '"'


def _zh(s: str, lang: str = "zh") -> str:
    return '"' + s.translate(_ESCAPE) + '"@' + lang.lower()


@lru_cache(maxsize=200_000)
def _entity(key: str) -> str:
    return f"<{_KGR}entity/{quote(key, safe='')}>"


@lru_cache(maxsize=100_000)
def _article(doc_id: str) -> str:
    return f"{_KGR}article/{quote(doc_id, safe='')}"


def entity_iri(key: str) -> URIRef:
    return URIRef(_entity(key)[1:-1])


def article_iri(doc_id: str) -> URIRef:
    return URIRef(_article(doc_id))


def sentence_iri(ev: Evidence) -> URIRef:
    return URIRef(f"{_article(ev.doc_id)}/s{ev.sentence_index}")


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def fact_iri(f: Fact) -> URIRef:
    return KGR["fact/" + _digest(f.subject, f.measure, f.written, f.evidence.doc_id, f.evidence.sentence_index,
                                 f.offset)]


class NTriples:
    """The triples of a graph as N-Triples lines (each triple always as the same line); `data()` gives them
    sorted and unique, the form the store is loaded from."""

    def __init__(self):
        self.lines: list[str] = []
        self._sentences: set[tuple[str, int]] = set()

    def data(self) -> bytes:
        lines = sorted(set(self.lines))
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def article(self, a: Article) -> None:
        u, add = f"<{_article(a.doc_id)}>", self.lines.append
        add(f"{u} {TYPE} {_k('Article')} .")
        add(f"{u} {_k('sourceFile')} {_lit(a.doc_id)} .")
        if a.title:
            add(f"{u} {LABEL} {_zh(a.title)} .")
        if a.district:
            add(f"{u} {_k('district')} {_lit(a.district)} .")
        if a.year:
            add(f'{u} {_k("year")} "{a.year}"^^{GYEAR} .')

    def sentence(self, ev: Evidence) -> str:
        """The sentence node (once per graph); returns its IRI."""
        base = _article(ev.doc_id)
        u = f"<{base}/s{ev.sentence_index}>"
        if (ev.doc_id, ev.sentence_index) in self._sentences:
            return u
        self._sentences.add((ev.doc_id, ev.sentence_index))
        span, add = f"<{base}/s{ev.sentence_index}/span>", self.lines.append
        add(f"{u} {TYPE} {_k('Sentence')} .")
        add(f"{u} {_k('text')} {_zh(ev.text)} .")
        add(f"{u} {_k('inArticle')} <{base}> .")
        add(f"{u} {_k('charSpan')} {span} .")
        add(f"{span} {TYPE} {SELECTOR} .")
        add(f'{span} {OA_START} "{ev.start}"^^{INTEGER} .')
        add(f'{span} {OA_END} "{ev.end}"^^{INTEGER} .')
        return u

    def entity(self, e: Entity) -> None:
        """What the entities graph holds of E: type, labels, aliases, other types."""
        u, add = _entity(e.key), self.lines.append
        add(f"{u} {TYPE} {_k(e.type)} .")
        name = _zh(e.name)
        add(f"{u} {LABEL} {name} .")
        add(f"{u} {PREF} {name} .")
        for alias in sorted(e.aliases):
            add(f"{u} {ALT} {_zh(alias)} .")
        for t in sorted(e.alt_types):
            add(f"{u} {_k('altType')} {_k(t)} .")

    def mentions(self, key: str, mentions: list[Mention]) -> None:
        """kgo:mentionedIn each sentence of MENTIONS (and those sentences): what an article's graph holds of an entity."""
        u, seen = _entity(key), set()
        for m in mentions:
            ev = Evidence.of(m.sentence)
            if (ev.doc_id, ev.sentence_index) not in seen:
                seen.add((ev.doc_id, ev.sentence_index))
                self.lines.append(f"{u} {_k('mentionedIn')} {self.sentence(ev)} .")

    def relation(self, r: Relation) -> None:
        s, o, p, add = _entity(r.subject), _entity(r.object), _k(r.predicate), self.lines.append
        add(f"{s} {p} {o} .")
        st = f"<{_KGR}statement/{_digest(r.subject, r.predicate, r.object, r.evidence.doc_id, r.evidence.sentence_index)}>"
        add(f"{st} {TYPE} {_k('RelationStatement')} .")
        add(f"{st} <{_RDF}subject> {s} .")
        add(f"{st} <{_RDF}predicate> {p} .")
        add(f"{st} <{_RDF}object> {o} .")
        add(f"{st} {DERIVED} {self.sentence(r.evidence)} .")
        add(f"{st} {_k('rule')} {_lit(r.rule)} .")

    def fact(self, f: Fact) -> None:
        """A kgo:Fact node: measure (clean phrase) and its concept, value, unit, status, aspect, year; see docs/facts.md."""
        u, add = f"<{fact_iri(f)}>", self.lines.append
        add(f"{u} {TYPE} {_k('Fact')} .")
        add(f"{u} {_k('about')} {_entity(f.subject)} .")
        add(f"{u} {_k('measure')} {_zh(f.measure, f.measure_lang)} .")
        if f.measure_hans:  # 總投資@zh-Hant is also 总投资@zh-Hans: a search in either script finds it
            add(f"{u} {_k('measure')} {_zh(f.measure_hans, 'zh-Hans')} .")
        if f.concept:
            self.lines += _concept(f.concept)
            add(f"{u} {_k('measureConcept')} <{MEASURE_NS}{f.concept}> .")
        add(f'{u} {_k("value")} "{_dec(f.value)}"^^{DECIMAL} .')
        add(f'{u} {_k("numberAsWritten")} "{_dec(f.number)}"^^{DECIMAL} .')
        for p, v in (("unit", f.unit), ("unitAsWritten", f.unit_written), ("amountAsWritten", f.written),
                     ("status", f.status), ("aspect", f.aspect)):
            add(f"{u} {_k(p)} {_lit(v)} .")
        for p, v in (("qualifier", f.qualifier), ("period", f.period), ("direction", f.direction),
                     ("scope", f.scope), ("changeRole", f.role)):
            if v:
                add(f"{u} {_k(p)} {_lit(v)} .")
        if f.previous is not None:
            add(f"{u} {_k('changedFrom')} <{fact_iri(f.previous)}> .")
        if f.year:
            add(f'{u} {_k("year")} "{f.year}"^^{GYEAR} .')
        add(f"{u} {DERIVED} {self.sentence(f.evidence)} .")


@lru_cache(maxsize=None)
def _concept(concept_id: str) -> tuple[str, ...]:
    """The concept's labels and scheme, copied into the graph so queries group by it without the ontology."""
    from .measures import scheme

    c = next(c for c in scheme() if c.id == concept_id)
    u, sch = f"<{MEASURE_NS}{concept_id}>", f"<{MEASURE_NS}scheme>"
    return (f"{sch} {TYPE} <{_SKOS}ConceptScheme> .", f"{sch} {PREF} {_zh('经济指标')} .",
            f"{sch} {PREF} {_zh('Economic measures', 'en')} .", f"{u} {TYPE} <{_SKOS}Concept> .",
            f"{u} {IN_SCHEME} {sch} .", f"{u} {PREF} {_zh(c.zh)} .", f"{u} {PREF} {_zh(c.en, 'en')} .")


def _dec(x: float) -> str:
    """A decimal literal without float noise: 4501.6亿 is 450160000000, not 450160000000.000061."""
    s = format(Decimal(f"{x:.15g}"), "f")
    s = s.rstrip("0").rstrip(".") if "." in s else s
    return s if s not in ("", "-0") else "0"


# the same triples into an rdflib Graph (or kg.quads.QuadSink), for callers that work on one

def new_graph() -> Graph:
    g = Graph()
    for p, ns in (("kgo", KGO._NS), ("kg", KGR), ("kgm", Namespace(MEASURE_NS)), ("prov", PROV), ("skos", SKOS),
                  ("oa", OA), ("owl", OWL)):
        g.bind(p, ns)
    return g


def _into(g, nt: NTriples) -> None:
    import pyoxigraph as ox

    from .quads import from_ox

    for t in ox.parse(nt.data(), format=ox.RdfFormat.N_TRIPLES):
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))


def _adder(method: str):
    def add(g, x) -> None:
        nt = NTriples()
        getattr(nt, method)(x)
        _into(g, nt)
    add.__doc__ = f"NTriples.{method} into the rdflib graph G."
    return add


add_article, add_relation, add_fact = _adder("article"), _adder("relation"), _adder("fact")


def add_sentence(g, ev: Evidence) -> URIRef:
    nt = NTriples()
    u = nt.sentence(ev)
    _into(g, nt)
    return URIRef(u[1:-1])


def add_entity(g, e: Entity) -> None:
    """The whole entity: its entities-graph triples and every mention's sentence."""
    nt = NTriples()
    nt.entity(e)
    nt.mentions(e.key, e.mentions)
    _into(g, nt)
