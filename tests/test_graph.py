"""The built graph: parsed by rdflib, typed, labelled, with evidence for every statement."""
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.vocab import KGO

ENTITY_CLASSES = [KGO[t] for t in ("Company", "Park", "Project", "Institute", "Place", "GovernmentBody", "Policy", "Award")]


def test_turtle_parses_with_plain_rdflib(built):
    g = Graph().parse(built[1] / "kg.ttl", format="turtle")
    assert len(g) == built[0].triples


def test_every_entity_has_type_and_label(graph):
    ents = {s for c in ENTITY_CLASSES for s in graph.subjects(RDF.type, c)}
    assert len(ents) > 100
    assert all(graph.value(e, RDFS.label) for e in ents)


def test_every_relation_and_fact_has_evidence(graph):
    stmts = list(graph.subjects(RDF.type, KGO.RelationStatement))
    facts = list(graph.subjects(RDF.type, KGO.Fact))
    assert stmts and facts
    for x in stmts + facts:
        sent = graph.value(x, PROV.wasDerivedFrom)
        assert sent is not None and graph.value(sent, KGO.text)


def test_expected_entities_are_single_nodes(graph):
    for name in ("北仑区", "芯港小镇", "甬江科创区北仑片区", "北京大学宁波海洋药物研究院"):
        nodes = set(graph.subjects(RDFS.label, None))
        hits = [n for n in nodes if any(str(o) == name for o in graph.objects(n, RDFS.label))]
        assert len(hits) == 1, name


def test_part_of_kept_distinct(graph):
    res = graph.query('PREFIX kgo: <https://kg.example.org/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
                      'ASK { ?a rdfs:label "甬江科创区北仑片区"@zh ; kgo:partOf ?b . ?b rdfs:label "甬江科创区"@zh }')
    assert res.askAnswer


def test_unreadable_file_reported_others_built(corpus_copy, tmp_path):
    from kg.build import build

    (corpus_copy / "zz_broken.txt").write_bytes(b"\x00\xff" * 500)
    res = build(corpus_copy, tmp_path / "out", html=False)
    assert len(res.articles) == 5
    assert any("zz_broken.txt" in e for e in res.errors)


EXPECTED_MERGES = [  # (a form in the text, the node's name): short forms and administrative names
    ("北仑", "北仑区"), ("江北", "江北区"), ("宁波", "宁波市"), ("浙江", "浙江省"),
    ("六促六优", "六促六优专项行动"), ("前洋e商", "前洋e商小镇"), ("自贸试验区", "浙江自贸试验区"),
]


@pytest.mark.parametrize("form, name", EXPECTED_MERGES)
def test_expected_merges(graph, form, name):
    node = graph.value(None, RDFS.label, Literal(name, lang="zh"))
    assert node is not None
    assert (node, SKOS.altLabel, Literal(form, lang="zh")) in graph
    assert graph.value(None, RDFS.label, Literal(form, lang="zh")) is None  # not a second node


def test_no_name_labels_two_nodes(graph):
    from kg.resolve import norm

    seen = {}
    for node, label in graph.subject_objects(RDFS.label):
        if any(graph.triples((node, RDF.type, c)) for c in ENTITY_CLASSES):
            key = norm(str(label))
            assert seen.setdefault(key, node) == node, str(label)
