"""Issue 12: a corpus of hostile files beside good articles — every bad file named, every good one built."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from kg.badinput import make_bad_corpus
from kg.build import build
from kg.vocab import KGO

ROOT = Path(__file__).resolve().parent.parent
CAP = 600_000


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    expect = make_bad_corpus(base / "corpus", ROOT / "corpus", long_line=150_000, no_punct=900_000,
                             huge=20 * 1024 * 1024, max_bytes=CAP)
    res = build(base / "corpus", base / "out", jobs=2, max_bytes=CAP, html=False)
    return expect, res, base


def test_every_good_article_is_built(bad_build):
    expect, res, _ = bad_build
    read = sorted(a.doc_id for a in res.articles)
    assert read == sorted(k for k, v in expect.items() if v == "read")


def test_every_skipped_file_is_named_with_a_code(bad_build):
    expect, res, _ = bad_build
    for name, verdict in expect.items():
        if verdict == "skipped":
            hits = [e for e in res.errors if f"/{name}:" in e]
            assert len(hits) == 1 and hits[0].startswith("[E0"), (name, res.errors)


@pytest.mark.parametrize("needle", ["metadata.json: '000_", "metadata.json: entry '001_", "03/metadata.json: invalid JSON"])
def test_metadata_problems_named(bad_build, needle):
    assert any(needle in e for e in bad_build[1].errors)


def test_no_control_character_or_passwd_line_reaches_the_graph(bad_build):
    _, _, base = bad_build
    g = Graph().parse(base / "out" / "kg.ttl")
    labels = [str(o) for o in g.objects(None, RDFS.label)] + [str(o) for o in g.objects(None, KGO.text)]
    assert labels and not any(ch in s for s in labels for ch in "\x00\x01\x1b")
    assert not any("root:" in s for s in labels)
    assert any("港口物流园" in s for s in labels)  # the NUL-byte article still gives its entity
    assert any("数字产业园" in s for s in labels)  # the HTML page was read as text


def test_cost_of_a_long_line_is_bounded(bad_build):
    """The 150k-character line is cut into sentences of at most MAX_SENTENCE characters."""
    from kg.extract import sentences_of
    from kg.segment import MAX_SENTENCE

    _, res, _ = bad_build
    a = next(a for a in res.articles if a.doc_id == "long_line.txt")
    ss = sentences_of(a)
    assert len(ss) >= 150_000 // MAX_SENTENCE and max(len(s.text) for s in ss) <= MAX_SENTENCE


def test_corpus_of_only_bad_files_names_them(tmp_path):
    from kg.errors import NoArticlesError

    c = tmp_path / "c"
    c.mkdir()
    (c / "x.txt").symlink_to("/etc/passwd")
    (c / "y.txt").write_bytes(b"")
    with pytest.raises(NoArticlesError, match=r"x.txt.*out of the corpus.*y.txt.*empty|y.txt.*x.txt"):
        build(c, tmp_path / "out", html=False)


def test_cli_names_skipped_files_without_traceback(tmp_path):
    import subprocess
    import sys

    c = tmp_path / "c"
    c.mkdir()
    (c / "good.txt").write_text("丽水市缙云县新建智能装备产业园，总投资3亿元。", encoding="utf-8")
    (c / "big.txt").write_text("园" * 4000, encoding="utf-8")
    (c / "link.txt").symlink_to("/etc/passwd")
    (c / "metadata.json").write_text("[1, 2]", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "build", "--corpus", str(c), "--out", str(tmp_path / "o"),
                        "--max-bytes", "5000", "--no-html"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    for needle in ("[E060]", "big.txt", "[E061]", "link.txt", "[E062]", "metadata.json", "articles read: 1"):
        assert needle in r.stdout, needle
    report = (tmp_path / "o" / "report.json").read_text(encoding="utf-8")
    assert "big.txt" in report and "link.txt" in report
