"""Resolve mentions to entities: canonical names, short forms, administrative names, across articles."""
from __future__ import annotations

import re
from collections import Counter

from .extract import SentenceAnalysis, clean_name
from .lexicon import industries, lexicon
from .model import Article, Entity, Mention
from .names import norm, short_forms
from .places import gazetteer
from .wordfreq import word_freq

TYPE_ORDER = ("Company", "Institute", "Park", "Project", "GovernmentBody", "Policy", "Award", "Place")


def canonical(m: Mention, article: Article) -> tuple[str, set[str]]:
    """(canonical name, other names) of one mention."""
    if m.rule.startswith("abbrev:"):  # the article's own short name: the full name, and no alias to share
        return m.rule[len("abbrev:"):], set()
    name = clean_name(m.text)
    aliases = {clean_name(a) for a in m.aliases if a}
    written = None
    if article.original != article.text:  # the name as written (traditional) stays a label
        s, e = m.span
        written = clean_name(article.original[s:e])
        if written != name and len(written) == len(name):
            aliases.add(written)
        else:
            written = None
    if m.type in ("Park", "Institute", "Company", "Project"):
        aliases |= _without_province(name)
    if m.type == "Park":
        aliases |= _without_city({name, *aliases})
    if m.type in ("Project", "Company"):
        rest = _without_county(name)
        if rest:
            aliases.add(rest)  # 某县|某某米业冷链物流: where it is, then its name
    if written:  # each shorter form that is a piece of the name also as written (某某項目 for 某某项目(一期))
        for a in list(aliases):
            i = name.find(a)
            if a != written and i >= 0 and len(a) >= 2:
                aliases.add(written[i:i + len(a)])
    if m.rule == "gazetteer":
        divs = gazetteer().lookup(name)
        if divs:
            d = _pick(divs, article.text, name)
            if d.name != name:
                aliases.add(name)
            return d.name, aliases
    return name, aliases


def _without_county(name: str) -> str | None:
    gaz = gazetteer()
    for n in range(min(6, len(name) - 4), 1, -1):
        divs = gaz.lookup(name[:n])
        if divs and any(d.level == "county" for d in divs) and name[:n][-1] in "县区市旗":
            rest = name[n:]
            head = lexicon().longest_head_suffix(rest)
            return rest if len(rest) >= 4 and head != rest else None
    return None


def _without_province(name: str) -> set[str]:
    """湖南省某市高新区 → 某市高新区, 某高新区: the forms without the province (and 市) an article or a reader uses."""
    gaz, out = gazetteer(), set()
    for n in range(min(8, len(name) - 4), 1, -1):
        divs = gaz.lookup(name[:n])
        if divs and any(d.level == "province" for d in divs):
            rest = name[n:]
            out.add(rest)
            for k in range(min(6, len(rest) - 3), 1, -1):
                if rest[k - 1] == "市" and gaz.lookup(rest[:k]):
                    if len(rest) - k >= 3 and lexicon().longest_head_suffix(rest[k:]) != rest[k:]:
                        out.add(rest[:k - 1] + rest[k:])
                    break
            break
    return out


def _without_city(names: set[str]) -> set[str]:
    """某市|某县工业园区 → 某县工业园区: a zone named after its county, less the city before it."""
    gaz, out = gazetteer(), set()
    for name in names:
        for n in range(min(5, len(name) - 4), 1, -1):
            if not any(d.level == "city" for d in gaz.lookup(name[:n])):
                continue
            rest = name[n:][1:] if name[n:].startswith("市") else name[n:]
            if any(any(d.level == "county" for d in gaz.lookup(rest[:k])) for k in (2, 3, 4)) and \
                    lexicon().longest_head_suffix(rest) != rest:
                out.add(rest)
            break
    return out


def _pick(divs, context: str, written: str = ""):
    if len(divs) == 1:
        return divs[0]
    gaz = gazetteer()

    def score(d):  # (the name as written is no evidence for a unit that holds a namesake: 衡阳 for 衡阳县)
        named = sum(context.count(a.name) + context.count(a.name[:-1]) for a in gaz.ancestors(d)
                    if len(a.name) > 2 and written not in (a.name, a.name[:-1]))
        return named, LEVEL_RANK.get(d.level, 0)  # nothing around it named: the higher unit (海南 the province)
    return max(divs, key=score)


