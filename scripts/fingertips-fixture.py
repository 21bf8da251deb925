#!/usr/bin/env python3
"""Writes tests/fixtures/data/hle-male-fingertips-coventry.csv: male healthy life expectancy
2009-13 for Coventry's 42 MSOAs, Coventry and England, in the shape of a Fingertips export
(its 26 columns), from the official ONS files in ../shared/data/health. The comparison with
England is ONS's own flag ("**": significantly different), its direction from the values.

Usage: python3 scripts/fingertips-fixture.py [SHARED]   (default ../shared)
"""
import csv
import os
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared")
health = os.path.join(shared, "data/health")
HEAD = ["Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age",
        "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
        "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
        "Compared to England value or percentiles", "Compared to Coventry value or percentiles",
        "Time period Sortable", "New data", "Compared to goal"]

benchmarks = {}
with open(os.path.join(health, "england_coventry_LE_HLE_DFLE_2009-13.csv"), encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        if r["sex"] == "male" and r["measure"] == "HLE":
            benchmarks[r["area_code"]] = r
england = float(benchmarks["E92000001"]["value"])


def compared(value, flag):
    if flag.strip() != "**":
        return "Similar"
    return "Better" if value > england else "Worse"


def row(parent, parent_name, code, name, kind, value, lower, upper, versus):
    return ["90362", "Healthy life expectancy at birth", parent, parent_name, code, name, kind, "Male", "All ages", "", "",
            "2009 - 13", value, lower, upper, "", "", "", "", "", "", versus, "", "20090000", "", ""]


rows = []
e = benchmarks["E92000001"]
rows.append(row("", "", "E92000001", "England", "England", e["value"], e["lower_ci_95"], e["upper_ci_95"], "Not compared"))
c = benchmarks["E08000026"]
rows.append(row("E12000005", "West Midlands region", "E08000026", "Coventry", "Counties & UAs (from Apr 2023)",
                c["value"], c["lower_ci_95"], c["upper_ci_95"], compared(float(c["value"]), c["ons_flag"])))
with open(os.path.join(health, "coventry_ons_HLE_2009-13_MSOA11_males_E08000026.csv"), encoding="utf-8-sig") as f:
    r = csv.reader(f)
    next(r)
    for cells in r:
        if not cells or not cells[0].startswith("E02"):
            continue
        rows.append(row("E08000026", "Coventry", cells[0], cells[1], "MSOA", cells[3], cells[5], cells[6], compared(float(cells[3]), cells[4])))

out = os.path.join(os.path.dirname(__file__), "../tests/fixtures/data/hle-male-fingertips-coventry.csv")
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(HEAD)
    w.writerows(rows)
print(f"{out}: {len(rows)} rows")
