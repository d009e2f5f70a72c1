"""Train the mention filter (mention_model.py) on annotated articles: analyse each article with the rules alone,
label each core-type mention from the article's gold file (a gold name of that type, or not a gold name;
optional names are left out), fit a logistic regression (scikit-learn, the `train` extra) and choose the
threshold by cross-validation over articles. Run by `make train-mentions DEVSET=…`."""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MentionModelError
from .mention_features import features
from .mention_model import FILTERED, MentionModel, name_counts
from .train_pairs import norm


@dataclass
class Rows:
    """One row per core-type mention: features, label, article and the (article, name, type) it stands for."""

    X: list[list[str]] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    doc: list[str] = field(default_factory=list)
    entity: list[tuple[str, str, str]] = field(default_factory=list)
    gold_total: int = 0  # non-optional gold entities of the filtered types, found or not


def collect(corpus: Path, gold_dir: Path) -> Rows:
    from .build import read_corpus
    from .extract import analyse_many
    from .resolve import canonical
    from .tag import get_tagger

    gold = {}
    for p in sorted(gold_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        gold[d["doc"]] = d
    if not gold:
        raise MentionModelError(f"no gold files (*.json) in {gold_dir}")
    articles, errors = read_corpus(corpus)
    for e in errors:
        print(e, file=sys.stderr)
    articles = [a for a in articles if Path(a.doc_id).name in gold]
    if not articles:
        raise MentionModelError(f"no article of {corpus} has a gold file in {gold_dir}")
    rows = Rows()
    for a, analyses in zip(articles, analyse_many(articles, get_tagger(), filtered=False)):
        d = gold[Path(a.doc_id).name]
        names: dict[str, list[dict]] = defaultdict(list)
        for e in d["entities"]:
            for n in {e["name"], *e.get("aliases", [])}:
                names[norm(n)].append(e)
        rows.gold_total += sum(1 for e in d["entities"] if e["type"] in FILTERED and not e.get("optional"))
        counts = name_counts(analyses)
        for an in analyses:
            for m in an.mentions:
                if m.type not in FILTERED:
                    continue
                name, aliases = canonical(m, a)
                hits = [e for n in (name, *aliases) for e in names.get(norm(n), [])]
                if any(e.get("optional") for e in hits):
                    continue  # borderline in the gold: neither kept nor dropped teaches anything
                rows.X.append(features(an, m, counts))
                rows.y.append(int(any(m.type == e["type"] or m.type in e.get("alt_types", []) for e in hits)))
                rows.doc.append(d["doc"])
                rows.entity.append((d["doc"], m.text, m.type))
    return rows


def fit(X: list[list[str]], y: list[int], min_count: int = 2, C: float = 0.3) -> MentionModel:
    """Logistic regression over the features seen at least `min_count` times."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        raise MentionModelError("training needs both gold names and names the gold does not have")
    counts: dict[str, int] = defaultdict(int)
    for fs in X:
        for f in set(fs):
            counts[f] += 1
    vec = DictVectorizer(sort=True)
    M = vec.fit_transform([{f: 1 for f in fs if counts[f] >= min_count} for fs in X])
    clf = LogisticRegression(C=C, max_iter=3000, random_state=0).fit(M, y)
    weights = {str(f): round(float(w), 3) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= 1e-3}
    return MentionModel(round(float(clf.intercept_[0]), 3), weights, 0.5)


def evaluate(rows: Rows, folds: int = 5, thresholds=(0.2, 0.3, 0.4, 0.5, 0.6)) -> list[dict]:
    """Cross-validation over articles, per (article, name, type) as the scorer counts entities: how many gold
    names and how many other names each threshold keeps."""
    docs = sorted(set(rows.doc))
    fold = {d: i % folds for i, d in enumerate(docs)}
    prob = [1.0] * len(rows.y)
    for f in range(folds):
        train = [i for i, d in enumerate(rows.doc) if fold[d] != f]
        try:
            model = fit([rows.X[i] for i in train], [rows.y[i] for i in train])
        except MentionModelError:
            continue
        for i, d in enumerate(rows.doc):
            if fold[d] == f:
                prob[i] = model.probability(rows.X[i])
    ent: dict[tuple, list] = {}
    for e, y, p in zip(rows.entity, rows.y, prob):
        v = ent.setdefault(e, [0, 0.0])
        v[0], v[1] = max(v[0], y), max(v[1], p)
    out = []
    for t in (None, *thresholds):
        kept = [v for v in ent.values() if t is None or v[1] >= t]
        tp = sum(v[0] for v in kept)
        out.append({"threshold": t, "kept_gold": tp, "kept_other": len(kept) - tp,
                    "precision": tp / len(kept) if kept else 0.0,
                    "recall": tp / rows.gold_total if rows.gold_total else 0.0})
    return out


def train(corpus: Path, gold_dir: Path, out: Path, threshold: float | None = None) -> list[dict]:
    """Collect rows, report cross-validated counts per threshold, fit on everything and write the model."""
    rows = collect(corpus, gold_dir)
    report = evaluate(rows)
    if threshold is None:  # within 0.005 of the best F1, the lowest threshold: a name dropped takes its links along
        f1 = lambda r: 2 * r["precision"] * r["recall"] / (r["precision"] + r["recall"]) if r["recall"] else 0.0  # noqa: E731
        best = max(f1(r) for r in report)
        threshold = min((r["threshold"] or 0.0) for r in report if f1(r) >= best - 0.005)
    model = fit(rows.X, rows.y)
    model.threshold = threshold
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    return report
