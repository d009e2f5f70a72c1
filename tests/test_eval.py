"""`kg eval`: the guideline matching rules, and agreement with the independent scorer."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.evaluate import Gold, GoldEntity, evaluate, load_gold, norm
from kg.vocab import KGO, KGR

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
GOLD = ROOT.parent / "shared" / "gold"


def _graph(nodes):
    g = Graph()
    for i, (typ, label, *alts) in enumerate(nodes):
        u = KGR[f"e{i}"]
        g.add((u, RDF.type, KGO[typ]))
        g.add((u, RDFS.label, Literal(label, lang="zh")))
        for a in alts:
            g.add((u, SKOS.altLabel, Literal(a, lang="zh")))
    return g


def _gold(*ents):
    gold = Gold()
    for name, types, names, optional in ents:
        gold.entities[norm(name)] = GoldEntity(name, set(types), {norm(n) for n in names} | {norm(name)}, optional)
    return gold


@pytest.mark.parametrize("nodes, gold, typ, expected", [
    # exact name, right type
    ([("Company", "甲乙科技有限公司")], _gold(("甲乙科技有限公司", ["Company"], [], False)), "Company", (1, 1, 1.0)),
    # quotes and full-width brackets normalised away
    ([("Park", "“丙丁”小镇")], _gold(("丙丁小镇", ["Park"], [], False)), "Park", (1, 1, 1.0)),
    ([("Company", "戊(浙江)有限公司")], _gold(("戊（浙江）有限公司", ["Company"], [], False)), "Company", (1, 1, 1.0)),
    # found through an altLabel
    ([("Company", "己庚", "己庚集团")], _gold(("己庚集团", ["Company"], [], False)), "Company", (1, 1, 1.0)),
    # right name, wrong type: a miss and a false positive of the other type
    ([("Park", "辛壬项目")], _gold(("辛壬项目", ["Project"], [], False)), "Project", (0, 0, 0.0)),
    # an alt type is accepted
    ([("Park", "癸园")], _gold(("癸园", ["Project", "Park"], [], False)), "Park", (1, 1, 1.0)),
    # optional gold entities neither count as misses nor as false positives
    ([("Policy", "子丑计划")], _gold(("子丑计划", ["Policy"], [], True)), "Policy", (0, 0, 0.0)),
    # a node matching nothing is a false positive
    ([("Company", "寅卯公司")], _gold(("辰巳公司", ["Company"], [], False)), "Company", (0, 1, 0.0)),
])
def test_entity_matching_rules(nodes, gold, typ, expected):
    t = evaluate(_graph(nodes), gold).types[typ]
    assert (t["found"], t["kg"], t["P"]) == expected


def test_relations_count_either_direction_and_hosts_equals_located_in():
    g = _graph([("Place", "午区"), ("Park", "未园")])
    g.add((KGR["e1"], KGO.locatedIn, KGR["e0"]))
    gold = _gold(("午区", ["Place"], [], False), ("未园", ["Park"], [], False))
    gold.relations = [{"subject": "午区", "relation": "hosts", "object": "未园"}]
    r = evaluate(g, gold).relations
    assert (r["any_edge"], r["typed"], r["pair_edges"], r["pair_P_lower"]) == (1, 1, 1, 1.0)


@pytest.mark.parametrize("value, unit, literal, hit", [
    (12, "亿元", 1.2e9, True), (12, "亿元", 12, True), (5.3, "%", 0.053, True),
    (860, "億元", 8.6e10, True), (300, "家", 300, True), (300, "家", 30, False),
])
def test_fact_values_match_in_any_scale(value, unit, literal, hit):
    g = _graph([("Place", "申区")])
    fact = KGR["f"]
    g.add((fact, KGO.about, KGR["e0"]))
    g.add((fact, KGO.value, Literal(literal)))
    gold = _gold(("申区", ["Place"], [], False))
    gold.facts = [{"subject": "申区", "measure": "x", "value": value, "unit": unit, "year": None}]
    assert evaluate(g, gold).facts["found"] == int(hit)


@pytest.mark.parametrize("gold_file, code", [(None, "E005"), ("{not json", "E005"), ('{"doc": "a.txt", "entities": []}', "E004")])
def test_eval_errors_are_one_line(tmp_path, gold_file, code):
    gold = tmp_path / "gold"
    gold.mkdir()
    if gold_file is not None:
        (gold / "a.json").write_text(gold_file, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "eval", "--gold", str(gold), "--kg", str(tmp_path / "none")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and code in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(not SCORER.exists() or not GOLD.exists(), reason="the shared scorer is beside the project only")
def test_agrees_with_independent_scorer(built):
    out = built[1]
    theirs = json.loads(subprocess.run([sys.executable, str(SCORER), str(out), str(GOLD), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    ours = json.loads(subprocess.run([sys.executable, "-m", "kg", "eval", "--gold", str(GOLD), "--kg", str(out),
                                      "--json"], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
    for t, v in theirs["types"].items():
        assert ours["types"][t] == pytest.approx(v), t
    for k in ("gold", "any_edge", "typed", "pair_edges"):
        assert ours["relations"][k] == theirs["relations"][k], k
    assert ours["relations"]["pair_P_lower"] == pytest.approx(theirs["relations"]["pair_P_lower"])
    assert ours["facts"] == pytest.approx(theirs["facts"])
    assert ours["core_micro"] == pytest.approx(theirs["core_micro"])
    for k, v in theirs["misses"].items():
        assert sorted(x.strip() for x in ours["misses"].get(k, [])) == sorted(x.strip() for x in v), k
    for k, v in theirs["false_pos"].items():
        assert sorted(ours["false_pos"].get(k, [])) == sorted(v), k


def test_load_gold_merges_an_entity_named_in_two_documents(tmp_path):
    for i in range(2):
        (tmp_path / f"{i}.json").write_text(json.dumps({"doc": f"{i}.txt", "entities": [
            {"name": "酉园", "type": "Park", "aliases": [f"别名{i}"]}]}, ensure_ascii=False), encoding="utf-8")
    gold = load_gold(tmp_path)
    assert gold.entities["酉园"].names == {"酉园", "别名0", "别名1"}
