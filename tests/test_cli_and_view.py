"""The CLI end to end, the HTTP endpoint and the HTML view in a real headless Chromium."""
import json
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_query_json(built):
    r = kg("query", "queries/chain_leaders.rq", "--kg", str(built[1]), "--format", "json")
    assert r.returncode == 0
    assert {"company": "中芯宁波", "park": "芯港小镇"} in json.loads(r.stdout)


def test_cli_bad_query_one_line_error(built):
    r = kg("query", "SELECT ?x WHERE { ?x a }", "--kg", str(built[1]))
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.startswith("error: [E003]")


def test_cli_missing_graph(tmp_path):
    r = kg("stats", "--kg", str(tmp_path / "nothing"))
    assert r.returncode == 1 and "kg build" in r.stderr


def test_cli_explain(built):
    r = kg("explain", "芯港小镇", "--kg", str(built[1]))
    assert r.returncode == 0 and "leads" in r.stdout and "「" in r.stdout


def test_http_sparql(graph, built):
    from kg.server import make_server

    srv = make_server(graph, "127.0.0.1", 0, built[1] / "graph.html")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        port = srv.server_address[1]
        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://kg.example.org/ontology#Park> }")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query={q}") as r:
            data = json.loads(r.read())
        assert int(data["results"]["bindings"][0]["n"]["value"]) > 10
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=SELEC")
        assert e.value.code == 400
    finally:
        srv.shutdown()


def test_html_escapes_article_text():
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from kg.rdf import entity_iri
    from kg.view import render_html
    from kg.vocab import KGO

    g = Graph()
    e = entity_iri("x")
    g.add((e, RDF.type, KGO.Company))
    g.add((e, RDFS.label, Literal("<img src=x onerror=alert(1)>")))
    page = render_html(g)
    assert "<img src=x onerror" not in page


def test_graph_html_offline_in_chromium(built):
    pw = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    page_path = built[1] / "graph.html"
    html = page_path.read_text(encoding="utf-8")
    assert "https://cdn" not in html and 'src="http' not in html
    remote = []
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium",
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = b.new_page()
        page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(page_path.as_uri())
        page.wait_for_function("typeof network !== 'undefined' && network.body && Object.keys(network.body.nodes).length > 0")
        drawn = page.evaluate("network.body.data.nodes.length")
        expected = page.evaluate("window.KG_STATS.nodes")
        page.screenshot(path=str(built[1] / "graph.png"))
        b.close()
    assert drawn == expected > 100
    assert remote == []
