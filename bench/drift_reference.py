"""The drift-compare peer: pandas reads both CSVs, scipy computes per-feature statistics (numeric: two-sample KS and
Wasserstein distance; categorical: chi-square on the contingency table and Jensen-Shannon distance), the same kinds of
statistics `mlops drift compare` reports. Prints one JSON line with the wall time of read + statistics.
Usage: /usr/bin/python3 bench/drift_reference.py REFERENCE.csv CURRENT.csv [--exclude COL ...]"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon


def main(reference, current, exclude):
    start = time.perf_counter()
    a = pd.read_csv(reference)
    b = pd.read_csv(current)
    read_s = time.perf_counter() - start
    features = {}
    for name in a.columns:
        if name in exclude or name not in b.columns:
            continue
        x, y = a[name], b[name]
        if pd.api.types.is_numeric_dtype(x):
            x, y = x.dropna().to_numpy(), y.dropna().to_numpy()
            ks = stats.ks_2samp(x, y)
            features[name] = dict(ks=float(ks.statistic), ks_p=float(ks.pvalue), wasserstein=float(stats.wasserstein_distance(x, y)))
        else:
            counts = pd.concat([x.value_counts(), y.value_counts()], axis=1).fillna(0).to_numpy().T
            chi2 = stats.chi2_contingency(counts)
            p, q = counts[0] / counts[0].sum(), counts[1] / counts[1].sum()
            features[name] = dict(chi2_p=float(chi2[1]), js=float(jensenshannon(p, q)))
    total_s = time.perf_counter() - start
    print(json.dumps(dict(impl="pandas+scipy", read_seconds=read_s, total_seconds=total_s, features=len(features))))


if __name__ == "__main__":
    args = sys.argv[1:]
    excluded = {args[i + 1] for i, a in enumerate(args) if a == "--exclude"}
    files = [a for i, a in enumerate(args) if a != "--exclude" and (i == 0 or args[i - 1] != "--exclude")]
    main(files[0], files[1], excluded)
