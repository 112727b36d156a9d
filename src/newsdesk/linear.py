"""A logistic regression's weights, applied in plain Python: the learned parts of newsdesk ship as weights,
and running them needs no learning library."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Linear:
    """P(yes) = sigmoid(bias + Σ weights of the features present)."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"bias": self.bias, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict) -> Linear:
        return cls(float(data["bias"]), data["weights"])
