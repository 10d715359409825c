"""Reference values for the drift statistics tests (MlopsServerless.Core.Tests/Monitoring).

Run with Debian's interpreter (scipy 1.10.1, numpy 1.24.2):  /usr/bin/python3 drift_fixtures.py
It prints the C# rows pasted into DriftStatisticsTests.cs. The samples are regenerated bit for bit on the C# side by
FixtureData (same 64-bit LCG, same float operations in the same order), so no data file is needed.
"""
import math
import numpy as np
from scipy import stats, special
from scipy.spatial.distance import jensenshannon

MASK = (1 << 64) - 1


def lcg(seed):
    state = seed & MASK
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        yield state >> 33


def normalish(seed, n, loc, scale, missing_every=0):
    """Sum of three uniforms (3 decimals each), centred: a bell shape with plain float arithmetic."""
    g = lcg(seed)
    out = []
    for i in range(n):
        u1 = (next(g) % 1000000) / 1000000.0
        u2 = (next(g) % 1000000) / 1000000.0
        u3 = (next(g) % 1000000) / 1000000.0
        v = loc + scale * ((u1 + u2 + u3) - 1.5) * 2.0
        out.append(math.nan if missing_every and i % missing_every == 0 else v)
    return out


def integers(seed, n, k, missing_every=0):
    g = lcg(seed)
    out = []
    for i in range(n):
        v = float(next(g) % k)
        out.append(math.nan if missing_every and i % missing_every == 0 else v)
    return out


def constant(n, value):
    return [value] * n


def quantile_edges(ref, bins):
    present = np.array([v for v in ref if not math.isnan(v)])
    if present.size == 0:
        return np.array([])
    return np.unique(np.quantile(present, [k / bins for k in range(1, bins)]))


def binned(values, edges):
    counts = np.zeros(len(edges) + 2)
    for v in values:
        if math.isnan(v):
            counts[-1] += 1
        else:
            counts[np.searchsorted(edges, v, side='left')] += 1
    return counts


def psi(ref_counts, cur_counts, eps=1e-4):
    r = np.maximum(ref_counts / ref_counts.sum(), eps)
    c = np.maximum(cur_counts / cur_counts.sum(), eps)
    return float(np.sum((c - r) * np.log(c / r)))


def numeric_case(name, ref_expr, cur_expr):
    ref = eval(ref_expr)
    cur = eval(cur_expr)
    r = np.array([v for v in ref if not math.isnan(v)])
    c = np.array([v for v in cur if not math.isnan(v)])
    ks = stats.ks_2samp(r, c)
    wd = stats.wasserstein_distance(r, c)
    edges = quantile_edges(ref, 10)
    rc, cc = binned(ref, edges), binned(cur, edges)
    js = float(jensenshannon(rc, cc, base=2))
    print(f'        new("{name}", "{ref_expr}", "{cur_expr}", {ks.statistic!r}, {ks.pvalue!r}, {wd!r}, '
          f'{float(np.std(r))!r}, {psi(rc, cc)!r}, {js!r}),')


def expand(spec):
    """'a=50;b=30;=10' -> 50 'a', 30 'b', 10 missing (None)."""
    out = []
    for part in spec.split(';'):
        level, count = part.split('=')
        out += [level or None] * int(count)
    return out


def categorical_case(name, ref_spec, cur_spec):
    ref, cur = expand(ref_spec), expand(cur_spec)
    levels = sorted(set(ref) | set(cur), key=lambda s: (s is None, s or ''))
    rc = np.array([sum(1 for v in ref if v == l) for l in levels], dtype=float)
    cc = np.array([sum(1 for v in cur if v == l) for l in levels], dtype=float)
    chi = stats.chi2_contingency(np.array([rc, cc]))
    js = float(jensenshannon(rc, cc, base=2))
    print(f'        new("{name}", "{ref_spec}", "{cur_spec}", {float(chi.statistic)!r}, {float(chi.pvalue)!r}, '
          f'{int(chi.dof)}, {psi(rc, cc)!r}, {js!r}),')


print('    // numeric: name, reference, current, ks_2samp D, p (method=auto), wasserstein_distance, np.std(reference), PSI, JS')
numeric_case('small shifted', 'normalish(1, 40, 0.0, 1.0)', 'normalish(2, 35, 0.5, 1.0)')
numeric_case('ties', 'integers(3, 60, 5)', 'integers(4, 50, 6)')
numeric_case('identical', 'normalish(5, 30, 2.0, 3.0)', 'normalish(5, 30, 2.0, 3.0)')
numeric_case('disjoint', 'normalish(6, 25, 0.0, 1.0)', 'normalish(7, 30, 10.0, 1.0)')
numeric_case('equal sizes', 'normalish(8, 200, 0.0, 1.0)', 'normalish(9, 200, 0.2, 1.0)')
numeric_case('medium exact', 'normalish(10, 5000, 0.0, 1.0)', 'normalish(11, 800, 0.1, 1.1)')
numeric_case('large asymptotic', 'normalish(12, 12000, 0.0, 1.0)', 'normalish(13, 3000, 0.05, 1.0)')
numeric_case('large tiny p', 'normalish(14, 20000, 0.0, 1.0)', 'normalish(15, 15000, 0.3, 1.0)')
numeric_case('large near null', 'normalish(16, 11000, 0.0, 1.0)', 'normalish(17, 11000, 0.0, 1.0)')
numeric_case('asymptotic small current', 'normalish(23, 12000, 0.0, 1.0)', 'normalish(24, 120, 0.1, 1.0)')
numeric_case('asymptotic medium current', 'normalish(25, 12000, 0.0, 1.0)', 'normalish(26, 300, 0.15, 1.0)')
numeric_case('constant equal', 'constant(50, 3.0)', 'constant(40, 3.0)')
numeric_case('constant vs spread', 'constant(50, 3.0)', 'normalish(18, 40, 3.0, 1.0)')
numeric_case('with missing', 'normalish(19, 300, 0.0, 1.0, 7)', 'normalish(20, 250, 0.0, 1.0, 3)')
numeric_case('integer ties large', 'integers(21, 4000, 4)', 'integers(22, 1500, 4)')

print('    // categorical: name, reference counts, current counts (level=count; empty level = missing), chi2_contingency statistic, p, dof, PSI, JS')
categorical_case('three levels shifted', 'a=50;b=30;c=20', 'a=30;b=30;c=40')
categorical_case('two levels yates', 'x=40;y=60', 'x=55;y=45')
categorical_case('single level', 'k=30', 'k=20')
categorical_case('new and vanished levels', 'a=10;b=10;c=5', 'a=12;b=6;d=7')
categorical_case('same proportions', 'a=20;b=40', 'a=10;b=20')
categorical_case('large counts', 'u=40000;v=35000;w=25000', 'u=410;v=330;w=260')
categorical_case('missing as level', 'a=30;b=30;=10', 'a=20;b=25;=30')

print('    // gammaincc(a, x) = regularized upper incomplete gamma')
for a, x in [(0.5, 0.1), (0.5, 3.0), (1.0, 1.0), (2.5, 0.7), (2.5, 12.0), (10.0, 3.0), (10.0, 25.0), (50.0, 48.0), (150.0, 200.0), (0.5, 40.0)]:
    print(f'    [InlineData({a!r}, {x!r}, {float(special.gammaincc(a, x))!r})]')
