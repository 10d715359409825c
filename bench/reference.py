"""Benchmark data generator and reference trainers (xgboost, scikit-learn) for bench/run.sh.

Run with Debian's /usr/bin/python3 (python3-xgboost, python3-sklearn, numpy; no pandas needed).
  generate --rows N --out FILE      seeded CSV: x0..x19 numeric, c0..c3 categorical (missing values in both),
                                    y_bin (0/1) and y_reg from the same nonlinear signal
  run --algo A --csv FILE --label L --out FILE.json
                                    A in xgboost, sklearn_hgb, sklearn_linear; train = first 80% of rows,
                                    test = last 20%; prints nothing, writes one JSON result
The CSV is parsed once and cached next to it as FILE.npz (same values; parsing is not what we measure).
"""
import argparse, csv, json, os, resource, sys, time
import numpy as np

NUMERIC = [f"x{i}" for i in range(20)]
CATEGORICAL = {"c0": 4, "c1": 12, "c2": 50, "c3": 200}


def generate(rows, out, seed=20261123):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, len(NUMERIC)))
    X[:, 10:15] = rng.uniform(-3, 3, size=(rows, 5))
    cats = {name: rng.integers(0, k, size=rows) for name, k in CATEGORICAL.items()}
    effects = {name: np.random.default_rng(seed + k).normal(0, 0.7, size=k) for name, k in CATEGORICAL.items()}
    f = (np.sin(2 * X[:, 0]) * X[:, 1] + 0.5 * X[:, 2] ** 2 - (X[:, 3] > 0.3) * X[:, 4] + 0.6 * X[:, 5] * X[:, 6]
         + np.abs(X[:, 10]) - 0.3 * X[:, 11] + effects["c0"][cats["c0"]] + effects["c1"][cats["c1"]]
         + effects["c2"][cats["c2"]] + 0.5 * effects["c3"][cats["c3"]])
    missing = rng.uniform(size=(rows, len(NUMERIC))) < 0.05
    missing[:, 7:] = False
    f = f + 0.8 * missing[:, 2]  # missingness itself carries signal
    X[missing] = np.nan
    cat_missing = {name: rng.uniform(size=rows) < 0.03 for name in CATEGORICAL}
    y_bin = (f + rng.logistic(size=rows) > np.median(f)).astype(int)
    y_reg = f + rng.normal(0, 1.0, size=rows)

    cols = []
    for j in range(len(NUMERIC)):
        text = np.char.mod("%.5f", X[:, j]).astype(object)
        text[np.isnan(X[:, j])] = ""
        cols.append(text)
    for name, k in CATEGORICAL.items():
        text = np.array([f"{name}_{i}" for i in range(k)], dtype=object)[cats[name]]
        text[cat_missing[name]] = ""
        cols.append(text)
    cols.append(y_bin.astype(str).astype(object))
    cols.append(np.char.mod("%.5f", y_reg).astype(object))
    tmp = out + ".tmp"
    with open(tmp, "w", newline="") as fh:
        fh.write(",".join(NUMERIC + list(CATEGORICAL) + ["y_bin", "y_reg"]) + "\n")
        step = 100_000
        for start in range(0, rows, step):
            block = [c[start:start + step] for c in cols]
            fh.write("\n".join(",".join(r) for r in zip(*block)) + "\n")
    os.replace(tmp, out)


