"""Records PySAL mapclassify's breaks and classes for every indicator in a bundle.

The native test `classify_matches_mapclassify` compares needs-map's classification with this
file to 1e-9. Re-run it in a virtual environment with mapclassify 2.10.0 from PyPI:

    python3 -m venv /tmp/mc && /tmp/mc/bin/pip install mapclassify==2.10.0
    /tmp/mc/bin/python scripts/mapclassify-reference.py data/coventry.json > tests/fixtures/mapclassify-2.10.json
"""
import json
import sys
import warnings

import mapclassify
import numpy as np

warnings.simplefilter("ignore")
bundle = json.load(open(sys.argv[1]))
out = {"mapclassify": mapclassify.__version__, "bundle": sys.argv[1], "indicators": {}}
for ind in bundle["indicators"]:
    values = ind["series"][-1]["values"]
    codes = sorted(values)
    y = np.array([values[c]["value"] for c in codes], dtype=float)
    rec = {"codes": codes, "values": y.tolist(), "runs": []}
    for k in range(3, 10):
        for name, cls in (("quantile", mapclassify.Quantiles), ("equal", mapclassify.EqualInterval), ("jenks", mapclassify.FisherJenks)):
            try:
                c = cls(y, k=k)
            except ValueError as e:  # FisherJenks: fewer distinct values than classes
                rec["runs"].append({"method": name, "k": k, "error": str(e)})
                continue
            rec["runs"].append({"method": name, "k": k, "bins": c.bins.tolist(), "yb": c.yb.tolist()})
    # Custom breaks: the quartiles of the range, rounded, as a user would type them.
    lo, hi = float(y.min()), float(y.max())
    user = sorted({round(lo + (hi - lo) * f, 1) for f in (0.25, 0.5, 0.75)})
    c = mapclassify.UserDefined(y, user)
    rec["runs"].append({"method": "custom", "k": len(c.bins), "user": user, "bins": c.bins.tolist(), "yb": c.yb.tolist()})
    out["indicators"][ind["id"]] = rec
json.dump(out, sys.stdout, indent=0)
print()
