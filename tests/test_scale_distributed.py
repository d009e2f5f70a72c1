"""Issue 12: extraction on Dask (a real LocalCluster) and `kg push` to a real Oxigraph server on loopback."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                     host="127.0.0.1", silence_logs=40)
    yield c
    c.close()


def test_dask_build_is_identical_to_the_local_build(cluster, built, tmp_path):
    res = build(CORPUS, tmp_path / "dask", scheduler=cluster.scheduler_address, cache=False)
    assert res.analysed == 5
    assert (tmp_path / "dask" / "kg.ttl").read_bytes() == (built[1] / "kg.ttl").read_bytes()


def test_cli_scheduler_option(cluster, built, tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "build", "--corpus", str(CORPUS), "--out", str(tmp_path / "o"),
                        "--scheduler", cluster.scheduler_address, "--no-html"], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o" / "kg.ttl").read_bytes() == (built[1] / "kg.ttl").read_bytes()


def test_unreachable_scheduler_is_named(tmp_path):
    from kg.errors import SchedulerError

    with pytest.raises(SchedulerError, match="127.0.0.1:9"):
        build(CORPUS, tmp_path / "o", scheduler="tcp://127.0.0.1:9", cache=False, html=False)
    assert not (tmp_path / "o" / "kg.ttl").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    assert exe, "the `oxigraph` package (test extra) provides the server"
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=" + quote("ASK {}"), timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


def _count(base: str, query: str) -> int:
    req = urllib.request.Request(base + "/query?query=" + quote(query), headers={"Accept": "text/csv"})
    return int(urllib.request.urlopen(req, timeout=30).read().decode().splitlines()[1])


def test_push_replaces_each_named_graph(oxigraph_server, built, tmp_path):
    from kg.push import push

    res, out = built
    base = oxigraph_server
    n_graphs, n_triples = push(out, base + "/store")
    assert n_graphs == len(res.articles) + 1
    all_q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(base, all_q) == n_triples
    graphs_q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(base, graphs_q) == n_graphs
    # a rebuilt corpus without one article: pushing again replaces graphs, it does not add to them
    corpus = tmp_path / "c"
    shutil.copytree(CORPUS, corpus)
    dropped = sorted(corpus.glob("*.txt"))[-1]
    dropped.write_text(dropped.read_text(encoding="utf-8")[:400], encoding="utf-8")
    build(corpus, tmp_path / "out2", html=False)
    _, n2 = push(tmp_path / "out2", base + "/store")
    assert _count(base, all_q) == n2 < n_triples


def test_cli_push_and_unreachable_endpoint(oxigraph_server, built):
    r = subprocess.run([sys.executable, "-m", "kg", "push", "--kg", str(built[1]), "--endpoint",
                        oxigraph_server + "/store"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0 and "pushed 6 named graphs" in r.stdout, r.stderr
    r = subprocess.run([sys.executable, "-m", "kg", "push", "--kg", str(built[1]), "--endpoint",
                        "http://127.0.0.1:9/store"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1 and "E068" in r.stderr and "Traceback" not in r.stderr
