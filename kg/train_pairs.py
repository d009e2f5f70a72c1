"""Train the relation scorer (pair_model.py) on annotated articles: build each article with the rules, pair
its mentions (pairs.py), label each pair from the gold file's relations, fit a multinomial logistic
regression (scikit-learn, the `train` extra) and choose the threshold by cross-validation over articles.
Run by `make train-pairs DEVSET=…`; the weights it writes are what the build ships."""
from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PairModelError
from .pair_model import NONE, PairModel
from .pairs import candidates

QUOTES = set("\"'“”‘’「」『』《》〈〉")
CANON = {"hosts": ("locatedIn", True)}  # hosts(y, x) is read as locatedIn(x, y)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if c not in QUOTES and not c.isspace())


@dataclass
class Rows:
    """Training rows: features, label, article; and per article the gold pairs and the rules' pairs."""

    X: list[list[str]] = field(default_factory=list)
    y: list[str] = field(default_factory=list)
    doc: list[str] = field(default_factory=list)
    pair: list[tuple[str, str]] = field(default_factory=list)  # (gold id, gold id) of the row, sorted
    gold_pairs: dict[str, set] = field(default_factory=dict)  # doc → {(gid, gid)} that are related
    rule_pairs: dict[str, set] = field(default_factory=dict)  # doc → {(gid, gid)} the rules link
    optional: set = field(default_factory=set)
    rule_X: list[list[str]] = field(default_factory=list)  # one row per rule relation between gold entities
    rule_y: list[int] = field(default_factory=list)
    rule_doc: list[str] = field(default_factory=list)
    rule_pair: list[tuple[str, str]] = field(default_factory=list)


