// One settings model (issue 17): every setting of the view, set by its attribute, by its
// control, by the element's API and by a link's fragment, gives the same map (areas(): each
// ward's class and colour), the same legend, the same controls and the same fragment; and it
// changes that setting only. A fragment written after a sequence of changes reopens the same
// picture in a fresh page. The three bugs a new user met on the Coventry demo each have a test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, whenReady, project, wardPoints } from './harness.mjs';

const FOLESHILL = 'E05001222';
const foleshill = wardPoints().find((w) => w.name === 'Foleshill');

let server, chrome;
before(async () => {
  server = await serve({
    routes: {
      // The page takes its attributes from its query, so each test names the widget it wants.
      '/w.html': () => ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script type="module" src="/needs-map.js"></script></head><body><main><h1>t</h1><script type="module">
const m = document.createElement('needs-map');
for (const [k, v] of new URLSearchParams(location.search)) m.setAttribute(k, v);
document.querySelector('main').append(m);
</script></main></body></html>`],
    },
  });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

/** A fresh page with one widget (`history="fragment"`, id "m") with these attributes and hash. */
async function fresh(attrs = {}, hash = '') {
  const q = new URLSearchParams({ id: 'm', history: 'fragment', bundle: '/data/coventry.json', ...attrs });
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/w.html?${q}${hash}`);
  await page.waitForFunction(() => document.querySelector('needs-map'));
  assert.deepEqual(await whenReady(page), { ok: true });
  return { p: page, errors };
}

const settle = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Opens the options panel (a part loaded on first use) and waits for its controls. */
async function openOptions(p) {
  if (!(await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('.options-panel').open))) {
    await p.locator('needs-map .options-panel summary').click();
  }
  await p.locator('needs-map .options-panel select').first().waitFor();
}

/** Everything a setting is shown by: the view, the map, the legend, the controls, the fragment. */
async function snapshot(p) {
  await openOptions(p);
  await settle(p);
  return p.evaluate(() => {
    const m = document.querySelector('needs-map');
    const root = m.shadowRoot;
    const controls = {};
    for (const label of root.querySelectorAll('.pick label, .options-panel .controls label')) {
      const c = root.getElementById(label.htmlFor);
      const field = label.closest('.controls > div');
      controls[label.textContent] = `${c.value}${field?.hidden ? ' (hidden)' : ''}`;
    }
    const need = root.querySelector('.options-panel .need');
    controls.need = need.hidden ? 'hidden' : [...need.querySelectorAll('label')].filter((l) => l.querySelector('input[type=checkbox]').checked)
      .map((l) => `${l.querySelector('input[type=checkbox]').value}:${l.querySelector('input[type=number]').value}`).join(',');
    controls.services = [...root.querySelectorAll('.services input:checked')].map((b) => b.value).join(',');
    const frag = new URLSearchParams(location.hash.slice(1)).get('m');
    return {
      view: m.view,
      areas: m.areas().map((a) => `${a.code} ${a.class} ${a.color}`),
      legend: [...root.querySelectorAll('.legend li')].map((li) => li.textContent),
      controls,
      detail: root.querySelector('.detail').textContent,
      fragment: Object.fromEntries(new URLSearchParams(frag ?? '')),
    };
  });
}

/** Chooses `value` in the control labelled `label` (a select, or a text box then Enter). */
async function choose(p, label, value) {
  await openOptions(p);
  const c = p.locator('needs-map').getByLabel(label, { exact: true });
  if ((await c.evaluate((x) => x.tagName)) === 'SELECT') await c.selectOption(value);
  else { await c.fill(value); await c.press('Enter'); await c.evaluate((x) => x.dispatchEvent(new Event('change'))); }
}

// Each setting: the attribute and its text, the view's key and value, what the control does, the
// fragment pair, the other settings the test starts from (`base`), and what may follow it: an
// indicator brings its layer and its latest period, and a bivariate pair or a need index left
// to its default (the view shows what the map would draw) starts from the indicator shown.
const CASES = [
  { attr: 'indicator', text: 'growth_2015_2020', key: 'indicator', want: 'growth_2015_2020', frag: ['i', 'growth_2015_2020'],
    follows: ['period', 'bivariate', 'needIndex'], control: (p) => choose(p, 'Indicator', 'growth_2015_2020'), legend0: '1.2 to 3.3 (4 wards)' },
  { attr: 'classification', text: 'jenks', key: 'classification', want: 'jenks', frag: ['c', 'jenks'],
    control: (p) => choose(p, 'Classes by', 'jenks'), legend0: '9.19 to 9.44 (2 wards)' },
  { attr: 'classes', text: '7', key: 'classes', want: 7, frag: ['k', '7'],
    control: (p) => choose(p, 'Number of classes', '7'), legends: 7 },
  { attr: 'breaks', base: { classification: 'custom' }, text: '20,30,40', key: 'breaks', want: [20, 30, 40], frag: ['b', '20,30,40'],
    control: (p) => choose(p, 'Breaks (upper bounds)', '20, 30, 40'), legend0: '9.19 to 20.00 (8 wards)' },
  { attr: 'palette', text: 'viridis', key: 'palette', want: 'viridis', frag: ['p', 'viridis'],
    control: (p) => choose(p, 'Colours', 'viridis'), foleshill: '#440154' },
  { attr: 'mode', text: 'bivariate', key: 'mode', want: 'bivariate', frag: ['m', 'bivariate'],
    control: (p) => choose(p, 'Shading', 'bivariate'), foleshill: '#574249', legends: 9 },
  { attr: 'benchmark', base: { indicator: 'hle_male', classification: 'benchmark' }, text: 'city', key: 'benchmark', want: 'city', frag: ['bm', 'city'],
    control: (p) => choose(p, 'Compare with', 'city'), legend0: 'Significantly worse than Coventry, hatched (17 MSOAs)' }, // 90% intervals apart from Coventry's (61.23): 17 worse, 19 better, 6 similar
  { attr: 'bivariate', base: { mode: 'bivariate' }, text: 'imd_score,age65_share', key: 'bivariate', want: ['imd_score', 'age65_share'], frag: ['bv', 'imd_score,age65_share'],
    control: (p) => choose(p, 'Second indicator', 'age65_share'), legends: 9 },
  { attr: 'need-index', base: { mode: 'need' }, text: 'imd_score:2,gp_per_10k:1', key: 'needIndex', want: { imd_score: 2, gp_per_10k: 1 }, frag: ['n', 'imd_score:2,gp_per_10k:1'],
    control: async (p) => { await openOptions(p); const w = p.locator('needs-map').getByLabel('Weight of IMD score', { exact: true }); await w.fill('2'); await w.dispatchEvent('change'); } },
  { attr: 'selected', text: FOLESHILL, key: 'selected', want: FOLESHILL, frag: ['s', FOLESHILL],
    // The map is the selection's control: a click on Foleshill's official point.
    control: async (p) => {
      const [x, y] = await project(p, foleshill.lon, foleshill.lat);
      const box = await p.locator('needs-map .map canvas').boundingBox();
      await p.mouse.click(box.x + x, box.y + y);
    },
    detail: /^Foleshill: IMD score 44\.58/ },
  { attr: 'services', text: 'gp', key: 'services', want: ['gp'], frag: ['sv', 'gp'],
    control: (p) => p.locator('needs-map .services input[value="gp"]').check() },
  { attr: 'layer', text: 'msoa', key: 'layer', want: 'msoa', frag: ['i', 'le_male'], follows: ['indicator', 'period', 'bivariate', 'needIndex'],
    // No control names a layer: the picker's indicator of another layer brings it (so the
    // indicator follows), and the attribute, the API and the link take the layer's first.
    control: (p) => choose(p, 'Indicator', 'le_male'), legends: 5 },
  { attr: 'zoom', text: '1.5', key: 'zoom', want: 1.5, frag: ['z', '1.5'],
    control: (p) => p.locator('needs-map button[aria-label="Zoom in"]').click() },
];

for (const c of CASES) {
  test(`"${c.attr}" by attribute, control, API and fragment: one map, legend, controls and link`, async () => {
    const { p: base } = await fresh(c.base);
    const before = await snapshot(base);
    await base.close();
    const results = {};
    // 1. The attribute, on load.
    {
      const { p, errors } = await fresh({ ...c.base, [c.attr]: c.text });
      results.attribute = await snapshot(p);
      assert.deepEqual(errors, []);
      await p.close();
    }
    // 2. Its control.
    {
      const { p } = await fresh(c.base);
      await c.control(p);
      await p.waitForFunction(([k, want]) => JSON.stringify(document.querySelector('needs-map').view[k]) === want, [c.key, JSON.stringify(c.want)]);
      results.control = await snapshot(p);
      await p.close();
    }
    // 3. The API: setView resolves once the map is drawn.
    {
      const { p } = await fresh(c.base);
      const view = await p.evaluate(([k, v]) => document.querySelector('needs-map').setView({ [k]: v }), [c.key, c.want]);
      assert.deepEqual(view[c.key], c.want);
      results.api = await snapshot(p);
      await p.close();
    }
    // 4. A link: the fragment written by the attribute's page, opened with only the base attributes.
    {
      const frag = new URLSearchParams(results.attribute.fragment).toString();
      const { p } = await fresh(c.base, `#m=${encodeURIComponent(frag)}`);
      results.fragment = await snapshot(p);
      await p.close();
    }
    const a = results.attribute;
    assert.deepEqual(a.view[c.key], c.want);
    if (c.frag) assert.equal(a.fragment[c.frag[0]], c.frag[1], `the link carries ${c.frag.join('=')}`);
    for (const path of ['control', 'api', 'fragment']) {
      for (const part of ['view', 'areas', 'legend', 'controls', 'detail', 'fragment']) {
        assert.deepEqual(results[path][part], a[part], `${part} by ${path} as by attribute`);
      }
    }
    // Only this setting changed (and what must follow it).
    for (const k of Object.keys(before.view)) {
      if (k !== c.key && !(c.follows ?? []).includes(k)) assert.deepEqual(a.view[k], before.view[k], `${k} unchanged by ${c.attr}`);
    }
    assert.notDeepEqual(a.view[c.key], before.view[c.key], 'the setting changed');
    // What the map shows, from the official figures.
    if (c.legends) assert.equal(a.legend.length, c.legends, a.legend.join(' | '));
    if (c.legend0) assert.equal(a.legend[0], c.legend0);
    if (c.foleshill) assert.ok(a.areas.includes(`${FOLESHILL} ${a.areas.find((x) => x.startsWith(FOLESHILL)).split(' ')[1]} ${c.foleshill}`), a.areas.join(' | '));
    if (c.detail) assert.match(a.detail, c.detail);
  });
}

test('bug: the "Number of classes" control shows the 5 classes the map draws', async () => {
  const { p } = await fresh();
  const s = await snapshot(p);
  assert.equal(s.legend.length, 5);
  assert.equal(s.controls['Number of classes'], '5');
  await p.close();
});

test('bug: changing only the palette keeps the 5 classes', async () => {
  const { p } = await fresh();
  await choose(p, 'Colours', 'Purples');
  await p.waitForFunction(() => document.querySelector('needs-map').view.palette === 'Purples');
  const s = await snapshot(p);
  assert.equal(s.view.classes, 5);
  assert.equal(s.legend.length, 5, s.legend.join(' | '));
  assert.equal(s.controls['Number of classes'], '5');
  assert.ok(s.areas.includes(`${FOLESHILL} 4 #54278f`), 'Foleshill in the darkest of 5 purples');
  await p.close();
});

test('bug: the link written on load reopens 5 classes', async () => {
  const { p } = await fresh();
  const s = await snapshot(p);
  assert.notEqual(s.fragment.k, '3');
  const hash = await p.evaluate(() => location.hash);
  await p.close();
  const { p: q } = await fresh({}, hash);
  const t = await snapshot(q);
  assert.equal(t.view.classes, 5);
  assert.equal(t.legend.length, 5);
  await q.close();
});

test('a link written after a sequence of changes reopens the same picture in a fresh page', async () => {
  const { p } = await fresh();
  await choose(p, 'Indicator', 'gp_per_10k');
  await choose(p, 'Classes by', 'equal');
  await choose(p, 'Number of classes', '4');
  await choose(p, 'Colours', 'YlGnBu');
  await p.evaluate(() => document.querySelector('needs-map').setView({ selected: 'E05001222', zoom: 2 }));
  await p.locator('needs-map .services input[value="pharmacy"]').check();
  await p.waitForFunction(() => document.querySelector('needs-map').view.services.includes('pharmacy'));
  const s = await snapshot(p);
  assert.deepEqual([s.view.indicator, s.view.classification, s.view.classes, s.view.palette, s.view.selected, s.view.zoom, s.view.services],
    ['gp_per_10k', 'equal', 4, 'YlGnBu', FOLESHILL, 2, ['pharmacy']]);
  const hash = await p.evaluate(() => location.hash);
  await p.close();
  const { p: q } = await fresh({}, hash);
  const t = await snapshot(q);
  for (const part of ['view', 'areas', 'legend', 'controls', 'detail', 'fragment']) assert.deepEqual(t[part], s[part], part);
  await q.close();
});

test('embed.html takes every attribute: mode=bivariate shows the bivariate map', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed.html?bundle=data/coventry.json&mode=bivariate&classes=4&selected=${FOLESHILL}`);
  await page.waitForFunction(() => document.querySelector('needs-map'));
  assert.deepEqual(await whenReady(page), { ok: true });
  const r = await page.evaluate(() => {
    const m = document.querySelector('needs-map');
    return { mode: m.view.mode, classes: m.view.classes, selected: m.view.selected, legend: m.shadowRoot.querySelectorAll('.legend li').length,
      foleshill: m.areas().find((a) => a.name === 'Foleshill').color };
  });
  assert.deepEqual(r, { mode: 'bivariate', classes: 4, selected: FOLESHILL, legend: 9, foleshill: '#574249' });
  assert.deepEqual(errors, []);
  await page.close();
});
