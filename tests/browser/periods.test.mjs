// Time on the map (issue 20, item 3) in Debian's chromium on the real Coventry bundle: the
// change between two periods from the attribute, the panel and the link. St Michael's grew
// from 30,724 residents (mid-2015, IoD2019 File 6) to 42,465 (mid-2020, ONS): +38.21%.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, openPage, whenReady, canvasPixel, project, wardPoints, outDir } from './harness.mjs';

const ST_MICHAELS = 'E05001228';
const page = (body) => () => ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script type="module" src="/needs-map.js"></script></head><body>${body}</body></html>`];

let server, chrome;
before(async () => {
  server = await serve({ routes: {
    '/change.html': page('<needs-map id="m" history="fragment" bundle="/data/coventry.json" indicator="population" period="mid-2015..mid-2020"></needs-map>'),
    '/plain.html': page('<needs-map id="m" history="fragment" bundle="/data/coventry.json" indicator="population"></needs-map>'),
  } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

async function open(url) {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}${url}`);
  assert.deepEqual(await whenReady(p), { ok: true });
  return { p, errors, el: p.locator('needs-map') };
}

test('period="mid-2015..mid-2020" shades the change on a diverging palette, the legend saying from and to', async () => {
  const { p, errors, el } = await open('/change.html');
  const st = (await el.evaluate((e) => e.areas())).find((a) => a.code === ST_MICHAELS);
  assert.deepEqual([st.value, st.color], [38.214, '#e66101']);
  const w = wardPoints().find((x) => x.code === ST_MICHAELS);
  const [x, y] = await project(p, w.lon, w.lat);
  assert.equal(await canvasPixel(p, x, y), '#e66101');
  const legend = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.legend').textContent);
  assert.ok(legend.includes('Change in population (%), mid-2015 to mid-2020'), legend);
  assert.ok(legend.includes('5 classes of equal width either side of no change'), legend);
  assert.equal(await el.evaluate((e) => e.view.period), 'mid-2015..mid-2020');
  const pairs = await p.evaluate(() => [...new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get('m'))]);
  assert.ok(pairs.some(([k, v]) => k === 'pe' && v === 'mid-2015..mid-2020'), JSON.stringify(pairs));
  await el.screenshot({ path: path.join(outDir, 'change-population.png') });
  // The change in residents, and back to one period.
  await el.evaluate((e) => e.setView({ change: 'absolute' }));
  assert.equal((await el.evaluate((e) => e.areas())).find((a) => a.code === ST_MICHAELS).value, 11741);
  // Scores of two editions of the indices are not compared.
  const refused = await el.evaluate((e) => e.setView({ indicator: 'imd_score', period: '2019..2019' }).then(() => 'changed', (err) => err.message));
  assert.ok(refused.startsWith('the change in IMD score is not shown: scores of two editions of the indices are not on one scale'), refused);
  assert.deepEqual(errors, []);
});

test('the options panel sets a change view and a fixed scale, and the view says so', async () => {
  const { p, errors, el } = await open('/plain.html');
  await p.locator('needs-map summary', { hasText: 'Map options' }).click();
  await p.getByLabel('Change since').selectOption('mid-2017');
  await p.waitForFunction(() => document.querySelector('needs-map').view.period === 'mid-2017..mid-2020');
  assert.equal(await p.getByLabel('Change as').isVisible(), true);
  await p.getByLabel('Change since').selectOption('');
  await p.waitForFunction(() => document.querySelector('needs-map').view.period === 'mid-2020');
  await p.getByLabel('Classes', { exact: true }).selectOption('fixed');
  await p.waitForFunction(() => document.querySelector('needs-map').view.scale === 'fixed');
  await p.getByLabel('Period', { exact: true }).selectOption('mid-2015');
  const legend = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.legend').textContent);
  assert.ok(legend.includes("of every period's values (the same in each)"), legend);
  assert.deepEqual(errors, []);
});