def _gold(gold_dir: Path) -> dict[str, dict]:
    out = {}
    for p in sorted(gold_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        out[d["doc"]] = d
    return out


def collect(corpus: Path, gold_dir: Path, progress: bool = True) -> Rows:
    """Build the corpus with the rules alone and turn every candidate pair into a labelled row."""
    from .build import extract_corpus, read_corpus
    from .relate import Relator
    from .resolve import Resolver

    gold = _gold(gold_dir)
    if not gold:
        raise PairModelError(f"no gold files (*.json) in {gold_dir}")
    articles, errors = read_corpus(corpus)
    for e in errors:
        print(e, file=sys.stderr)
    articles = [a for a in articles if Path(a.doc_id).name in gold or a.doc_id in gold]
    if not articles:
        raise PairModelError(f"no article of {corpus} has a gold file in {gold_dir}")
    resolver, kept = Resolver(), []
    for a, analyses, _ in extract_corpus(articles, jobs=1, progress=progress):
        kept.append((a, analyses, resolver.add_article(a, analyses)))
    ents = resolver.entities
    label = {k: e.name for k, e in ents.items()}
    types = {k: e.type for k, e in ents.items()}
    rows = Rows()
    for a, analyses, keys in kept:
        d = gold.get(Path(a.doc_id).name) or gold[a.doc_id]
        _rows_of(a, analyses, keys, d, ents, label, types, rows, Relator)
    return rows


def _rows_of(a, analyses, keys, d, ents, label, types, rows: Rows, Relator) -> None:
    doc = d["doc"]
    gid = {}
    for e in d["entities"]:
        g = norm(e["name"])
        for n in [e["name"], *e.get("aliases", [])]:
            gid.setdefault(norm(n), g)
        if e.get("optional"):
            rows.optional.add(g)
    key_gold = {}
    for k in set(keys.values()):
        names = {norm(ents[k].name), *(norm(x) for x in ents[k].aliases)}
        hits = {gid[n] for n in names if n in gid}
        if len(hits) == 1:
            key_gold[k] = hits.pop()
    rel = {}
    gold_pairs = set()
    for r in d.get("relations", []):
        s, o = gid.get(norm(r["subject"])), gid.get(norm(r["object"]))
        if not s or not o or s == o:
            continue
        pred, flip = CANON.get(r["relation"], (r["relation"], False))
        if flip:
            s, o = o, s
        rel.setdefault((s, o), pred)
        gold_pairs.add(tuple(sorted((s, o))))
    rows.gold_pairs[doc] = gold_pairs
    found = Relator(a, keys, label, types, model=False).run(analyses)  # the rules alone
    rows.rule_pairs[doc] = {tuple(sorted((key_gold[r.subject], key_gold[r.object]))) for r in found
                            if r.subject in key_gold and r.object in key_gold}
    by_sentence = {an.sentence.index: an for an in analyses}
    fan = defaultdict(int)
    for r in found:
        fan[(r.rule, r.subject)] += 1
        fan[(r.rule, r.object)] += 1
    for r in found:
        if r.subject not in key_gold or r.object not in key_gold or key_gold[r.subject] == key_gold[r.object]:
            continue
        an = by_sentence.get(r.evidence.sentence_index)
        rows.rule_X.append(relation_features(r, an, keys, label, types, fan))
        pair = tuple(sorted((key_gold[r.subject], key_gold[r.object])))
        rows.rule_y.append(int(pair in gold_pairs))
        rows.rule_doc.append(doc)
        rows.rule_pair.append(pair)
    key = lambda m: keys.get(id(m))  # noqa: E731
    for an in analyses:
        for c in candidates(an, key, label):
            gx, gy = key_gold.get(c.left_key), key_gold.get(c.right_key)
            if not gx or not gy or gx == gy:
                continue
            if (gx, gy) in rel:
                y = rel[(gx, gy)] + ">"
            elif (gy, gx) in rel:
                y = rel[(gy, gx)] + "<"
            else:
                y = NONE
            rows.X.append(c.features)
            rows.y.append(y)
            rows.doc.append(doc)
            rows.pair.append(tuple(sorted((gx, gy))))


def relation_features(r, an, keys, label, types, fan) -> list[str]:
    """Evidence for one rule's relation: the rule, the types, whether both ends are named in the sentence."""
    from .pairs import place_level

    def t(k):
        ty = types.get(k, "")
        return ty + place_level(label.get(k, "")) if ty == "Place" else ty

    tp = f"{t(r.subject)}>{t(r.object)}"
    f = [f"rule:{r.rule}", f"rule|tp:{r.rule}|{tp}", f"tp:{tp}", f"pred|tp:{r.predicate}|{tp}"]
    n = max(fan[(r.rule, r.subject)], fan[(r.rule, r.object)])
    f.append(f"rule|fan:{r.rule}|{min(n, 6)}")
    if an is not None:
        ks = {keys.get(id(m)) for m in an.mentions}
        both = r.subject in ks and r.object in ks
        f.append(f"rule|both:{r.rule}|{both}")
        f.append(f"rule|nment:{r.rule}|{min(len(an.mentions), 8)}")
    return f


def fit(X: list[list[str]], y: list[str], min_count: int = 2, C: float = 1.0) -> PairModel:
    """Multinomial logistic regression over the features seen at least `min_count` times."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = defaultdict(int)
    for fs in X:
        for f in set(fs):
            counts[f] += 1
    keep = lambda fs: {f: 1 for f in fs if counts[f] >= min_count}  # noqa: E731
    vec = DictVectorizer(sort=True)
    M = vec.fit_transform([keep(fs) for fs in X])
    classes = sorted(set(y), key=lambda c: (c != NONE, c))
    if len(classes) < 2 or NONE not in classes:
        raise PairModelError("training needs related and unrelated pairs: the gold files give too few relations")
    clf = LogisticRegression(C=C, max_iter=2000, random_state=0)
    clf.fit(M, y)
    coef, icpt = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:  # one logit against the first class: as a softmax, the first scores 0
        coef, icpt = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, icpt[0]])
    order = [list(clf.classes_).index(c) for c in classes]
    names = vec.get_feature_names_out()
    weights = {}
    for j, f in enumerate(names):
        w = [round(float(coef[c, j]), 3) for c in order]  # 3 decimals: no name-like digit runs
        if any(abs(v) >= 1e-3 for v in w):
            weights[str(f)] = w
    bias = [round(float(icpt[c]), 3) for c in order]
    return PairModel(classes, bias, weights, 0.5)


def evaluate(rows: Rows, model_of_fold, folds: int = 5, thresholds=(0.3, 0.4, 0.5, 0.6, 0.7)) -> list[dict]:
    """Cross-validation over articles: for each threshold, pair recall and precision of rules + model
    against rules alone (pairs whose ends are non-optional gold entities, as the scorer counts them)."""
    docs = sorted(set(rows.doc))
    fold = {d: i % folds for i, d in enumerate(docs)}
    linked = [0.0] * len(rows.y)
    for f in range(folds):
        train = [i for i, d in enumerate(rows.doc) if fold[d] != f]
        try:
            model = model_of_fold([rows.X[i] for i in train], [rows.y[i] for i in train])
        except PairModelError:  # too few relations outside this fold: the rules alone there
            continue
        for i, d in enumerate(rows.doc):
            if fold[d] == f:
                p = model.probabilities(rows.X[i])
                linked[i] = 1.0 - p[model.classes.index(NONE)]
    out = []
    for t in (None, *thresholds):
        hit = edges = 0
        gold_total = sum(len(v) for v in rows.gold_pairs.values())
        for d in docs:
            pred = set(rows.rule_pairs[d])
            if t is not None:
                pred |= {rows.pair[i] for i, dd in enumerate(rows.doc) if dd == d and linked[i] >= t}
            pred = {p for p in pred if not (set(p) & rows.optional)}
            edges += len(pred)
            hit += len(pred & rows.gold_pairs[d])
        out.append({"threshold": t, "recall": hit / gold_total if gold_total else 0.0,
                    "precision": hit / edges if edges else 0.0, "edges": edges})
    return out


def train(corpus: Path, gold_dir: Path, out: Path, threshold: float | None = None) -> list[dict]:
    """Collect rows, report cross-validated scores per threshold, fit on everything and write the model."""
    rows = collect(corpus, gold_dir)
    report = evaluate(rows, fit)
    if threshold is None:  # the threshold whose rules + model pairs have the best F1
        f1 = lambda r: 2 * r["precision"] * r["recall"] / (r["precision"] + r["recall"]) if r["recall"] else 0.0  # noqa: E731
        best = max(f1(r) for r in report[1:])  # within 0.002 of the best F1, the most precise threshold
        threshold = max(r["threshold"] for r in report[1:] if f1(r) >= best - 0.002)
    model = fit(rows.X, rows.y)
    model.threshold = threshold
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    return report
