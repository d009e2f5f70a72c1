"""Split an article into sentences, re-joining body text that a page layout broke around captions."""
from __future__ import annotations

import re

from .model import Article, Sentence

TERMINAL = "。！？!?；;"
CLOSERS = "”’」』）)》\"'"
BODY_MARKS = "，。,；：！？、"
MAX_SENTENCE = 512  # characters; a longer run without end punctuation is cut (the tagger's cost and memory stay bounded)
SOFT_BREAKS = "，,、：:；; \t）)》”"


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), stripped of surrounding white space."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_body(text: str, span: tuple[int, int]) -> bool:
    chunk = text[span[0]:span[1]]
    return any(c in chunk for c in BODY_MARKS)


def _is_open(text: str, span: tuple[int, int], first: int | None = None) -> bool:
    """A body paragraph that stops mid-sentence (the layout continues it further down)."""
    last = text[span[1] - 1]
    chunk = text[span[0]:span[1]]
    if span[0] == (_first_line_start(text) if first is None else first) or not any(c in chunk for c in "，。,；;！？、"):
        return False  # a headline (吴兴区：以…擦亮新名片) is not a paragraph cut by the layout
    return last not in TERMINAL + CLOSERS + "…"


def _first_line_start(text: str) -> int:
    return len(text) - len(text.lstrip())


def paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """Paragraphs as lists of pieces; a broken body paragraph takes the next body paragraph as its tail."""
    lines = _lines(text)
    first = _first_line_start(text)  # once: per line it made a long file quadratic
    used = [False] * len(lines)
    out: list[list[tuple[int, int]]] = []
    for i, span in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        pieces = [span]
        cur = i
        while _is_open(text, lines[cur], first):
            nxt = next((j for j in range(cur + 1, min(cur + 8, len(lines)))
                        if not used[j] and _is_body(text, lines[j])), None)
            if nxt is None:
                break
            used[nxt] = True
            pieces.append(lines[nxt])
            cur = nxt
        out.append(pieces)
    out.sort(key=lambda p: p[0][0])
    return out


def _cut(pieces: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """Sub-range [a, b) of the concatenated pieces, as article ranges."""
    out, pos = [], 0
    for s, e in pieces:
        n = e - s
        lo, hi = max(a, pos), min(b, pos + n)
        if lo < hi:
            out.append((s + lo - pos, s + hi - pos))
        pos += n
    return out


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences of an article, in reading order, each mapped back to article offsets."""
    text = article.text
    sentences: list[Sentence] = []
    for pieces in paragraphs(text):
        joined = "".join(text[s:e] for s, e in pieces)
        start = 0
        for m in re.finditer(rf"[{TERMINAL}]+[{CLOSERS}]*|……[{CLOSERS}]*(?=\S)", joined):
            end = m.end()
            _add(sentences, article.doc_id, joined, pieces, start, end)
            start = end
        _add(sentences, article.doc_id, joined, pieces, start, len(joined))
    return sentences


def _add(out: list[Sentence], doc_id: str, joined: str, pieces, a: int, b: int) -> None:
    while a < b and joined[a].isspace():
        a += 1
    while b > a and joined[b - 1].isspace():
        b -= 1
    if b <= a:
        return
    while b - a > MAX_SENTENCE:  # cut at the last soft break in the second half of the window, else hard
        window = joined[a + MAX_SENTENCE // 2:a + MAX_SENTENCE]
        cut = max(window.rfind(c) for c in SOFT_BREAKS)
        end = a + MAX_SENTENCE // 2 + cut + 1 if cut >= 0 else a + MAX_SENTENCE
        _add(out, doc_id, joined, pieces, a, end)
        a = end
        while a < b and joined[a].isspace():
            a += 1
    if b <= a:
        return
    out.append(Sentence(doc_id=doc_id, index=len(out), text=joined[a:b], pieces=_cut(pieces, a, b)))
