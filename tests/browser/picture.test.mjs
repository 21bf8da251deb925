// One picture, many painters (issue 17): the CLI's PNG (native painter), toPNG() (the
// browser's canvas painter) and toSVG() (the SVG painter, rasterised by chromium) show the
// same class colour inside every Coventry ward, and the same words. The wards' inside points
// are found in the SVG's own geometry (a point whose neighbourhood is all that ward's path),
// and the colours expected are mapclassify 2.10's quantile classes on the OrRd palette.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, openPage, whenReady, repo } from './harness.mjs';

const ORRD5 = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
const reference = JSON.parse(fs.readFileSync(path.join(repo, 'tests/fixtures/mapclassify-2.10.json'), 'utf8')).indicators.imd_score;
const quantile5 = reference.runs.find((r) => r.method === 'quantile' && r.k === 5);
const expected = Object.fromEntries(reference.codes.map((c, i) => [c, ORRD5[quantile5.yb[i]]]));

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const cli = () => ['debug', 'release'].map((d) => path.join(repo, 'target', d, 'needsmap')).find((f) => fs.existsSync(f));
const texts = (svg) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('the CLI PNG, toPNG() and toSVG() show the same class colour inside every ward, and the same words', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needs-map-picture-'));
  execFileSync(cli(), ['render', path.join(repo, 'data/coventry.json'), '--out', path.join(dir, 'cli.png')]);
  execFileSync(cli(), ['render', path.join(repo, 'data/coventry.json'), '--out', path.join(dir, 'cli.svg')]);
  const cliPng = `data:image/png;base64,${fs.readFileSync(path.join(dir, 'cli.png')).toString('base64')}`;
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const r = await page.evaluate(async (cliPng) => {
    const m = document.querySelector('needs-map');
    const svg = await m.toSVG();
    // The SVG laid on the page at 1:1, to find each ward's inside point by hit testing.
    const holder = document.createElement('div');
    holder.style.cssText = 'position:fixed;left:0;top:0;width:960px;height:720px;z-index:99';
    holder.append(document.importNode(new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement, true));
    document.body.append(holder);
    const codeAt = (x, y) => document.elementFromPoint(x, y)?.getAttribute?.('data-code') ?? null;
    const inside = {};
    for (let y = 4; y < 716; y += 3) {
      for (let x = 4; x < 956; x += 3) {
        const c = codeAt(x + 0.5, y + 0.5);
        if (!c || inside[c]) continue;
        const ring = [[-4, -4], [4, -4], [-4, 4], [4, 4], [0, -4], [0, 4], [-4, 0], [4, 0]];
        if (ring.every(([dx, dy]) => codeAt(x + dx + 0.5, y + dy + 0.5) === c)) inside[c] = [x, y];
      }
    }
    holder.remove();
    const pixels = async (src) => {
      const img = src instanceof Blob ? await createImageBitmap(src) : await new Promise((ok, no) => {
        const i = new Image(); i.onload = () => ok(i); i.onerror = () => no(new Error('image did not load')); i.src = src;
      });
      const c = document.createElement('canvas');
      c.width = 960; c.height = 720;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0, 960, 720);
      return (x, y) => '#' + [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
    };
    const svgUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const painters = { svg: await pixels(svgUrl), toPNG: await pixels(await m.toPNG(960, 720, 1)), cli: await pixels(cliPng) };
    const out = {};
    for (const [code, [x, y]] of Object.entries(inside)) out[code] = Object.fromEntries(Object.entries(painters).map(([k, at]) => [k, at(x, y)]));
    return { colours: out, svg };
  }, cliPng);
  assert.equal(Object.keys(r.colours).length, 18, `an inside point for every ward: ${Object.keys(r.colours)}`);
  for (const [code, by] of Object.entries(r.colours)) {
    assert.deepEqual(by, { svg: expected[code], toPNG: expected[code], cli: expected[code] }, code);
  }
  // The words: the browser's SVG and the CLI's (whose words the recording painter lists in the
  // native test png_svg_and_recorder_draw_the_same_picture) are one list.
  const cliTexts = texts(fs.readFileSync(path.join(dir, 'cli.svg'), 'utf8'));
  assert.deepEqual(texts(r.svg), cliTexts);
  // The title, the 18 wards' names (20 lines, the map's names: tests/native/labels.rs), the legend.
  assert.deepEqual(cliTexts.slice(0, 3), ['IMD score (2019), by ward', '18 wards of Coventry', 'Bablake']);
  assert.ok(cliTexts.slice(2, 22).includes('Foleshill'));
  assert.deepEqual(cliTexts.slice(22, 25), ['IMD score, 2019: darker is', 'worse', '9.19 to 17.07 (4)']);
  assert.deepEqual(errors, []);
  fs.rmSync(dir, { recursive: true });
  await page.close();
});
