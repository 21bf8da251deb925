#!/usr/bin/env python3
"""Times `needsmap prepare` on the recipes of data/ (release build): wall time (median of 3),
peak memory of the process, and the bundle's raw and gzip size. Run by `make bench`."""
import gzip, os, resource, statistics, subprocess, sys, time

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(repo, "target/release/needsmap")
print("needsmap prepare (release build, median of 3 runs)")
for recipe, label in [("data/coventry.toml", "Coventry: wards, MSOAs, postcodes, services"),
                      ("data/england-wards.toml", "England: 6,827 ward features, boundaries only")]:
    out = os.path.join(repo, "target", os.path.basename(recipe).replace(".toml", ".bench.json"))
    times, peak = [], 0
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([binary, "prepare", recipe, "--out", out], cwd=repo, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    raw = open(out, "rb").read()
    print(f"  {label:<48} {statistics.median(times):6.2f} s  peak {peak / 1024:6.0f} MB  "
          f"bundle {len(raw):>9,} bytes, {len(gzip.compress(raw, 9)):>9,} gzip")

# The national recipe: one council, then every council of England in one run.
for args, label in [(["--area", "E08000025"], "England recipe, Birmingham (--area E08000025)"),
                    (["--area", "all"], "England recipe, all 317 councils (--area all)")]:
    many = args[1] == "all"
    out = os.path.join(repo, "target", "national-bench" if many else "birmingham.bench.json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([binary, "prepare", "data/england.toml", *args, "--out", out], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    files = [os.path.join(out, f) for f in os.listdir(out) if f.endswith(".json")] if many else [out]
    raw = sum(os.path.getsize(f) for f in files)
    gz = sum(len(gzip.compress(open(f, "rb").read(), 9)) for f in files) if not many else None
    size = f"{len(files)} bundles {raw:>11,} bytes" if many else f"bundle {raw:>9,} bytes, {gz:>9,} gzip"
    # ru_maxrss of children is the largest child so far: a peak above earlier runs is this run's.
    print(f"  {label:<48} {took:6.2f} s  peak {max(peak, before) / 1024:6.0f} MB  {size}")
sys.exit(0)
