"""Shared fixtures: one real build of the corpus (rdflib graph on disk), reused by the tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    from kg.build import build

    out = tmp_path_factory.mktemp("out")
    res = build(CORPUS, out)
    return res, out


@pytest.fixture(scope="session")
def graph(built):
    from kg.query import load_graph

    return load_graph(built[1] / "kg.ttl")


@pytest.fixture
def corpus_copy(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    return d


UNSEEN = ROOT / "tests" / "unseen"


@pytest.fixture(scope="session")
def mixed_corpus():
    """A maker of corpora for the cache tests: DIR/c holds the corpus and the invented unseen articles."""
    def make(tmp: Path) -> Path:
        corpus = tmp / "c"
        shutil.copytree(CORPUS, corpus)
        for p in (UNSEEN / "articles").glob("*.txt"):
            shutil.copy(p, corpus / p.name)
        return corpus
    return make


@pytest.fixture(scope="session")
def unseen_built(tmp_path_factory):
    """A build of the invented articles (other cities, one in traditional characters), no metadata."""
    from kg.build import build

    out = tmp_path_factory.mktemp("unseen")
    build(UNSEEN / "articles", out)
    return out


@pytest.fixture(scope="session")
def serve_kg(built):
    """Start `kg serve` on a free loopback port with extra options; returns (base URL, process).
    Every server started is stopped with Ctrl-C (SIGINT) at the end of the session."""
    import re
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    procs = []

    def start(*args, kg=None):
        p = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--kg", str(kg or built[1]), "--port", "0", *args],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(p)
        line = p.stdout.readline()
        m = re.search(r"http://[^/\s]+", line)
        assert m, (line, p.stderr.read() if p.poll() is not None else "")
        base = m.group(0)
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).read()
                return base, p
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kg serve did not answer")

    yield start
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser), shared by the browser tests."""
    pw = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium missing: .ci/run installs it (apt-get install chromium)")
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                                              "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def facts_of(tmp_path_factory):
    """Build a few short articles of one district (metadata: that district, 2024) and return their facts per
    article in reading order, and the build's facts as it gave them."""
    import json

    from kg.build import build

    def run(articles: dict[str, str], district: str, by_sentence: bool = True):
        d = tmp_path_factory.mktemp("facts_corpus")
        for name, text in articles.items():
            (d / name).write_text(text + "\n", encoding="utf-8")
        meta = {name: {"district": district, "year": 2024, "title": "经济观察"} for name in articles}
        (d / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        res = build(d, tmp_path_factory.mktemp("facts_out"))
        key = (lambda f: (f.evidence.doc_id, f.evidence.sentence_index, f.offset)) if by_sentence else \
            (lambda f: (f.evidence.doc_id, f.offset))
        out: dict[str, list] = {}
        for f in sorted(res.facts, key=key):
            out.setdefault(f.evidence.doc_id, []).append(f)
        return out, res.facts

    return run
