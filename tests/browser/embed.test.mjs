// Safe to embed in any council page: the page's CSS cannot break the widget, several
// widgets live side by side, a strict Content-Security-Policy works (and a policy without
// 'wasm-unsafe-eval' is explained), nothing is requested but the given URLs, no cookie or
// storage is used, the iframe page fits its frame, and the layout holds from 320 to 1920 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, whenReady, canvasPixel, project, wardPoints } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const foleshill = wardPoints().find((w) => w.name === 'Foleshill');

test('aggressive global CSS on the page does not reach inside the widget', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/fixtures/pages/hostile-css.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const r = await page.evaluate(() => {
    const root = document.querySelector('needs-map').shadowRoot;
    const c = root.querySelector('canvas');
    const map = root.querySelector('.map');
    const cs = getComputedStyle(root.querySelector('.legend li'));
    return { canvas: c.clientWidth, box: map.clientWidth, font: cs.fontSize, colour: cs.color, sizing: getComputedStyle(c).boxSizing,
      hiddenTable: root.querySelector('.table-wrap').getBoundingClientRect().height };
  });
  assert.equal(r.canvas, r.box, 'the canvas fills its box (max-width: 50% did not apply)');
  assert.equal(r.font, '14px');
  assert.equal(r.colour, 'rgb(11, 12, 12)');
  assert.equal(r.sizing, 'border-box', "the widget's own box-sizing, not the page's content-box");
  assert.equal(r.hiddenTable, 0, 'the hidden table stays hidden');
  const [x, y] = await project(page, foleshill.lon, foleshill.lat);
  assert.equal(await canvasPixel(page, x, y), '#b30000');
  assert.deepEqual(errors, []);
  await page.close();
});

test('three widgets with different bundles and indicators work independently', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/fixtures/pages/three-widgets.html`);
  for (const id of ['#imd', '#hle', '#fixture']) assert.deepEqual(await whenReady(page, id), { ok: true });
  const counts = await page.evaluate(() => ['imd', 'hle', 'fixture'].map((id) => document.getElementById(id).areas().length));
  assert.deepEqual(counts, [18, 42, 2]);
  const legends = await page.evaluate(() => ['imd', 'hle'].map((id) => document.getElementById(id).shadowRoot.querySelectorAll('.legend li').length));
  assert.deepEqual(legends, [5, 4], 'five quantiles on one, four equal intervals on the other');
  const events = await page.evaluate(() => {
    const seen = [];
    document.addEventListener('needs-map:select', (e) => seen.push(`${e.target.id}:${e.detail.code}`));
    document.getElementById('hle').select('E02001958');
    return { seen, imd: document.getElementById('imd').view.selected, hle: document.getElementById('hle').view.selected };
  });
  assert.deepEqual(events, { seen: ['hle:E02001958'], imd: null, hle: 'E02001958' });
  const [x, y] = await project(page, foleshill.lon, foleshill.lat, '#imd');
  assert.equal(await canvasPixel(page, x, y, '#imd'), '#b30000');
  assert.deepEqual(errors, []);
  await page.close();
});

test("a strict Content-Security-Policy with 'wasm-unsafe-eval' works", async () => {
  const csp = await serve({ headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" } });
  try {
    const { page, errors } = await openPage(chrome.ctx, `${csp.url}/index.html`);
    assert.deepEqual(await whenReady(page), { ok: true });
    assert.equal(await page.evaluate(() => document.querySelector('needs-map').areas().length), 18);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await csp.close();
  }
});

test("a policy without 'wasm-unsafe-eval' is explained in the box and the event", async () => {
  const csp = await serve({ headers: { 'content-security-policy': "default-src 'self'; script-src 'self'" } });
  try {
    const { page } = await openPage(chrome.ctx);
    await page.addInitScript(() => {
      window.errorDetail = null;
      document.addEventListener('needs-map:error', (e) => { window.errorDetail = e.detail; });
    });
    await page.goto(`${csp.url}/embed-example.html`);
    const r = await whenReady(page);
    const expected = "this page's Content-Security-Policy blocks WebAssembly: add 'wasm-unsafe-eval' to its script-src directive.";
    assert.deepEqual(r, { ok: false, message: expected });
    assert.equal(await page.evaluate(() => window.errorDetail.message), expected);
    assert.equal(await page.locator('needs-map .error').textContent(), `The map could not be shown.${expected}`);
    await page.close();
  } finally {
    await csp.close();
  }
});

test('the widget requests only the URLs it is given, sets no cookie and uses no storage', async () => {
  const { page, errors } = await openPage(chrome.ctx);
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  const start = server.requests.length;
  await page.goto(`${server.url}/embed-example.html`);
  await whenReady(page);
  await page.locator('needs-map .pick select').selectOption('hle_male');
  await page.locator('needs-map button[aria-pressed]').click();
  await page.waitForTimeout(300);
  assert.deepEqual(urls.filter((u) => !u.startsWith(server.url)), [], 'no request leaves the server');
  // The page's own favicon may come from the browser's cache; everything else is listed.
  // The table's part (and the tables' style it shares with the profile) is fetched when the
  // table is first shown (their names carry a hash).
  assert.deepEqual(server.requests.slice(start).filter((u) => u !== '/favicon.svg').map((u) => u.replace(/-[A-Z0-9]{8}\.js$/, '-*.js')).sort(),
    ['/data/coventry.json', '/embed-example.html', '/needs-map-chunk-*.js', '/needs-map-table-*.js', '/needs-map.js', '/pkg/needs_map_bg.wasm']);
  assert.deepEqual(await chrome.ctx.cookies(), []);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, idb: 0, caches: 0 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the iframe page fits a 360 px frame without horizontal scrolling', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/fixtures/pages/iframe.html`);
  const frame = page.frameLocator('#frame');
  await frame.locator('needs-map .map canvas').waitFor();
  const f = page.frame({ url: /embed\.html/ });
  assert.deepEqual(await f.evaluate(async () => { try { await document.querySelector('needs-map').ready; return 'ok'; } catch (e) { return e.message; } }), 'ok');
  const r = await f.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
    canvas: document.querySelector('needs-map').shadowRoot.querySelector('canvas').clientWidth,
    areas: document.querySelector('needs-map').areas().length,
  }));
  assert.equal(r.areas, 42);
  assert.ok(r.scroll <= r.width, `page ${r.scroll} px wide in a ${r.width} px frame`);
  assert.ok(r.canvas <= r.width && r.canvas > 250, `canvas ${r.canvas} px`);
  await page.close();
});