def load(path):
    cache = path + ".npz"
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(path):
        z = np.load(cache)
        return z["X"], z["cat_mask"], z["y_bin"], z["y_reg"]
    with open(path, newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    n = len(rows)
    X = np.empty((n, len(NUMERIC) + len(CATEGORICAL)), dtype=np.float64)
    columns = list(zip(*rows))
    del rows
    for j, name in enumerate(NUMERIC):
        X[:, j] = [float(v) if v else np.nan for v in columns[header.index(name)]]
    for k, name in enumerate(CATEGORICAL):
        raw = columns[header.index(name)]
        levels = sorted({v for v in raw if v})
        code = {v: i for i, v in enumerate(levels)}
        X[:, len(NUMERIC) + k] = [code[v] if v else np.nan for v in raw]
    y_bin = np.array(columns[header.index("y_bin")], dtype=np.float64)
    y_reg = np.array(columns[header.index("y_reg")], dtype=np.float64)
    cat_mask = np.array([False] * len(NUMERIC) + [True] * len(CATEGORICAL))
    np.savez(cache, X=X, cat_mask=cat_mask, y_bin=y_bin, y_reg=y_reg)
    return X, cat_mask, y_bin, y_reg


def run(algo, path, label, out, repeat=1):
    from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score

    X, cat_mask, y_bin, y_reg = load(path)
    y = y_bin if label == "y_bin" else y_reg
    binary = label == "y_bin"
    cut = int(len(y) * 0.8)
    Xtr, Xte, ytr, yte = X[:cut], X[cut:], y[:cut], y[cut:]

    load_avg = os.getloadavg()[0]
    if algo == "xgboost":
        import xgboost as xgb
        params = dict(tree_method="hist", nthread=2, max_depth=6, eta=0.1, max_bin=256, max_cat_to_onehot=1,
                      objective="binary:logistic" if binary else "reg:squarederror")
        types = ["c" if c else "q" for c in cat_mask]
        start, cpu = time.perf_counter(), time.process_time()
        booster = xgb.train(params, xgb.DMatrix(Xtr, label=ytr, feature_types=types, enable_categorical=True), num_boost_round=100)
        train_s, train_cpu = time.perf_counter() - start, time.process_time() - cpu
        booster.set_param({"nthread": 2})
        predict = lambda A: booster.inplace_predict(A)
    elif algo == "sklearn_hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
        cls = HistGradientBoostingClassifier if binary else HistGradientBoostingRegressor
        model = cls(max_iter=100, max_depth=6, learning_rate=0.1, max_leaf_nodes=None, l2_regularization=1.0,
                    min_samples_leaf=20, max_bins=255, early_stopping=False, categorical_features=cat_mask, random_state=0)
        start, cpu = time.perf_counter(), time.process_time()
        model.fit(Xtr, ytr)
        train_s, train_cpu = time.perf_counter() - start, time.process_time() - cpu
        predict = (lambda A: model.predict_proba(A)[:, 1]) if binary else model.predict
    elif algo == "sklearn_linear":
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression, Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler
        num = np.where(~cat_mask)[0]
        cat = np.where(cat_mask)[0]
        prep = ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), num),
            ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value=-1), OneHotEncoder(handle_unknown="ignore")), cat),
        ])
        model = make_pipeline(prep, LogisticRegression(max_iter=200) if binary else Ridge(alpha=1.0))
        start, cpu = time.perf_counter(), time.process_time()
        model.fit(Xtr, ytr)
        train_s, train_cpu = time.perf_counter() - start, time.process_time() - cpu
        predict = (lambda A: model.predict_proba(A)[:, 1]) if binary else model.predict
    else:
        sys.exit(f"unknown algo {algo}")

    start = time.perf_counter()
    p = predict(Xte)
    batch_s = time.perf_counter() - start
    singles = min(200, len(yte))
    times = []
    for i in range(singles):
        start = time.perf_counter()
        predict(Xte[i:i + 1])
        times.append(time.perf_counter() - start)
    single_s = float(np.median(times)) * singles  # p50 per row, reported per row below

    result = dict(impl="reference", algorithm=algo, dataset=os.path.basename(path), label=label, rows=len(y),
                  train_seconds=train_s, train_cpu_seconds=train_cpu, batch_us_per_row=batch_s / len(yte) * 1e6, single_us_per_row=single_s / singles * 1e6,
                  peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, csv_mb=os.path.getsize(path) / 2**20,
                  load_avg=load_avg, repeat=repeat)
    if binary:
        p = np.clip(p, 1e-15, 1 - 1e-15)
        result.update(auc=roc_auc_score(yte, p), logloss=log_loss(yte, p))
    else:
        result.update(rmse=mean_squared_error(yte, p) ** 0.5)
    with open(out, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--out", required=True)
    r = sub.add_parser("run")
    r.add_argument("--algo", required=True)
    r.add_argument("--csv", required=True)
    r.add_argument("--label", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--repeat", type=int, default=1)
    a = parser.parse_args()
    if a.cmd == "generate":
        generate(a.rows, a.out)
    else:
        run(a.algo, a.csv, a.label, a.out, a.repeat)
