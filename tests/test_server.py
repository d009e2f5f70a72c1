"""`kg serve` through real SPARQL clients (SPARQLWrapper in every format, rdflib's SPARQLStore, pandas) and
the SPARQL 1.1 Protocol's rules: content negotiation, 406, format=, dataset parameters, the service
description, HEAD / OPTIONS, the row cap, Host / Origin / CORS."""
from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

KGO = "https://kg.example.org/ontology#"
PARKS = f"SELECT ?park ?label WHERE {{ ?park a <{KGO}Park> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{KGO}Park> }}"
GRAPH = f"CONSTRUCT {{ ?p a <{KGO}Park> }} WHERE {{ ?p a <{KGO}Park> }}"


@pytest.fixture(scope="module")
def server(serve_kg):
    base, _ = serve_kg("--timeout", "5", "--max-rows", "500")
    return base


def get(base, params=None, headers=None, method="GET", data=None, path="/sparql"):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_sparqlwrapper_select_every_format(server, fmt, method):
    from SPARQLWrapper import GET, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(PARKS)
    sw.setReturnFormat(fmt.lower())
    sw.setMethod({"GET": GET, "POST": POST, "POSTDIRECTLY": POST}[method])
    sw.setRequestMethod(POSTDIRECTLY if method == "POSTDIRECTLY" else URLENCODED)
    res = sw.query()
    assert res.response.headers["Content-Type"].startswith(
        {"JSON": "application/sparql-results+json", "XML": "application/sparql-results+xml",
         "CSV": "text/csv", "TSV": "text/tab-separated-values"}[fmt])
    out = res.convert()
    if fmt == "JSON":
        labels = {b["label"]["value"] for b in out["results"]["bindings"]}
    elif fmt == "XML":
        labels = {n.firstChild.data for n in out.getElementsByTagName("literal")}
    elif fmt == "CSV":
        labels = {line.split(",")[1] for line in out.decode("utf-8").splitlines()[1:]}
    else:
        labels = {line.split("\t")[1].split('"')[1] for line in out.decode("utf-8").splitlines()[1:]}
    assert "芯港小镇" in labels and len(labels) > 10


@pytest.mark.parametrize("fmt,check", [
    ("turtle", lambda b: b"@prefix" in b), ("n3", lambda b: b"kgo:Park" in b),
    ("xml", None), ("json-ld", None),
])
def test_sparqlwrapper_construct(server, fmt, check):
    from rdflib import Graph
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(GRAPH)
    sw.setReturnFormat(fmt)
    res = sw.query()
    out = res.convert()
    if isinstance(out, bytes):
        assert check(out)
        out = Graph().parse(data=out, format="turtle")
    assert len(out) > 10


def test_sparqlwrapper_ask(server):
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    for q, expected in ((f"ASK {{ ?x a <{KGO}Park> }}", True), ("ASK { ?x a <urn:none> }", False)):
        sw = SPARQLWrapper(server + "/sparql")
        sw.setQuery(q)
        sw.setReturnFormat(JSON)
        assert sw.query().convert()["boolean"] is expected
        sw.setReturnFormat(XML)
        dom = sw.query().convert()
        assert dom.getElementsByTagName("boolean")[0].firstChild.data == str(expected).lower()


def test_rdflib_sparqlstore(server):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(SPARQLStore(server + "/sparql", returnFormat="xml"))
    labels = {str(r[1]) for r in g.query(PARKS)}
    assert "芯港小镇" in labels
    parks = list(g.triples((None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KGO + "Park"))))
    assert len(parks) > 10


def test_pandas_read_csv(server):
    import pandas as pd

    url = server + "/sparql?" + urllib.parse.urlencode({"query": PARKS, "format": "csv"})
    df = pd.read_csv(url)
    assert list(df.columns) == ["park", "label"] and "芯港小镇" in set(df["label"])
    df2 = pd.read_csv(server + "/sparql?" + urllib.parse.urlencode({"query": PARKS}),
                      storage_options={"Accept": "text/csv"})
    assert df2.equals(df)


@pytest.mark.parametrize("accept,query,status,ctype", [
    (None, PARKS, 200, "application/sparql-results+json"),
    ("*/*", PARKS, 200, "application/sparql-results+json"),
    ("text/csv", PARKS, 200, "text/csv"),
    ("text/tab-separated-values", PARKS, 200, "text/tab-separated-values"),
    ("application/sparql-results+xml", PARKS, 200, "application/sparql-results+xml"),
    ("text/csv;q=0.5, application/sparql-results+xml", PARKS, 200, "application/sparql-results+xml"),
    ("text/*", PARKS, 200, "text/csv"),
    ("image/png", PARKS, 406, "text/plain"),
    ("text/turtle", PARKS, 406, "text/plain"),
    (None, GRAPH, 200, "text/turtle"),
    ("application/n-triples", GRAPH, 200, "application/n-triples"),
    ("application/ld+json", GRAPH, 200, "application/ld+json"),
    ("application/rdf+xml", GRAPH, 200, "application/rdf+xml"),
    ("text/csv", GRAPH, 406, "text/plain"),
    ("text/csv", "ASK {}", 200, "text/csv"),
])
def test_content_negotiation(server, accept, query, status, ctype):
    st, headers, body = get(server, {"query": query}, {"Accept": accept} if accept else {})
    assert st == status and headers["content-type"].startswith(ctype)
    if status == 200:
        assert headers["vary"] == "Accept"
    if status == 406:
        assert b"[E027]" in body


