// The <needs-map> widget on the real Coventry bundle in Debian's chromium.
// Values are literals checked against the official files (see tests/native/bundle.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, openPage, whenReady, canvasPixel, countColour, project, drag, wardPoints, outDir } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

// mapclassify 2.10 Quantiles(k=5) classes of the ward IMD scores; ColorBrewer OrRd-5.
const ORRD5 = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
const IMD_CLASS = {
  Bablake: 0, Earlsdon: 0, Wainbody: 0, Whoberley: 0, Cheylesmore: 1, Sherbourne: 1, Woodlands: 1,
  Holbrook: 2, 'Lower Stoke': 2, Westwood: 2, Wyken: 2, Radford: 3, "St Michael's": 3, 'Upper Stoke': 3,
  'Binley and Willenhall': 4, Foleshill: 4, Henley: 4, Longford: 4,
};

test('the demo page loads with no console error and saves a screenshot', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/index.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const canvas = page.locator('needs-map .map canvas');
  const box = await canvas.boundingBox();
  assert.ok(box.width > 300 && box.height > 200, `canvas is ${box.width}x${box.height}`);
  fs.mkdirSync(outDir, { recursive: true });
  await page.locator('needs-map').screenshot({ path: path.join(outDir, 'demo-widget.png') });
  await page.screenshot({ path: path.join(outDir, 'demo-page.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('areas() returns the 18 wards with the official values', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const areas = await page.evaluate(() => document.querySelector('needs-map').areas());
  assert.equal(areas.length, 18);
  const by = Object.fromEntries(areas.map((a) => [a.name, a]));
  assert.deepEqual(by.Foleshill, { code: 'E05001222', name: 'Foleshill', value: 44.58, class: 4, color: '#b30000' });
  assert.deepEqual(by.Earlsdon, { code: 'E05001221', name: 'Earlsdon', value: 9.186, class: 0, color: '#fef0d9' });
  assert.equal(by["St Michael's"].value, 29.99);
  for (const a of areas) assert.equal(a.class, IMD_CLASS[a.name], a.name);
  const inds = await page.evaluate(() => document.querySelector('needs-map').indicators());
  assert.deepEqual(inds.map((i) => i.id), ['imd_score', 'imd_decile1_share', 'income_20_share', 'employment_20_share',
    'education_20_share', 'health_20_share', 'crime_20_share', 'housing_20_share', 'living_environment_20_share', 'population', 'growth_2015_2020', 'age65_share',
    'gp_per_10k', 'pharmacies_per_10k', 'le_male', 'hle_male', 'le_female', 'hle_female']);
  assert.deepEqual(inds[0], { id: 'imd_score', label: 'IMD score', unit: '', polarity: 'higher-worse', layer: 'ward', period: '2019',
    source: 'MHCLG English Indices of Deprivation 2019' });
  await page.close();
});

test('the pixel at each ward point has its class colour', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  // The fills alone: a name may be written over a ward's point (labels.test.mjs).
  await page.evaluate(() => document.querySelector('needs-map').setView({ labels: 'off' }));
  const wards = wardPoints();
  assert.equal(wards.length, 18);
  for (const w of wards) {
    const [x, y] = await project(page, w.lon, w.lat);
    assert.equal(await canvasPixel(page, x, y), ORRD5[IMD_CLASS[w.name]], `${w.name} at (${x.toFixed(0)}, ${y.toFixed(0)})`);
  }
  await page.close();
});

test('hovering Foleshill shows its name, value and rank', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const f = wardPoints().find((w) => w.name === 'Foleshill');
  const [x, y] = await project(page, f.lon, f.lat);
  const box = await page.locator('needs-map .map canvas').boundingBox();
  await page.mouse.move(box.x + x, box.y + y);
  const tip = page.locator('needs-map .tip');
  await tip.waitFor({ state: 'visible' });
  assert.equal(await tip.textContent(), 'Foleshill: IMD score 44.58, 1st most deprived of 18 wards');
  await page.close();
});

test('clicking selects: outline, detail line with Coventry and England, and needs-map:select', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.evaluate(() => {
    window.selected = null;
    document.querySelector('needs-map').addEventListener('needs-map:select', (e) => { window.selected = e.detail; });
  });
  const f = wardPoints().find((w) => w.name === 'Foleshill');
  const [x, y] = await project(page, f.lon, f.lat);
  const box = await page.locator('needs-map .map canvas').boundingBox();
  // Sample a border pixel of Foleshill's outline before and after: the selection draws it heavier.
  await page.mouse.click(box.x + x, box.y + y);
  assert.deepEqual(await page.evaluate(() => window.selected), { code: 'E05001222', name: 'Foleshill' });
  assert.equal(await page.locator('needs-map .detail').textContent(),
    'Foleshill: IMD score 44.58, 1st most deprived of 18 wards. Coventry: 25.61. England: 21.72. MHCLG English Indices of Deprivation 2019 (2019).');
  const outlined = await countColour(page, '#0b0c0c');
  assert.ok(outlined > 200, `selection outline pixels: ${outlined}`);
  await page.close();
});

