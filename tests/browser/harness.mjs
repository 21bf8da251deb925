// Shared set-up for the browser tests: a static server for dist/ (and test fixtures) on a
// free 127.0.0.1 port that records every request, and Debian's chromium driven by
// playwright-core. No mocked browser: these are real pages in a real browser.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(repo, 'dist');
export const outDir = path.join(repo, 'tests/output');

/** The shared official data; fails loudly when missing. */
export function shared() {
  const p = process.env.NEEDSMAP_SHARED || path.join(repo, '../shared');
  if (!fs.existsSync(path.join(p, 'data/README.md'))) {
    throw new Error(`the shared official data is missing at ${p}: set NEEDSMAP_SHARED to the folder that holds data/`);
  }
  return p;
}

/** `[{code, name, lon, lat}]` of Coventry's wards from the official file's LONG/LAT. */
export function wardPoints() {
  const gj = JSON.parse(fs.readFileSync(path.join(shared(), 'data/boundaries/coventry/geolookups_wards2025_E08000026.geojson'), 'utf8'));
  return gj.features.map((f) => ({ code: f.properties.WD25CD, name: f.properties.WD25NM, lon: f.properties.LONG, lat: f.properties.LAT }));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.geojson': 'application/geo+json', '.csv': 'text/csv; charset=utf-8', '.png': 'image/png',
};

/**
 * Serves dist/ at / and tests/fixtures at /fixtures/. `headers` are added to every answer.
 * Returns {url, requests, close}.
 */
export async function serve({ headers = {}, routes = {} } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname + url.search);
    // Generated answers for tests: {path: () => body | [contentType, body] | [contentType, [pieces]]};
    // a body is sent with its content-length, pieces chunked with none (as a server
    // compressing on the fly does).
    if (routes[url.pathname]) {
      const out = routes[url.pathname]();
      const [type, body] = Array.isArray(out) ? out : ['application/json', out];
      const length = Array.isArray(body) ? {} : { 'content-length': Buffer.byteLength(body) };
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...length, ...headers });
      if (Array.isArray(body)) {
        for (const piece of body) res.write(piece);
        res.end();
      } else res.end(body);
      return;
    }
    let file;
    if (url.pathname.startsWith('/fixtures/')) file = path.join(repo, 'tests', decodeURIComponent(url.pathname));
    else file = path.join(dist, decodeURIComponent(url.pathname));
    if (file.endsWith('/')) file += 'index.html';
    const root = url.pathname.startsWith('/fixtures/') ? path.join(repo, 'tests/fixtures') : dist;
    if (!path.resolve(file).startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  // closeAllConnections: a response the page never read (a wasm module refused by CSP) would
  // otherwise hold server.close() open until its keep-alive timeout.
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** Debian's chromium, headless, with the flags this machine needs (see TOOLCHAIN.md). */
export async function browser(options = {}) {
  if (!fs.existsSync('/usr/bin/chromium')) throw new Error('chromium is missing: run `bash scripts/setup.sh test`');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needs-map-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1024, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    ctx,
    async close() { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A new page that records console errors and page errors. */
export async function openPage(ctx, url) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  if (url) await page.goto(url);
  return { page, errors };
}

/** Waits for the first <needs-map> (or `selector`) to be ready; returns the outcome. */
export async function whenReady(page, selector = 'needs-map') {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    try { await el.ready; return { ok: true }; } catch (e) { return { ok: false, message: e.message }; }
  }, selector);
}

/** The `#rrggbb` colour of the canvas pixel at CSS point (x, y) of the widget's map. */
export async function canvasPixel(page, x, y, selector = 'needs-map') {
  return page.evaluate(({ x, y, sel }) => {
    const el = document.querySelector(sel);
    const c = el.shadowRoot.querySelector('canvas');
    const k = c.width / c.clientWidth;
    const d = c.getContext('2d').getImageData(Math.floor(x * k), Math.floor(y * k), 1, 1).data;
    if (d[3] === 0) return '#000000'; // nothing painted there
    return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
  }, { x, y, sel: selector });
}

/**
 * Drags the mouse on the widget's canvas from `[x, y]` to `[x, y]` (CSS pixels of the canvas)
 * in five moves; returns the canvas's box.
 */
export async function drag(page, from, to, selector = 'needs-map .map canvas') {
  const box = await page.locator(selector).first().boundingBox();
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 5 });
  await page.mouse.up();
  return box;
}

/** CSS pixel position on the widget's canvas of a longitude/latitude (the scene's projection). */
export async function project(page, lon, lat, selector = 'needs-map') {
  return page.evaluate(({ lon, lat, sel }) => Array.from(document.querySelector(sel).locate(lon, lat)), { lon, lat, sel: selector });
}

/** How many canvas pixels of the widget have exactly the colour `#rrggbb`. */
export async function countColour(page, hex, selector = 'needs-map') {
  return page.evaluate(({ hex, sel }) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const c = document.querySelector(sel).shadowRoot.querySelector('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
    return n;
  }, { hex, sel: selector });
}
