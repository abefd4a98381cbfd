"""Every fitted threshold and weight of the product, in one place, with the data it was fit on.

Each model is a JSON file in `assistant/fitted/` written by a re-runnable fitting script in `eval/`
(named in the file's `fitted_by`). A file holds the parameters, the data it was fit on (dev splits of
../shared/benchmarks and the dev half of our own labelled sets, never a held-out split), and its metrics
on dev and held-out side by side. Code reads parameters only through `fitted()`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FITTED_DIR = Path(__file__).resolve().parent / "fitted"


class MissingCalibration(RuntimeError):
    pass


@cache
def fitted(name: str) -> dict[str, Any]:
    """The parameters of a fitted model, e.g. fitted("answer")["sentence"]["weights"]."""
    path = FITTED_DIR / f"{name}.json"
    if not path.exists():
        raise MissingCalibration(f"{path} is missing: run the fitting script named in the README (eval/fit_*.py)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data["params"]


def describe(name: str) -> dict[str, Any]:
    """The whole record (params, data, metrics), for reports."""
    return json.loads((FITTED_DIR / f"{name}.json").read_text(encoding="utf-8"))


def logistic(weights: dict[str, float], bias: float, features: dict[str, float]) -> float:
    """P(y=1) of a fitted logistic model over named features (missing features count as 0)."""
    import math

    z = bias + sum(w * features.get(k, 0.0) for k, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def write(name: str, params: dict[str, Any], data: dict[str, Any], metrics: dict[str, Any], fitted_by: str) -> Path:
    """Used by the fitting scripts in eval/."""
    FITTED_DIR.mkdir(parents=True, exist_ok=True)
    path = FITTED_DIR / f"{name}.json"
    record = {"name": name, "fitted_by": fitted_by, "params": params, "data": data, "metrics": metrics}
    path.write_text(json.dumps(record, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    fitted.cache_clear()
    return path
