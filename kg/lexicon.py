"""Load the general word lists in kg/resources (heads, list categories, stop words, governing verbs)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kg").joinpath("resources").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    heads: dict[str, str]  # head → type
    head_notes: dict[str, str]
    categories: dict[str, str]
    stopwords: frozenset[str]
    verbs: frozenset[str]
    max_head: int

    def head_type(self, word: str) -> str | None:
        return self.heads.get(word)

    def longest_head_suffix(self, text: str) -> str | None:
        for n in range(min(len(text), self.max_head), 0, -1):
            if text[-n:] in self.heads:
                return text[-n:]
        return None

    @cached_property
    def category_alternation(self) -> str:
        """The categories as one regex alternation, longest first (built once per lexicon, not per sentence)."""
        return "|".join(sorted(self.categories, key=len, reverse=True))

    def category_type(self, phrase: str) -> str | None:
        for n in range(len(phrase), 0, -1):
            if phrase[-n:] in self.categories:
                return self.categories[phrase[-n:]]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    heads, notes = {}, {}
    for row in _rows("heads.tsv"):
        heads[row[0]] = row[1]
        if len(row) > 2:
            notes[row[0]] = row[2]
    cats = {r[0]: r[1] for r in _rows("categories.tsv")}
    stop = frozenset(r[0] for r in _rows("stopwords.tsv"))
    verbs = frozenset(r[0] for r in _rows("verbs.tsv"))
    return Lexicon(heads, notes, cats, stop, verbs, max(map(len, heads)))


@lru_cache(maxsize=1)
def industries() -> tuple[str, ...]:
    """Industry words (新材料, 生物医药): what a list of categories or a place-and-industry phrase is made of."""
    text = resources.files("kg").joinpath("resources").joinpath("industries.tsv").read_text(encoding="utf-8")
    return tuple(x for x in text.splitlines() if x and not x.startswith("#"))
