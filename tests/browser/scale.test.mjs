// Regional scale in Debian's chromium: all 754 West Midlands wards from the official GeoJSON
// (boundaries=), shaded by a page's own figures (addIndicator), drawn from the raster and
// hovered by one pixel read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, openPage, whenReady, canvasPixel, project, drag, shared } from './harness.mjs';

const file = path.join(shared(), 'data/boundaries/national/geolookups_wards2025_E12000005_west_midlands_region.geojson');
const features = JSON.parse(fs.readFileSync(file, 'utf8')).features.map((f) => f.properties);
const coventry = path.join(shared(), 'data/boundaries/coventry/geolookups_wards2025_E08000026.geojson');
let server, chrome;
before(async () => {
  server = await serve({ routes: {
    '/wm.geojson': () => ['application/geo+json', fs.readFileSync(file)],
    '/coventry.geojson': () => ['application/geo+json', fs.readFileSync(coventry)],
  } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

/** The embed example with its map replaced by one of the West Midlands' wards from GeoJSON, ready. */
async function westMidlands() {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await page.evaluate(() => {
    document.querySelector('needs-map').remove();
    const el = document.createElement('needs-map');
    el.setAttribute('boundaries', '/wm.geojson');
    el.setAttribute('code-field', 'WD25CD');
    el.setAttribute('name-field', 'WD25NM');
    document.body.append(el);
  });
  assert.deepEqual(await whenReady(page), { ok: true });
  return { page, errors };
}

test('754 West Midlands wards draw from GeoJSON, take a page\'s figures, and hover finds wards at their official points', async () => {
  const { page, errors } = await westMidlands();
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').areas().length), 754);
  // GeoJSON names no place: the heading and what a screen reader hears say no "of".
  assert.equal(await page.locator('needs-map h2').first().textContent(), 'Areas');
  assert.equal(await page.locator('needs-map .map canvas').first().getAttribute('aria-label'), 'Map: Areas. 754 areas.');
  // Coventry's wards highest, the rest by their order in the file: five quantile classes.
  const values = Object.fromEntries(features.map((p, i) => [p.WD25CD, p.LAD25CD === 'E08000026' ? 1000 + i : i]));
  await page.evaluate((values) => document.querySelector('needs-map').addIndicator({ id: 'mine', label: 'My figures', polarity: 'higher-worse', values }), values);
  const areas = await page.evaluate(() => document.querySelector('needs-map').areas());
  assert.equal(areas.length, 754);
  const colour = Object.fromEntries(areas.map((a) => [a.code, a.color]));
  // Each ward at its official inside point (LONG/LAT): the hover answer and the pixel's colour.
  const sample = features.filter((p, i) => p.LAD25CD === 'E08000026' || i % 50 === 0);
  for (const p of sample) {
    const [x, y] = await project(page, p.LONG, p.LAT);
    assert.equal(await page.evaluate(([x, y]) => document.querySelector('needs-map').areaAt(x, y)?.code, [x, y]), p.WD25CD, `${p.WD25NM} at (${x.toFixed(0)}, ${y.toFixed(0)})`);
    assert.equal(await canvasPixel(page, x, y), colour[p.WD25CD], `${p.WD25NM}'s colour`);
  }
  // Foleshill (Coventry) is in the darkest class; the file's first ward outside Coventry in the lightest.
  assert.equal(colour.E05001222, '#b30000');
  assert.equal(colour[features.find((p) => p.LAD25CD !== 'E08000026').WD25CD], '#fef0d9');
  // A code that is not on the map is an error naming it, and the map keeps working.
  const message = await page.evaluate(() => {
    try { document.querySelector('needs-map').addIndicator({ id: 'bad', label: 'Bad', values: { E05009999: 1 } }); return 'no error'; } catch (e) { return e.message; }
  });
  assert.equal(message, '"E05009999" is not an area of the areas layer; check the codes of indicator "bad"');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging the 754 wards moves the picture: the pixels a fresh drawing makes, and hover still finds each ward', async () => {
  const { page, errors } = await westMidlands();
  const values = Object.fromEntries(features.map((p, i) => [p.WD25CD, i]));
  await page.evaluate((values) => document.querySelector('needs-map').addIndicator({ id: 'order', label: 'Order in the file', values }), values);
  await page.locator('needs-map button[aria-label="Zoom in"]').click();
  const foleshill = features.find((p) => p.WD25CD === 'E05001222');
  const before = await project(page, foleshill.LONG, foleshill.LAT);
  // Dragged 120 px left and 70 px down, in five moves of whole pixels.
  await drag(page, [300, 200], [180, 270]);
  const after = await project(page, foleshill.LONG, foleshill.LAT);
  assert.deepEqual([after[0] - before[0], after[1] - before[1]].map(Math.round), [-120, 70]);
  const pixels = () => page.evaluate(() => {
    const c = document.querySelector('needs-map').shadowRoot.querySelector('canvas');
    return Array.from(new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer));
  });
  const moved = await pixels();
  // The same view drawn from scratch: another height and back makes the map draw everything again.
  await page.evaluate(() => {
    const el = document.querySelector('needs-map');
    const h = el.shadowRoot.querySelector('canvas').clientHeight;
    el.setAttribute('height', String(h + 1));
    el.setAttribute('height', String(h));
  });
  const fresh = await pixels();
  assert.equal(moved.length, fresh.length);
  assert.equal(moved.filter((p, i) => p !== fresh[i]).length, 0, 'pixels that differ from a fresh drawing');
  assert.ok(new Set(moved).size > 6, 'the picture has its five classes, borders and background');
  // Each Coventry ward, at its official inside point, is found by hover where it now lies.
  for (const p of features.filter((q) => q.LAD25CD === 'E08000026')) {
    const [x, y] = await project(page, p.LONG, p.LAT);
    assert.equal(await page.evaluate(([x, y]) => document.querySelector('needs-map').areaAt(x, y)?.code, [x, y]), p.WD25CD, p.WD25NM);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a newer boundaries attribute supersedes a GeoJSON load in progress: Coventry\'s 18 wards, not the region\'s 754', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const events = await page.evaluate(async () => {
    document.querySelector('needs-map').remove();
    const el = document.createElement('needs-map');
    el.setAttribute('code-field', 'WD25CD');
    el.setAttribute('name-field', 'WD25NM');
    el.setAttribute('boundaries', '/wm.geojson');
    const seen = [];
    el.addEventListener('needs-map:ready', (e) => seen.push(`ready ${e.detail.areas}`));
    el.addEventListener('needs-map:error', (e) => seen.push(`error ${e.detail.message}`));
    document.body.append(el);
    // The region's file is asked for; before it is read, the page changes its mind.
    await new Promise((r) => setTimeout(r, 30));
    el.setAttribute('boundaries', '/coventry.geojson');
    await el.ready;
    await new Promise((r) => setTimeout(r, 500));
    return seen;
  });
  assert.ok(server.requests.includes('/wm.geojson'), 'the first file was asked for');
  assert.deepEqual(events, ['ready 18'], 'one map, the newer, and no error from the one left off');
  assert.equal(await page.locator('needs-map .map canvas').first().getAttribute('aria-label'), 'Map: Areas. 18 areas.');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with no code-field or name-field, the fields are found by their values: WD25CD and WD25NM in the West Midlands file, CODE and NAME in a council\'s own British National Grid file', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const opened = async (src) => page.evaluate(async (src) => {
    document.querySelector('needs-map')?.remove();
    const el = document.createElement('needs-map');
    el.setAttribute('boundaries', src);
    document.body.append(el);
    try { await el.ready; } catch (e) { return { error: e.message }; }
    return { areas: el.areas().map((a) => [a.code, a.name]) };
  }, src);
  const wm = await opened('/wm.geojson');
  assert.equal(wm.areas?.length, 754, JSON.stringify(wm).slice(0, 300));
  // WD25CD (one code per ward), not CAUTHCD (3 combined authorities), which comes first.
  assert.deepEqual(wm.areas.find(([c]) => c === 'E05001222'), ['E05001222', 'Foleshill']);
  const council = await opened('/fixtures/fields/council-bng.geojson');
  assert.deepEqual(council, { areas: [['E06000023', 'Bristol, City of']] });
  // Two properties of codes, one per area: no guess, the candidates are listed in the box.
  const two = await opened('/fixtures/fields/two-code-fields.geojson');
  assert.match(two.error, /has two properties of ONS codes, one per area, OLDWARD and WARD; its properties: LABEL \(e\.g\. "Foleshill", 2 different values\)/);
  assert.match(await page.locator('needs-map [role=alert]').first().textContent(), /name them with the code-field and name-field attributes/);
  assert.deepEqual(errors, []);
});
