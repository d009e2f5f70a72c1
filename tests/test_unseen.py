"""Generalisation: invented articles about other cities (one in traditional characters), each with gold.

None of their names appears in the extraction code or the resources it reads (asserted below);
the same check runs against the corpus gold when it is available beside the project.
"""
import json
import re
from pathlib import Path

import pytest

from kg.places import gazetteer
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from kg.evaluate import evaluate, load_gold
from kg.lexicon import lexicon
from kg.lexicon import industries
from kg.query import load_graph

ROOT = Path(__file__).resolve().parent.parent
UNSEEN_GOLD = ROOT / "tests" / "unseen" / "gold"
CORPUS_GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="module")
def report(unseen_built):
    return evaluate(load_graph(unseen_built, store="default"), load_gold(UNSEEN_GOLD))


@pytest.mark.parametrize("what, minimum", [
    ("core F1", 0.90), ("Place F1", 0.85), ("relation recall", 0.80), ("typed relation recall", 0.75),
    ("pair precision", 0.60), ("fact recall", 0.80),
])
def test_unseen_articles_pass(report, what, minimum):
    value = {"core F1": report.core_micro["F1"], "Place F1": report.types["Place"]["F1"],
             "relation recall": report.relations["R_any"], "typed relation recall": report.relations["R_typed"],
             "pair precision": report.relations["pair_P_lower"], "fact recall": report.facts["R"]}[what]
    assert value >= minimum, (what, value, report.misses, report.false_pos)


@pytest.mark.parametrize("traditional, simplified", [
    ("浙江瑞禾光電有限公司", "浙江瑞禾光电有限公司"),
    ("甌海生命健康產業園", "瓯海生命健康产业园"),
    ("溫州醫科大學甌海眼視光研究院", "温州医科大学瓯海眼视光研究院"),
])
def test_traditional_and_simplified_names_are_one_node(unseen_built, traditional, simplified):
    g = load_graph(unseen_built, store="default")
    trad = set(g.subjects(SKOS.altLabel, Literal(traditional, lang="zh")))
    simp = set(g.subjects(RDFS.label, Literal(simplified, lang="zh")))
    assert trad and trad == simp


def _names(gold_dir: Path) -> set[str]:
    import opencc

    t2s, names = opencc.OpenCC("t2s"), set()
    for p in gold_dir.glob("*.json"):
        for e in json.loads(p.read_text(encoding="utf-8"))["entities"]:
            for n in [e["name"], *e.get("aliases", [])]:
                names |= {n, t2s.convert(n)}
    lex = lexicon()
    generic = set(lex.heads) | set(lex.categories) | set(lex.stopwords) | set(industries())
    places = gazetteer()  # administrative divisions come from a package: general data, allowed
    return {n for n in names if len(n) >= 2 and n not in generic and not places.lookup(n)
            and not (n.isascii() and len(n) < 4)
            and not re.fullmatch(r"[一二三四五六七八九十百千万亿两零]+", n)}  # general vocabulary is allowed


@pytest.mark.parametrize("gold_dir", [UNSEEN_GOLD, CORPUS_GOLD, ROOT / "devset" / "dev" / "gold",
                                      ROOT / "devset" / "held" / "gold"], ids=["unseen", "corpus", "dev", "held"])
def test_no_gold_name_in_extraction_code_or_resources(gold_dir):
    if not gold_dir.exists():
        pytest.skip("the corpus gold lives beside the project only")
    names = _names(gold_dir)
    sources = list((ROOT / "kg").rglob("*.py")) + list((ROOT / "kg" / "resources").glob("*"))
    found = {(p.name, n) for p in sources for n in names if n in p.read_text(encoding="utf-8")}
    assert not found
