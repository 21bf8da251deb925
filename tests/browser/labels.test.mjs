// Names on the map (issue 21, item 4) in Debian's chromium on the real Coventry bundle: the 18
// wards' names in the first frame, in ink (#0b0c0c) on a white halo; none for the 42 MSOAs until
// asked; the same names in the SVG and the PNG, where the boxes of the text as chromium renders
// it are compared (no two overlap), not the table's estimate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, openPage, whenReady, countColour, outDir } from './harness.mjs';

const page = (body) => () => ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script type="module" src="/needs-map.js"></script></head><body style="width:960px">${body}</body></html>`];

let server, chrome;
before(async () => {
  server = await serve({ routes: {
    '/names.html': page('<needs-map id="m" history="fragment" bundle="/data/coventry.json"></needs-map>'),
  } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

async function open(url = '/names.html') {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}${url}`);
  assert.deepEqual(await whenReady(p), { ok: true });
  return { p, errors, el: p.locator('needs-map') };
}

/** The halo texts of an SVG export as chromium lays them out: `[text, [left, top, right, bottom]]`. */
async function rendered(p, svg) {
  return p.evaluate((text) => {
    const box = document.createElement('div');
    box.innerHTML = text; // the widget's own export, in a test page
    document.body.append(box);
    const out = [...box.querySelectorAll('text[paint-order="stroke"]')].map((t) => {
      const b = t.getBBox();
      return [t.textContent, [b.x, b.y, b.x + b.width, b.y + b.height]];
    });
    box.remove();
    return out;
  }, svg);
}

const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

test('the wards are named in the first frame, in ink on a halo; off and on again from the panel and the link', async () => {
  const { p, errors, el } = await open();
  assert.equal(await el.evaluate((e) => e.view.labels), 'auto');
  const named = await countColour(p, '#0b0c0c');
  assert.ok(named > 800, `ink pixels of 18 names: ${named}`);
  await el.locator('.map').screenshot({ path: path.join(outDir, 'names-wards.png') });
  // The panel's control turns them off: the overlay is drawn again without them.
  await p.locator('needs-map .options-panel summary').click();
  await p.getByLabel('Names on the map').selectOption('off');
  await p.waitForFunction(() => document.querySelector('needs-map').view.labels === 'off');
  const none = await countColour(p, '#0b0c0c');
  assert.ok(none < named / 20, `no names: ${none} ink pixels`);
  const pairs = await p.evaluate(() => [...new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get('m'))]);
  assert.deepEqual(pairs.filter(([k]) => k === 'lb'), [['lb', 'off']]);
  await el.evaluate((e) => e.setView({ labels: 'auto' }));
  assert.equal(await countColour(p, '#0b0c0c'), named);
  assert.deepEqual(errors, []);
});

test('the 42 MSOAs start without names; asked, they are named where they fit (in two lines where one is too wide)', async () => {
  const { p, errors, el } = await open();
  await el.evaluate((e) => e.setView({ indicator: 'hle_male' }));
  const ink = await countColour(p, '#0b0c0c');
  assert.ok(ink < 300, `no names at first: ${ink} ink pixels`);
  await el.evaluate((e) => e.setView({ labels: 'on' }));
  const svg = await el.evaluate((e) => e.toSVG(960, 720));
  const names = await rendered(p, svg);
  assert.ok(names.length >= 20, `${names.length} MSOAs named`);
  assert.ok(names.every(([t]) => /^(Coventry \d{3}|Coventry|\d{3})$/.test(t)), names.map(([t]) => t).join(', '));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) assert.ok(!overlap(names[i][1], names[j][1]), `${names[i][0]} overlaps ${names[j][0]}`);
  }
  assert.deepEqual(errors, []);
});

test('the SVG and the PNG have the same names as the map, and no two rendered names overlap', async () => {
  const { p, errors, el } = await open();
  const svg = await el.evaluate((e) => e.toSVG(960, 720));
  const names = await rendered(p, svg);
  // 18 wards in 20 lines: "Binley and / Willenhall" and "Upper / Stoke" break where the map is narrower.
  assert.equal(names.length, 20);
  for (const w of ['Bablake', 'Foleshill', 'Radford', "St Michael's", 'Binley and', 'Willenhall']) assert.ok(names.some(([t]) => t === w), w);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      assert.ok(!overlap(names[i][1], names[j][1]), `${names[i][0]} ${names[i][1]} overlaps ${names[j][0]} ${names[j][1]}`);
    }
  }
  // The PNG: the same picture drawn on a canvas; its names are ink, and without them it has hardly any.
  const inkOf = (labels) => el.evaluate(async (e, labels) => {
    await e.setView({ labels });
    const bitmap = await createImageBitmap(await e.toPNG(960, 720, 1));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    // The map's part of the picture (its frame, draw::picture::layout: 720 x 568 under the 48 px title).
    const d = ctx.getImageData(0, 48, 720, 568).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0x0b && d[i + 1] === 0x0c && d[i + 2] === 0x0c) n++;
    return n;
  }, labels);
  const [on, off] = [await inkOf('on'), await inkOf('off')];
  assert.ok(on > 1000 && off < on / 10, `PNG ink: ${on} with names, ${off} without`);
  assert.deepEqual(errors, []);
});
