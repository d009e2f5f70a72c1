"""Short forms a later sentence uses for a full name: 江苏蓝桥电子科技有限公司 → 蓝桥电子科技, 蓝桥电子.

Articles name a company in full once and then by its brand; a park by its place-less name
(湖州科创城 → 科创城). The forms are derived from general rules — a place prefix from the
adcode table, a company suffix and industry words from the lexicons — never from a list of names.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import lexicon
from .places import gazetteer

QUOTES = "\"'“”‘’「」『』《》〈〉"
MIN_SHORT = 3  # two-character brands (蓝桥) are too ambiguous to find again by string search
BRACKETS = re.compile(r"[(（][^)）]*[)）]")


@lru_cache(maxsize=1 << 18)  # called for every name of every mention at resolution: most names come again
def norm(name: str) -> str:
    """Matching form of a name: NFKC, no quotes or white space (the guidelines' rule)."""
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if ch not in QUOTES and not ch.isspace())


def strip_place(name: str) -> str:
    """Drop leading administrative names (江苏, 湖州市, 吴兴区 …) that prefix a proper name."""
    gaz = gazetteer()
    changed = True
    while changed:
        changed = False
        for n in range(min(5, len(name) - 2), 1, -1):
            if gaz.lookup(name[:n]):
                name, changed = name[n:], True
                break
    return name


def short_forms(name: str, typ: str) -> list[str]:
    """Forms of `name` an article may use later for the same entity (longest first)."""
    from .lexicon import industries

    lex = lexicon()
    out: list[str] = []
    if typ == "Company":
        core = BRACKETS.sub("", strip_place(name))
        head = lex.longest_head_suffix(core)
        if head and lex.heads.get(head) == "Company":
            core = core[: -len(head)]
        while len(core) >= MIN_SHORT:
            out.append(core)
            cut = next((w for w in sorted(industries(), key=len, reverse=True)
                        if core.endswith(w) and len(core) - len(w) >= 2), None)
            if not cut:
                break
            core = core[: -len(cut)]
    elif typ == "Park":
        rest = strip_place(name)
        if rest != name and len(rest) >= MIN_SHORT and lex.longest_head_suffix(rest):
            out.append(rest)
    return [f for f in dict.fromkeys(out) if f != name]
