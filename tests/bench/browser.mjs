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
const TRACED = Number(process.env.BENCH_TRACED || 3);
const work = path.join(repo, 'target/bench');
fs.mkdirSync(work, { recursive: true });
const data = path.join(shared(), 'data');

const DATASETS = [
  // The bundle a visitor of Coventry's page gets (indicators, postcodes, services), against
  // the references drawing the same wards from GeoJSON.
  { id: 'coventry-full', label: 'Coventry wards, data/coventry.json', file: 'boundaries/coventry/geolookups_wards2025_E08000026.geojson', code: 'WD25CD', name: 'WD25NM', bundle: path.join(repo, 'data/coventry.json') },
  { id: 'coventry-wards', label: 'Coventry wards', file: 'boundaries/coventry/geolookups_wards2025_E08000026.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'coventry-lsoas', label: 'Coventry LSOAs', file: 'boundaries/coventry/ukgeojson_lsoa2011_E08000026.geojson', code: 'LSOA11CD', name: 'LSOA11NM' },
  { id: 'west-midlands-wards', label: 'West Midlands wards', file: 'boundaries/national/geolookups_wards2025_E12000005_west_midlands_region.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'england-wards', label: 'England wards', file: 'boundaries/national/geolookups_wards2025_england_merged.geojson', code: 'WD25CD', name: 'WD25NM' },
  { id: 'synthetic-35000', label: 'Synthetic 35,000 cells', file: null, code: 'code', name: 'name' },
  // England's 32,844 neighbourhoods: the bundle from data/england-lsoa.toml, the references'
  // GeoJSON written here from the same staged TopoJSON (neither is committed).
  { id: 'england-lsoas', label: 'England LSOAs', file: null, topojson: 'boundaries/national/lsoa2011_by_lad', code: 'LSOA11CD', name: 'LSOA11NM', recipe: path.join(repo, 'data/england-lsoa.toml') },
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

/**
 * GeoJSON text of every TopoJSON file in `folder` (quantised, delta-encoded arcs decoded and
 * stitched into rings, as topojson-client's `feature` does), for the references to read.
 */
function geojsonOfTopojson(folder) {
  const out = [];
  for (const f of fs.readdirSync(folder).filter((x) => x.endsWith('.json')).sort()) {
    const t = JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8'));
    const { scale: [kx, ky], translate: [dx, dy] } = t.transform;
    const arcs = t.arcs.map((a) => { let x = 0, y = 0; return a.map(([u, v]) => [(x += u) * kx + dx, (y += v) * ky + dy]); });
    const arc = (i) => (i < 0 ? arcs[~i].slice().reverse() : arcs[i]);
    const ring = (ids) => {
      const pts = [];
      for (const i of ids) { const a = arc(i); pts.push(...(pts.length ? a.slice(1) : a)); }
      return pts.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
    };
    for (const o of Object.values(t.objects)) {
      for (const g of o.geometries) {
        const coordinates = g.type === 'Polygon' ? g.arcs.map(ring) : g.arcs.map((p) => p.map(ring));
        out.push(JSON.stringify({ type: 'Feature', properties: g.properties, geometry: { type: g.type, coordinates } }));
      }
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
    if (!fs.existsSync(raw[d.id])) fs.writeFileSync(raw[d.id], d.topojson ? geojsonOfTopojson(path.join(data, d.topojson)) : tessellation(35000));
  }
  if (d.recipe) {
    // A committed recipe, prepared here (timed: the closing note reports it).
    bundles[d.id] = path.join(work, `${d.id}.json`);
    if (!fs.existsSync(bundles[d.id]) || fs.statSync(bundles[d.id]).mtimeMs < fs.statSync(needsmap).mtimeMs) {
      const t = performance.now();
      execFileSync(needsmap, ['prepare', d.recipe, '--out', bundles[d.id]], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, NEEDSMAP_SHARED: shared() } });
      process.stderr.write(`  ${d.label}: prepared ${path.basename(d.recipe)} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    continue;
  }
  bundles[d.id] = d.bundle || path.join(work, `${d.id}.json`);
  if (!d.bundle && (!fs.existsSync(bundles[d.id]) || fs.statSync(bundles[d.id]).mtimeMs < fs.statSync(needsmap).mtimeMs)) {
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
/** The README's embedding, with the bundle's address written in as a council's page has it. */
const embedded = (src, height) => `<!doctype html>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>needs-map, embedded</title>
<link rel="modulepreload" href="/needs-map.js">
<link rel="preload" href="/pkg/needs_map_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="${src}" as="fetch" crossorigin>
<style>body { margin: 0 } needs-map { width: min(960px, 100vw); border: 0; padding: 0 }</style>
<script type="module" src="/needs-map.js"></script>
<needs-map bundle="${src}" height="${height}"></needs-map>
<script type="module" src="/bench/embedded.js"></script>
`;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/bench/embedded.html') {
    const src = url.searchParams.get('src');
    if (!allowed.has(src.slice('/input'.length))) { res.writeHead(404); res.end(); return; }
    const height = Math.round(Math.min(960, Number(url.searchParams.get('w')) || 960) * 0.75);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' });
    res.end(embedded(src, height));
    return;
  }
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
// BENCH_SCREEN=phone: a 360x640 screen at device pixel ratio 3 (a resident's phone);
// BENCH_CPU=4: the CPU slowed fourfold (the browser's own throttling), for a cheap one.
const phone = process.env.BENCH_SCREEN === 'phone';
const cpu = Number(process.env.BENCH_CPU || 1);
const screen = phone ? { width: 360, height: 640, deviceScaleFactor: 3, mobile: true } : { width: 1000, height: 800, deviceScaleFactor: 1, mobile: false };
const chrome = await browser({ viewport: { width: 1000, height: 800 } });
const PAGES = [
  ['needs-map, GeoJSON', (d) => `needs-map.html?kind=geojson&src=/input${raw[d.id]}&code=${d.code}&name=${d.name}`],
  ['needs-map, bundle', (d) => `needs-map.html?kind=bundle&src=/input${bundles[d.id]}`],
  ['d3-geo + canvas', (d) => `d3.html?src=/input${raw[d.id]}&code=${d.code}`],
  ['Leaflet canvas', (d) => `leaflet.html?src=/input${raw[d.id]}&code=${d.code}`],
  ['needs-map, page', (d) => `embedded.html?src=/input${bundles[d.id]}&w=${screen.width}`],
];
const only = process.env.BENCH_PAGES;
const shown = PAGES.filter(([name]) => !only || name.includes(only));
/**
 * One page load of `url`: its figures, with the JS heap after a collection and every canvas's
 * backing store (width x height x 4 bytes, the page's and the references' alike). With
 * `trace`, the first frame is also broken down by the browser's own timeline (see `breakdown`).
 */
async function load(url, trace = false) {
  const { page } = await openPage(chrome.ctx);
  const cdp = await chrome.ctx.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', screen);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const events = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.wasm,blink.user_timing,toplevel', transferMode: 'ReportEvents' });
  }
  await page.goto(`${base}/bench/${url}`);
  const r = await page.evaluate(() => window.result);
  if (trace) {
    const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
    await cdp.send('Tracing.end');
    await done;
    r.parts = breakdown(events, url.startsWith('embedded'));
  }
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.send('HeapProfiler.collectGarbage');
  r.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  r.canvases = await page.evaluate(() => {
    let n = 0;
    const walk = (root) => root.querySelectorAll('*').forEach((e) => {
      if (e instanceof HTMLCanvasElement) n += e.width * e.height * 4;
      if (e.shadowRoot) walk(e.shadowRoot);
    });
    walk(document);
    return n;
  });
  r.memory = r.heap + r.wasm + r.canvases;
  await page.close();
  if (!r.isolated) throw new Error('the benchmark pages are not cross-origin isolated: timers are coarse');
  return r;
}
/**
 * Where the first frame's time went, from the trace: the renderer's main thread between the
 * page's marks `bench:t0` (for the embedded page, the navigation's start) and `bench:first`,
 * each event's own time (less its children's) given to the kind of work it is: script (JS
 * and wasm running), lazy compile (wasm functions compiled on their first call), compile (the
 * module's streaming compile and instantiation), style and layout, paint, GC, other (the
 * tasks' own time: messages, scheduling). The rest of the window the main thread was idle:
 * waiting for downloads and for the frame.
 */
function breakdown(events, fromNavigation) {
  const t0 = events.find((e) => e.name === 'bench:t0');
  const t1 = events.find((e) => e.name === 'bench:first');
  if (!t0 || !t1) return null;
  const nav = events.find((e) => e.name === 'navigationStart' && e.tid === t0.tid);
  const start = fromNavigation && nav ? nav.ts : t0.ts, end = t1.ts;
  const main = events.filter((e) => e.tid === t0.tid && e.ph === 'X' && e.dur && e.ts < end && e.ts + e.dur > start).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const kind = (name) => (/^wasm\.Compile(Lazy|Baseline)/.test(name) ? 'lazy compile' : /^wasm\./.test(name) ? 'compile'
    : /Layout|RecalcStyle|ParseHTML|UpdateLayer|StyleRecalc/.test(name) ? 'style and layout' : /Paint|Layerize|Commit|Raster|Decode/.test(name) ? 'paint'
      : /GC|Collect/.test(name) ? 'GC' : /RunTask|Scheduler|mojo|Mojo|ThreadController/.test(name) ? 'other' : 'script');
  const parts = { script: 0, 'lazy compile': 0, compile: 0, 'style and layout': 0, paint: 0, GC: 0, other: 0, idle: 0 };
  const clip = (e) => Math.max(0, Math.min(e.ts + e.dur, end) - Math.max(e.ts, start));
  const stack = [];
  let busy = 0;
  for (const e of main) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const own = clip(e);
    if (parent) parts[kind(parent.name)] -= own; else busy += own;
    parts[kind(e.name)] += own;
    stack.push(e);
  }
  parts.idle = end - start - busy;
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / 1000]));
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
  // Traced loads, apart (tracing slows a page): the first frame's breakdown, medians of TRACED.
  const traced = Object.fromEntries(shown.map(([name]) => [name, []]));
  for (let i = 0; i < TRACED; i++) for (const [name, url] of shown) traced[name].push((await load(url(d), true)).parts);
  for (const [name] of shown) {
    const m = (f) => median(runs[name].map(f));
    const first = runs[name][0];
    results[d.id][name] = {
      first: m((r) => r.first), floor: m((r) => r.floor.drawn), put: m((r) => r.put.drawn), reshade: m((r) => r.reshade.drawn), reshadeSync: m((r) => r.reshade.sync),
      pan: m((r) => r.pan.drawn), panSync: m((r) => r.pan.sync), zoom: m((r) => r.zoom.drawn), zoomSync: m((r) => r.zoom.sync),
      hitMean: m((r) => r.hitMean), hitP99: m((r) => r.hitP99), heap: m((r) => r.heap), wasm: m((r) => r.wasm), memory: m((r) => r.memory),
      fromNavigation: m((r) => r.fromNavigation), canvases: m((r) => r.canvases),
      wasmDone: m((r) => r.downloads.find((x) => x.file.endsWith('.wasm'))?.end), dataDone: m((r) => r.downloads.find((x) => !x.file.endsWith('.wasm'))?.end),
      parts: traced[name][0] && Object.fromEntries(Object.keys(traced[name][0]).map((k) => [k, median(traced[name].map((p) => p?.[k]))])),
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
console.log(`needs-map browser benchmarks: chromium headless (software rendering), ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ${phone ? '360x270 CSS px on a 360x640 screen at device pixel ratio 3' : '960x720 CSS px'}${cpu > 1 ? `, CPU slowed ${cpu}x` : ''}, medians of ${RUNS} page loads taken in turns`);
console.log('times in ms; "drawn" = until a requestAnimationFrame and a task posted from it; ratio = needs-map / best reference (lower is better)');
const ROWS = [
  ['first frame from bytes', 'first'], ['first frame from navigation', 'fromNavigation'],
  ['  module downloaded at', 'wasmDone'], ['  data downloaded at', 'dataDone'], ['nothing (frame floor), drawn', 'floor'], ['canvas image put, drawn', 'put'], ['re-shade, drawn', 'reshade'], ['re-shade, synchronous', 'reshadeSync'],
  ['pan 100 px, drawn', 'pan'], ['pan 100 px, synchronous', 'panSync'], ['zoom x2, drawn', 'zoom'], ['zoom x2, synchronous', 'zoomSync'],
  ['hover hit-test mean', 'hitMean'], ['hover hit-test p99', 'hitP99'],
];
for (const d of sets) {
  const r = results[d.id];
  const nm = r['needs-map, GeoJSON'];
  console.log(`\n${d.label}: ${nm.areas} areas drawn, raw ${(fs.statSync(raw[d.id]).size / 1e6).toFixed(1)} MB, bundle ${(fs.statSync(bundles[d.id]).size / 1e6).toFixed(1)} MB`);
  const cols = PAGES.map(([n]) => n);
  console.log(`  ${'figure'.padEnd(30)}${cols.map((c) => c.padStart(20)).join('')}${'ratio (GeoJSON)'.padStart(17)}${'ratio (bundle)'.padStart(16)}${'ratio (page)'.padStart(14)}`);
  const line = (label, f, fmt, get = (c) => r[c][f]) => {
    const best = Math.min(get('d3-geo + canvas') ?? Infinity, get('Leaflet canvas') ?? Infinity);
    const ratio = (v) => (v != null && best > 0 && isFinite(best) ? (v / best).toFixed(2) : '-');
    console.log(`  ${label.padEnd(30)}${cols.map((c) => fmt(get(c)).padStart(20)).join('')}${ratio(get('needs-map, GeoJSON')).padStart(17)}${ratio(get('needs-map, bundle')).padStart(16)}${ratio(get('needs-map, page')).padStart(14)}`);
  };
  for (const [label, f] of ROWS) line(label, f, ms);
  line('JS heap (MB)', 'heap', mb);
  line('wasm memory (MB)', 'wasm', mb);
  line('canvas backing stores (MB)', 'canvases', mb);
  line('heap + wasm + canvases (MB)', 'memory', mb);
  console.log('  the first frame by the browser\'s timeline (main thread, own time of each kind of work; ms, medians of traced loads; the page from its navigation)');
  for (const k of Object.keys(r['needs-map, bundle'].parts ?? {})) line(`  ${k}`, null, ms, (c) => r[c].parts?.[k]);
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
