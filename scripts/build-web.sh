#!/usr/bin/env bash
# Builds dist/: the static folder a council copies to its web server.
#   dist/needs-map.js (the element with wasm-bindgen's glue bundled in), dist/pkg/needs_map_bg.wasm,
#   the lazily loaded modules (pkg/needs_map_convert*, pkg/needs_map_chart*), dist/data/*.json, the pages.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist

rm -rf "$out" && mkdir -p "$out/pkg" "$out/data"
# Three modules from one crate: the widget, the GeoJSON converter it loads only for
# `boundaries=` (feature `convert`) and the chart module. Each build overwrites needs_map.wasm,
# so bind each at once.
# The converter is built for speed, not size (opt-level 3: England's 30 MB of wards read in
# half the time), in its own target folder so the size-first builds keep their cache.
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features convert --target-dir target/convert
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out/pkg" --out-name needs_map_convert target/convert/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features chart
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out/pkg" --out-name needs_map_chart target/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features web
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out/pkg" target/wasm32-unknown-unknown/release/needs_map.wasm
# wasm-opt (npm binaryen 132, a dev-only package; Debian's binaryen 108 breaks the module, see
# ../shared/TOOLCHAIN.md) at -O1 on the module every page downloads: measured on this crate,
# -O1 --converge makes it 1.4 KB smaller gzipped, while -Oz/-Os/-O2 make it smaller raw but about 7 KB
# larger gzipped (gzip is what a visitor downloads).
if [ -x node_modules/.bin/wasm-opt ]; then
  node_modules/.bin/wasm-opt -O1 --converge --low-memory-unused --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$out/pkg/needs_map_bg.wasm" -o "$out/pkg/needs_map_bg.wasm"
else
  echo "build-web: node_modules/.bin/wasm-opt missing (run scripts/setup.sh); the wasm is not optimised" >&2
fi
cp www/*.html www/*.js www/*.css www/favicon.svg "$out/"
# What visitors download, minified (the sources in www/ stay readable; esbuild is a dev-only
# npm package): the element and wasm-bindgen's glue bundled into one file (one request, and
# about 400 bytes less gzipped than two), its style sheet without comments and indentation.
if [ -x node_modules/.bin/esbuild ]; then
  node -e '
    const fs = require("fs"), f = process.argv[1];
    const s = fs.readFileSync(f, "utf8").replace(/const STYLE = `[^`]*`/, (m) => m.replace(/\/\*[^]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};,]) ?/g, "$1"));
    fs.writeFileSync(f, s);' "$out/needs-map.js"
  # Private members (a leading underscore) get short names; the tests and benchmarks drive
  # _map, _canvas and _afterView, which keep theirs.
  node_modules/.bin/esbuild "$out/needs-map.js" --bundle --minify --format=esm --log-level=warning \
    --mangle-props='^_[a-z]' --reserve-props='^_(map|canvas|afterView)$' \
    --external:./pkg/needs_map_convert.js --external:./pkg/needs_map_chart.js --outfile="$out/needs-map.js.min" && mv "$out/needs-map.js.min" "$out/needs-map.js"
  # The converter's worker likewise carries its glue: a worker waits for its module's
  # imports before it reads the file, so one request less is the download started sooner.
  node_modules/.bin/esbuild "$out/needs-map-convert.js" --bundle --minify --format=esm --log-level=warning \
    --outfile="$out/needs-map-convert.js.min" && mv "$out/needs-map-convert.js.min" "$out/needs-map-convert.js"
  for f in "$out/embed.js" "$out/pkg/needs_map.js" "$out/pkg/needs_map_convert.js" "$out/pkg/needs_map_chart.js"; do
    node_modules/.bin/esbuild "$f" --minify --format=esm --log-level=warning --outfile="$f.min" && mv "$f.min" "$f"
  done
else
  echo "build-web: node_modules/.bin/esbuild missing (run scripts/setup.sh); JS is not minified nor bundled" >&2
fi
cp data/*.json "$out/data/"
for f in "$out/needs-map.js" "$out/pkg/needs_map.js" "$out/pkg/needs_map_bg.wasm" "$out/needs-map-convert.js" "$out/pkg/needs_map_convert_bg.wasm" "$out/pkg/needs_map_chart.js" "$out/pkg/needs_map_chart_bg.wasm"; do
  printf 'build-web: %-28s %8d bytes, %7d gzip\n' "${f#$out/}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
