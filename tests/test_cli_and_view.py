"""The CLI end to end and the HTTP endpoint (the HTML view's tests are in test_view.py)."""
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
