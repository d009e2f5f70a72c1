"""The explorer's in-memory index of a build: entities, relations with evidence, facts, sentences and
articles, read once at start-up from the pyoxigraph store (kg.store.open_store) with a few SPARQL queries."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from .model import ENTITY_TYPES, RELATIONS
from .vocab import BASE

KGO = BASE + "ontology#"
ENTITY_PREFIX = BASE + "id/entity/"
PREFIXES = """PREFIX kgo: <https://kg.example.org/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def entity_id(iri: str) -> str:
    """The short, URL-safe id of an entity IRI (its key, unquoted): what the URL and the API use."""
    return unquote(iri[len(ENTITY_PREFIX):]) if iri.startswith(ENTITY_PREFIX) else iri


def entity_iri(eid: str) -> str:
    return ENTITY_PREFIX + quote(eid, safe="")


@dataclass
class Sentence:
    iri: str
    text: str
    article: str  # article IRI
    start: int
    end: int


@dataclass
class Article:
    iri: str
    file: str
    title: str = ""
    district: str = ""
    year: str = ""


@dataclass
class Edge:
    """One relation `subject —predicate→ object` with the sentences that state it."""
    subject: str  # entity ids
    predicate: str  # local name: hosts, locatedIn …
    object: str
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (sentence IRI, rule)


@dataclass
class FactRow:
    iri: str
    about: str  # entity id
    measure: str
    value: str
    number: str
    unit: str
    unit_written: str
    written: str
    qualifier: str = ""
    period: str = ""
    year: str = ""
    concept: str = ""  # kgo:measureConcept IRI, when the build has one
    concept_zh: str = ""
    concept_en: str = ""
    status: str = ""  # achieved / target / forecast, when the build has it
    sentence: str = ""  # sentence IRI


@dataclass
class Entity:
    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)  # sentence IRIs


@dataclass
class Index:
    entities: dict[str, Entity]
    edges: list[Edge]
    facts: dict[str, list[FactRow]]  # entity id → its facts
    sentences: dict[str, Sentence]
    articles: dict[str, Article]  # article IRI → article
    out_edges: dict[str, list[int]] = field(default_factory=dict)  # entity id → indexes into edges
    in_edges: dict[str, list[int]] = field(default_factory=dict)

    def degree(self, eid: str) -> int:
        return len(self.out_edges.get(eid, ())) + len(self.in_edges.get(eid, ()))

    def article_by_file(self, file: str) -> Article | None:
        return next((a for a in self.articles.values() if a.file == file), None)


