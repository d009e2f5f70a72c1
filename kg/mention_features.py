"""Features of one mention for the mention filter (mention_model.py): what the rules found and what stands
around it — rule, head, the kind of words in the modifier, punctuation either side — never the name's own
words, so the weights learn how names are written, not which names exist."""
from __future__ import annotations

import re

from .lexicon import industries, lexicon
from .places import gazetteer
from .spans import PROPER, token_at
from .wordfreq import is_rare, word_freq

COMMON = 1000  # a word jieba counts this often is general vocabulary (kept as a feature word)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-10" if n < 11 else "11+"


def _word_class(w: str) -> str:
    if re.fullmatch(r"[\d.]+", w):
        return "num"
    if re.fullmatch(r"[A-Za-z]+", w):
        return "latin"
    if any(i in w for i in industries()):
        return "industry"
    if gazetteer().lookup(w):
        return "place"
    if is_rare(w):
        return "rare"
    return "common"


def features(a, m, counts: dict[str, int]) -> list[str]:
    """Feature strings of mention `m` in sentence analysis `a`; `counts` are the article's mentions per name."""
    text, toks, lex = a.sentence.text, a.tokens, lexicon()
    rule = m.rule.split(":")[0]
    head = lex.longest_head_suffix(m.text) or ""
    f = [f"type={m.type}", f"rule={rule}", f"rule={rule}|{m.type}", f"head={head}|{m.type}",
         f"len={_bucket(len(m.text))}", f"modlen={_bucket(len(m.text) - len(head))}|{m.type}"]
    n = counts.get(m.text, 1)
    f.append(f"count={_bucket(n)}")
    inside = [t for t in toks if t.start >= m.start and t.end <= m.end - len(head)]
    classes = [_word_class(t.text) for t in inside if t.pos != "w"]
    for c in sorted(set(classes)):
        f.append(f"has={c}|{m.type}")
    if classes:
        f.append(f"first={classes[0]}|{m.type}")
        f.append(f"allcommon={all(c in ('common', 'industry') for c in classes)}|{m.type}")
    if inside:
        f.append(f"firstpos={inside[0].pos}")
        w = inside[0].text
        if w in lex.stopwords or w in lex.verbs or w in industries():
            f.append(f"firstword={w}")  # the project's own vocabulary only: never a name
    f.append(f"proper={any(t.pos in PROPER for t in inside)}|{m.type}")
    for ch, tag in ((text[m.start - 1:m.start], "before"), (text[m.end:m.end + 1], "after")):
        cls = "none" if not ch else "punct" if re.fullmatch(r"[，。；：、,.;:！？\s]", ch) else \
            "quote" if ch in "“”\"《》" else "bracket" if ch in "()（）" else "的" if ch == "的" else "char"
        f.append(f"{tag}={cls}")
    k = token_at(toks, m.start - 1) if m.start > 0 else -1
    if k >= 0:
        p = toks[k]
        f.append(f"prevpos={p.pos}")
        if p.text in lex.verbs or p.text in lex.stopwords or (len(p.text) == 1 and word_freq().get(p.text, 0) >= COMMON):
            f.append(f"prevword={p.text}")  # cue words of the lexicons and one-character function words
    j = token_at(toks, m.end) if m.end < len(text) else -1
    if j >= 0:
        f.append(f"nextpos={toks[j].pos}")
        nx = toks[j].text
        if nx in lex.verbs or nx in lex.stopwords or (len(nx) == 1 and word_freq().get(nx, 0) >= COMMON):
            f.append(f"nextword={nx}")  # 落户, 等, 的: cue words after the name
    if re.search(r"[“”\"]", m.text):
        f.append("quoted")
    if re.search(r"[()（）]", m.text):
        f.append("brackets")
    if re.search(r"\d", m.text):
        f.append("digits")
    items = [ls for ls in a.lists if m in ls.items]
    if items:
        f.append(f"listcat={items[0].category}|{m.type}" if items[0].category in lex.categories else "listcat=none")
        f.append(f"listsize={_bucket(len(items[0].items))}")
    if len(text) < 40 and not re.search(r"[，。；,;]", text):
        f.append(f"headline|{m.type}")
    f.append(f"nment={_bucket(len(a.mentions))}")
    nested = any(o is not m and o.start <= m.start and m.end <= o.end for o in a.mentions)
    f.append(f"nested={nested}")
    outer = any(o is not m and m.start <= o.start and o.end <= m.end for o in a.mentions)
    f.append(f"holds={outer}")
    return f