LEVEL_RANK = {"province": 3, "city": 2, "county": 1}


class Resolver:
    """Accumulates entities over articles; `names` maps every known name to its entity key."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.names: dict[str, str] = {}
        self._votes: dict[str, tuple[Counter, set]] = {}  # per entity: its mentions' types and alt types

    def add_article(self, article: Article, analyses: list[SentenceAnalysis]) -> dict[int, str]:
        """Register the mentions of one article; return id(mention) → entity key."""
        lex = lexicon()
        local: dict[str, tuple[str, set[str], list[Mention]]] = {}
        for a in analyses:
            for m in a.mentions:
                name, aliases = canonical(m, article)
                if len(norm(name)) < 2:
                    continue
                entry = local.setdefault(norm(name), (name, set(), []))
                entry[1].update(aliases)
                entry[2].append(m)
        # short forms: 科创城 ⊂ 湖州科创城 (a place before it), 青云e谷 + 小镇 (a head after it)
        keys = sorted(local, key=len)
        parent: dict[str, str] = {}
        for short in keys:
            t_short = _main_type(local[short][2])
            for long in keys:
                if len(long) <= len(short) or short not in long:
                    continue
                if _main_type(local[long][2]) != t_short:
                    continue
                if short in short_forms(local[long][0], t_short):
                    parent[short] = long
                    break
                rest_after = long[len(short):] if long.startswith(short) else None
                rest_before = long[: -len(short)] if long.endswith(short) else None
                if (rest_after and rest_after in lex.heads and lex.heads[rest_after] == t_short) or \
                        (rest_before and gazetteer().lookup(rest_before)):
                    parent[short] = long
                    break
        out: dict[int, str] = {}
        for k, (name, aliases, ms) in local.items():
            root = k
            while root in parent:
                root = parent[root]
            rname = local[root][0]
            names = {name, *aliases}
            kinds = {n for n in names if norm(n) != norm(rname) and _kind_only(n)}
            key = self._register(rname, names, ms, local_only=kinds)
            for m in ms:
                out[id(m)] = key
        return out

    def _register(self, name: str, names: set[str], ms: list[Mention], local_only: set[str] = frozenset()) -> str:
        """Add mentions under `name`; `local_only` are short forms that stand for it in this article only (高新区,
        该园区): aliases of the entity, never a key another article's name could merge through."""
        key = self.names.get(norm(name))
        if key is None:
            key = next((self.names[norm(n)] for n in sorted(names - local_only) if norm(n) in self.names and
                        _main_type(ms) == self.entities[self.names[norm(n)]].type), None)
        if key is None:
            key = norm(name)
            self.entities[key] = Entity(key=key, name=name, type=_main_type(ms))
        e = self.entities[key]
        for n in names | {name}:
            if norm(n) != norm(e.name):
                e.aliases.add(n)
            if n not in local_only:
                self.names.setdefault(norm(n), key)
        e.mentions.extend(ms)
        counts, alts = self._votes.setdefault(key, (Counter(), set()))  # kept as mentions arrive, not recounted
        counts.update(m.type for m in ms)
        alts.update(a for m in ms for a in m.alt_types)
        e.type = max(counts, key=lambda t: (counts[t], -TYPE_ORDER.index(t)))
        e.alt_types = {t for t in counts if t != e.type} | alts - {e.type}
        return key


def _kind_only(name: str) -> bool:
    """高新区, 理工大学, 自贸试验区: a head alone or after a common word — what a short form leaves of a name once
    its place is gone. It stands for one entity in its article but would merge different ones across articles."""
    head = lexicon().longest_head_suffix(name)
    if not head:
        return False
    mod = name[:-len(head)]
    if not mod:
        return True
    if gazetteer().lookup(mod) or not re.fullmatch(r"[\u4e00-\u9fff]+", mod):
        return False
    return word_freq().get(mod, 0) >= COMMON_FREQ or mod in industries()


COMMON_FREQ = 300  # a word jieba's dictionary counts this often is a word, not a name (理工 490)


def _main_type(ms: list[Mention]) -> str:
    counts = Counter(m.type for m in ms)
    return max(counts, key=lambda t: (counts[t], -TYPE_ORDER.index(t)))
