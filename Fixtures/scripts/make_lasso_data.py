"""Data sets for the LASSO / CV-LASSO / LASSO-IV goldens (lasso-iv.md §7 and seed 004).

Run from the repository root:

    /work/venv/bin/python Fixtures/scripts/make_lasso_data.py

Writes (Fixtures/data/)
  lasso_a.csv         data set A of lasso-iv.md §7.1 (n = 200, p = 20, no RNG):
                      columns x1..x20, y, foldid (= ((i-1) mod 5) + 1).
  lasso_b.csv         data set B of lasso-iv.md §7.6 (n = 200, p_z = 30, no RNG):
                      columns z1..z30, d (strong design), d_weak, y (from the strong d),
                      y_weak (from d_weak), foldid (mod-5 ids as for A).
  ab_tests_iv.csv     seed 004's story, simulated (numpy default_rng(4004)): n = 5000 users,
                      m1..m100 = 100 randomised A/B-test assignments (each exactly 2500 / 2500),
                      five of which move app usage x; confounder u; controls c1, c2;
                      y = 1 + 2.0*x + 1.0*c1 - 0.5*c2 + 1.5*u + noise; fold (1..10, 500 each).
  ab_tests_null.csv   the same story with no A/B test moving x (numpy default_rng(4005)):
                      n = 1000, m1..m50, fold (1..10, 100 each).

Floats are written with Python's repr (shortest round-trip string).  Data sets A and B
are formula data evaluated in IEEE double exactly with the parenthesisation of the spec;
R evaluates the same formulas bit-identically (checked by make_cvglmnet_goldens.R).
The simulated columns x, y, c1 (and u) are rounded to 6 decimals *after* simulation so
that every parser (R's read.csv, Swift, pandas) reads the identical doubles; the true
model therefore holds up to a rounding error of 5e-7, irrelevant at the sample sizes here.
The true parameters (TRUTH below) are copied into reference/lasso_cv/ab_tests_iv.json.
"""
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")


def write_csv(path, cols):
    names = list(cols.keys())
    n = len(cols[names[0]])
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for i in range(n):
            parts = []
            for k in names:
                v = cols[k][i]
                if isinstance(v, (int, np.integer)):
                    parts.append(str(int(v)))
                else:
                    parts.append(repr(float(v)))
            f.write(",".join(parts) + "\n")


# --- data set A (lasso-iv.md §7.1) -------------------------------------------------
def data_a():
    n, p = 200, 20
    x = np.empty((n, p))
    for i in range(1, n + 1):
        for j in range(1, p + 1):
            x[i - 1, j - 1] = (1 + 0.1 * j) * (np.sin(i * (0.31 + 0.07 * j) + 0.5 * j)
                                               + 0.4 * np.cos((0.13 * j) * i))
    y = np.empty(n)
    for i in range(1, n + 1):
        r = x[i - 1]
        y[i - 1] = (3 + 2 * r[0] - 1.5 * r[1] + 1.0 * r[2] + 0.5 * r[3] - 0.25 * r[5]
                    + 0.5 * np.sin(2.9 * i + 1) + 0.3 * np.cos(5.3 * i))
    fold = np.array([((i - 1) % 5) + 1 for i in range(1, n + 1)])
    return x, y, fold


# --- data set B (lasso-iv.md §7.6) -------------------------------------------------
def data_b():
    n, p = 200, 30
    z = np.empty((n, p))
    for i in range(1, n + 1):
        for j in range(1, p + 1):
            z[i - 1, j - 1] = np.sin(i * (0.19 + 0.053 * j) + 0.9 * j) + 0.3 * np.cos((0.071 * i) * j)
    d = np.empty(n); dw = np.empty(n); y = np.empty(n); yw = np.empty(n)
    for i in range(1, n + 1):
        v = 0.8 * np.sin(2.3 * i + 0.5) + 0.4 * np.cos(4.1 * i)
        e = 0.6 * v + 0.5 * np.cos(3.7 * i + 0.2)
        d[i - 1] = 0.5 + 1.0 * z[i - 1, 0] + 0.7 * z[i - 1, 1] - 0.5 * z[i - 1, 2] + v
        dw[i - 1] = 0.5 + v
        y[i - 1] = 1.0 + 0.5 * d[i - 1] + e
        yw[i - 1] = 1.0 + 0.5 * dw[i - 1] + e
    fold = np.array([((i - 1) % 5) + 1 for i in range(1, n + 1)])
    return z, d, dw, y, yw, fold