test('changing the bundle attribute reloads at the same size', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.evaluate(async () => {
    const el = document.querySelector('needs-map');
    el.removeAttribute('indicator');
    el.setAttribute('bundle', '/fixtures/hole_and_enclave.json');
    await el.ready;
  });
  const [x, y] = await project(page, -1.6 + 0.05, 52.4 + 0.05);
  assert.equal(await canvasPixel(page, x, y), '#b30000', 'the enclave, drawn at the full width of the box');
  // The fixture is 0.1 degrees square: fitted to the box, it spans most of the canvas height.
  const [, top] = await project(page, -1.6, 52.5);
  const [, bottom] = await project(page, -1.6, 52.4);
  const h = await page.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('canvas').clientHeight);
  assert.ok(bottom - top > h - 40, `fixture spans ${Math.round(bottom - top)} of ${h} px`);
  await page.close();
});

test('switching indicator re-shades: growth puts St Michael\'s in the darkest neutral class', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const sm = wardPoints().find((w) => w.name === "St Michael's");
  const [x, y] = await project(page, sm.lon, sm.lat);
  assert.equal(await canvasPixel(page, x, y), ORRD5[3]);
  await page.evaluate(() => document.querySelector('needs-map').setIndicator('growth_2015_2020'));
  assert.equal(await canvasPixel(page, x, y), '#08519c', 'Blues-5 darkest: neutral palette, highest growth');
  const a = await page.evaluate(() => document.querySelector('needs-map').areas().find((a) => a.code === 'E05001228'));
  assert.equal(a.value, 38.214);
  assert.match(await page.locator('needs-map .legend p').textContent(), /^Population growth \(%\), mid-2015 to mid-2020: darker is higher$/);
  await page.close();
});

test('choosing an MSOA indicator in the picker draws the 42 MSOAs', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.locator('needs-map .pick select').selectOption('hle_male');
  const areas = await page.evaluate(() => document.querySelector('needs-map').areas());
  assert.equal(areas.length, 42);
  const e = areas.find((a) => a.code === 'E02001958');
  assert.equal(e.value, 59.555);
  const counts = await page.locator('needs-map .legend li').allTextContents();
  assert.equal(counts.reduce((s, t) => s + Number(t.match(/\((\d+) MSOAs\)$/)[1]), 0), 42);
  // The lowest healthy life expectancy is the darkest colour (higher-better polarity).
  const lowest = areas.reduce((m, a) => (a.value < m.value ? a : m));
  assert.equal(lowest.color, '#b30000');
  await page.evaluate(() => document.querySelector('needs-map').select('E02001958'));
  assert.match(await page.locator('needs-map .detail').textContent(),
    /^Coventry 001: Healthy life expectancy, males 59\.6 years, \d+(st|nd|rd|th) worst of 42 MSOAs, significantly worse than England \(95% CI 58\.3 to 60\.8\)\. Coventry: 61\.2 years\. England: 63\.5 years \(compared at the 90% level, intervals apart\)\./);
  await page.close();
});

