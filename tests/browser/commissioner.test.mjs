// The commissioner's view (issue 4) on the real Coventry bundle in Debian's chromium:
// classification and palettes, benchmark mode, bivariate map, need index, framework groups,
// area profile, exports and links. Expected classes come from mapclassify 2.10.0 (recorded in
// tests/fixtures/mapclassify-2.10.json), values from the official files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, openPage, whenReady, canvasPixel, countColour, project, wardPoints, outDir, repo } from './harness.mjs';

const reference = JSON.parse(fs.readFileSync(path.join(repo, 'tests/fixtures/mapclassify-2.10.json'), 'utf8')).indicators;
const classesOf = (id, method, k) => {
  const r = reference[id];
  const run = r.runs.find((x) => x.method === method && x.k === k);
  return Object.fromEntries(r.codes.map((c, i) => [c, run.yb[i]]));
};
const FOLESHILL = 'E05001222';
const EARLSDON = 'E05001221';

const page = (body) => () => ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script type="module" src="/needs-map.js"></script></head><body>${body}</body></html>`];

let server, chrome;
before(async () => {
  server = await serve({
    routes: {
      '/one.html': page('<needs-map id="m" bundle="/data/coventry.json"></needs-map>'),
      '/two.html': page('<needs-map id="left" history="fragment" bundle="/data/coventry.json"></needs-map><needs-map id="right" history="fragment" bundle="/data/coventry.json"></needs-map>'),
    },
  });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

async function open(url = '/one.html') {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}${url}`);
  await whenReady(p);
  return { p, errors };
}
const set = (p, attrs) => p.evaluate(async (a) => {
  const m = document.querySelector('needs-map');
  for (const [k, v] of Object.entries(a)) m.setAttribute(k, v);
  await new Promise(requestAnimationFrame);
}, attrs);
const areas = (p) => p.evaluate(() => document.querySelector('needs-map').areas());
const legend = (p) => p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.legend li')].map((li) => li.textContent));

test('Jenks, equal, quantile and custom classes equal mapclassify for every ward; palettes follow polarity', async () => {
  const { p, errors } = await open();
  for (const [method, k] of [['jenks', 5], ['equal', 7], ['quantile', 9], ['jenks', 3]]) {
    await set(p, { classification: method, classes: String(k) });
    const want = classesOf('imd_score', method, k);
    for (const a of await areas(p)) assert.equal(a.class, want[a.code], `${method} k=${k} ${a.name}`);
  }
  // Custom breaks: mapclassify UserDefined(y, [20, 30, 40]) -> bins [20, 30, 40, 44.58].
  await set(p, { classification: 'custom', breaks: '20,30,40' });
  const by = Object.fromEntries((await areas(p)).map((a) => [a.name, a]));
  assert.deepEqual([by.Foleshill.class, by["St Michael's"].class, by.Earlsdon.class, by.Henley.class], [3, 1, 0, 2]);
  assert.equal(by.Foleshill.color, '#d7301f'); // OrRd-4, darkest: most deprived
  // Viridis: the dark end on "worse", so Foleshill (most deprived) is #440154.
  await set(p, { classification: 'jenks', classes: '5', palette: 'viridis' });
  const w = wardPoints().find((x) => x.name === 'Foleshill');
  const [x, y] = await project(p, w.lon, w.lat);
  assert.ok(Number.isFinite(x) && Number.isFinite(y), `Foleshill projects to ${x}, ${y}`);
  assert.equal(await canvasPixel(p, x, y), '#440154');
  const note = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.legend .method').textContent);
  assert.equal(note, '5 classes by natural breaks (Fisher-Jenks); Viridis palette (colour-blind safe).');
  // The palette picker marks each scheme (the options panel loads when first opened).
  await p.locator('needs-map .options-panel summary').click();
  await p.locator('needs-map .options-panel select').first().waitFor();
  const options = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.options-panel select')].map((s) => [...s.options].map((o) => o.textContent)));
  assert.ok(options.some((o) => o.includes('Red-yellow-green (diverging) (not colour-blind safe)')), JSON.stringify(options));
  // A bad palette is an error in the box, naming the choices.
  await set(p, { palette: 'rainbow' });
  const err = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.error').textContent);
  assert.match(err, /palette "rainbow" is not one of: OrRd, Blues, Purples, YlGnBu, viridis, RdBu, PuOr, RdYlGn/);
  assert.deepEqual(errors, []);
  await p.close();
});