# --- seed 004: many A/B tests as instruments ---------------------------------------
TRUTH = {
    "beta": 2.0,
    "outcome": "y = 1 + 2.0*x + 1.0*c1 - 0.5*c2 + 1.5*u + e_y,  e_y ~ N(0,1)",
    "first_stage": "x = 3 + sum_j pi_j*m_j + 0.5*c1 + 0.3*c2 + 1.0*u + e_x,  e_x ~ N(0,1)",
    "pi": {"m7": 0.8, "m23": 0.6, "m41": 0.4, "m62": 0.25, "m88": 0.12},
    "controls": "c1 ~ N(0,1) (e.g. standardised tenure), c2 ~ Bernoulli(0.4) (e.g. iOS user)",
    "confounder": "u ~ N(0,1) (unobserved engagement propensity), drives x and y; in the CSV for checks only",
    "assignment": "each m_j is an independent complete randomisation: a random permutation of 2500 ones and 2500 zeros",
    "rounding": "x, y, c1, u rounded to 6 decimals after simulation",
}


def ab_tests(seed, n, p, pi, nfold):
    rng = np.random.default_rng(seed)
    m = np.empty((n, p), dtype=np.int64)
    base = np.repeat(np.array([0, 1]), n // 2)
    for j in range(p):
        m[:, j] = rng.permutation(base)
    u = rng.standard_normal(n)
    c1 = rng.standard_normal(n)
    c2 = (rng.random(n) < 0.4).astype(np.int64)
    ex = rng.standard_normal(n)
    ey = rng.standard_normal(n)
    fold = rng.permutation(np.repeat(np.arange(1, nfold + 1), n // nfold))
    x = 3.0 + 0.5 * c1 + 0.3 * c2 + 1.0 * u + ex
    for name, coef in pi.items():
        x = x + coef * m[:, int(name[1:]) - 1]
    y = 1.0 + TRUTH["beta"] * x + 1.0 * c1 - 0.5 * c2 + 1.5 * u + ey
    cols = {"y": np.round(y, 6), "x": np.round(x, 6), "c1": np.round(c1, 6), "c2": c2}
    for j in range(p):
        cols[f"m{j + 1}"] = m[:, j]
    cols["u"] = np.round(u, 6)
    cols["fold"] = fold
    return cols


def main():
    x, y, fold = data_a()
    cols = {f"x{j + 1}": x[:, j] for j in range(x.shape[1])}
    cols["y"] = y
    cols["foldid"] = fold
    write_csv(os.path.join(DATA, "lasso_a.csv"), cols)
    nulldev = float(np.sum((y - y.mean()) ** 2))
    print("A nulldev", repr(nulldev), "(spec 1155.9504915860132)")

    z, d, dw, yb, ybw, fb = data_b()
    cols = {f"z{j + 1}": z[:, j] for j in range(z.shape[1])}
    cols.update({"d": d, "d_weak": dw, "y": yb, "y_weak": ybw, "foldid": fb})
    write_csv(os.path.join(DATA, "lasso_b.csv"), cols)

    write_csv(os.path.join(DATA, "ab_tests_iv.csv"), ab_tests(4004, 5000, 100, TRUTH["pi"], 10))
    write_csv(os.path.join(DATA, "ab_tests_null.csv"), ab_tests(4005, 1000, 50, {}, 10))


if __name__ == "__main__":
    main()
