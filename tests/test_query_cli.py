"""`kg query` and `kg serve` from the shell as a new user meets them: every mistake one line with its code
(no traceback), any query file read, typed JSON, display-width tables, CSV with a BOM, clean Ctrl-C."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from wcwidth import wcswidth

ROOT = Path(__file__).resolve().parent.parent
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def kg(*args, stdin=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=timeout)


@pytest.fixture(scope="module")
def busy_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    yield s.getsockname()[1]
    s.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("q")
    (d / "parks.sparql").write_text("SELECT ?l WHERE { ?p a kgo:Park ; rdfs:label ?l }", encoding="utf-8")
    (d / "parks.txt").write_bytes("\ufeffSELECT ?l WHERE { ?p a kgo:Park ; rdfs:label ?l }".encode("utf-8"))
    (d / "latin1.rq").write_bytes("SELECT ?l WHERE { ?p rdfs:label \"caf\xe9\" }".encode("latin-1"))
    (d / "notes.ttl").write_text("this is not turtle at all {", encoding="utf-8")
    return d


@pytest.mark.parametrize("args,code,words", [
    (["serve", "--port", "99999"], "E031", "out of range"),
    (["serve", "--port", "http"], "E031", "not an integer"),
    (["serve", "--host", "no-such-host.invalid", "--port", "0"], "E031", "--host"),
    (["serve", "--port", "{busy}"], "E031", "in use"),
    (["serve", "--timeout", "-1"], "E031", "out of range"),
    (["serve", "--kg", "{files}/notes.ttl", "--port", "0"], "E030", "not a readable RDF build"),
    (["serve", "--kg", "{files}/nothing", "--port", "0"], "E004", "kg build"),
    (["query", "ASK {}", "--kg", "{files}/notes.ttl"], "E030", "not a readable RDF build"),
    (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "E023", "SERVICE"),
    (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "E022", "read-only"),
    (["query", "DROP ALL"], "E022", "read-only"),
    (["query", "SELECT ?x WHERE { ?x a foo:Bar }"], "E021", "unknown prefix 'foo:'"),
    (["query", "SELECT ?x WHERE { ?x a }"], "E021", "line 1, column"),
    (["query", "missing.rq"], "E032", "no such query file"),
    (["query", "missing.sparql"], "E032", "no such query file"),
    (["query", "{files}/latin1.rq"], "E032", "not UTF-8"),
    (["query", "ASK {}", "--format", "xml"], "E028", "--format"),
])
def test_mistakes_are_one_line(built, busy_port, files, args, code, words):
    args = [a.replace("{busy}", str(busy_port)).replace("{files}", str(files)) for a in args]
    if "--kg" not in args:
        args += ["--kg", str(built[1])]
    r = kg(*args, timeout=30)
    assert r.returncode == 1, r.stdout
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith(f"error: [{code}]") and words in r.stderr


@pytest.mark.parametrize("name", ["parks.sparql", "parks.txt"])
def test_any_query_file_is_read(built, files, name):
    r = kg("query", str(files / name), "--kg", str(built[1]), "--format", "csv")
    assert r.returncode == 0 and "芯港小镇" in r.stdout.splitlines()[1:].__str__()


def test_query_from_stdin(built):
    r = kg("query", "-", "--kg", str(built[1]), "--format", "json", stdin="ASK { ?p a kgo:Park }")
    assert r.returncode == 0 and json.loads(r.stdout) is True


def test_json_is_typed(built):
    q = ("SELECT ?n ?d ?b ?x ?s WHERE { BIND(3 AS ?n) BIND(2.5 AS ?d) BIND(true AS ?b) BIND(\"七\" AS ?s) "
         "OPTIONAL { ?nothing <urn:none> ?x } }")
    r = kg("query", q, "--kg", str(built[1]), "--format", "json")
    assert json.loads(r.stdout) == [{"n": 3, "d": 2.5, "b": True, "x": None, "s": "七"}]
    r = kg("query", "queries/big_investments.rq", "--kg", str(built[1]), "--format", "json")
    rows = json.loads(r.stdout)
    assert rows and all(isinstance(x["value"], (int, float)) and x["value"] >= 1e9 for x in rows)


def test_chain_leaders_json(built):
    r = kg("query", "queries/chain_leaders.rq", "--kg", str(built[1]), "--format", "json")
    assert r.returncode == 0 and {"company": "中芯宁波", "park": "芯港小镇"} in json.loads(r.stdout)


def test_table_aligned_by_display_width(built):
    q = "SELECT ?label ?type WHERE { ?e rdfs:label ?label ; a ?type } ORDER BY ?label LIMIT 40"
    lines = kg("query", q, "--kg", str(built[1])).stdout.splitlines()
    header, rows = lines[0], lines[2:-1]
    assert len({len(ln.split("  ")[0]) for ln in rows}) > 3  # labels of many lengths
    starts = {wcswidth(ln[:ln.index("https://")]) for ln in rows}
    assert starts == {header.index("type")} and lines[-1] == "(40 rows)"


def test_csv_bom_for_excel(built):
    q = "SELECT ?l WHERE { ?p a kgo:Park ; rdfs:label ?l } ORDER BY ?l"
    plain = subprocess.run([sys.executable, "-m", "kg", "query", q, "--kg", str(built[1]), "--format", "csv"],
                           cwd=ROOT, capture_output=True).stdout
    bom = subprocess.run([sys.executable, "-m", "kg", "query", q, "--kg", str(built[1]), "--format", "csv", "--bom"],
                         cwd=ROOT, capture_output=True).stdout
    assert not plain.startswith(b"\xef\xbb\xbf") and bom == b"\xef\xbb\xbf" + plain
    assert bom.decode("utf-8-sig").splitlines()[0] == "l"


def test_max_rows_noted(built):
    r = kg("query", "SELECT * WHERE { ?s ?p ?o }", "--kg", str(built[1]), "--format", "csv", "--max-rows", "7")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 8 and "cut at 7 rows" in r.stderr


def test_ctrl_c_on_query_is_clean(built):
    p = subprocess.Popen([sys.executable, "-m", "kg", "query", SLOW, "--kg", str(built[1])], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=20)
    assert time.monotonic() - t0 < 3
    assert p.returncode == 130 and err.strip() == "interrupted" and "Traceback" not in err


def _children(pid: int) -> set[int]:
    kids = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.add(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def test_ctrl_c_on_serve_is_clean(serve_kg):
    base, p = serve_kg("--workers", "2")
    workers = _children(p.pid)
    assert len(workers) >= 2
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=20)
    assert p.returncode == 0 and out.strip().endswith("stopped")
    assert "Aborted" not in err and "Traceback" not in err
    time.sleep(0.5)
    assert not any(os.path.exists(f"/proc/{w}") and "zombie" not in Path(f"/proc/{w}/status").read_text().lower()
                   for w in workers)


def test_workers_that_cannot_start_are_one_error(built, tmp_path):
    """The build went bad between the server opening it and its workers opening it: one KGError, no traceback."""
    import shutil

    shutil.copy(built[1] / "kg.ttl", tmp_path / "kg.ttl")
    code = ("import sys; from pathlib import Path; from kg.server import bind, create_app, run\n"
            "if __name__ == '__main__':\n"
            " app = create_app(Path(sys.argv[1]), explorer=False, workers=1)\n"
            " (Path(sys.argv[1]) / 'kg.ttl').write_text('not turtle {', encoding='utf-8')\n"
            " try:\n  run(app, bind('127.0.0.1', 0))\n"
            " except Exception as e:\n  print(type(e).__name__, str(e)[:6])\n")
    script = tmp_path / "start.py"
    script.write_text(code, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.stdout.split() == ["GraphUnreadable", "[E030]"] and "Traceback" not in r.stderr, r.stderr