for (const width of [320, 1920]) {
  test(`at ${width} px wide the demo page does not scroll sideways and the map fits`, async () => {
    const { page, errors } = await openPage(chrome.ctx);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}/index.html`);
    await whenReady(page);
    const r = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
      canvas: document.querySelector('needs-map').shadowRoot.querySelector('canvas').getBoundingClientRect().right,
    }));
    assert.ok(r.scroll <= r.width, `page is ${r.scroll} px wide in ${r.width}`);
    assert.ok(r.canvas <= r.width, `canvas ends at ${r.canvas}`);
    const [x, y] = await project(page, foleshill.lon, foleshill.lat);
    assert.equal(await canvasPixel(page, x, y), '#b30000');
    // Table view reflows too: it scrolls inside its own region, never the page.
    await page.locator('needs-map button[aria-pressed]').click();
    const s = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(s <= r.width, `table view: page ${s} px wide`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('in forced-colours mode the widget still draws, and legend swatches keep their colours', async () => {
  const { page } = await openPage(chrome.ctx);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`${server.url}/embed-example.html`);
  await whenReady(page);
  const sw = await page.evaluate(() => getComputedStyle(document.querySelector('needs-map').shadowRoot.querySelector('.swatch')).backgroundColor);
  assert.equal(sw, 'rgb(254, 240, 217)');
  const [x, y] = await project(page, foleshill.lon, foleshill.lat);
  assert.equal(await canvasPixel(page, x, y), '#b30000');
  await page.close();
});

test('on a touch screen a tap selects and a pinch zooms the map, not the page', async () => {
  const touch = await browser({ hasTouch: true });
  try {
    const { page, errors } = await openPage(touch.ctx, `${server.url}/embed-example.html`);
    await whenReady(page);
    const box = await page.locator('needs-map .map canvas').boundingBox();
    const [x, y] = await project(page, foleshill.lon, foleshill.lat);
    await page.touchscreen.tap(box.x + x, box.y + y);
    assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), 'E05001222');
    const cdp = await touch.ctx.newCDPSession(page);
    await cdp.send('Input.synthesizePinchGesture', { x: box.x + box.width / 2, y: box.y + box.height / 2, scaleFactor: 2, gestureSourceType: 'touch' });
    const r = await page.evaluate(() => ({ zoom: document.querySelector('needs-map').view.zoom, page: visualViewport.scale }));
    assert.ok(r.zoom > 1.5, `map zoom ${r.zoom}`);
    assert.equal(r.page, 1, 'the page itself did not zoom');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await touch.close();
  }
});
