"""Search-as-you-type over entity names: label, aliases, traditional characters (OpenCC) and pinyin,
full and initials (pypinyin), ranked by how the query matches, then by how connected the entity is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .explorer_index import Index

# (kind of key, how it matched) → rank; lower is better
RANK = {("name", "exact"): 0, ("alias", "exact"): 1, ("name", "prefix"): 2, ("alias", "prefix"): 3,
        ("pinyin", "exact"): 4, ("pinyin", "prefix"): 5, ("initials", "exact"): 6, ("initials", "prefix"): 7,
        ("name", "infix"): 8, ("alias", "infix"): 9, ("pinyin", "infix"): 10,
        ("pinyin~", "exact"): 5, ("pinyin~", "prefix"): 6}  # pinyin~: another reading of a character (都 as du)
CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def pinyin_keys(name: str) -> tuple[str, str]:
    """('shiliqu', 'slq') for 示例区; letters and digits of the name are kept as they are."""
    return pinyin_variants(name)[0]


MAX_READINGS = 8  # spellings kept per name when its characters have several readings


def pinyin_variants(name: str) -> list[tuple[str, str]]:
    """Every (full, initials) spelling of the name when a character has several readings (都: du, dou), the
    common reading first; at most MAX_READINGS, so a name of many such characters stays cheap."""
    from pypinyin import Style, lazy_pinyin, pinyin

    common = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(name, style=Style.NORMAL,
                                                                       errors=lambda x: list(x))]
    readings = []
    for ch, first in zip(name, common):
        alts = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=lambda x: list(x))[0] if CJK.match(ch) else [first]
        alts = [re.sub(r"[^a-z0-9]", "", a.lower()) for a in alts]
        readings.append(list(dict.fromkeys([first, *alts])) if first else [])
    out = [[]]
    for alts in readings:
        if not alts:
            continue
        out = [v + [a] for v in out for a in alts][:MAX_READINGS] if len(out) * len(alts) <= MAX_READINGS \
            else [v + [alts[0]] for v in out]
    variants = [("".join(v), "".join(x[0] for x in v)) for v in out if v]
    return list(dict.fromkeys(variants)) or [("", "")]


@dataclass
class Hit:
    id: str
    label: str
    type: str
    matched: str  # the key that matched (an alias, a pinyin spelling …)
    how: str  # name / alias / pinyin / initials
    rank: int
    degree: int

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "type": self.type, "matched": self.matched,
                "how": self.how, "rank": self.rank, "degree": self.degree}


class SearchIndex:
    """Keys per entity, built once: (kind, key, shown) with kind name/alias/pinyin/initials."""

    def __init__(self, index: Index):
        self.index = index
        self.keys: list[tuple[str, str, str, str]] = []  # (entity id, kind, key, shown)
        for e in sorted(index.entities.values(), key=lambda e: e.id):
            for kind, names in (("name", [e.label]), ("alias", e.aliases)):
                for n in names:
                    forms = {n.lower()}
                    forms.add(to_simplified(n).lower())
                    forms.add(to_traditional(n).lower())
                    for f in sorted(forms):
                        self.keys.append((e.id, kind, f, n))
                    variants = pinyin_variants(to_simplified(n)) if CJK.search(n) else []
                    for i, (full, initials) in enumerate(variants):
                        if full and i == 0:
                            self.keys.append((e.id, "pinyin", full, n))
                            self.keys.append((e.id, "initials", initials, n))
                        elif full:
                            self.keys.append((e.id, "pinyin~", full, n))  # exact or prefix only: no noise

    def search(self, query: str, limit: int = 20, types: set[str] | None = None) -> list[Hit]:
        q = re.sub(r"\s+", "", query or "").lower()
        if not q:
            return []
        cjk = bool(CJK.search(q))
        qs = {q, to_simplified(q)} if cjk else {q.replace("'", "")}
        best: dict[str, Hit] = {}
        for eid, kind, key, shown in self.keys:
            if cjk and kind in ("pinyin", "pinyin~", "initials"):
                continue
            if not cjk and kind not in ("pinyin", "pinyin~", "initials") and not key.isascii():
                continue
            how = None
            for qq in qs:
                if key == qq:
                    how = "exact"
                elif key.startswith(qq):
                    how = how if how == "exact" else "prefix"
                elif qq in key and kind != "initials" and how is None:
                    how = "infix"
            if how is None or (kind, how) not in RANK:
                continue
            e = self.index.entities[eid]
            if types and e.type not in types:
                continue
            hit = Hit(eid, e.label, e.type, shown, kind.rstrip("~"), RANK[(kind, how)], self.index.degree(eid))
            old = best.get(eid)
            if old is None or hit.rank < old.rank:
                best[eid] = hit
        hits = sorted(best.values(), key=lambda h: (h.rank, -h.degree, len(h.label), h.label, h.id))
        return hits[:limit]
