"""The trained relation scorer: its arithmetic, its file, its place after the rules, and training for real
(scikit-learn on the invented unseen articles and their gold)."""
from pathlib import Path

import pytest

from kg.errors import PairModelError
from kg.extract import analyse
from kg.pair_model import MODEL, PairModel, load, shipped
from kg.pairs import candidates
from kg.relate import Relator
from kg.resolve import Resolver
from kg.tag import get_tagger
from tests.test_generalise import _article

UNSEEN = Path(__file__).parent / "unseen"
TOY = PairModel(["none", "investsIn>", "locatedIn<"], [0.0, -4.0, -4.0],
                {"tp:Company>Project": [0.0, 6.0, 0.0], "tp:Place>Project": [0.0, 0.0, 6.0]}, 0.5)


@pytest.mark.parametrize("features, expected", [
    (["tp:Company>Project"], ("investsIn", ">")),
    (["tp:Place>Project"], ("locatedIn", "<")),
    (["tp:Park>Park"], None),  # only the bias: the pair stays unlinked
    ([], None),
])
def test_prediction_and_threshold(features, expected):
    hit = TOY.predict(features)
    assert (hit[:2] if hit else None) == expected
    if hit:
        assert 0.5 <= hit[2] <= 1.0


def _analysed(text):
    a = _article(text)
    analyses = analyse(a, get_tagger())
    res = Resolver()
    keys = res.add_article(a, analyses)
    label = {k: e.name for k, e in res.entities.items()}
    types = {k: e.type for k, e in res.entities.items()}
    return a, analyses, keys, label, types


SENTENCE = "浙江甲乙丙科技有限公司与丁戊己新材料项目同日亮相。"


def test_the_model_links_what_the_rules_left_alone():
    a, analyses, keys, label, types = _analysed(SENTENCE)
    named = {label[k]: k for k in keys.values()}
    assert {"浙江甲乙丙科技有限公司", "丁戊己新材料项目"} <= set(named)
    rules = Relator(a, keys, label, types, model=False).run(analyses)
    assert not [r for r in rules if {r.subject, r.object} == {named["浙江甲乙丙科技有限公司"], named["丁戊己新材料项目"]}]
    both = Relator(a, keys, label, types, model=TOY).run(analyses)
    added = [(label[r.subject], r.predicate, label[r.object], r.rule) for r in both if r.rule == "model:pair"]
    assert ("浙江甲乙丙科技有限公司", "investsIn", "丁戊己新材料项目", "model:pair") in added
    assert all(r in both for r in rules)  # the model never removes what a rule found


def test_candidates_keep_names_out_of_the_features():
    a, analyses, keys, label, _ = _analysed(SENTENCE)
    cands = [c for an in analyses for c in candidates(an, lambda m: keys.get(id(m)), label)]
    assert cands
    text = " ".join(f for c in cands for f in c.features)
    assert "甲乙丙" not in text and "丁戊己" not in text and "亮相" not in text  # nouns and names as their kind


def test_shipped_model_is_readable_and_general():
    m = shipped()
    assert m is not None and m.classes[0] == "none" and 0.0 < m.threshold < 1.0
    assert all(len(w) == len(m.classes) for w in m.weights.values())
    assert load(MODEL).to_json() == MODEL.read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize("content", ["not json", '{"classes": ["none"]}', '[1, 2]'])
def test_a_broken_model_file_is_named(tmp_path, content):
    p = tmp_path / "m.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(PairModelError) as e:
        load(p)
    assert "E090" in str(e.value) and str(p) in str(e.value)


def test_training_for_real_is_deterministic(tmp_path):
    from kg.train_pairs import train

    one, two = tmp_path / "one.json", tmp_path / "two.json"
    report = train(UNSEEN / "articles", UNSEEN / "gold", one)
    train(UNSEEN / "articles", UNSEEN / "gold", two)
    assert one.read_bytes() == two.read_bytes()
    assert report[0]["threshold"] is None and report[0]["recall"] > 0.5
    model = load(one)
    assert model.classes[0] == "none" and len(model.classes) >= 2 and model.weights


def test_training_without_gold_is_a_clear_error(tmp_path):
    from kg.train_pairs import train

    with pytest.raises(PairModelError, match="no gold files"):
        train(UNSEEN / "articles", tmp_path, tmp_path / "m.json")
