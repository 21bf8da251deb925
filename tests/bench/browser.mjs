// Browser benchmarks (run by `make bench`): needs-map against d3-geo + canvas and Leaflet's
// canvas renderer, on the same data in the same chromium session, pages served
// cross-origin-isolated (5 µs timers). Numbers, not pass/fail; medians of RUNS page loads, the
// pages taken in turns (round by round) so that the machine's drift does not bias the ratios.
//
//   node tests/bench/browser.mjs [dataset ...]     (datasets: see DATASETS; default all)
//   BENCH_RUNS=n (default 5); BENCH_PAGES=needs-map (only pages whose name has that text)
//
// Inputs: the official GeoJSON in ../shared/data as published; bundles made from them by
// `needsmap prepare` (full detail, a million-step grid); a synthetic 35,000-cell tessellation
// of England made here. Every page shades areas by the same synthetic values (a hash of the
// area code): no real indicator covers all of England's wards.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { browser, openPage, dist, repo, shared } from '../browser/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const work = path.join(repo, 'target/bench');
fs.mkdirSync(work, { recursive: true });
const data = path.join(shared(), 'data');

const DATASETS = [
  { id: 'coventry-wards', label: 'Coventry wards', file: 'boundaries/coventry/geolookups_wards2025_E08000026.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'coventry-lsoas', label: 'Coventry LSOAs', file: 'boundaries/coventry/ukgeojson_lsoa2011_E08000026.geojson', code: 'LSOA11CD', name: 'LSOA11NM' },
  { id: 'west-midlands-wards', label: 'West Midlands wards', file: 'boundaries/national/geolookups_wards2025_E12000005_west_midlands_region.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'england-wards', label: 'England wards', file: 'boundaries/national/geolookups_wards2025_england_merged.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'synthetic-35000', label: 'Synthetic 35,000 cells', file: null, code: 'code', name: 'name' },
];
const wanted = process.argv.slice(2);
const sets = wanted.length ? DATASETS.filter((d) => wanted.includes(d.id)) : DATASETS;

/**
 * A tessellation of England's bounding box into `n` jittered cells, 24 points each, whose
 * shared edges are the same points from both sides (as real boundaries are).
 */
function tessellation(n) {
  const [w, s, e, nn] = [-5.7, 49.95, 1.76, 55.8];
  const cols = Math.round(Math.sqrt((n * (e - w) * 0.62) / (nn - s)));
  const rows = Math.ceil(n / cols);
  const hash = (a, b, c) => { let h = Math.imul(a, 374761393) ^ Math.imul(b, 668265263) ^ Math.imul(c, 2246822519); h = Math.imul(h ^ (h >>> 13), 1274126177); return ((h ^ (h >>> 16)) >>> 0) / 4294967296 - 0.5; };
  const dx = (e - w) / cols, dy = (nn - s) / rows;
  const corner = (i, j) => [w + (i + 0.35 * hash(i, j, 1) * (i > 0 && i < cols)) * dx, s + (j + 0.35 * hash(i, j, 2) * (j > 0 && j < rows)) * dy];
  // Five points inside each edge, keyed by the edge so both neighbours share them.
  const edge = (a, b, key) => Array.from({ length: 5 }, (_, k) => {
    const t = (k + 1) / 6;
    const wob = 0.08 * hash(key[0], key[1], key[2] * 8 + k);
    return [a[0] + (b[0] - a[0]) * t + wob * dx * (key[2] ? 1 : 0), a[1] + (b[1] - a[1]) * t + wob * dy * (key[2] ? 0 : 1)];
  });
  const seg = (i0, j0, i1, j1) => {
    // Canonical direction so both cells get the same points; reversed when walked backwards.
    const fwd = i0 < i1 || j0 < j1;
    const [a, b] = fwd ? [[i0, j0], [i1, j1]] : [[i1, j1], [i0, j0]];
    const horizontal = a[1] === b[1] ? 0 : 1;
    const pts = edge(corner(...a), corner(...b), [a[0], a[1], horizontal + 2]);
    return fwd ? pts : pts.reverse();
  };
  const r6 = (p) => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  const out = [];
  let id = 0;
  for (let j = 0; j < rows && id < n; j++) {
    for (let i = 0; i < cols && id < n; i++, id++) {
      const ring = [corner(i, j), ...seg(i, j, i, j + 1), corner(i, j + 1), ...seg(i, j + 1, i + 1, j + 1), corner(i + 1, j + 1),
        ...seg(i + 1, j + 1, i + 1, j), corner(i + 1, j), ...seg(i + 1, j, i, j)].map(r6);
      ring.push(ring[0]);
      const code = `X${String(id + 1).padStart(8, '0')}`;
      out.push(`{"type":"Feature","properties":{"code":"${code}","name":"Cell ${id + 1}"},"geometry":{"type":"Polygon","coordinates":[${JSON.stringify(ring)}]}}`);
    }
  }
  return `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[\n${out.join(',\n')}\n]}\n`;
}

// ---------------------------------------------------------------- inputs
const raw = {};
const bundles = {};
const needsmap = path.join(repo, 'target/release/needsmap');
for (const d of sets) {
  if (d.file) raw[d.id] = path.join(data, d.file);
  else {
    raw[d.id] = path.join(work, `${d.id}.geojson`);
    if (!fs.existsSync(raw[d.id])) fs.writeFileSync(raw[d.id], tessellation(35000));
  }
  bundles[d.id] = path.join(work, `${d.id}.json`);
  if (!fs.existsSync(bundles[d.id]) || fs.statSync(bundles[d.id]).mtimeMs < fs.statSync(needsmap).mtimeMs) {
    const recipe = path.join(work, `${d.id}.toml`);
    fs.writeFileSync(recipe, [
      `title = "${d.label} (benchmark)"`, 'attribution = "Contains OS data © Crown copyright and database right 2025. Source: Office for National Statistics licensed under the Open Government Licence v3.0."',
      'vintage = "benchmark"', 'quantisation = 1000000', 'simplify_m = 0.0', '', '[place]', 'code = "E92000001"', 'name = "England"', '',
      '[[layers]]', 'id = "areas"', 'label = "Areas"', 'noun = "areas"', `boundaries = "${raw[d.id]}"`, `code_field = "${d.code}"`, `name_field = "${d.name}"`, '',
    ].join('\n'));
    execFileSync(needsmap, ['prepare', recipe, '--out', bundles[d.id]], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

// ---------------------------------------------------------------- server
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml' };
const mounts = [['/bench/', path.join(repo, 'tests/bench/pages')], ['/node_modules/', path.join(repo, 'node_modules')], ['/input/', '/'], ['/', dist]];
const allowed = new Set([...Object.values(raw), ...Object.values(bundles)]);
const served = {};
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const [prefix, root] = mounts.find(([p]) => url.pathname.startsWith(p));
  const file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
  const ok = prefix === '/input/' ? allowed.has(file) : path.resolve(file).startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile();
  // Cross-origin isolation: precise timers for the hover figures.
  const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin', 'cache-control': 'no-store' };
  if (!ok) { res.writeHead(404, headers); res.end(); return; }
  res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  // Each file is read once and then sent from memory in one write, as a web server sends from
  // the page cache: piping it from disk in 64 KB pieces cost this 2-core machine's CPU while
  // the pages read (a real server is another machine).
  served[file] ??= fs.readFileSync(file);
  res.end(served[file]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------- runs
const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const chrome = await browser({ viewport: { width: 1000, height: 800 } });
const PAGES = [
  ['needs-map, GeoJSON', (d) => `needs-map.html?kind=geojson&src=/input${raw[d.id]}&code=${d.code}&name=${d.name}`],
  ['needs-map, bundle', (d) => `needs-map.html?kind=bundle&src=/input${bundles[d.id]}`],
  ['d3-geo + canvas', (d) => `d3.html?src=/input${raw[d.id]}&code=${d.code}`],
  ['Leaflet canvas', (d) => `leaflet.html?src=/input${raw[d.id]}&code=${d.code}`],
];
const only = process.env.BENCH_PAGES;
const shown = PAGES.filter(([name]) => !only || name.includes(only));
/** One page load of `url`: its figures, with the JS heap after a collection. */
async function load(url) {
  const { page } = await openPage(chrome.ctx);
  await page.goto(`${base}/bench/${url}`);
  const r = await page.evaluate(() => window.result);
  const cdp = await chrome.ctx.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  r.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  r.memory = r.heap + r.wasm;
  await page.close();
  if (!r.isolated) throw new Error('the benchmark pages are not cross-origin isolated: timers are coarse');
  return r;
}
const results = {};
for (const d of sets) {
  results[d.id] = Object.fromEntries(PAGES.map(([name]) => [name, {}]));
  // Round by round, every page once per round: the machine's speed drifts over minutes on a
  // shared VM, and taking the pages in turn keeps that drift out of the ratios.
  const runs = Object.fromEntries(shown.map(([name]) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, url] of shown) runs[name].push(await load(url(d)));
    process.stderr.write(`  ${d.label}: round ${i + 1} of ${RUNS} done\n`);
  }
  for (const [name] of shown) {
    const m = (f) => median(runs[name].map(f));
    const first = runs[name][0];
    results[d.id][name] = {
      first: m((r) => r.first), floor: m((r) => r.floor.drawn), put: m((r) => r.put.drawn), reshade: m((r) => r.reshade.drawn), reshadeSync: m((r) => r.reshade.sync),
      pan: m((r) => r.pan.drawn), panSync: m((r) => r.pan.sync), zoom: m((r) => r.zoom.drawn), zoomSync: m((r) => r.zoom.sync),
      hitMean: m((r) => r.hitMean), hitP99: m((r) => r.hitP99), heap: m((r) => r.heap), wasm: m((r) => r.wasm), memory: m((r) => r.memory),
      areas: first.areas, hits: first.hits, canvas: first.canvas,
    };
  }
}
await chrome.close();
server.close();

// ---------------------------------------------------------------- report
// One decimal below 100 ms: whether a drawn figure is the next frame (16.7 ms) shows there.
const ms = (v) => (v == null ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const mb = (v) => (v == null ? '-' : (v / 1048576).toFixed(1));
console.log(`needs-map browser benchmarks: chromium headless (software rendering), ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), 960x720 CSS px, medians of ${RUNS} page loads taken in turns`);
console.log('times in ms; "drawn" = until a requestAnimationFrame and a task posted from it; ratio = needs-map / best reference (lower is better)');
const ROWS = [
  ['first frame from bytes', 'first'], ['nothing (frame floor), drawn', 'floor'], ['canvas image put, drawn', 'put'], ['re-shade, drawn', 'reshade'], ['re-shade, synchronous', 'reshadeSync'],
  ['pan 100 px, drawn', 'pan'], ['pan 100 px, synchronous', 'panSync'], ['zoom x2, drawn', 'zoom'], ['zoom x2, synchronous', 'zoomSync'],
  ['hover hit-test mean', 'hitMean'], ['hover hit-test p99', 'hitP99'],
];
for (const d of sets) {
  const r = results[d.id];
  const nm = r['needs-map, GeoJSON'];
  console.log(`\n${d.label}: ${nm.areas} areas drawn, raw ${(fs.statSync(raw[d.id]).size / 1e6).toFixed(1)} MB, bundle ${(fs.statSync(bundles[d.id]).size / 1e6).toFixed(1)} MB`);
  const cols = PAGES.map(([n]) => n);
  console.log(`  ${'figure'.padEnd(30)}${cols.map((c) => c.padStart(20)).join('')}${'ratio (GeoJSON)'.padStart(17)}${'ratio (bundle)'.padStart(16)}`);
  const line = (label, f, fmt) => {
    const best = Math.min(r['d3-geo + canvas'][f] ?? Infinity, r['Leaflet canvas'][f] ?? Infinity);
    const ratio = (v) => (best > 0 && isFinite(best) ? (v / best).toFixed(2) : '-');
    console.log(`  ${label.padEnd(30)}${cols.map((c) => fmt(r[c][f]).padStart(20)).join('')}${ratio(r['needs-map, GeoJSON'][f]).padStart(17)}${ratio(r['needs-map, bundle'][f]).padStart(16)}`);
  };
  for (const [label, f] of ROWS) line(label, f, ms);
  line('JS heap (MB)', 'heap', mb);
  line('wasm memory (MB)', 'wasm', mb);
  line('JS heap + wasm (MB)', 'memory', mb);
  console.log(`  hover hits on areas: ${cols.map((c) => `${c} ${r[c].hits}`).join(', ')} of 1,000 points`);
}
console.log('\nsizes a visitor downloads (gzip -9): the first frame (needs-map.js carries the glue), then what loads on first use: the element\'s parts, exports/keys/postcodes (extra), the profile chart, GeoJSON');
const lazy = fs.readdirSync(dist).filter((f) => /^needs-map-.*\.js$/.test(f) && f !== 'needs-map-convert.js').sort();
for (const f of ['needs-map.js', 'pkg/needs_map_bg.wasm', ...lazy, 'pkg/needs_map_extra.js', 'pkg/needs_map_extra_bg.wasm', 'pkg/needs_map_chart.js', 'pkg/needs_map_chart_bg.wasm', 'needs-map-convert.js', 'pkg/needs_map_convert_bg.wasm']) {
  const b = fs.readFileSync(path.join(dist, f));
  console.log(`  ${f.padEnd(30)} ${String(b.length).padStart(9)} bytes ${String(zlib.gzipSync(b, { level: 9 }).length).padStart(8)} gzip`);
}
for (const d of sets) {
  const b = fs.readFileSync(bundles[d.id]);
  console.log(`  bundle: ${d.label.padEnd(22)} ${String(b.length).padStart(9)} bytes ${String(zlib.gzipSync(b, { level: 9 }).length).padStart(8)} gzip`);
}
