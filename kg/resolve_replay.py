"""Resolution replayed from a record, so a rebuild resolves an unchanged article without its mentions (issue 12:
a one-article change among thousands in seconds). Resolving an article is a local step (canonical names, short
forms: the article alone) and then `Resolver._register` calls, the only part that reads or changes the state
shared across articles; the calls are recorded beside the article's analysis and replayed in the same order."""
from __future__ import annotations

from dataclasses import dataclass

from .resolve import Resolver

RECORD = 1  # format of a record (the cache key already covers the code that made it)


@dataclass(frozen=True)
class Call:
    """One `_register` call: the entity name, its names, the article-only short forms, and its mentions
    (positions in `reduce.mentions_of` order) with what `_register` reads of them."""

    name: str
    names: frozenset
    local_only: frozenset
    mentions: tuple  # of int
    types: tuple  # of str, per mention
    alt_types: tuple  # of tuples of str, per mention


@dataclass(frozen=True)
class Record:
    """Every `_register` call of one article's resolution, in order, and how many mentions it has."""

    calls: tuple
    n_mentions: int
    version: int = RECORD


class _Seen:
    """What `_register` reads of a mention (its type, its other types), standing in for one not loaded."""

    __slots__ = ("type", "alt_types")

    def __init__(self, type_: str, alt_types: tuple):
        self.type, self.alt_types = type_, alt_types


class RecordingResolver(Resolver):
    """A `Resolver` that can resolve an article while recording its calls, or replay a record."""

    def __init__(self):
        super().__init__()
        self._calls: list | None = None

    def _register(self, name, names, ms, local_only=frozenset()):
        if self._calls is not None:
            self._calls.append((name, frozenset(names), frozenset(local_only), list(ms)))
        return super()._register(name, names, ms, local_only)

    def resolve(self, article, analyses, mentions: list) -> tuple[list, Record]:
        """Resolve the article (MENTIONS: its mentions in `mentions_of` order); returns the entity key of
        each mention (None: too short to name anything) and the record of the calls."""
        pos = {id(m): i for i, m in enumerate(mentions)}
        self._calls = []
        try:
            keys = self.add_article(article, analyses)
            calls = self._calls
        finally:
            self._calls = None
        record = Record(tuple(Call(name, names, local, tuple(pos[id(m)] for m in ms), tuple(m.type for m in ms),
                                   tuple(tuple(m.alt_types) for m in ms))
                              for name, names, local, ms in calls), len(mentions))
        return [keys.get(id(m)) for m in mentions], record

    def replay(self, record: Record, mentions: list | None = None) -> list:
        """The calls of RECORD again (with the real MENTIONS when given, so entities keep them); returns
        the entity key of each mention, as `resolve` did."""
        if mentions is not None and len(mentions) != record.n_mentions:
            raise ValueError("the record is of another analysis")
        keys: list = [None] * record.n_mentions
        for c in record.calls:
            ms = [mentions[i] for i in c.mentions] if mentions is not None else \
                [_Seen(t, a) for t, a in zip(c.types, c.alt_types)]
            key = Resolver._register(self, c.name, set(c.names), ms, set(c.local_only))
            for i in c.mentions:
                keys[i] = key
        return keys


def valid(record) -> bool:
    """A record this code can replay (anything else read from a cache is a miss)."""
    return isinstance(record, Record) and record.version == RECORD and isinstance(record.calls, tuple)
