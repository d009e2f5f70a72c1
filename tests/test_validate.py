"""SHACL validation (`kg validate`): the corpus build conforms; broken facts, relations and concepts are caught."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.cli import main
from kg.validate import validate_graph
from kg.vocab import KGO


def test_corpus_build_conforms(graph):
    from rdflib import Graph

    g = Graph()
    for t in graph:
        g.add(t)
    rep = validate_graph(g)
    assert rep.conforms, "\n".join(rep.lines())
    assert rep.violations == []


def _copy(graph):
    from rdflib import Graph

    g = Graph()
    for t in graph:
        g.add(t)
    return g


def _a_fact(g):
    return sorted(g.subjects(RDF.type, KGO.Fact))[0]


@pytest.mark.parametrize("breakage,message", [
    (lambda g, f: g.remove((f, KGO.unit, None)), "unit"),
    (lambda g, f: g.add((f, KGO.value, Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))),
     "value"),
    (lambda g, f: g.set((f, KGO.measure, Literal("将确保落地项目15个、", lang="zh"))), "clean measure"),
    (lambda g, f: g.set((f, KGO.measure, Literal("数量", lang="zh"))), "数量"),
    (lambda g, f: g.set((f, KGO.status, Literal("planned"))), "status"),
    (lambda g, f: g.remove((f, KGO.about, None)), "about"),
    (lambda g, f: g.set((f, KGO.measureConcept, URIRef("https://kg.example.org/measure#noSuchConcept"))),
     "measure concept"),
])
def test_broken_fact_is_a_violation(graph, breakage, message):
    g = _copy(graph)
    f = _a_fact(g)
    breakage(g, f)
    rep = validate_graph(g)
    assert not rep.conforms
    assert any(v.focus == str(f) and message in v.message for v in rep.violations), rep.lines()


def test_relation_without_evidence_is_a_violation(graph):
    g = _copy(graph)
    st = sorted(g.subjects(RDF.type, KGO.RelationStatement))[0]
    g.remove((st, PROV.wasDerivedFrom, None))
    rep = validate_graph(g)
    assert [v.message for v in rep.violations if v.focus == str(st)] == \
        ["every relation statement has its evidence sentence"]


def test_cli_validate(built, tmp_path):
    r = CliRunner().invoke(main, ["validate", "--kg", str(built[1])])
    assert r.exit_code == 0 and r.output.startswith("conforms: 0 violation(s)")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kgo: <https://kg.example.org/ontology#> .\n<urn:f> a kgo:Fact .\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", "--kg", str(bad)])
    assert r.exit_code == 1 and "[E081]" in r.output and "Traceback" not in r.output
    broken = tmp_path / "shapes.ttl"
    broken.write_text("not turtle", encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", "--kg", str(built[1]), "--shapes", str(broken)])
    assert r.exit_code == 1 and "[E080]" in r.output


def test_concepts_used_are_described_in_the_build(graph):
    """The explorer and queries read concept labels from the build itself, without loading the ontology."""
    from rdflib.namespace import SKOS

    concepts = set(graph.objects(None, KGO.measureConcept))
    assert len(concepts) >= 10
    for c in concepts:
        assert {o.language for o in graph.objects(c, SKOS.prefLabel)} == {"zh", "en"}
        assert str(graph.value(c, SKOS.inScheme)) == "https://kg.example.org/measure#scheme"
    statuses = {str(o) for o in graph.objects(None, KGO.status)}
    assert statuses <= {"achieved", "target", "forecast"} and {"achieved", "target"} <= statuses
