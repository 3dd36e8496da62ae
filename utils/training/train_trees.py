"""Trains gradient-boosted trees as a block filter (format: utils/training/boosted-trees.ts).

Called by utils/training/trees.ts (compare-block-filters.ts), never by hand. Needs XGBoost 1.7 under
/usr/bin/python3 (Debian bookworm: apt-get install python3-xgboost, which brings numpy 1.24).
Deterministic: one thread and a fixed seed (the caller's), so reruns write the same trees.

stdin: JSON {"dir": d, "jobs": [{"name", "rows": "<file of float32>", "width", "targets",
"weights", "params": {XGBoost parameters}, "rounds"}]}; `rows` is row-major float32, `targets`
and `weights` are float32 files of one value per row.
stdout: JSON {name: {"base", "trees": [{"feature", "value", "no", "missingYes"}], "check"}}, where
"check" is XGBoost's own output (the margin) for the first CHECK_ROWS rows, which trees.ts compares
with the TypeScript evaluation of the written trees.
"""

import json
import math
import sys

import numpy as np
import xgboost as xgb

if not xgb.__version__.startswith("1.7."):
    sys.exit(f"XGBoost 1.7 needed (Debian bookworm's python3-xgboost), found {xgb.__version__}")


CHECK_ROWS = 2000


def threshold(value):
    """The shortest decimal that reads back as the same single-precision number (XGBoost compares
    in single precision; so does boosted-trees.ts)."""
    single = np.float32(value)
    text = repr(float(np.format_float_positional(single, unique=True, trim="-")))
    assert np.float32(float(text)) == single, (value, text)
    return float(text)


def leaf(value):
    """Four significant digits: the file stays small, the outputs barely move."""
    return float(f"{value:.4g}")


def pre_order(tree):
    """One XGBoost tree (its JSON form) as boosted-trees.ts reads it: nodes in pre-order, the
    "yes" child (value below the threshold) right after its parent."""
    left, right = tree["left_children"], tree["right_children"]
    split, cond, default_left = tree["split_indices"], tree["split_conditions"], tree["default_left"]
    out = {"feature": [], "value": [], "no": [], "missingYes": []}

    def visit(node):
        at = len(out["feature"])
        for key in out:
            out[key].append(0)
        if left[node] == -1:
            out["feature"][at], out["value"][at] = -1, leaf(cond[node])
            return
        out["feature"][at], out["value"][at] = split[node], threshold(cond[node])
        out["missingYes"][at] = int(default_left[node])
        visit(left[node])
        out["no"][at] = len(out["feature"])
        visit(right[node])

    visit(0)
    return out


def train(job, directory):
    width = job["width"]
    x = np.fromfile(f"{directory}/{job['rows']}", dtype=np.float32).reshape(-1, width)
    y = np.fromfile(f"{directory}/{job['targets']}", dtype=np.float32)
    w = np.fromfile(f"{directory}/{job['weights']}", dtype=np.float32)
    params = {"objective": "binary:logistic", "nthread": 1, "base_score": 0.5, **job["params"]}
    booster = xgb.train(params, xgb.DMatrix(x, label=y, weight=w), num_boost_round=job["rounds"])
    check = booster.predict(xgb.DMatrix(x[:CHECK_ROWS]), output_margin=True)
    model = json.loads(booster.save_raw("json"))
    base = float(model["learner"]["learner_model_param"]["base_score"])
    trees = model["learner"]["gradient_booster"]["model"]["trees"]
    return {
        "base": math.log(base / (1 - base)),
        "trees": [pre_order(tree) for tree in trees],
        "check": [float(v) for v in check],
    }


def main():
    request = json.load(sys.stdin)
    json.dump({job["name"]: train(job, request["dir"]) for job in request["jobs"]}, sys.stdout)


main()