test('benchmark mode: male healthy life expectancy by MSOA, 23 worse and 11 better than England, patterned', async () => {
  const { p } = await open();
  await set(p, { indicator: 'hle_male', classification: 'benchmark' });
  const items = await legend(p);
  assert.deepEqual(items, [
    'Significantly worse than England, hatched (23 MSOAs)',
    'Not significantly different from England (8 MSOAs)',
    'Significantly better than England, dotted (11 MSOAs)',
  ]);
  const title = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.legend p').textContent);
  assert.equal(title, 'Healthy life expectancy, males, 2009–13: compared with England (63.5 years)');
  const colours = (await areas(p)).map((a) => a.color);
  assert.equal(colours.filter((c) => c === '#d6604d').length, 23);
  // Patterns are drawn on the canvas: the ink of the hatching and the dots is there.
  assert.ok((await countColour(p, '#0b0c0c')) > 200, 'no pattern ink on the canvas');
  await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.nm').scrollIntoView());
  fs.mkdirSync(outDir, { recursive: true });
  await p.locator('needs-map').screenshot({ path: path.join(outDir, 'benchmark-hle-male.png') });
  // Against the city instead of England.
  await set(p, { benchmark: 'city' });
  const city = await legend(p);
  assert.ok(city.every((t) => /Coventry/.test(t)), city.join(' | '));
  await p.close();
});

test('bivariate map: IMD score by population growth, with a worded 3x3 legend', async () => {
  const { p } = await open();
  await set(p, { mode: 'bivariate', bivariate: 'imd_score,growth_2015_2020' });
  const by = Object.fromEntries((await areas(p)).map((a) => [a.code, a]));
  const imd = classesOf('imd_score', 'quantile', 3);
  const growth = classesOf('growth_2015_2020', 'quantile', 3);
  const SCHEME = [['#e8e8e8', '#e4acac', '#c85a5a'], ['#b0d5df', '#ad9ea5', '#985356'], ['#64acbe', '#627f8c', '#574249']];
  for (const [code, a] of Object.entries(by)) assert.equal(a.color, SCHEME[growth[code]][imd[code]], a.name);
  assert.equal(by[FOLESHILL].color, '#574249');
  const items = await legend(p);
  assert.equal(items.length, 9);
  assert.ok(items.includes('high deprivation, high growth (3 wards)'), items.join(' | '));
  assert.ok(items.includes('low deprivation, low growth (3 wards)'), items.join(' | '));
  const cells = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelectorAll('.bivar span').length);
  assert.equal(cells, 9);
  await p.locator('needs-map').screenshot({ path: path.join(outDir, 'bivariate.png') });
  await p.close();
});

test('need index: weighted z-scores mapped, ranked and explained', async () => {
  const { p } = await open();
  await set(p, { 'need-index': 'imd_score:2,gp_per_10k:1', mode: 'need' });
  const by = Object.fromEntries((await areas(p)).map((a) => [a.code, a]));
  // The ranked list is in the options panel, which loads when first opened.
  await p.locator('needs-map .options-panel summary').click();
  await p.locator('needs-map .ranked li').first().waitFor();
  // numpy: (2*zscore(imd) - zscore(gp per 10k)) / 3, population sd.
  assert.ok(Math.abs(by[FOLESHILL].value - 0.27263290422596603) < 1e-9);
  assert.ok(Math.abs(by[EARLSDON].value - -1.0694951818792544) < 1e-9);
  const ranked = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.ranked li')].map((li) => li.textContent));
  assert.equal(ranked.length, 18);
  assert.match(ranked[0], new RegExp(`^${by.E05001225.name}: `));
  assert.match(ranked[17], /^Earlsdon: -1\.07$/);
  const method = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.method:last-child').textContent);
  assert.match(method, /IMD score \(weight 2\), GP practices per 10,000 residents \(weight 1, reversed: lower is more need\)/);
  // Changing a weight in the panel rebuilds it.
  await p.evaluate(async () => {
    const root = document.querySelector('needs-map').shadowRoot;
    root.querySelector('details').open = true;
    const w = root.querySelector('.need input[type=number][aria-label^="Weight of GP"]');
    w.value = '0.5';
    w.dispatchEvent(new Event('change'));
    await new Promise(requestAnimationFrame);
  });
  const after = Object.fromEntries((await areas(p)).map((a) => [a.code, a.value]));
  assert.notEqual(after[FOLESHILL], by[FOLESHILL].value);
  await p.close();
});

