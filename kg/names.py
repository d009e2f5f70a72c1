"""Short forms a later sentence uses for a full name: 浙江澜越纺织科技有限公司 → 澜越纺织科技, 澜越纺织.

Articles name a company in full once and then by its brand; a park by its place-less name
(嘉兴科技城 → 科技城). The forms are derived from general rules — a place prefix from the
adcode table, a company suffix and industry words from the lexicons — never from a list of names.
"""
from __future__ import annotations

import re

from .lexicon import lexicon
from .places import gazetteer

MIN_SHORT = 3  # two-character brands (海天) are too ambiguous to find again by string search
BRACKETS = re.compile(r"[(（][^)）]*[)）]")


def strip_place(name: str) -> str:
    """Drop leading administrative names (浙江, 嘉兴市, 甌海区 …) that prefix a proper name."""
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
    from .mentions import industries

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
