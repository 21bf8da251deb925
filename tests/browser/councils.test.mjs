// Every council from national files: bundles made by the national recipe (`needsmap prepare
// data/england.toml --area ...`, run here as a council would) open in the widget for three
// councils of different kinds. Literals from the official files (scripts/national-reference.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, openPage, whenReady, canvasPixel, project, repo, outDir, shared } from './harness.mjs';

const dir = path.join(outDir, 'national');
// A metropolitan borough, a unitary, a shire district (its wards all newer than the 2019 lookup).
const COUNCILS = [
  { code: 'E08000025', name: 'Birmingham', wards: 69, darkest: 'E05011170' },
  { code: 'E06000023', name: 'Bristol, City of', wards: 34 },
  { code: 'E07000236', name: 'Redditch', wards: 9, darkest: 'E05015620' },
];
const wards = JSON.parse(fs.readFileSync(path.join(shared(), 'data/boundaries/national/geolookups_wards2025_england_merged.geojson'), 'utf8'))
  .features.map((f) => f.properties);
let server, chrome;
before(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('cargo', ['run', '-q', '--bin', 'needsmap', '--', 'prepare', 'data/england.toml', '--area', COUNCILS.map((c) => c.code).join(','), '--out', dir],
    { cwd: repo, env: { ...process.env, NEEDSMAP_SHARED: shared() }, stdio: ['ignore', 'ignore', 'inherit'] });
  server = await serve({ routes: Object.fromEntries(COUNCILS.map((c) => [`/${c.code}.json`, () => fs.readFileSync(path.join(dir, `${c.code}.json`))])) });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

for (const c of COUNCILS) {
  test(`${c.name} (${c.code}) from the national recipe opens in the widget, its title and accessible name naming the place`, async () => {
    const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
    await page.evaluate((code) => {
      const old = document.querySelector('needs-map');
      const el = document.createElement('needs-map');
      el.setAttribute('bundle', `/${code}.json`);
      old.replaceWith(el);
    }, c.code);
    assert.deepEqual(await whenReady(page), { ok: true });
    const areas = await page.evaluate(() => document.querySelector('needs-map').areas());
    assert.equal(areas.length, c.wards);
    assert.equal(await page.locator('needs-map .map canvas').first().getAttribute('aria-label'),
      `Map: IMD score (2019), by ward. ${c.wards} wards of ${c.name}.`);
    // The heading names the place too: a page may show several councils' maps.
    assert.equal(await page.locator('needs-map h2').first().textContent(), `IMD score (2019), by ward, ${c.name}`);
    assert.match(await page.locator('needs-map .attrib').first().textContent(), /Contains National Statistics data/);
    // Prepared without --postcodes: the search box offers areas by name, with one of this map's.
    assert.equal(await page.locator('needs-map form.search label').first().textContent(), 'Find an area');
    assert.equal(await page.locator('needs-map form.search .hint').first().textContent(), `For example ${areas[0].name}`);
    if (c.darkest) {
      // The most deprived ward is in the darkest class, at its official inside point.
      const p = wards.find((w) => w.WD25CD === c.darkest);
      const [x, y] = await project(page, p.LONG, p.LAT);
      assert.equal(areas.find((a) => a.code === c.darkest).color, '#b30000');
      assert.equal(await canvasPixel(page, x, y), '#b30000', p.WD25NM);
    }
    await page.locator('needs-map').screenshot({ path: path.join(outDir, `council-${c.code}.png`) });
    assert.deepEqual(errors, []);
  });
}
