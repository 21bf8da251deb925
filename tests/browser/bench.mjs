// Browser benchmarks in Debian's chromium (run by `make bench`): sizes of what a visitor
// downloads, time to first frame, re-shade and hit-test on the Coventry bundle.
// Medians of 5 page loads. Numbers, not pass/fail.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, browser, openPage, dist } from './harness.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

console.log('needs-map browser benchmarks (Debian chromium, headless, 1024x900)');
for (const f of ['needs-map.js', 'pkg/needs_map.js', 'pkg/needs_map_bg.wasm', 'data/coventry.json']) {
  const b = fs.readFileSync(path.join(dist, f));
  console.log(`  ${f.padEnd(26)} ${String(b.length).padStart(8)} bytes ${String(zlib.gzipSync(b, { level: 9 }).length).padStart(8)} gzip`);
}

const server = await serve();
const chrome = await browser();
const runs = { first: [], reshade: [], hit: [] };
for (let i = 0; i < 5; i++) {
  const { page } = await openPage(chrome.ctx);
  await page.goto(`${server.url}/embed-example.html`);
  const r = await page.evaluate(async () => {
    const el = document.querySelector('needs-map');
    await el.ready;
    const t0 = performance.getEntriesByType('navigation')[0].startTime;
    const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    await frame();
    const first = performance.now() - t0;
    const s = performance.now();
    el.setIndicator('growth_2015_2020');
    await frame();
    const reshade = performance.now() - s;
    const m = el._map;
    const c = el.shadowRoot.querySelector('canvas');
    let seed = 1;
    const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const pts = Array.from({ length: 1000 }, () => [rnd() * c.clientWidth, rnd() * c.clientHeight]);
    const h = performance.now();
    for (const [x, y] of pts) m.pick(x, y);
    const hit = (performance.now() - h) / 1000;
    return { first, reshade, hit };
  });
  runs.first.push(r.first); runs.reshade.push(r.reshade); runs.hit.push(r.hit);
  await page.close();
}
console.log(`  page load to first frame, Coventry wards  ${median(runs.first).toFixed(1)} ms`);
console.log(`  re-shade to drawn frame                    ${median(runs.reshade).toFixed(1)} ms`);
console.log(`  hover hit-test, mean of 1,000 points       ${(median(runs.hit) * 1000).toFixed(1)} µs`);
await chrome.close();
await server.close();
