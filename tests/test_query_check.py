"""The checks made before a query runs (kg.sparql_check) and the negotiation of its answer
(kg.sparql_protocol), as tables: what is refused, what is let through, and which writer answers."""
from __future__ import annotations

import pytest

from kg.sparql_check import check, parse_error
from kg.sparql_errors import NotAcceptable, ServiceRefused, UpdateRefused
from kg.sparql_protocol import choose, prefers_html

U = "<http://127.0.0.1:9/sparql>"


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE {U} {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent {U} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p 1SERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o.SERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p true SERVICE {U} {{ }} }}",
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { ?s ?p ?o . SERVICE:x { } }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a.SERVICE <x:> { } }",
    f"SELECT * WHERE {{ \\u0053ERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p \"a\"SERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o }} # x\nSERVICE {U} {{ }}",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    f"ASK {{ FILTER(?o < 2) SERVICE {U} {{ }} }}",
    "PREFIX myservice: <http://e/> SELECT * WHERE { ?s myservice:p ?o }",  # refused: errs on the safe side
])
def test_service_refused(query):
    with pytest.raises(ServiceRefused, match=r"\[E023\]"):
        check(query)


@pytest.mark.parametrize("query,form", [
    ("PREFIX schema: <http://schema.org/> SELECT ?t WHERE { ?s schema:serviceType ?t }", "SELECT"),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }', "SELECT"),
    ("SELECT * WHERE { ?s ?p '''a\nSERVICE <x:> {}''' }", "SELECT"),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {}", "SELECT"),
    ("SELECT ?service WHERE { ?service ?p ?o }", "SELECT"),
    ("SELECT * WHERE { <http://x.example/SERVICE> ?p ?o }", "SELECT"),
    ("SELECT * WHERE { ?s ?p _:serviceNode }", "SELECT"),
    ("ASK {}", "ASK"),
    ("PREFIX select: <http://e/> CONSTRUCT WHERE { ?s select:p ?o }", "CONSTRUCT"),
    ("BASE <http://e/> DESCRIBE <x>", "DESCRIBE"),
    ("# a comment with INSERT\nSELECT * {}", "SELECT"),
    ("nonsense", None),
])
def test_let_through(query, form):
    assert check(query) == form


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "delete where { ?s ?p ?o }", "LOAD <file:///etc/passwd>",
    "CLEAR ALL", "DROP GRAPH <urn:g>", "CREATE GRAPH <urn:g>", "COPY DEFAULT TO <urn:g>", "MOVE <urn:a> TO <urn:b>",
    "ADD <urn:a> TO <urn:b>", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://e/> INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
])
def test_updates_refused(query):
    with pytest.raises(UpdateRefused, match=r"\[E022\].*read-only"):
        check(query)


@pytest.mark.parametrize("query,message,expected", [
    ("SELECT ?x WHERE { ?x a foo:Bar }", "error at 1:31: expected one of Prefix not found, ['%'], ['A' ..= 'Z']",
     "[E021] unknown prefix 'foo:' at line 1, column 24"),
    ("SELECT ?x WHERE { ?x a }", "error at 1:25: expected one of FILTER, SELECT", "[E021] bad SPARQL query: line 1, column 25: expected one of FILTER, SELECT"),
    ("SELECT ?x WHERE {\n ?x a x:y", "error at 2:7: expected [\n'a' ..= 'z']", "[E021] bad SPARQL query: line 2, column 7: expected a name character"),
])
def test_parser_messages_one_line(query, message, expected):
    msg = str(parse_error(query, message))
    assert msg.startswith(expected) and "\n" not in msg


@pytest.mark.parametrize("accept,form,fmt,expected", [
    (None, "SELECT", None, ("json", "turtle")),
    ("*/*", "CONSTRUCT", None, ("json", "turtle")),
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", "SELECT", None,
     ("json", "jsonld")),
    ("text/csv", "SELECT", None, ("csv", "turtle")),
    ("text/csv;q=0.2, text/tab-separated-values;q=0.9", "SELECT", None, ("tsv", "turtle")),
    ("application/rdf+xml, application/xml;q=0.5", "CONSTRUCT", None, ("xml", "rdfxml")),
    ("application/turtle,text/turtle", "DESCRIBE", None, ("json", "turtle")),
    ("application/ld+json", "CONSTRUCT", None, ("json", "jsonld")),
    ("text/html", "SELECT", "csv", ("csv", "turtle")),
    ("text/html", "CONSTRUCT", "json", ("json", "jsonld")),
    (None, "CONSTRUCT", "xml", ("xml", "rdfxml")),
    (None, "SELECT", "application/sparql-results+xml", ("xml", "turtle")),
    (None, "CONSTRUCT", "n3", ("json", "turtle")),
])
def test_negotiation(accept, form, fmt, expected):
    assert choose(accept, form, fmt) == expected


@pytest.mark.parametrize("accept,form,fmt", [
    ("image/png", "SELECT", None), ("text/turtle", "SELECT", None), ("text/csv", "CONSTRUCT", None),
    ("application/json;q=0", "SELECT", None), (None, "SELECT", "turtle"), (None, "ASK", "png"),
])
def test_not_acceptable(accept, form, fmt):
    with pytest.raises(NotAcceptable, match=r"\[E027\]"):
        choose(accept, form, fmt)


@pytest.mark.parametrize("accept,html", [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
    ("*/*", False), (None, False), ("text/turtle", False), ("text/turtle, text/html;q=0.5", False),
    ("text/html;q=0", False),
])
def test_browser_detection(accept, html):
    assert prefers_html(accept) is html
