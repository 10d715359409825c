"""Reference numbers for GbdtReferenceTests.

Run with Debian's interpreter (python3-xgboost 1.7.4, python3-sklearn, numpy):
    /usr/bin/python3 gbdt_reference.py
It writes gbdt_reference.csv (the seeded dataset both sides train on) and prints xgboost's test AUC, logloss and RMSE.
Split: train = first 80% of rows, test = last 20%. Settings match the C# test: 100 trees, depth 6, eta 0.1,
lambda 1, min_child_weight 1, hist with 256 bins, nthread 1.
"""
import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score, log_loss, mean_squared_error

rng = np.random.default_rng(20261123)
n = 3000
X = rng.uniform(-2, 2, size=(n, 6))
X[rng.uniform(size=n) < 0.1, 2] = np.nan
signal = np.sin(2 * X[:, 0]) * X[:, 1] + 0.5 * (np.nan_to_num(X[:, 2], nan=1.5) ** 2) - 0.8 * (X[:, 3] > 0.5)
y_bin = (signal + rng.normal(0, 0.5, n) > np.median(signal)).astype(int)
y_reg = signal + rng.normal(0, 0.3, n)

with open("gbdt_reference.csv", "w") as f:
    f.write(",".join([f"x{i}" for i in range(6)] + ["y_bin", "y_reg"]) + "\n")
    for i in range(n):
        cells = ["" if np.isnan(v) else f"{v:.6f}" for v in X[i]]
        f.write(",".join(cells + [str(y_bin[i]), f"{y_reg[i]:.6f}"]) + "\n")

# Re-read the rounded values so both sides see exactly the CSV.
data = np.genfromtxt("gbdt_reference.csv", delimiter=",", skip_header=1)
X, y_bin, y_reg = data[:, :6], data[:, 6], data[:, 7]
cut = int(n * 0.8)
params = dict(tree_method="hist", max_depth=6, eta=0.1, reg_lambda=1.0, min_child_weight=1.0, max_bin=256, nthread=1, seed=0)

clf = xgb.train(dict(params, objective="binary:logistic"), xgb.DMatrix(X[:cut], label=y_bin[:cut]), num_boost_round=100)
p = clf.predict(xgb.DMatrix(X[cut:]))
print(f"binary: auc={roc_auc_score(y_bin[cut:], p):.4f} logloss={log_loss(y_bin[cut:], p):.4f}")

reg = xgb.train(dict(params, objective="reg:squarederror"), xgb.DMatrix(X[:cut], label=y_reg[:cut]), num_boost_round=100)
r = reg.predict(xgb.DMatrix(X[cut:]))
print(f"regression: rmse={mean_squared_error(y_reg[cut:], r) ** 0.5:.4f}")