test('the picker groups indicators by the strategy framework', async () => {
  const { p } = await open();
  const groups = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.pick optgroup')].map((g) => [g.label, g.children.length]));
  assert.deepEqual(groups, [['Wider determinants of health', 9], ['Population context', 3], ['An integrated health and care system', 2], ['Health outcomes', 4]]);
  await set(p, { indicator: 'income_20_share' });
  const by = Object.fromEntries((await areas(p)).map((a) => [a.code, a]));
  assert.equal(by[FOLESHILL].value, 100);
  await p.close();
});

test('selecting an area opens its profile: a plotters chart and a table against Coventry and England', async () => {
  const { p, errors } = await open();
  await p.evaluate(() => document.querySelector('needs-map').select('E05001222'));
  await p.evaluate(() => { document.querySelector('needs-map').shadowRoot.querySelector('.profile').open = true; });
  await p.waitForFunction(() => {
    const c = document.querySelector('needs-map').shadowRoot.querySelector('.profile canvas');
    return c && c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 0 && v < 100);
  });
  const rows = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 14);
  const imd = rows.find((r) => r[0].startsWith('IMD score'));
  assert.deepEqual(imd, ['IMD score (2019)', '44.58', '25.61', '21.72', '']);
  const pop = rows.find((r) => r[0].startsWith('Population ('));
  assert.match(pop[1], /mid-2015: \d+, mid-2017: \d+, mid-2019: \d+, mid-2020: \d+/);
  await p.locator('needs-map').screenshot({ path: path.join(outDir, 'profile-foleshill.png') });
  // MSOA: life expectancy rows carry their intervals and the comparison.
  await p.evaluate(() => { const m = document.querySelector('needs-map'); m.setIndicator('hle_male'); m.select('E02001958'); });
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr').length === 4);
  const hle = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)).find((r) => r[0].startsWith('Healthy life expectancy, males')));
  assert.deepEqual(hle, ['Healthy life expectancy, males (2009–13)', '59.6 years (95% CI 58.328 to 60.782)', '61.2 years', '63.5 years', 'significantly worse than England']);
  assert.deepEqual(errors, []);
  await p.close();
});

test('the profile chart fits a 320 px phone', async () => {
  const { page: p } = await openPage(chrome.ctx, 'about:blank');
  await p.setViewportSize({ width: 320, height: 640 });
  await p.goto(`${server.url}/one.html`);
  await whenReady(p);
  await p.evaluate(() => document.querySelector('needs-map').select('E05001222'));
  await p.locator('needs-map .profile summary').click();
  await p.waitForFunction(() => (document.querySelector('needs-map').shadowRoot.querySelector('.profile canvas')?.width ?? 0) > 0);
  const { w, scroll } = await p.evaluate(() => ({
    w: document.querySelector('needs-map').shadowRoot.querySelector('.profile canvas').getBoundingClientRect().width,
    scroll: document.documentElement.scrollWidth,
  }));
  assert.ok(w <= 320 && w > 250, `chart ${w} px wide`);
  assert.ok(scroll <= 320, `page scrolls sideways: ${scroll}`);
  await p.screenshot({ path: path.join(outDir, 'profile-320.png'), fullPage: true });
  await p.close();
});