def _rows(store, query: str):
    for sol in store.query(PREFIXES + query):
        yield [None if t is None else t.value for t in sol]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def load_index(store) -> Index:
    """Read everything the explorer shows from a pyoxigraph Store; works with or without the optional
    kgo:measureConcept / kgo:status of facts."""
    types = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
    entities: dict[str, Entity] = {}
    for iri, typ, label in _rows(store, f"SELECT ?e ?t ?l WHERE {{ VALUES ?t {{ {types} }} ?e a ?t . "
                                        "OPTIONAL { ?e rdfs:label ?l } }"):
        eid = entity_id(iri)
        if eid not in entities:  # an entity has one type; a second rdf:type stays an alternative
            entities[eid] = Entity(eid, _local(typ), label or eid)
        else:
            entities[eid].alt_types.append(_local(typ))
    for iri, alias in _rows(store, "SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"):
        e = entities.get(entity_id(iri))
        if e is not None and alias != e.label and alias not in e.aliases:
            e.aliases.append(alias)
    for iri, t in _rows(store, "SELECT ?e ?t WHERE { ?e kgo:altType ?t }"):
        e = entities.get(entity_id(iri))
        if e is not None and _local(t) not in e.alt_types:
            e.alt_types.append(_local(t))
    for iri, sent in _rows(store, "SELECT ?e ?s WHERE { ?e kgo:mentionedIn ?s }"):
        e = entities.get(entity_id(iri))
        if e is not None:
            e.mentioned_in.append(sent)
    for e in entities.values():
        e.aliases.sort()
        e.alt_types.sort()
        e.mentioned_in.sort(key=_sentence_order)

    sentences = {s: Sentence(s, t or "", a or "", int(b or 0), int(c or 0)) for s, t, a, b, c in _rows(
        store, "SELECT ?s ?t ?a ?b ?c WHERE { ?s a kgo:Sentence . OPTIONAL { ?s kgo:text ?t } "
               "OPTIONAL { ?s kgo:inArticle ?a } OPTIONAL { ?s kgo:charSpan [ oa:start ?b ; oa:end ?c ] } }")}
    articles = {a: Article(a, f or "", t or "", d or "", y or "") for a, f, t, d, y in _rows(
        store, "SELECT ?a ?f ?t ?d ?y WHERE { ?a a kgo:Article . OPTIONAL { ?a kgo:sourceFile ?f } "
               "OPTIONAL { ?a rdfs:label ?t } OPTIONAL { ?a kgo:district ?d } OPTIONAL { ?a kgo:year ?y } }")}

    rels = " ".join(f"kgo:{r}" for r in RELATIONS)
    edges: dict[tuple[str, str, str], Edge] = {}
    for s, p, o in _rows(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {rels} }} ?s ?p ?o }}"):
        key = (entity_id(s), _local(p), entity_id(o))
        if key[0] in entities and key[2] in entities:
            edges.setdefault(key, Edge(*key))
    for s, p, o, sent, rule in _rows(store, "SELECT ?s ?p ?o ?sent ?rule WHERE { ?st a kgo:RelationStatement ; "
                                            "rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . "
                                            "OPTIONAL { ?st prov:wasDerivedFrom ?sent } OPTIONAL { ?st kgo:rule ?rule } }"):
        edge = edges.get((entity_id(s), _local(p), entity_id(o)))
        if edge is not None and sent and (sent, rule or "") not in edge.evidence:
            edge.evidence.append((sent, rule or ""))
    edge_list = sorted(edges.values(), key=lambda e: (e.subject, e.predicate, e.object))
    for e in edge_list:
        e.evidence.sort(key=lambda ev: _sentence_order(ev[0]))

    facts: dict[str, list[FactRow]] = defaultdict(list)
    for row in _rows(store, """SELECT ?f ?e ?m ?v ?n ?u ?uw ?w ?q ?p ?y ?c ?czh ?cen ?st ?s WHERE {
        ?f a kgo:Fact ; kgo:about ?e .
        OPTIONAL { ?f kgo:measure ?m FILTER(!LANGMATCHES(LANG(?m), "zh-Hans")) } OPTIONAL { ?f kgo:value ?v } OPTIONAL { ?f kgo:numberAsWritten ?n }
        OPTIONAL { ?f kgo:unit ?u } OPTIONAL { ?f kgo:unitAsWritten ?uw } OPTIONAL { ?f kgo:amountAsWritten ?w }
        OPTIONAL { ?f kgo:qualifier ?q } OPTIONAL { ?f kgo:period ?p } OPTIONAL { ?f kgo:year ?y }
        OPTIONAL { ?f kgo:measureConcept ?c
                   OPTIONAL { ?c skos:prefLabel ?czh FILTER(LANGMATCHES(LANG(?czh), "zh")) }
                   OPTIONAL { ?c skos:prefLabel ?cen FILTER(LANGMATCHES(LANG(?cen), "en")) } }
        OPTIONAL { ?f kgo:status ?st } OPTIONAL { ?f prov:wasDerivedFrom ?s } }"""):
        f = FactRow(row[0], entity_id(row[1]), *[x or "" for x in row[2:]])
        f.status = _local(f.status).rsplit("/", 1)[-1]  # a literal, or an IRI such as kgo:achieved
        if f.about in entities and not any(x.iri == f.iri for x in facts[f.about]):
            facts[f.about].append(f)
    for rows in facts.values():
        rows.sort(key=lambda f: (f.concept_zh or f.measure, f.year, _sentence_order(f.sentence), f.iri))

    idx = Index(entities, edge_list, dict(facts), sentences, articles)
    for i, e in enumerate(edge_list):
        idx.out_edges.setdefault(e.subject, []).append(i)
        idx.in_edges.setdefault(e.object, []).append(i)
    return idx


def _sentence_order(iri: str):
    """Article, then sentence number: …/article/000_x.txt/s12 sorts before …/s100."""
    head, _, tail = (iri or "").rpartition("/s")
    return (head, int(tail) if tail.isdigit() else 0, iri or "")


def find_article_file(file: str, corpus_dirs: list[Path]) -> Path | None:
    for d in corpus_dirs:
        p = Path(d) / file
        if file and p.is_file() and p.resolve().parent == Path(d).resolve():
            return p
    return None
