#!/usr/bin/env bash
# Builds dist/: the static folder a council copies to its web server (and publishes as an npm
# package: dist/package.json).
#   needs-map.js           the element, with the widget module's wasm-bindgen glue bundled in
#   pkg/needs_map_bg.wasm  the widget module (feature `web`)
#   needs-map-convert.js + pkg/needs_map_convert_bg.wasm  the GeoJSON converter's worker (`convert`),
#                          loaded only for `boundaries=`
#   pkg/needs_map_extra*   exports, the keyboard's neighbours, the postcode index (`extra`), loaded on first use
#   pkg/needs_map_chart*   the profile chart (`chart`, plotters), loaded on first opening a profile
#   pkg/needs_map_own*     areas of one's own (`own`: their keeper and the rules that add areas up),
#                          loaded on the first picked or defined
#   needs-map.d.ts, package.json, the pages, data/*.json
# Sources are staged in target/web beside the generated glue, then bundled and minified by
# esbuild (a dev-only npm package); www/ stays readable.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist
stage=target/web

for tool in node_modules/.bin/esbuild node_modules/.bin/wasm-opt; do
  [ -x "$tool" ] || { echo "build-web: $tool is missing: run bash scripts/setup.sh build" >&2; exit 1; }
done
rm -rf "$out" "$stage" && mkdir -p "$out/pkg" "$out/data" "$stage"
cp -r www/. "$stage/"
bind() { wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$stage/pkg" --out-name "$1" "$2"; }

# Three modules from one crate, each a feature. Each build overwrites needs_map.wasm, so each
# is bound at once. The converter is built for speed, not size (opt-level 3: England's 30 MB
# of wards read in half the time), in its own target folder so the size-first builds keep their cache.
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features convert --target-dir target/convert
bind needs_map_convert target/convert/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features chart
bind needs_map_chart target/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features extra
bind needs_map_extra target/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features own
bind needs_map_own target/wasm32-unknown-unknown/release/needs_map.wasm
cargo build --release --target wasm32-unknown-unknown -p needs-map --lib --no-default-features --features web
bind needs_map target/wasm32-unknown-unknown/release/needs_map.wasm
# wasm-opt (npm binaryen 132; Debian's binaryen 108 breaks the module, see ../shared/TOOLCHAIN.md)
# at -O1 on the module every page downloads: measured on this crate, -O1 --converge makes it
# 1.4 KB smaller gzipped, while -Oz/-Os/-O2 make it smaller raw but about 7 KB larger gzipped;
# dropping arguments every caller passes alike (--dae-optimizing) and folding the constants that
# leaves (--precompute-propagate) take 0.9 KB more (--inlining-optimizing adds 12 KB).
node_modules/.bin/wasm-opt -O1 --converge --dae-optimizing --precompute-propagate --low-memory-unused --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$stage/pkg/needs_map_bg.wasm" -o "$stage/pkg/needs_map_bg.wasm"
cp "$stage"/pkg/*.wasm "$out/pkg/"

# Style sheets (the element's, and each part's) without comments and indentation.
node -e '
  const fs = require("fs");
  for (const f of process.argv.slice(1)) {
    const s = fs.readFileSync(f, "utf8").replace(/const STYLE = `[^`]*`/, (m) => m.replace(/\/\*[^]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};,]) ?/g, "$1"));
    fs.writeFileSync(f, s);
  }' "$stage"/element/*.js
esb() { node_modules/.bin/esbuild "$@" --minify --format=esm --log-level=warning; }
# The element and the widget's glue in one file (one request, and smaller gzipped than two);
# the parts it loads on first use (element/PARTS) in files of their own beside it. Private
# members (a leading underscore) get short names, the same in every file: no page or test
# reads them.
esb "$stage/needs-map.js" --bundle --splitting --mangle-props='^_[a-z]' --outdir="$out" --chunk-names='needs-map-[name]-[hash]'
# The converter's worker likewise carries its glue: a worker waits for its module's imports
# before it reads the file, so one request less is the download started sooner.
esb "$stage/needs-map-convert.js" --bundle --outfile="$out/needs-map-convert.js"
esb "$stage/pkg/needs_map_chart.js" --outfile="$out/pkg/needs_map_chart.js"
esb "$stage/pkg/needs_map_extra.js" --outfile="$out/pkg/needs_map_extra.js"
esb "$stage/pkg/needs_map_own.js" --outfile="$out/pkg/needs_map_own.js"
esb "$stage/embed.js" --outfile="$out/embed.js"
cp www/*.html www/*.css www/favicon.svg www/needs-map.d.ts "$out/"
node scripts/package-json.mjs > "$out/package.json"
cp data/*.json "$out/data/"
# The demo's default map as a page without scripts (dist/figure.html), and its figure inside
# the iframe page, shown where scripts do not run and until the widget is ready.
cargo build --release -q --bin needsmap
target/release/needsmap render "$out/data/coventry.json" --indicator imd_score --out "$out/figure.html" >/dev/null
node -e '
  const fs = require("fs");
  const page = fs.readFileSync(process.argv[1], "utf8");
  const figure = page.slice(page.indexOf("<figure"), page.indexOf("</figure>") + 9);
  const embed = fs.readFileSync(process.argv[2], "utf8");
  if (!embed.includes("<!-- needs-map figure -->")) throw new Error("embed.html has no <!-- needs-map figure --> to fill");
  fs.writeFileSync(process.argv[2], embed.replace("<!-- needs-map figure -->", figure));' "$out/figure.html" "$out/embed.html"
for f in needs-map.js pkg/needs_map_bg.wasm pkg/needs_map_extra.js pkg/needs_map_extra_bg.wasm needs-map-convert.js pkg/needs_map_convert_bg.wasm pkg/needs_map_chart.js pkg/needs_map_chart_bg.wasm pkg/needs_map_own.js pkg/needs_map_own_bg.wasm; do
  printf 'build-web: %-28s %8d bytes, %7d gzip\n' "$f" "$(wc -c <"$out/$f")" "$(gzip -9c "$out/$f" | wc -c)"
done
