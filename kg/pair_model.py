"""The statistical relation scorer at build time: a multinomial logistic model over the features of
pairs.py, trained by `make train-pairs` on the annotated development set and shipped as weights in
kg/resources/pair_model.json. It adds a relation the rules missed when the sentence's evidence is strong
enough (see docs/pair-model.md); it never removes what a rule found."""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import PairModelError

MODEL = Path(__file__).with_name("resources") / "pair_model.json"
NONE = "none"


@dataclass
class PairModel:
    classes: list[str]  # "none", then "<predicate>>" (left → right) and "<predicate><" (right → left)
    bias: list[float]
    weights: dict[str, list[float]]
    threshold: float  # least probability that the pair is related at all

    def probabilities(self, features: list[str]) -> list[float]:
        z = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w:
                for c, v in enumerate(w):
                    z[c] += v
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return [v / s for v in e]

    def predict(self, features: list[str]) -> tuple[str, str, float] | None:
        """(predicate, direction '>' or '<', probability of a link), or None below the threshold."""
        p = self.probabilities(features)
        linked = 1.0 - p[self.classes.index(NONE)]
        if linked < self.threshold:
            return None
        best = max((c for c in range(len(p)) if self.classes[c] != NONE), key=lambda c: (p[c], -c))
        name = self.classes[best]
        return name[:-1], name[-1], linked

    def to_json(self) -> str:
        head = json.dumps({"classes": self.classes, "bias": self.bias, "threshold": self.threshold},
                          ensure_ascii=False, sort_keys=True)[:-1]
        rows = ",\n".join(f"{json.dumps(k, ensure_ascii=False)}:{json.dumps(v)}" for k, v in sorted(self.weights.items()))
        return f'{head}, "weights": {{\n{rows}}}}}'  # one feature per line, so a retrained model diffs


def load(path: Path) -> PairModel:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return PairModel(d["classes"], d["bias"], d["weights"], float(d["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise PairModelError(f"cannot read the relation model {path}: {e}") from None


def shipped() -> PairModel | None:
    """The model in the package (or the file named by KG_PAIR_MODEL; an empty value turns it off), or None
    when there is none: the rules then work alone."""
    env = os.environ.get("KG_PAIR_MODEL")
    path = (Path(env) if env else None) if env is not None else (MODEL if MODEL.exists() else None)
    return _load_cached(str(path)) if path else None


@lru_cache(maxsize=4)
def _load_cached(path: str) -> PairModel:
    return load(Path(path))