test('keyboard: arrows move to the neighbour that way, Home/End, Enter, Escape, zoom keys', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const canvas = page.locator('needs-map .map canvas');
  await canvas.focus();
  const live = page.locator('needs-map [aria-live="polite"].visually-hidden');
  const selected = () => page.evaluate(() => document.querySelector('needs-map').view.selected);
  await page.keyboard.press('Home');
  // The keys are handled by a part loaded on first use: the first answer comes once it has loaded.
  await page.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent !== '');
  assert.equal(await live.textContent(), 'Foleshill: IMD score 44.58, 1st most deprived of 18 wards');
  await page.keyboard.press('ArrowDown'); // St Michael's, the city centre, lies south of Foleshill
  // The first arrow waits for the layer's neighbours, found by the module loaded on first use.
  await page.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent.startsWith('St '));
  assert.equal(await live.textContent(), "St Michael's: IMD score 29.99, 6th most deprived of 18 wards");
  await page.keyboard.press('ArrowUp');
  assert.equal(await live.textContent(), 'Foleshill: IMD score 44.58, 1st most deprived of 18 wards');
  await page.keyboard.press('End');
  assert.equal(await live.textContent(), 'Earlsdon: IMD score 9.19, 18th most deprived of 18 wards');
  await page.keyboard.press('ArrowRight'); // Cheylesmore lies east of Earlsdon
  assert.match(await live.textContent(), /^Cheylesmore: IMD score 17\.33, /);
  await page.keyboard.press('Enter');
  assert.equal(await selected(), 'E05001220');
  await page.keyboard.press('Escape');
  assert.equal(await selected(), null);
  // Zoom in about the focused area: it stays in view, drawn larger, in its class colour.
  const zoom = () => page.evaluate(() => document.querySelector('needs-map').view.zoom);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  assert.equal(await zoom(), 2.25);
  const ch = wardPoints().find((w) => w.name === 'Cheylesmore');
  const c = await project(page, ch.lon, ch.lat);
  const size = await canvas.boundingBox();
  assert.ok(c[0] > 0 && c[0] < size.width && c[1] > 0 && c[1] < size.height, `Cheylesmore's inside point ${c} is in view`);
  assert.equal(await canvasPixel(page, c[0], c[1]), '#fdcc8a');
  await page.keyboard.press('0');
  assert.equal(await zoom(), 1);
  // The focus ring (GOV.UK yellow) is drawn round the focused area.
  const yellow = await countColour(page, '#ffdd00');
  assert.ok(yellow > 100, `focus ring pixels: ${yellow}`);
  await page.close();
});

test('zoom buttons, drag to pan, and a tap selects', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.locator('needs-map button[aria-label="Zoom in"]').click();
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.zoom), 1.5);
  const f = wardPoints().find((w) => w.name === 'Foleshill');
  const before = await project(page, f.lon, f.lat);
  const box = await drag(page, [300, 200], [340, 230]);
  const after = await project(page, f.lon, f.lat);
  assert.ok(Math.abs(after[0] - before[0] - 40) < 1 && Math.abs(after[1] - before[1] - 30) < 1, `moved by ${after[0] - before[0]}, ${after[1] - before[1]}`);
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), null, 'a drag is not a click');
  await page.mouse.click(box.x + after[0], box.y + after[1]);
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), 'E05001222');
  await page.locator('needs-map button[aria-label="Show the whole map"]').click();
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.zoom), 1);
  await page.close();
});

test('crisp at devicePixelRatio 2 and follows its container size', async () => {
  const hi = await browser({ deviceScaleFactor: 2 });
  try {
    const { page, errors } = await openPage(hi.ctx, `${server.url}/embed-example.html`);
    await whenReady(page);
    const size = () => page.evaluate(() => {
      const c = document.querySelector('needs-map').shadowRoot.querySelector('canvas');
      return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
    });
    let s = await size();
    assert.equal(s.w, s.cw * 2);
    assert.equal(s.h, s.ch * 2);
    await page.evaluate(() => { document.querySelector('main').style.width = '420px'; });
    await page.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('canvas').clientWidth < 420);
    s = await size();
    assert.ok(s.cw <= 420 - 24 && s.cw >= 300, `canvas CSS width ${s.cw}`);
    assert.equal(s.w, s.cw * 2);
    const f = wardPoints().find((w) => w.name === 'Foleshill');
    const [x, y] = await project(page, f.lon, f.lat);
    assert.equal(await canvasPixel(page, x, y), '#b30000');
    assert.deepEqual(errors, []);
  } finally {
    await hi.close();
  }
});

test('the canvas leaves a hole unfilled and shows an enclave in its own colour, as the PNG does', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await page.evaluate(async () => {
    document.querySelector('needs-map').remove();
    const el = document.createElement('needs-map');
    el.setAttribute('bundle', '/fixtures/hole_and_enclave.json');
    document.querySelector('main').append(el);
    await el.ready;
  });
  // Fixture: container square 0..1000 with hole 300..700, enclave 450..550 (units of 1e-4 degrees).
  const at = (u, v) => project(page, -1.6 + u * 1e-4, 52.4 + v * 1e-4);
  const [x1, y1] = await at(150, 150);
  assert.equal(await canvasPixel(page, x1, y1), '#fef0d9', "the container's own fill");
  const [x2, y2] = await at(350, 350);
  const hole = await canvasPixel(page, x2, y2);
  assert.equal(hole, '#000000', 'inside the hole: nothing painted (transparent canvas)');
  const [x3, y3] = await at(500, 500);
  assert.equal(await canvasPixel(page, x3, y3), '#b30000', "the enclave's own colour");
  await page.close();
});
