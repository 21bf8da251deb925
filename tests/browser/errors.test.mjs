// Bad input never leaves a blank box, a frozen page or a console-only failure: each case
// shows a readable message inside the widget and fires needs-map:error with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, openPage, repo } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

/** Adds a <needs-map> with `attrs` to the page and returns {event, boxText, pageStillWorks}. */
async function failWith(attrs) {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const result = await page.evaluate(async (attrs) => {
    const el = document.createElement('needs-map');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    const event = new Promise((resolve) => el.addEventListener('needs-map:error', (e) => resolve(e.detail)));
    document.body.append(el);
    const detail = await Promise.race([event, new Promise((r) => setTimeout(() => r('no event'), 10000))]);
    const box = el.shadowRoot.querySelector('.error');
    const ready = await el.ready.then(() => 'resolved', (e) => `rejected: ${e.message}`);
    const p = document.createElement('p');
    p.textContent = 'still here';
    document.body.append(p);
    return { detail, boxText: box.hidden ? '' : box.textContent, ready, pageStillWorks: document.body.lastChild.textContent === 'still here' };
  }, attrs);
  await page.close();
  return result;
}

test('a bundle URL that 404s', async () => {
  const r = await failWith({ bundle: 'data/missing.json' });
  assert.equal(r.detail.message, 'could not load data/missing.json: the server answered 404 Not Found. Check the file is published at that address.');
  assert.equal(r.boxText, `The map could not be shown.${r.detail.message}`);
  assert.equal(r.ready, `rejected: ${r.detail.message}`);
  assert.ok(r.pageStillWorks);
});

test('invalid JSON', async () => {
  const r = await failWith({ bundle: '/fixtures/not-json.json' });
  assert.equal(r.detail.message, 'the bundle is not valid JSON (EOF while parsing a list at line 2 column 0); check the file is complete and was not changed by hand');
  assert.ok(r.boxText.includes(r.detail.message));
  assert.ok(r.pageStillWorks);
});

test('a bundle with no areas', async () => {
  const r = await failWith({ bundle: '/fixtures/no-areas.json' });
  assert.equal(r.detail.message, "the bundle has no areas to draw; check the recipe's boundary files");
  assert.ok(r.boxText.includes(r.detail.message));
});

test('an indicator id that does not exist', async () => {
  const r = await failWith({ bundle: 'data/coventry.json', indicator: 'imd_scroe' });
  assert.equal(r.detail.message, 'there is no indicator "imd_scroe" in this bundle; it has: imd_score, imd_decile1_share, income_20_share, employment_20_share, education_20_share, health_20_share, crime_20_share, housing_20_share, living_environment_20_share, population, growth_2015_2020, age65_share, gp_per_10k, pharmacies_per_10k, le_male, hle_male, le_female, hle_female');
  assert.ok(r.boxText.includes(r.detail.message));
  assert.deepEqual(r.detail.problems, [r.detail.message]);
});

test('no data source at all', async () => {
  const r = await failWith({});
  assert.match(r.detail.message, /^no data source: give the bundle attribute/);
});

test('area names from data are shown as text, never as HTML', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const r = await page.evaluate(async () => {
    window.pwned = false;
    const el = document.createElement('needs-map');
    el.setAttribute('bundle', '/fixtures/hostile-names.json');
    document.body.append(el);
    await el.ready;
    el.select('E00000001');
    return { detail: el.shadowRoot.querySelector('.detail').textContent, imgs: el.shadowRoot.querySelectorAll('img, script').length, pwned: window.pwned };
  });
  assert.equal(r.detail.startsWith('<img src=x onerror="window.pwned=true">: Test value 1.0'), true, r.detail);
  assert.equal(r.imgs, 0);
  assert.equal(r.pwned, false);
  await page.close();
});

