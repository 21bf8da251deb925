// A web team's own figures in the browser, with no CLI: Coventry's 42 MSOAs (2011) from the
// official GeoJSON (boundaries=) with male healthy life expectancy 2009-13 from a tidy CSV and
// a Fingertips export (data=, two files). Values are the ONS file's (tests/fixtures/data,
// scripts/fingertips-fixture.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, openPage, whenReady, shared, outDir } from './harness.mjs';

const msoa = path.join(shared(), 'data/boundaries/coventry/ukgeojson_msoa2011_E08000026.geojson');
let server, chrome;
before(async () => {
  const export_ = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/data/hle-male-fingertips-coventry.csv'), 'utf8');
  server = await serve({ routes: {
    '/msoa.geojson': () => ['application/geo+json', fs.readFileSync(msoa)],
    // The export without its parent codes: Coventry's row is then of another area type.
    '/no-parents.csv': () => ['text/csv', export_.replaceAll(',E08000026,Coventry,E02', ',,,E02')],
  } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

/** A page with one widget of `attrs`; resolves once it is ready or failed, with its events. */
async function widget(attrs) {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const outcome = await page.evaluate(async (attrs) => {
    document.querySelector('needs-map').remove();
    const el = document.createElement('needs-map');
    window.events = [];
    for (const type of ['needs-map:error', 'needs-map:notice']) el.addEventListener(type, (e) => window.events.push({ type, ...e.detail }));
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
    try { await el.ready; return { ok: true }; } catch (e) { return { ok: false, message: e.message }; }
  }, attrs);
  return { page, errors, outcome, events: await page.evaluate(() => window.events) };
}

const data = '/fixtures/data/hle-male-tidy.csv /fixtures/data/hle-male-fingertips-coventry.csv';

test('boundaries= with data= (a tidy CSV and a Fingertips export) draws the figures, compares them with England and attributes the map', async () => {
  const { page, errors, outcome, events } = await widget({ boundaries: '/msoa.geojson', data, indicator: '90362 (Male)' });
  assert.deepEqual(outcome, { ok: true });
  const el = page.locator('needs-map');
  assert.deepEqual(await el.evaluate((e) => e.indicators().map((i) => [i.id, i.label])), [
    ['hle_male', 'hle_male'],
    ['90362 (Male)', 'Healthy life expectancy at birth (male)'],
  ]);
  const areas = await el.evaluate((e) => e.areas());
  assert.equal(areas.length, 42);
  const by = Object.fromEntries(areas.map((a) => [a.code, a]));
  assert.equal(by.E02001958.value, 59.55495);
  // Higher is better (the export's "Worse" areas lie below England): the lowest, Coventry 039
  // at 51.82 years, is in the darkest class, the highest (Coventry 040, 69.23) in the lightest.
  assert.equal(by.E02001996.color, '#b30000');
  assert.equal(by.E02001997.color, '#fef0d9');
  // Each area against England's 63.49 years, by its 95% interval.
  const csv = await el.evaluate((e) => e.toCSV());
  assert.ok(csv.includes('\nE02001958,Coventry 001,90362 (Male),2009 - 13,59.55495,58.32767,60.78223,significantly worse than England\n'), csv.slice(0, 400));
  // The boundaries are ONS's: the Open Government Licence line, as the page gives none.
  assert.equal(await page.locator('needs-map .attrib').textContent(),
    'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.');
  assert.deepEqual(events, []);
  fs.mkdirSync(outDir, { recursive: true });
  await el.screenshot({ path: path.join(outDir, 'figures-fingertips.png') });
  assert.deepEqual(errors, []);
});

test('rows the map does not show are said in a notice, not dropped silently', async () => {
  const { outcome, events } = await widget({ boundaries: '/msoa.geojson', data: '/no-parents.csv' });
  assert.deepEqual(outcome, { ok: true });
  assert.deepEqual(events, [{ type: 'needs-map:notice', problems: [
    '/no-parents.csv: 1 row(s) of area type Counties & UAs (from Apr 2023) left out (not areas of /msoa.geojson): E08000026; they are not shown; the map shows the areas\' own rows',
  ] }]);
});

test('a CSV with a bad cell and a stray code: both shown in the box, with line and column, and in the error event', async () => {
  const { page, outcome, events } = await widget({ boundaries: '/msoa.geojson', data: '/fixtures/data/hle-male-tidy-broken.csv' });
  assert.equal(outcome.ok, false);
  const problems = [
    '/fixtures/data/hle-male-tidy-broken.csv:line 4, column "value": "59,5" is not a number; correct the cell, or leave the area out of the file',
    '/fixtures/data/hle-male-tidy-broken.csv: 1 area code(s) match no area of /msoa.geojson: E02099999; if the file covers a wider area than the boundaries, keep only their rows (or prepare with --area); otherwise check the codes are of the same geography and vintage as the boundaries',
  ];
  assert.deepEqual(events, [{ type: 'needs-map:error', message: '/fixtures/data/hle-male-tidy-broken.csv: 2 problems', problems }]);
  const box = page.locator('needs-map .error');
  assert.equal(await box.getAttribute('role'), 'alert');
  assert.deepEqual(await box.locator('li').allTextContents(), problems);
});

test('the attribution attribute is the map\'s source line; a missing data file and data= beside a bundle say what to do', async () => {
  let w = await widget({ boundaries: '/msoa.geojson', data: '/fixtures/data/hle-male-tidy.csv', attribution: 'Coventry City Council, 2025' });
  assert.deepEqual(w.outcome, { ok: true });
  assert.equal(await w.page.locator('needs-map .attrib').textContent(), 'Source: Coventry City Council, 2025');
  w = await widget({ boundaries: '/msoa.geojson', data: '/fixtures/data/no-such.csv' });
  assert.deepEqual(w.outcome, { ok: false, message: 'could not load /fixtures/data/no-such.csv: the server answered 404 Not Found. Check the file is published at that address.' });
  w = await widget({ bundle: '/data/coventry.json', data: '/fixtures/data/hle-male-tidy.csv' });
  assert.equal(w.outcome.ok, false);
  assert.match(w.outcome.message, /^the data attribute adds figures to boundaries/);
});
