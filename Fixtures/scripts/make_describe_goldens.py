"""Column summaries for `DataTable.describe()` (the library side of `ivreg describe`).

Run from the repository root:

    /work/venv/bin/python Fixtures/scripts/make_describe_goldens.py

Writes Fixtures/reference/describe.json: for each data set, one entry per column with
pandas' `Series.describe()` (count, mean, std, min, 25%, 50%, 75%, max for numbers;
count, unique, top, freq for text), the missing count (`isna().sum()`), `nunique()`,
whether the values are all 0/1 or all whole numbers, and for text columns every level
with its count from `value_counts()`, ordered most frequent first with ties in sorted
(code-point) order -- the library's order; pandas' own `top` (first seen among ties)
is kept as `pandas_top`.

The CSV files are read as text and each column converted with Python's `float` when
every non-missing field is a number (the library's rule: otherwise the column is
text, and a column with no values is numeric). The missing tokens are the library's
defaults. Undefined statistics (NaN) are written as null; floats with `repr`
(round-trip exact).
"""
import json
import math
import os
import platform

import numpy as np
import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "describe.json")

MISSING = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"]
FILES = ["app_engagement_push.csv", "formula_data.csv", "describe_mixed.csv"]


def number(v):
    v = float(v)
    return None if math.isnan(v) else v


def read(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=MISSING)
    frame = {}
    for name in raw.columns:
        text = raw[name]
        try:
            frame[name] = pd.Series([math.nan if pd.isna(v) else float(v) for v in text],
                                    index=text.index, dtype="float64")
        except ValueError:
            frame[name] = text
    # pandas' own type inference agrees on which columns are numbers.
    inferred = pd.read_csv(path, keep_default_na=False, na_values=MISSING)
    for name in raw.columns:
        assert pd.api.types.is_numeric_dtype(inferred[name]) == (frame[name].dtype == "float64"), name
    return raw.columns, frame


def summarise(columns, frame):
    out = []
    for position, name in enumerate(columns, start=1):
        s = frame[name]
        d = s.describe()
        entry = {
            "name": name,
            "position": position,
            "count": int(s.notna().sum()),
            "missing": int(s.isna().sum()),
            "nunique": int(s.nunique()),
        }
        assert int(d["count"]) == entry["count"]
        if s.dtype == "float64":
            values = s.dropna().to_numpy()
            entry["kind"] = "numeric"
            for key, label in [("mean", "mean"), ("std", "std"), ("min", "min"), ("q25", "25%"),
                               ("q50", "50%"), ("q75", "75%"), ("max", "max")]:
                entry[key] = number(d[label])
            entry["binary"] = bool(len(values) > 0 and np.all((values == 0) | (values == 1)))
            entry["integer"] = bool(len(values) > 0 and np.all(np.isfinite(values))
                                    and np.all(values == np.trunc(values)))
        else:
            entry["kind"] = "categorical"
            counts = s.value_counts()
            levels = sorted(((str(k), int(c)) for k, c in counts.items()), key=lambda kc: (-kc[1], kc[0]))
            entry["levels"] = [[k, c] for k, c in levels]
            assert int(d["unique"]) == len(levels) == entry["nunique"]
            assert int(d["freq"]) == levels[0][1]
            entry["pandas_top"] = str(d["top"])
            entry["pandas_freq"] = int(d["freq"])
        out.append(entry)
    return out


def main():
    result = {
        "versions": {"python": platform.python_version(), "pandas": pd.__version__, "numpy": np.__version__},
        "missing_tokens": MISSING,
        "datasets": {},
    }
    for file in FILES:
        columns, frame = read(os.path.join(DATA, file))
        rows = len(next(iter(frame.values())))
        result["datasets"][file] = {"rows": rows, "columns": summarise(columns, frame)}
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