// Hostile and broken files, made by the test server: each ends in a clear error in the box,
// and the page around keeps working.
const routes = {
  '/gen/huge.json': () => Buffer.alloc(70 * 1024 * 1024, 0x20),
  '/gen/deep.json': () => '['.repeat(100000) + ']'.repeat(100000),
  '/gen/nan.json': () => '{"format":"needs-map-bundle","version":1,"meta":{"title":"t","place":{"code":"E","name":"P"},"attribution":"a"},"layers":[],"indicators":[{"id":"x","label":"x","polarity":"neutral","layer":"l","source":"s","series":[{"period":"p","values":{"E01":{"value":NaN}}}]}]}',
  '/gen/infinity.json': () => '{"format":"needs-map-bundle","version":1,"layers":[{"transform":{"scale":[1e999,1],"translate":[0,0]}}]}',
  '/gen/random.bin': () => ['application/octet-stream', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
  '/gen/huge.geojson': () => ['application/geo+json', Array.from({ length: 70 }, () => Buffer.alloc(1024 * 1024, 0x20))],
  '/gen/huge-declared.geojson': () => ['application/geo+json', Buffer.alloc(70 * 1024 * 1024, 0x20)],
  '/gen/deep.geojson': () => ['application/geo+json', '{"type":"FeatureCollection","features":' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
};

async function failWithServer(srv, attrs) {
  const { page } = await openPage(chrome.ctx, `${srv.url}/embed-example.html`);
  const r = await page.evaluate(async (attrs) => {
    const el = document.createElement('needs-map');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    const event = new Promise((resolve) => el.addEventListener('needs-map:error', (e) => resolve(e.detail)));
    document.body.append(el);
    const detail = await Promise.race([event, new Promise((r) => setTimeout(() => r({ message: 'no event' }), 20000))]);
    const box = el.shadowRoot.querySelector('.error');
    const own = document.querySelector('needs-map');
    await own.ready;
    return { message: detail.message, box: box.hidden ? '' : box.textContent, alive: own.areas().length };
  }, attrs);
  await page.close();
  return r;
}

test('a file past the size limit, deep nesting, NaN, Infinity and random bytes each end in a clear error', async () => {
  const srv = await serve({ routes });
  try {
    const cases = [
      [{ bundle: '/gen/huge.json' }, '/gen/huge.json is 70.0 MB, over the widget\'s limit of 64.0 MB: split it into smaller bundles or simplify the boundaries.'],
      [{ bundle: '/gen/deep.json' }, 'the bundle is nested more than 128 levels deep (line 1, column 128); check the file is a bundle made by `needsmap prepare`'],
      [{ bundle: '/gen/nan.json' }, /^the bundle is not valid JSON \(expected value at line 1 column \d+\); check the file is complete/],
      [{ bundle: '/gen/infinity.json' }, /^the bundle is not valid JSON \(number out of range at line 1 column \d+\)/],
      [{ bundle: '/gen/random.bin' }, /^the bundle is not valid JSON \(/],
      // No content-length: the converter counts the bytes as they arrive, and stops.
      [{ boundaries: '/gen/huge.geojson', 'code-field': 'WD25CD', 'name-field': 'WD25NM' }, /^\/gen\/huge\.geojson is 6[4-9]\.\d MB, over the widget's limit of 64\.0 MB: split it into smaller bundles or simplify the boundaries\.$/],
      // With content-length: the worker refuses it from the declared size before reading.
      [{ boundaries: '/gen/huge-declared.geojson', 'code-field': 'WD25CD', 'name-field': 'WD25NM' }, '/gen/huge-declared.geojson is 70.0 MB, over the widget\'s limit of 64.0 MB: split it into smaller bundles or simplify the boundaries.'],
      [{ boundaries: '/gen/deep.geojson', 'code-field': 'WD25CD', 'name-field': 'WD25NM' }, '/gen/deep.geojson: is nested more than 128 levels deep (line 1, column 166); check the file is complete GeoJSON or TopoJSON'],
    ];
    for (const [attrs, want] of cases) {
      const r = await failWithServer(srv, attrs);
      if (want instanceof RegExp) assert.match(r.message, want, JSON.stringify(attrs));
      else assert.equal(r.message, want, JSON.stringify(attrs));
      assert.ok(r.box.includes(r.message), 'shown in the box');
      assert.equal(r.alive, 18, 'the page\'s other map still works');
    }
  } finally {
    await srv.close();
  }
});

test('a 10,000-character area name is shown as text and wraps inside the widget', async () => {
  const long = 'W'.repeat(10000);
  const bundle = JSON.parse(fs.readFileSync(path.join(repo, 'tests/fixtures/hole_and_enclave.json'), 'utf8'));
  bundle.layers[0].areas[0].name = long;
  const srv = await serve({ routes: { '/gen/long.json': () => JSON.stringify(bundle) } });
  try {
    const { page } = await openPage(chrome.ctx, `${srv.url}/embed-example.html`);
    const r = await page.evaluate(async () => {
      const el = document.createElement('needs-map');
      el.setAttribute('bundle', '/gen/long.json');
      document.querySelector('main').append(el);
      await el.ready;
      el.select('E00000001');
      const detail = el.shadowRoot.querySelector('.detail');
      return { text: detail.textContent, width: detail.getBoundingClientRect().width, page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth };
    });
    assert.ok(r.text.startsWith(long + ': Test value 1.0'), r.text.slice(0, 40));
    assert.ok(r.page <= r.view, `page ${r.page} px wide in ${r.view}`);
    await page.close();
  } finally {
    await srv.close();
  }
});
