"""Reference timings for the `lasso-benchmark` target (Documentation/Performance.md).

Rebuilds the benchmark's simulated data bit for bit (SplitMix64 outputs computed
directly, no transcendental functions; see Sources/LassoBenchmark/SimulatedInstruments.swift),
writes it for R, and times scikit-learn's LassoCV on the same fold ids.

    python Fixtures/scripts/bench_lasso_reference.py write DIR     # DIR/bench.f64 + DIR/bench.csv
    python Fixtures/scripts/bench_lasso_reference.py sklearn DIR   # LassoCV(cv=PredefinedSplit(fold))
    Rscript Fixtures/scripts/bench_lasso_reference.R DIR [OUT.json] # cv.glmnet(M, x, foldid = fold)

bench.f64 is little-endian float64, column-major: m1..m200, x, fold (n rows each).
Versions used for Documentation/Performance.md: Python 3.11.7, numpy 2.4.6, scikit-learn 1.9.1.
"""
import os
import sys
import time

import numpy as np

SEED = 20_240_531
TRUTH = [(2, 0.5), (16, 0.3), (41, 0.2), (100, 0.1), (149, 0.05)]
N, P, K = 100_000, 200, 10
MASK = (1 << 64) - 1


def splitmix(k):
    """SplitMix64's k-th output (0-based) for SEED, k a uint64 array."""
    with np.errstate(over="ignore"):
        z = np.uint64(SEED) + (k + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(k):
    return (splitmix(k) >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def simulate(n=N, p=P, k=K):
    m = (uniform(np.arange(n * p, dtype=np.uint64)) < 0.5).astype(np.float64).reshape(n, p)
    u = uniform(np.uint64(n * p) + np.arange(12 * n, dtype=np.uint64)).reshape(n, 12)
    e = u[:, 0].copy()
    for t in range(1, 12):
        e = e + u[:, t]
    e = e - 6
    v = np.zeros(n)
    for column, effect in TRUTH:
        v = v + effect * m[:, column]
    x = v + e
    fold = (np.arange(n) % k + 1).astype(np.float64)
    return m, x, fold


def fingerprint(values):
    """FNV-1a over the float64 bit patterns (the Swift benchmark prints the same)."""
    h = 0xCBF29CE484222325
    for b in np.asarray(values, dtype="<f8").tobytes():
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def write(directory):
    os.makedirs(directory, exist_ok=True)
    m, x, fold = simulate()
    print(f"fingerprint(x) = {fingerprint(x):x}")
    data = np.concatenate([m.T.ravel(), x, fold]).astype("<f8")
    data.tofile(os.path.join(directory, "bench.f64"))
    with open(os.path.join(directory, "bench.csv"), "w") as f:
        f.write(",".join([f"m{j + 1}" for j in range(P)] + ["x", "fold"]) + "\n")
        for i in range(N):
            f.write(",".join("1" if v else "0" for v in m[i]) + f",{x[i]!r},{int(fold[i])}\n")
    print("wrote", directory)


def load(directory):
    data = np.fromfile(os.path.join(directory, "bench.f64"), dtype="<f8")
    m = data[: N * P].reshape(P, N).T.copy()
    return m, data[N * P: N * P + N], data[N * P + N:].astype(int)


def run_sklearn(directory):
    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import PredefinedSplit

    m, x, fold = load(directory)
    start = time.perf_counter()
    model = LassoCV(cv=PredefinedSplit(fold)).fit(m, x)
    elapsed = time.perf_counter() - start
    selected = [int(j) + 1 for j in np.flatnonzero(model.coef_)]
    index = int(np.where(model.alphas_ == model.alpha_)[0][0])
    print(f"LassoCV: {elapsed:.3f} s")
    print(f"  alpha_ = {model.alpha_!r} (index {index}), selected ({len(selected)}): {selected}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "sklearn"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else run_sklearn)(sys.argv[2])
