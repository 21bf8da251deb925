"""Records, with numpy, the five areas most like each area of a bundle's layers: the native and
browser tests of "areas like this" compare needs-map's answer with this file.

The method (the widget states it): the layer's indicators that are not counts (unit "people")
and have a value for every area, in their latest period; each in z-scores with the population
standard deviation (ddof=0), the sign turned where higher is better (so that a larger z is
worse on every one); the Euclidean distance between two areas' z-scores; the five nearest,
ties broken by code. Re-run in a virtual environment with numpy:

    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy
    /tmp/np/bin/python scripts/similar-reference.py data/coventry.json > tests/fixtures/similar-reference.json
"""
import json
import sys

import numpy as np

bundle = json.load(open(sys.argv[1]))
out = {"numpy": np.__version__, "bundle": sys.argv[1], "layers": {}}
for layer in bundle["layers"]:
    codes = sorted(a["code"] for a in layer["areas"])
    used, columns = [], []
    for ind in bundle["indicators"]:
        values = ind["series"][-1]["values"]
        if ind["layer"] != layer["id"] or ind.get("unit") == "people" or any(c not in values for c in codes):
            continue
        y = np.array([values[c]["value"] for c in codes], dtype=float)
        sd = y.std(ddof=0)
        z = (y - y.mean()) / sd if sd > 0 else np.zeros_like(y)
        if ind["polarity"] == "higher-better":
            z = -z
        used.append(ind["id"])
        columns.append(z)
    if not columns:
        continue
    m = np.stack(columns, axis=1)
    similar = {}
    for i, c in enumerate(codes):
        d = np.sqrt(((m - m[i]) ** 2).sum(axis=1))
        order = sorted((float(d[j]), codes[j]) for j in range(len(codes)) if j != i)
        similar[c] = [[code, dist] for dist, code in order[:5]]
    out["layers"][layer["id"]] = {"indicators": used, "similar": similar}
json.dump(out, sys.stdout, indent=1)
print()