test('exports: the SVG parses and holds every area; the CSV validates and equals areas(); the PNG is a picture', async () => {
  const { p } = await open();
  const svg = await p.evaluate(() => document.querySelector('needs-map').toSVG());
  const parsed = await p.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), areas: [...doc.querySelectorAll('path[data-code]')].map((x) => x.getAttribute('data-code')), text: doc.documentElement.textContent };
  }, svg);
  assert.equal(parsed.error, false);
  assert.equal(parsed.areas.length, 18);
  assert.ok(parsed.areas.includes(FOLESHILL));
  assert.match(parsed.text, /IMD score \(2019\), by ward/);
  assert.match(parsed.text, /Source: MHCLG English Indices of Deprivation 2019/);
  assert.match(parsed.text, /Open Government\s*Licence v3.0/);
  const csv = await p.evaluate(() => { const m = document.querySelector('needs-map'); return m.toCSV(); });
  const file = path.join(os.tmpdir(), `needs-map-export-${process.pid}.csv`);
  fs.writeFileSync(file, csv);
  const bin = ['debug', 'release'].map((d) => path.join(repo, 'target', d, 'needsmap')).find((f) => fs.existsSync(f));
  const out = execFileSync(bin, ['validate', file], { encoding: 'utf8' });
  assert.match(out, /tidy CSV/);
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'area_code,area_name,indicator,period,value,lower_ci,upper_ci,comparison_with_england');
  const values = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], Number(l.split(',').at(-4))]));
  for (const a of await areas(p)) assert.equal(values[a.code], a.value, a.name);
  // Male HLE: the comparison column is the benchmark comparison.
  await set(p, { indicator: 'hle_male' });
  const hle = await p.evaluate(() => document.querySelector('needs-map').toCSV());
  assert.ok(hle.includes('E02001958,Coventry 001,hle_male,2009–13,59.555,58.328,60.782,significantly worse than England'), hle.slice(0, 400));
  const png = await p.evaluate(async () => {
    const b = await document.querySelector('needs-map').toPNG();
    const bmp = await createImageBitmap(b);
    return { type: b.type, size: b.size, w: bmp.width, h: bmp.height };
  });
  assert.deepEqual([png.type, png.w, png.h], ['image/png', 1920, 1440]);
  assert.ok(png.size > 20000, `${png.size} bytes`);
  fs.unlinkSync(file);
  await p.close();
});

test('history="fragment": two widgets keep their views in one URL, and a shared link reopens both', async () => {
  const { p } = await open('/two.html');
  await p.waitForFunction(() => [...document.querySelectorAll('needs-map')].every((m) => m.view));
  await p.evaluate(async () => {
    const [a, b] = document.querySelectorAll('needs-map');
    a.setIndicator('growth_2015_2020');
    a.setAttribute('classification', 'jenks');
    b.setIndicator('hle_female');
    b.setAttribute('classification', 'benchmark');
    b.select('E02001958');
    await new Promise(requestAnimationFrame);
  });
  const hash = await p.evaluate(() => location.hash);
  const params = new URLSearchParams(hash.slice(1));
  assert.match(params.get('left'), /i=growth_2015_2020/);
  assert.match(params.get('left'), /c=jenks/);
  assert.match(params.get('right'), /i=hle_female/);
  assert.match(params.get('right'), /c=benchmark/);
  assert.match(params.get('right'), /s=E02001958/);
  const { p: q } = await open(`/two.html${hash}`);
  await q.waitForFunction(() => [...document.querySelectorAll('needs-map')].every((m) => m.view));
  const state = await q.evaluate(() => [...document.querySelectorAll('needs-map')].map((m) => [m.view.indicator, m.view.classification, m.view.selected]));
  assert.deepEqual(state, [['growth_2015_2020', 'jenks', null], ['hle_female', 'benchmark', 'E02001958']]);
  await p.close();
  await q.close();
});