@pytest.mark.parametrize("fmt,ctype", [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                                       ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_format_parameter_beats_accept(server, fmt, ctype):
    st, headers, _ = get(server, {"query": PARKS, "format": fmt}, {"Accept": "text/html"})
    assert st == 200 and headers["content-type"].startswith(ctype)


def test_unknown_format_parameter(server):
    st, _, body = get(server, {"query": PARKS, "format": "png"})
    assert st == 406 and b"unknown format" in body


def test_dataset_parameters(server):
    def n(params):
        st, _, body = get(server, {"query": COUNT, **params})
        assert st == 200
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    assert n({}) > 10
    assert n({"default-graph-uri": "http://nowhere.example/graph"}) == 0
    assert n({"default-graph-uri": "urn:x-arq:DefaultGraph"}) > 10
    st, _, body = get(server, {"query": "SELECT ?g { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": "http://x.example/g"})
    assert st == 200 and json.loads(body)["results"]["bindings"] == []
    st, _, body = get(server, {"query": COUNT, "default-graph-uri": "not an iri"})
    assert st == 400 and b"[E028]" in body


def test_service_description_and_browser_redirect(server):
    from rdflib import Graph, URIRef

    st, headers, body = get(server, headers={"Accept": "text/turtle"})
    assert st == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server + "/sparql"), URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    size = next(g.objects(None, URIRef("http://rdfs.org/ns/void#triples")))
    st, _, body = get(server, {"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert int(size) == int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000
    st, _, body = get(server, headers={"Accept": "application/ld+json"})
    assert st == 200 and json.loads(body)
    conn = http.client.HTTPConnection(server.split("//")[1])
    conn.request("GET", "/sparql", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    r = conn.getresponse()
    assert r.status == 303 and r.getheader("Location") == "/#/sparql"


def test_head_and_options(server):
    conn = http.client.HTTPConnection(server.split("//")[1])
    conn.request("HEAD", "/sparql?" + urllib.parse.urlencode({"query": PARKS}))
    r = conn.getresponse()
    assert r.status == 200 and r.read() == b"" and r.getheader("Content-Type").startswith("application/sparql")
    conn.request("OPTIONS", "/sparql")
    r = conn.getresponse()
    r.read()
    assert r.status == 204 and "POST" in r.getheader("Allow")


def test_keep_alive_http11(server):
    conn = http.client.HTTPConnection(server.split("//")[1])
    socks = set()
    for _ in range(5):
        conn.request("GET", "/sparql?query=ASK%7B%7D")
        r = conn.getresponse()
        r.read()
        assert r.status == 200 and r.version == 11
        socks.add(id(conn.sock))
    assert len(socks) == 1


def test_row_cap_marked(server):
    st, headers, body = get(server, {"query": "SELECT * { ?s ?p ?o }"})
    data = json.loads(body)
    assert st == 200 and len(data["results"]["bindings"]) == 500
    assert headers["x-sparql-maxrows"] == "500" and data["head"]["link"] == ["urn:kg:truncated:max-rows=500"]
    st, headers, body = get(server, {"query": PARKS})
    assert "x-sparql-maxrows" not in headers and "link" not in json.loads(body)["head"]


@pytest.mark.parametrize("method,path,ctype,status", [
    ("POST", "/", "application/sparql-query", 405),
    ("POST", "/sparql", "text/plain", 415),
    ("PUT", "/sparql", "application/sparql-query", 405),
    ("DELETE", "/sparql", None, 405),
])
def test_methods_and_paths(server, method, path, ctype, status):
    st, _, _ = get(server, method=method, path=path, data=PARKS.encode(), headers={"Content-Type": ctype} if ctype else {})
    assert st == status


def test_bad_query_one_line_message(server):
    st, _, body = get(server, {"query": "SELECT ?x WHERE { ?x a foo:Bar }"})
    assert st == 400 and body.decode().startswith("[E021] unknown prefix 'foo:'") and body.count(b"\n") == 1
    st, _, body = get(server, {"query": "PREFIX foo: <http://f/> SELECT ?x WHERE { ?x a foo:Bar }"})
    assert st == 200
    st, _, body = get(server, {"query": "   "})
    assert st == 400 and b"empty" in body


@pytest.mark.parametrize("headers,status", [
    ({"Host": "evil.example"}, 400),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({}, 200),
])
def test_host_and_origin_checked(server, headers, status):
    st, h, _ = get(server, {"query": "ASK {}"}, headers)
    assert st == status and "access-control-allow-origin" not in h


def test_same_origin_allowed(server):
    st, _, _ = get(server, {"query": "ASK {}"}, {"Origin": server})
    assert st == 200


def test_cors_opt_in(serve_kg):
    base, _ = serve_kg("--cors", "http://app.example", "--workers", "1")
    st, h, _ = get(base, {"query": "ASK {}"}, {"Origin": "http://app.example"})
    assert st == 200 and h["access-control-allow-origin"] == "http://app.example"
    st, h, _ = get(base, method="OPTIONS", headers={"Origin": "http://app.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert st == 200 and "POST" in h["access-control-allow-methods"]
    st, h, _ = get(base, {"query": "ASK {}"}, {"Origin": "http://other.example"})
    assert st == 403


def test_explorer_mounted(server):
    st, headers, body = get(server, path="/")
    assert st == 200 and headers["content-type"].startswith("text/html")
    st, headers, body = get(server, path="/api/meta")
    assert st == 200 and json.loads(body)["counts"]["entities"] > 10
