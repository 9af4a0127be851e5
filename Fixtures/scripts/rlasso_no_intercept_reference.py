#!/usr/bin/env python3
"""hdm rlasso(x, y, intercept = FALSE) with the independent re-implementation of
rlasso_reference.py (hdm is not installable here): data set B (z1..z30 -> d) and the raw
0/1 A/B tests (m1..m20 -> x, no partialling), where leaving out the intercept matters.

    python Fixtures/scripts/rlasso_no_intercept_reference.py   # writes lasso_cv/rlasso_no_intercept.json
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pandas as pd  # noqa: E402
from rlasso_reference import DATA, OUT, VERSIONS, public, rlasso  # noqa: E402


def main():
    b = pd.read_csv(os.path.join(DATA, "lasso_b.csv"))
    z = b[[f"z{j}" for j in range(1, 31)]].to_numpy(float)
    ab = pd.read_csv(os.path.join(DATA, "ab_tests_iv.csv"))
    m = ab[[f"m{j}" for j in range(1, 21)]].to_numpy(float)
    out = {
        "meta": {"versions": VERSIONS, "script": "Fixtures/scripts/rlasso_no_intercept_reference.py",
                 "notes": ["rlasso(x, y, intercept = FALSE): nothing centred; indices 1-based"]},
        "data_b_no_intercept": public(rlasso(z, b["d"].to_numpy(float), intercept=False)),
        "ab_raw_no_intercept": public(rlasso(m, ab["x"].to_numpy(float), intercept=False)),
        "ab_raw_with_intercept": public(rlasso(m, ab["x"].to_numpy(float), intercept=True)),
    }
    path = os.path.join(OUT, "rlasso_no_intercept.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path)
    for key in ("data_b_no_intercept", "ab_raw_no_intercept", "ab_raw_with_intercept"):
        print(key, out[key]["selected"], out[key]["iter"])


if __name__ == "__main__":
    main()
