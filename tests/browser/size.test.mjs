// Size budget (a budget, not a timing): what a visitor downloads before the first frame of a
// bundle, gzipped. Counted from the requests a real page makes until the element's `ready`,
// so a module moved out of the first frame stops counting only if it is really not fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist, serve, browser, openPage, whenReady } from './harness.mjs';

// 147 KB: raised from 143 KB on 3 December 2026 by the areas' names on the map (3.1 KB: the
// label points, their placing, the table of text widths and the halo; a council's wards are
// named in the first frame, so they cannot load on first use). Still in this module and not
// needed by the first frame: the CSV's answer (0.9 KB) and the exported picture's sheet
// (2.5 KB, its serialising for the extra module), each measured; moving them out needs the
// view's derived indicators made again in the figures' module.
// 143 KB: raised from 138 KB on 3 December 2026 by the change view and the fixed scale (4.5 KB:
// `period="mid-2015..mid-2020"` and `scale="fixed"` are attributes, so the first frame can
// be one). Areas of one's own, which no first frame draws, went to a module of their own
// (0.15 KB here: the outlines they are given to draw), and the postcode answer's sentence to
// the extra module. The profile's rows went to the figures' module too (1.9 KB: they are
// fetched when a profile is first opened, with the page's own figures handed over), which made
// room for the map in words (`summary()`, 1.7 KB with its text under the map).
// 138 KB (from 135 KB) was the bundle reader's typed series (2.2 KB: England's LSOAs read
// 0.9 s sooner in half the memory); moving the need index out was tried and saved nothing.
const BUDGET = 147 * 1024; // 150,528 bytes gzip -9

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const gzip = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;

test('the files fetched before ready (bundle and page excluded) are at most 147 KB gzip', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  // The page, its own style sheet and icon, and the council's data are not the widget's code.
  const widget = server.requests.map((r) => r.split('?')[0]).filter((r) => /\.(js|wasm)$/.test(r));
  const sizes = widget.map((r) => [r, gzip(r.slice(1))]);
  const total = sizes.reduce((a, [, n]) => a + n, 0);
  console.log(`# before ready: ${sizes.map(([r, n]) => `${r} ${n}`).join(', ')}; ${total} bytes gzip of ${BUDGET}`);
  assert.deepEqual(widget, ['/needs-map.js', '/pkg/needs_map_bg.wasm'], 'the first frame needs the element and its module, nothing loaded on first use');
  assert.ok(total <= BUDGET, `${total} bytes gzip, over ${BUDGET}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the README\'s preload hints are taken: the module, its WebAssembly and the bundle are each fetched once, and the page is drawn', async () => {
  const { page, errors } = await openPage(chrome.ctx);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const from = server.requests.length;
  await page.goto(`${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const fetched = server.requests.slice(from).map((r) => r.split('?')[0]).filter((r) => /\.(js|wasm|json)$/.test(r)).sort();
  assert.deepEqual(fetched, ['/data/coventry.json', '/needs-map.js', '/pkg/needs_map_bg.wasm']);
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each module loaded on first use is reported', () => {
  // Not a budget: the closing note and the README quote these figures.
  const files = fs.readdirSync(dist).filter((f) => /^needs-map.*\.js$/.test(f))
    .concat(fs.readdirSync(path.join(dist, 'pkg')).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `pkg/${f}`));
  for (const f of files) console.log(`# module: ${f} ${fs.statSync(path.join(dist, f)).size} bytes, ${gzip(f)} gzip`);
  assert.ok(files.includes('pkg/needs_map_extra_bg.wasm') && files.includes('pkg/needs_map_chart_bg.wasm'), 'the extra and chart modules are built');
});

test('a council\'s map keeps no full-frame buffers: the module\'s memory for Coventry\'s wards at device pixel ratio 2 is at most 4 MB', async () => {
  // At 960x720 and ratio 2 the raster's two buffers alone would be 11 MB: drawn as paths, the
  // map's memory is its data (2 MB with the postcode index and services; a budget, like the download's).
  const { page } = await openPage(chrome.ctx);
  const cdp = await chrome.ctx.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1024, height: 900, deviceScaleFactor: 2, mobile: false });
  await page.goto(`${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const [ratio, bytes] = await page.evaluate(async () => [devicePixelRatio, (await (await import('/needs-map.js')).loadWasm()).memory.buffer.byteLength]);
  console.log(`# wasm memory, Coventry's wards at ratio ${ratio}: ${bytes} bytes`);
  assert.equal(ratio, 2);
  assert.ok(bytes <= 4 * 1048576, `${bytes} bytes`);
  await page.close();
});
