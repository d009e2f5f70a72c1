"""The mention filter at build time: a logistic model over the features of mention_features.py, trained by
`make train-mentions` on the annotated development set and shipped as weights in
kg/resources/mention_model.json. The rules propose names; a name of a core type whose every mention in the
article the model doubts (probability of being a gold name below the threshold) is dropped, with what it
would have linked. Opt-in (KG_MENTION_MODEL=shipped). Places, bodies, policies and awards are left to the rules (docs/statistical-models.md)."""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import MentionModelError
from .mention_features import features

MODEL = Path(__file__).with_name("resources") / "mention_model.json"
FILTERED = ("Company", "Park", "Project", "Institute")


@dataclass
class MentionModel:
    bias: float
    weights: dict[str, float]
    threshold: float  # least probability that a name is kept

    def probability(self, fs: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in fs)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def to_json(self) -> str:
        head = json.dumps({"bias": self.bias, "threshold": self.threshold}, sort_keys=True)[:-1]
        rows = ",\n".join(f"{json.dumps(k, ensure_ascii=False)}:{json.dumps(v)}" for k, v in sorted(self.weights.items()))
        return f'{head}, "weights": {{\n{rows}}}}}'  # one feature per line, so a retrained model diffs


def name_counts(analyses) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in analyses:
        for m in a.mentions:
            counts[m.text] = counts.get(m.text, 0) + 1
    return counts


def apply(analyses, model: MentionModel | None = None) -> None:
    """Drop, in place, the core-type names of one article that the model doubts at every mention."""
    model = model or shipped()
    if model is None:
        return
    counts = name_counts(analyses)
    best: dict[tuple[str, str], float] = {}
    for a in analyses:
        for m in a.mentions:
            if m.type in FILTERED:
                k = (m.text, m.type)
                best[k] = max(best.get(k, 0.0), model.probability(features(a, m, counts)))
    doubted = {k for k, p in best.items() if p < model.threshold}
    if not doubted:
        return
    for a in analyses:
        a.mentions = [m for m in a.mentions if (m.text, m.type) not in doubted]
        for ls in a.lists:
            ls.items = [m for m in ls.items if (m.text, m.type) not in doubted]


def load(path: Path) -> MentionModel:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return MentionModel(float(d["bias"]), {k: float(v) for k, v in d["weights"].items()}, float(d["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise MentionModelError(f"cannot read the mention model {path}: {e}") from None


def shipped() -> MentionModel | None:
    """The filter is off unless KG_MENTION_MODEL names a model: `shipped` for the one in the package, or a file.
    Off by default because on the held-back articles it cost more recall than it gained precision (docs/
    statistical-models.md). The analysis cache is keyed by the variable too (cache.py)."""
    env = os.environ.get("KG_MENTION_MODEL", "")
    path = MODEL if env == "shipped" else (Path(env) if env else None)
    return _load_cached(str(path)) if path else None


@lru_cache(maxsize=4)
def _load_cached(path: str) -> MentionModel:
    return load(Path(path))
