// Residents find their area by postcode or name: the answers come from the bundle's index
// (OS Code-Point Open, October 2025 and August 2014), with no request leaving the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, browser, openPage, whenReady, repo } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const cases = [
  ['cv2 2dx', { postcode: 'CV2 2DX', status: 'live', area: { code: 'E05001223', name: 'Henley' } }, 'CV2 2DX is in Henley.'],
  ['CV22DX', { postcode: 'CV2 2DX', status: 'live', area: { code: 'E05001223', name: 'Henley' } }, 'CV2 2DX is in Henley.'],
  ['CV2  2DX ', { postcode: 'CV2 2DX', status: 'live', area: { code: 'E05001223', name: 'Henley' } }, 'CV2 2DX is in Henley.'],
  ['CV1 1FY', { postcode: 'CV1 1FY', status: 'live', area: { code: 'E05001228', name: "St Michael's" } }, "CV1 1FY is in St Michael's."],
  ['CV1 1EA', { postcode: 'CV1 1EA', status: 'terminated', area: { code: 'E05001228', name: "St Michael's" } }, "CV1 1EA is no longer in use; it was in St Michael's."],
  ['CV3 4AD', { postcode: 'CV3 4AD', status: 'outside', area: null }, "CV3 4AD is outside this map's area."],
  // Live in Nuneaton and Bedworth (Code-Point 2025); in 2014 its point lay about 40 m outside
  // Coventry's boundary, beyond the 10 m allowed for generalised boundaries: not in Bablake.
  ['CV6 4QG', { postcode: 'CV6 4QG', status: 'outside', area: null }, "CV6 4QG is outside this map's area."],
  ['CV1 1AA', { postcode: 'CV1 1AA', status: 'unknown', area: null }, 'CV1 1AA is not a postcode in use. Check it, or search for an area by name.'],
  ['not a postcode 123', { postcode: 'not a postcode 123', status: 'invalid', area: null }, '\u201cnot a postcode 123\u201d is not a postcode or the name of an area on this map.'],
];

test('findPostcode answers every case, selects the area, and makes no request', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const before = server.requests.length;
  for (const [text, want, message] of cases) {
    const r = await page.evaluate((t) => document.querySelector('needs-map').findPostcode(t), text);
    assert.deepEqual(r, want, text);
    assert.equal(await page.locator('needs-map .answer').textContent(), message);
    if (want.area) assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), want.area.code);
  }
  // The browser asks for the page's icon on its own, sometimes only now: not a search's request.
  // The first search loads the widget's own module that reads the index; nothing else is
  // asked for, and no request carries what was typed.
  // (The search's part, the module that reads the index, and the profile of the area found.)
  assert.deepEqual(server.requests.slice(before).filter((r) => r !== '/favicon.svg').map((u) => u.replace(/-[A-Z0-9]{8}\.js$/, '-*.js')).sort(),
    ['/needs-map-chunk-*.js', '/needs-map-profile-*.js', '/needs-map-search-*.js', '/pkg/needs_map_extra.js', '/pkg/needs_map_extra_bg.wasm'], 'no request was made by the searches but for the widget\'s own parts');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a postcode typed in the search box selects, zooms to and announces its area', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const input = page.locator('needs-map input[role="combobox"]');
  await input.fill('cv1 1fy');
  await input.press('Enter');
  const answer = page.locator('needs-map [role="status"].answer');
  await answer.filter({ hasText: /./ }).waitFor();
  assert.equal(await answer.textContent(), "CV1 1FY is in St Michael's.");
  const r = await page.evaluate(() => ({ sel: document.querySelector('needs-map').view.selected, zoom: document.querySelector('needs-map').view.zoom }));
  assert.equal(r.sel, 'E05001228');
  assert.ok(r.zoom > 1, 'zoomed to the area');
  // On the MSOA layer the same postcode finds its MSOA.
  await page.locator('needs-map .pick select').selectOption('le_male');
  const m = await page.evaluate(() => document.querySelector('needs-map').findPostcode('CV2 2DX'));
  assert.equal(m.status, 'live');
  assert.match(m.area.code, /^E02/);
  await page.close();
});

test('area names autocomplete by keyboard alone (GOV.UK pattern)', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const input = page.locator('needs-map input[role="combobox"]');
  await input.focus();
  await page.keyboard.type('fole');
  // The search is a part loaded on first focus: its first suggestions come once it has loaded.
  await page.locator('needs-map [role="option"]').first().waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await page.locator('needs-map [role="option"]').allTextContents(), ['Foleshill']);
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`needs-map #${active}`).textContent(), 'Foleshill');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), 'E05001222');
  assert.equal(await page.locator('needs-map .answer').textContent(), 'Foleshill: IMD score 44.58, 1st most deprived of 18 wards');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  // "stoke" matches two wards, in the middle of their names.
  await input.fill('');
  await page.keyboard.type('stoke');
  assert.deepEqual(await page.locator('needs-map [role="option"]').allTextContents(), ['Lower Stoke', 'Upper Stoke']);
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await page.close();
});

test('the postcode attribute does the same from the page', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await page.evaluate(() => document.querySelector('needs-map').setAttribute('postcode', 'CV2 2DX'));
  await whenReady(page);
  await page.waitForFunction(() => document.querySelector('needs-map').view.selected === 'E05001223');
  assert.equal(await page.locator('needs-map .answer').textContent(), 'CV2 2DX is in Henley.');
  await page.close();
});

test('the Coventry postcode index adds at most 40 KB gzip to the bundle', () => {
  const b = JSON.parse(fs.readFileSync(path.join(repo, 'data/coventry.json'), 'utf8'));
  const withIndex = zlib.gzipSync(JSON.stringify(b), { level: 9 }).length;
  delete b.postcodes;
  const without = zlib.gzipSync(JSON.stringify(b), { level: 9 }).length;
  assert.ok(withIndex - without <= 40 * 1024, `the index adds ${withIndex - without} bytes gzip`);
});
