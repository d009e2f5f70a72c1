"""Typed records passed between the steps of the flow: read → tag → mentions → resolve → relate → RDF."""
from __future__ import annotations

from dataclasses import dataclass, field

#: The entity types of the ontology, core types first.
CORE_TYPES = ("Company", "Park", "Project", "Institute")
SECONDARY_TYPES = ("Place", "GovernmentBody", "Policy", "Award")
ENTITY_TYPES = CORE_TYPES + SECONDARY_TYPES
RELATIONS = ("locatedIn", "partOf", "hosts", "investsIn", "operates", "leads", "receivedAward", "withinDivision")


@dataclass
class Article:
    """One source document, decoded and normalised to simplified Chinese."""

    doc_id: str  # file name, e.g. "000_abc.txt"
    path: str
    text: str  # simplified text, same length as `original`
    original: str  # text as decoded from the file
    encoding: str
    title: str = ""
    district: str = ""
    year: int | None = None


@dataclass
class Sentence:
    """A sentence of an article; `pieces` map its characters back to the article text."""

    doc_id: str
    index: int
    text: str
    pieces: list[tuple[int, int]]  # (start, end) ranges of the article text, concatenated = text

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def to_article(self, i: int) -> int:
        """Article offset of character `i` of this sentence (i == len(text) maps to the end)."""
        for s, e in self.pieces:
            if i < e - s:
                return s + i
            i -= e - s
        return self.pieces[-1][1] + i


@dataclass
class Token:
    text: str
    pos: str
    start: int  # offsets within the sentence
    end: int


@dataclass
class Mention:
    """A span of a sentence naming an entity of a type."""

    text: str
    type: str
    sentence: Sentence
    start: int  # offsets within the sentence text
    end: int
    alt_types: tuple[str, ...] = ()
    rule: str = ""
    aliases: tuple[str, ...] = ()  # other forms of the name the same span supports (the quoted core)

    @property
    def doc_id(self) -> str:
        return self.sentence.doc_id

    @property
    def span(self) -> tuple[int, int]:
        return self.sentence.to_article(self.start), self.sentence.to_article(self.end - 1) + 1


@dataclass
class Entity:
    """One real-world entity, possibly named in several articles."""

    key: str  # stable identifier (derived from the canonical name)
    name: str  # canonical (simplified) Chinese name
    type: str
    alt_types: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Evidence:
    """Where a statement comes from: the article, the sentence text and its character offsets."""

    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, s: Sentence) -> "Evidence":
        return cls(s.doc_id, s.index, s.text, s.start, s.end)


@dataclass
class Relation:
    subject: str  # entity name (resolved to a key later)
    predicate: str
    object: str
    evidence: Evidence
    rule: str = ""


@dataclass
class Fact:
    """A numeric statement about an entity: measure, value (base units), unit as written, qualifier, period, year."""

    subject: str
    measure: str
    value: float  # in base units (元, 亩, 个, %, …)
    unit: str  # base unit
    written: str  # the amount as written, e.g. "超1.8万亿元"
    number: float  # the number as written (1.8)
    unit_written: str  # the unit as written (万亿元)
    evidence: Evidence
    qualifier: str = ""  # over | nearly | about | moreThan | atLeast | atMost
    period: str = ""
    year: int | None = None
    status: str = "achieved"  # achieved | target | forecast
    aspect: str = "level"  # level | growthRate (同比增长5%) | change (增加2万人); see docs/facts.md
    direction: str = ""  # up | down, for growth rates, changes and the two ends of 从A提升至B
    concept: str = ""  # local name of the measure concept (ontology/measures.ttl), '' when outside the scheme
    scope: str = ""  # a threshold narrowing the measure (10亿元以上 in 10亿元以上项目15个)
    role: str = ""  # before | after, the two values of 从A提升至B
    previous: "Fact | None" = None  # the before value of a change (on its after value)
    offset: int = -1  # where the amount starts in its sentence (keeps two equal amounts apart)
    measure_lang: str = "zh"  # zh-Hant when the article (and so the measure) is in traditional characters
    measure_hans: str = ""  # then the measure in simplified characters too (found in either script; docs/facts.md)


@dataclass
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation]
    facts: list[Fact]
