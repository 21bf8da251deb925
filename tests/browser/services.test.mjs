// Services on the map of need: GP practices, pharmacies, libraries and hospitals from the
// official lists, placed by postcode, toggled per kind, read out by hover and keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, whenReady, canvasPixel, countColour } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const shown = (page, area) => page.evaluate((a) => document.querySelector('needs-map').services(a ?? undefined), area);

test('one toggle per kind; the GP layer draws 50 practices in Coventry; toggling hides it', async () => {
  const { page, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  assert.deepEqual(await page.locator('needs-map .services label').allTextContents(),
    ['GP practices (50)', 'Pharmacies (82)', 'Public libraries (18)', 'Hospitals (3)']);
  assert.equal((await shown(page)).length, 0, 'off until asked for');
  await page.locator('needs-map .services input[value="gp"]').check();
  const gps = await shown(page);
  assert.equal(gps.length, 50);
  // The symbol is drawn: GOV.UK blue at the centre of a practice drawn clear of others.
  const lonely = gps.find((g) => gps.every((o) => o === g || Math.hypot(o.x - g.x, o.y - g.y) > 14));
  assert.equal(await canvasPixel(page, lonely.x, lonely.y), '#1d70b8');
  await page.locator('needs-map .services input[value="gp"]').uncheck();
  assert.equal((await shown(page)).length, 0);
  assert.notEqual(await canvasPixel(page, lonely.x, lonely.y), '#1d70b8', 'hidden again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering a practice gives its name, kind and address', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.locator('needs-map .services input[value="gp"]').check();
  const gps = await shown(page);
  const g = gps.find((a) => gps.every((o) => o === a || Math.hypot(o.x - a.x, o.y - a.y) > 14));
  const box = await page.locator('needs-map .map canvas').boundingBox();
  await page.mouse.move(box.x + g.x, box.y + g.y);
  const tip = page.locator('needs-map .tip');
  await tip.waitFor({ state: 'visible' });
  assert.equal(await tip.textContent(), g.text);
  assert.match(g.text, /^GP practice: .+, CV\d+ \d[A-Z]{2}$/);
  await page.close();
});

test("Foleshill's 9 practices are listed with the area and reachable and announced by keyboard", async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.locator('needs-map .services input[value="gp"]').check();
  await page.locator('needs-map .map canvas').focus();
  await page.keyboard.press('Home'); // Foleshill, the most deprived ward
  await page.keyboard.press('Enter');
  const buttons = page.locator('needs-map .in-area button');
  assert.equal(await page.locator('needs-map .in-area h3').textContent(), 'Services shown in Foleshill (9)');
  assert.equal(await buttons.count(), 9);
  // Tab on from the map (past its zoom buttons, the table toggle ...) to the list.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.querySelector('needs-map').shadowRoot.activeElement?.closest('.in-area'))) break;
  }
  const focused = await page.evaluate(() => document.querySelector('needs-map').shadowRoot.activeElement?.textContent);
  assert.equal(focused, await buttons.first().textContent());
  assert.match(focused, /^GP practice: /);
  assert.equal(await page.locator('needs-map [aria-live="polite"].visually-hidden').textContent(), focused);
  // The highlighted practice is ringed in focus yellow on the map.
  const ring = await countColour(page, '#ffdd00');
  assert.ok(ring > 20, `ring pixels ${ring}`);
  await page.close();
});

test('access indicators: GP practices per 10,000, Foleshill 3.69 and Wyken 0.54', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  await page.evaluate(() => document.querySelector('needs-map').setIndicator('gp_per_10k'));
  const areas = await page.evaluate(() => document.querySelector('needs-map').areas());
  const by = Object.fromEntries(areas.map((a) => [a.name, a.value]));
  assert.equal(by.Foleshill, 3.691);
  assert.equal(by.Wyken, 0.539);
  await page.evaluate(() => document.querySelector('needs-map').select('E05001222'));
  assert.match(await page.locator('needs-map .detail').textContent(), /^Foleshill: GP practices per 10,000 residents 3\.69, .* Coventry: 1\.32\./);
  assert.match(await page.locator('needs-map .attrib').textContent(), /NHS Organisation Data Service/);
  assert.match(await page.locator('needs-map .attrib').textContent(), /Royal Mail/);
  await page.close();
});
