"""kg.sparql_results against pyoxigraph's own writers on the corpus build: the JSON is byte-identical, XML
and TSV parse back to the same solutions, CSV is the same bytes; a cut result says so in its head."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg import sparql_results as R
from kg.sparql_exec import Job, open_graph, run

Q = ("SELECT ?s ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?none } } ORDER BY ?s ?p ?o LIMIT 2000")


@pytest.fixture(scope="module")
def store(built):
    return open_graph(built[1])


@pytest.mark.parametrize("fmt,qf", [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                                    ("tsv", ox.QueryResultsFormat.TSV), ("csv", ox.QueryResultsFormat.CSV)])
def test_same_answer_as_pyoxigraph(store, fmt, qf):
    res = store.query(Q)
    names = [v.value for v in res.variables]
    rows = [list(s) for s in res]
    mine, theirs = R.solutions(fmt, names, rows), store.query(Q).serialize(format=qf)
    if fmt in ("json", "csv"):
        assert mine == theirs
    else:
        back = [[s[n] for n in names] for s in ox.parse_query_results(mine, format=qf)]
        assert back == rows
    assert any("\u4e00" <= c <= "\u9fff" for c in mine.decode("utf-8"))  # Chinese labels came through


def test_cut_result_marked(store):
    ans = run(store, Job("SELECT * WHERE { ?s ?p ?o }", 25))
    data = json.loads(ans.body)
    assert ans.truncated and len(data["results"]["bindings"]) == 25
    assert data["head"]["link"] == ["urn:kg:truncated:max-rows=25"]
    xml = run(store, Job("SELECT * WHERE { ?s ?p ?o }", 25, result_format="xml")).body
    assert b'<link href="urn:kg:truncated:max-rows=25"/>' in xml
    graph = run(store, Job("CONSTRUCT WHERE { ?s ?p ?o }", 25, graph_format="nt"))
    assert graph.truncated and len(graph.body.splitlines()) == 25


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "rdfxml"])
def test_graph_formats_parse_and_repeat(store, fmt):
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://kg.example.org/ontology#Park> ; ?p ?o }"
    a, b = run(store, Job(q, 10_000, graph_format=fmt)), run(store, Job(q, 10_000, graph_format=fmt))
    assert a.body == b.body  # deterministic
    parsed = list(ox.parse(a.body, format=R.GRAPH_TYPES[fmt][1]))
    assert len(parsed) == a.rows > 50


@pytest.mark.parametrize("term,value", [
    (ox.Literal("42", datatype=ox.NamedNode(R.XSD + "integer")), 42),
    (ox.Literal("1300000000", datatype=ox.NamedNode(R.XSD + "decimal")), 1300000000),
    (ox.Literal("2.5", datatype=ox.NamedNode(R.XSD + "decimal")), 2.5),
    (ox.Literal("1E3", datatype=ox.NamedNode(R.XSD + "double")), 1000.0),
    (ox.Literal("INF", datatype=ox.NamedNode(R.XSD + "double")), "INF"),
    (ox.Literal("true", datatype=ox.NamedNode(R.XSD + "boolean")), True),
    (ox.Literal("2023", datatype=ox.NamedNode(R.XSD + "gYear")), "2023"),
    (ox.Literal("芯港小镇", language="zh"), "芯港小镇"),
    (ox.NamedNode("https://kg.example.org/id/x"), "https://kg.example.org/id/x"),
    (ox.BlankNode("b0"), "_:b0"),
    (None, None),
])
def test_typed_values(term, value):
    assert R.typed(term) == value and type(R.typed(term)) is type(value)


@pytest.mark.parametrize("text,cells", [("abc", 3), ("芯港小镇", 8), ("中文字 2023", 11), ("", 0)])
def test_display_width(text, cells):
    assert R.width(text) == cells
