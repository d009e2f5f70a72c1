"""Issue 12: the same corpus gives the same bytes, whatever the hash seed, the file names or their order;
a build's outputs are published together; leftovers of killed builds are removed; workers die with the build."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
UNSEEN = ROOT / "tests" / "unseen" / "articles"


def _cli_build(corpus: Path, out: Path, seed: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(out),
                           "--no-html", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_same_corpus_same_bytes_whatever_the_hash_seed(tmp_path):
    ttl = []
    for seed in ("1", "2"):
        r = _cli_build(CORPUS, tmp_path / seed, seed, "--no-cache", "--jobs", seed)
        assert r.returncode == 0, r.stderr
        ttl.append((tmp_path / seed / "kg.ttl").read_bytes())
    assert ttl[0] == ttl[1]


def _renamed_shuffled_copy(dest: Path) -> dict[str, str]:
    """The corpus plus the unseen articles under new names that sort in reverse; returns new → old."""
    dest.mkdir()
    files = sorted(CORPUS.glob("*.txt")) + sorted(UNSEEN.glob("*.txt"))
    mapping = {}
    for i, p in enumerate(reversed(files)):
        new = f"{i:03d}_renamed_{len(files) - i}.txt"
        shutil.copy(p, dest / new)
        mapping[new] = p.name
    meta = json.loads((CORPUS / "metadata.json").read_text(encoding="utf-8"))
    back = {old: new for new, old in mapping.items()}
    (dest / "metadata.json").write_text(json.dumps({back[k]: v for k, v in meta.items()}, ensure_ascii=False),
                                        encoding="utf-8")
    return mapping


def test_graph_does_not_depend_on_file_names_or_order(tmp_path):
    orig = tmp_path / "orig"
    orig.mkdir()
    for p in list(CORPUS.glob("*")) + list(UNSEEN.glob("*.txt")):
        shutil.copy(p, orig / p.name)
    build(orig, tmp_path / "o1", html=False, cache=False)
    mapping = _renamed_shuffled_copy(tmp_path / "shuffled")
    build(tmp_path / "shuffled", tmp_path / "o2", html=False, cache=False)
    text = (tmp_path / "o2" / "kg.ttl").read_text(encoding="utf-8")
    for new, old in mapping.items():
        text = text.replace(new, old)
    a, b = Graph().parse(tmp_path / "o1" / "kg.ttl"), Graph().parse(data=text, format="turtle")
    assert len(a) > 5000 and isomorphic(_anonymous_nodes(a), _anonymous_nodes(b))


def _anonymous_nodes(g: Graph) -> Graph:
    """Statement and fact IRIs are digests that include the file name: compare them as blank nodes."""
    from rdflib import BNode, URIRef

    from kg.vocab import KGR

    def t(x):
        return BNode(str(x)) if isinstance(x, URIRef) and str(x).startswith((KGR + "fact/", KGR + "statement/")) else x
    out = Graph()
    for s, p, o in g:
        out.add((t(s), p, t(o)))
    return out


def test_outputs_are_published_together(tmp_path, monkeypatch):
    import kg.build as kb

    out = tmp_path / "out"
    build(CORPUS, out, html=False, cache=False)
    first = (out / "kg.ttl").read_bytes()
    assert (out / "current").is_symlink() and (out / "store").resolve().parent == (out / "current").resolve()

    def half_written(folder, res, sink, **kw):  # dies after writing kg.ttl, before the store
        (folder / "kg.ttl").write_bytes(b"half")
        raise RuntimeError("killed")
    monkeypatch.setattr(kb, "write_outputs", half_written)
    with pytest.raises(RuntimeError):
        build(CORPUS, out, html=False, cache=False)
    assert (out / "kg.ttl").read_bytes() == first
    assert not list((out / ".builds").glob("*.tmp"))


def test_leftovers_of_killed_builds_are_removed(tmp_path):
    out = tmp_path / "out"
    build(CORPUS, out, html=False, cache=False)
    stale = out / ".builds" / "20000101T000000-dead.tmp"
    stale.mkdir()
    (stale / "kg.ttl").write_text("x")
    (out / ".current.999.tmp").symlink_to("nowhere")
    build(CORPUS, out, html=False)
    build(CORPUS, out, html=False)
    assert not stale.exists() and not (out / ".current.999.tmp").is_symlink()
    assert len(list((out / ".builds").iterdir())) == 2  # the current build and the one before, for open readers
    # ...but of the one before only its store stays: a tool that reads every RDF file below OUT sees one build
    ttl = [p for p in out.rglob("*.ttl") if not p.is_symlink()]
    assert len(ttl) == 1 and ttl[0].resolve() == (out / "kg.ttl").resolve()


def test_two_builds_of_one_folder_do_not_mix(tmp_path):
    import fcntl

    from kg.errors import BuildLockedError

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        with pytest.raises(BuildLockedError, match="another `kg build`"):
            build(CORPUS, out, html=False)


def _children(pid: int) -> list[int]:
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def test_workers_die_with_the_build(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(6):
        for p in CORPUS.glob("*.txt"):
            (corpus / f"{i}_{p.name}").write_text(p.read_text(encoding="utf-8") + f"\n第{i}份。", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
                             "--jobs", "2", "--no-cache", "--no-html"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(_children(proc.pid)) < 2:
        time.sleep(0.1)
    kids = _children(proc.pid)
    assert len(kids) >= 2, "the build did not start its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{k}").exists() and "Z" not in _state(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if Path(f"/proc/{k}").exists() and "Z" not in _state(k)]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_parallel_map_and_reduce_give_the_serial_bytes(tmp_path):
    """Enough articles for the reduce to run in worker processes too (reduce.PART)."""
    from kg.bench import perturbed_corpus
    from kg.reduce import PART

    corpus = tmp_path / "c"
    perturbed_corpus(CORPUS, corpus, 2 * PART + 3)
    one = build(corpus, tmp_path / "j1", jobs=1, html=False, cache=False)
    two = build(corpus, tmp_path / "j2", jobs=2, html=False, cache=False)
    assert (tmp_path / "j1" / "kg.ttl").read_bytes() == (tmp_path / "j2" / "kg.ttl").read_bytes()
    assert (len(one.relations), len(one.facts), one.triples) == (len(two.relations), len(two.facts), two.triples)
    assert len(one.entities) > 20 * (2 * PART + 3)  # the copies name different things
