// Bad input never leaves a blank box, a frozen page or a console-only failure: each case
// shows a readable message inside the widget and fires needs-map:error with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage } from './harness.mjs';

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
  assert.equal(r.detail.message, 'there is no indicator "imd_scroe" in this bundle; it has: imd_score, imd_decile1_share, population, growth_2015_2020, age65_share, le_male, hle_male, le_female, hle_female');
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
