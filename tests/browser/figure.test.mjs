// A page without scripts (issue 21, item 5): `needsmap render BUNDLE --indicator ID --out
// map.html` writes the map as inline SVG named by its summary in words, the legend and
// attribution, and the table of areas. Served under the README's content security policy in
// Debian's chromium: axe-core finds no WCAG 2.2 AA violation, and nothing is blocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, openPage, repo } from './harness.mjs';

const cli = () => ['debug', 'release'].map((d) => path.join(repo, 'target', d, 'needsmap')).find((f) => fs.existsSync(f));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

let server, chrome, html;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needs-map-figure-'));
  const out = path.join(dir, 'map.html');
  execFileSync(cli(), ['render', path.join(repo, 'data/coventry.json'), '--indicator', 'imd_score', '--out', out]);
  html = fs.readFileSync(out, 'utf8');
  server = await serve({ headers: { 'content-security-policy': CSP }, routes: {
    '/figure.html': () => ['text/html; charset=utf-8', html],
    // The page names no icon (a council's site has its own): the browser asks for one.
    '/favicon.ico': () => ['image/x-icon', Buffer.alloc(0)],
  } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

test('the static figure is the map named by its summary, its words and a table, with no script', async () => {
  assert.ok(!/<script|data:|style=/.test(html), 'no script, data: image or inline style');
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/figure.html`);
  const svg = p.locator('figure svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  const name = await p.evaluate(() => {
    const s = document.querySelector('figure svg');
    return document.getElementById(s.getAttribute('aria-labelledby')).textContent;
  });
  assert.equal(name, 'IMD score (2019), by ward: 18 wards of Coventry. Values range from 9.19 in Earlsdon to 44.58 in Foleshill. The highest class, over 34.44 to 44.58 (4 wards), lies mostly in the east of Coventry.');
  assert.equal(await p.locator('figure tbody tr').count(), 18);
  assert.deepEqual(await p.locator('figure tbody tr', { hasText: 'Foleshill' }).locator('th, td').allTextContents(), ['Foleshill', '44.58', '1st most deprived of 18 wards']);
  assert.ok((await p.locator('figcaption').textContent()).includes('Source: Contains National Statistics data'));
  assert.deepEqual(errors, []);
});

test('axe-core finds no WCAG 2.2 AA violation on the static figure', async () => {
  // Served without the policy here, so that axe's own script may run.
  const { page: p } = await openPage(chrome.ctx);
  await p.setContent(html);
  await p.addScriptTag({ path: path.join(repo, 'node_modules/axe-core/axe.min.js') });
  const r = await p.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.help}`), []);
});

test('a figure inside <needs-map> shows until the map is ready (then goes), and stays when it cannot start', async () => {
  const figure = html.slice(html.indexOf('<figure'), html.indexOf('</figure>') + 9);
  const { page: p } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const shown = await p.evaluate(async (figure) => {
    const place = async (bundle) => {
      const el = document.createElement('needs-map');
      el.setAttribute('bundle', bundle);
      el.innerHTML = figure;
      document.body.append(el);
      const before = el.querySelector('figure').getBoundingClientRect().height > 0;
      await el.ready.catch(() => {});
      return [before, (el.querySelector('figure')?.getBoundingClientRect().height ?? 0) > 0];
    };
    return { good: await place('data/coventry.json'), missing: await place('data/missing.json') };
  }, figure);
  assert.deepEqual(shown, { good: [true, false], missing: [true, true] });
});

test('make dist puts the default map\'s figure in the iframe page: read without scripts, kept until ready, gone for another map', async () => {
  // Without scripts (a CMS's iframe that blocks them): the figure is the map.
  const noScript = await browser({ javaScriptEnabled: false });
  try {
    const { page: q } = await openPage(noScript.ctx, `${server.url}/embed.html`);
    assert.equal(await q.locator('main figure tbody tr').count(), 18);
    assert.ok(await q.locator('main figure svg').isVisible());
    assert.equal(await q.locator('needs-map').count(), 0, 'no script ran');
  } finally {
    await noScript.close();
  }
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/embed.html`);
  // Moved inside the element (shown until the map is ready: see the test above), then gone.
  assert.equal(await p.evaluate(async () => { const m = document.querySelector('needs-map'); await m.ready; return m.querySelector('figure'); }), null);
  const { page: other } = await openPage(chrome.ctx, `${server.url}/embed.html?bundle=data/coventry.json&indicator=hle_male`);
  assert.equal(await other.evaluate(async () => { await document.querySelector('needs-map').ready; return document.querySelectorAll('figure').length; }), 0);
  assert.deepEqual(errors, []);
});
