"""Candidate pairs for the statistical relation scorer: two typed mentions of one sentence and the evidence
between them (words, punctuation, other mentions), as sparse string features. The same code makes the
training rows (train_pairs.py) and the rows scored at build time (pair_model.py), so they cannot drift."""
from __future__ import annotations

from dataclasses import dataclass

from .extract import SentenceAnalysis
from .lexicon import lexicon
from .model import Mention
from .places import gazetteer

TYPES = ("Company", "Park", "Project", "Institute", "Place", "GovernmentBody", "Award")
MAX_GAP = 60  # characters between the two mentions
MAX_BETWEEN = 4  # other mentions between them
PUNCT = "，,；;：:、（）()“”《》"
LEVEL = {"province": "P0", "city": "P1", "county": "P2"}
CUE_POS = {"v", "vd", "vn", "p", "c", "u", "d", "f", "r", "q", "xc", "w", "a", "ad"}  # cue words kept as words


def _word(t) -> str:
    """A cue word as itself — a one-character function word (在, 由, 与, 的) or a verb of the lexicon; any
    other word (a noun, a name, a number) as its part of speech only, so the model learns no names."""
    if any(c.isdigit() for c in t.text):
        return t.pos
    if (len(t.text) == 1 and t.pos in CUE_POS) or t.text in lexicon().verbs:
        return t.text
    return t.pos


@dataclass
class Candidate:
    """Two mentions of one sentence, `left` before `right`, with their entity keys and features."""

    left: Mention
    right: Mention
    left_key: str
    right_key: str
    features: list[str]


def place_level(name: str) -> str:
    """Place type refined by level: a province, city or county from the adcode table, else a town or village."""
    divs = gazetteer().lookup(name)
    if divs:
        return LEVEL[divs[0].level]
    if name.endswith(("街道", "镇", "乡")):
        return "P3"
    if name.endswith(("村", "社区")):
        return "P4"
    return "P5"


def _type(m: Mention, label: str) -> str:
    return m.type + place_level(label) if m.type == "Place" else m.type


def _bucket(n: int) -> str:
    for hi, name in ((0, "0"), (2, "1-2"), (6, "3-6"), (15, "7-15"), (30, "16-30")):
        if n <= hi:
            return name
    return "31+"


def _outermost(ms: list[Mention]) -> list[Mention]:
    """Mentions not inside a longer one (a name inside a name is the nested rule's business)."""
    out = []
    for m in ms:
        if any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in ms):
            continue
        if any(o.start == m.start and o.end == m.end for o in out):
            continue
        out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))


def candidates(a: SentenceAnalysis, key, label: dict[str, str]) -> list[Candidate]:
    """Every pair of outermost typed mentions of the sentence, close enough to be linked by its words."""
    text = a.sentence.text
    ms = [m for m in _outermost(a.mentions) if m.type in TYPES and key(m)]
    listed = {}
    for n, ls in enumerate(a.lists):
        for it in ls.items:
            listed[(it.start, it.end)] = n
    out = []
    for i, x in enumerate(ms):
        for j in range(i + 1, min(len(ms), i + 2 + MAX_BETWEEN)):
            y = ms[j]
            kx, ky = key(x), key(y)
            if kx == ky or y.start < x.end or y.start - x.end > MAX_GAP:
                continue
            tx, ty = _type(x, label.get(kx, x.text)), _type(y, label.get(ky, y.text))
            tp = f"{tx}>{ty}"
            f = [f"tp:{tp}", f"gap:{_bucket(y.start - x.end)}", f"tp|gap:{tp}|{_bucket(y.start - x.end)}"]
            between = [t for t in a.tokens if t.start >= x.end and t.end <= y.start]
            words = [_word(t) for t in between if t.text.strip()]
            for w in dict.fromkeys(words):
                f.append(f"w:{w}")
                f.append(f"tp|w:{tp}|{w}")
            if words:
                f.append(f"w1:{words[0]}")
                f.append(f"wn:{words[-1]}")
                f.append(f"tp|w1:{tp}|{words[0]}")
            else:
                f.append("adjacent")
                f.append(f"tp|adjacent:{tp}")
            gap = text[x.end:y.start]
            for ch in dict.fromkeys(c for c in gap if c in PUNCT):
                f.append(f"p:{ch}")
                f.append(f"tp|p:{tp}|{ch}")
            mid = ms[i + 1:j]
            f.append(f"mb:{min(len(mid), 3)}")
            for t in dict.fromkeys(_type(m, label.get(key(m), m.text)) for m in mid):
                f.append(f"mbt:{t}")
            before = [_word(t) for t in a.tokens if t.end <= x.start][-2:]
            after = [_word(t) for t in a.tokens if t.start >= y.end][:2]
            for n, w in enumerate(reversed(before)):
                f.append(f"bx{n}:{w}")
            for n, w in enumerate(after):
                f.append(f"ay{n}:{w}")
            f.append(f"ax:{text[x.end:x.end + 1] or '$'}")
            lx, ly = listed.get((x.start, x.end)), listed.get((y.start, y.end))
            if lx is not None and lx == ly:
                f.append("same-list")
            elif ly is not None:
                f.append("right-listed")
            elif lx is not None:
                f.append("left-listed")
            if x.start <= 2 or text[x.start - 1] in "，,；;：:":
                f.append("left-opens-clause")
            if label.get(ky, "") and label.get(ky, "") in label.get(kx, ""):
                f.append("right-in-left-name")
            if label.get(kx, "") and label.get(kx, "") in label.get(ky, ""):
                f.append("left-in-right-name")
            out.append(Candidate(x, y, kx, ky, f))
    return out
