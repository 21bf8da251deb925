#!/usr/bin/env python3
"""Recomputes a council's ward IMD 2019 scores from the official national files, independently
of needs-map (plain Python: its own CSV reading and point-in-polygon), to check the literals in
tests/native/national.rs. Usage: python3 scripts/national-reference.py E08000025

Method (ONS best fit): each English LSOA's population-weighted centroid falls in one 2025 ward;
a ward's score is the mean of its LSOAs' IMD scores (File 7) weighted by mid-2015 population.
"""
import csv, json, os, sys

shared = os.environ.get("NEEDSMAP_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
data = os.path.join(shared, "data")
council = sys.argv[1] if len(sys.argv) > 1 else "E08000025"

with open(os.path.join(data, "boundaries/national/geolookups_wards2025_england_merged.geojson")) as f:
    wards = [ft for ft in json.load(f)["features"] if council in (ft["properties"]["LAD25CD"], ft["properties"]["UTLACD"])]

def polygons(g):
    return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]

def inside(poly_rings, x, y):
    # Even-odd over every ring of every polygon (holes count as outside).
    c = False
    for rings in poly_rings:
        for ring in rings:
            for i in range(len(ring) - 1):
                (x1, y1), (x2, y2) = ring[i][:2], ring[i + 1][:2]
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    c = not c
    return c

shapes = []
for ft in wards:
    ps = polygons(ft["geometry"])
    xs = [p[0] for poly in ps for ring in poly for p in ring]
    ys = [p[1] for poly in ps for ring in poly for p in ring]
    shapes.append((ft["properties"]["WD25CD"], ft["properties"]["WD25NM"], ps, (min(xs), min(ys), max(xs), max(ys))))

ward_of = {}
with open(os.path.join(data, "lookups/ons_lsoa11_population_weighted_centroids_EW.csv"), encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        x, y = float(row["X"]), float(row["Y"])
        for code, _, ps, (x0, y0, x1, y1) in shapes:
            if x0 <= x <= x1 and y0 <= y <= y1 and inside(ps, x, y):
                ward_of[row["lsoa11cd"]] = code
                break

sums = {}
with open(os.path.join(data, "imd/dhsc_imd2019_lsoa_score_pop_subset_of_File_7.csv"), encoding="utf-8-sig") as f:
    for row in csv.reader(f):
        if row[0] in ward_of:
            s, w = float(row[1]), float(row[2])
            a = sums.setdefault(ward_of[row[0]], [0.0, 0.0, 0])
            a[0] += s * w; a[1] += w; a[2] += 1

names = {code: name for code, name, _, _ in shapes}
scores = sorted(((a[0] / a[1], code, a[2]) for code, a in sums.items()), reverse=True)
print(f"{council}: {len(shapes)} wards, {len(ward_of)} LSOAs fitted, {len(sums)} wards with a score")
for score, code, n in scores[:3] + scores[-3:]:
    print(f"  {names[code]} ({code}): {score:.3f} from {n} LSOAs")

# The fit against the ONS 2019 lookup, where the lookup's ward is one of these 2025 wards (the
# same code is the same boundary): the LSOAs, and the share of mid-2015 population, it moves.
codes = {code for code, _, _, _ in shapes}
pop = {}
with open(os.path.join(data, "imd/dhsc_imd2019_lsoa_score_pop_subset_of_File_7.csv"), encoding="utf-8-sig") as f:
    for row in list(csv.reader(f))[1:]:
        pop[row[0]] = float(row[2])
both = moved = 0.0
n_both = n_moved = 0
with open(os.path.join(data, "lookups/ons_LSOA11_to_WD19_LAD19_EW_national.csv"), encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        if row["WD19CD"] in codes and row["LSOA11CD"] in ward_of:
            both += pop[row["LSOA11CD"]]; n_both += 1
            if ward_of[row["LSOA11CD"]] != row["WD19CD"]:
                moved += pop[row["LSOA11CD"]]; n_moved += 1
print(f"  against the 2019 lookup: {n_both} LSOAs in wards of both, {n_moved} moved, {100 * moved / both if both else 0:.2f}% of their mid-2015 population")
