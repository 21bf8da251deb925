// The keys that move by meaning (issue 21, item 2) in Debian's chromium on the real Coventry
// bundle: the map is an application (so a screen reader in browse mode hands it the keys),
// n and b move to the next area significantly worse or better than England, ] by rank, each
// move announced; ? lists the keys in a dialog and gives the focus back. Literals from the ONS
// health state life expectancy file (males, 2009-13): the lowest MSOA, Coventry 039, 51.8 years.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, whenReady } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const said = (p) => p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent);

test('the map is an application called a map, whose keys n, b and ] move by meaning and are announced', async () => {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(p), { ok: true });
  const canvas = p.locator('needs-map .map canvas');
  // The accessibility tree: an application (described as a map), named for what it shows.
  assert.equal(await canvas.ariaSnapshot(), `- 'application "Map: IMD score (2019), by ward. 18 wards of Coventry."'`);
  assert.equal(await canvas.getAttribute('aria-roledescription'), 'map');
  await canvas.focus();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent !== '');
  // IMD scores have no intervals: nothing is compared with England, and n says so.
  await p.keyboard.press('n');
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent.startsWith('No area'));
  assert.equal(await said(p), 'No area is compared with England: the shown figures have no confidence intervals.');
  // Male healthy life expectancy by MSOA has intervals.
  await p.evaluate(() => document.querySelector('needs-map').setIndicator('hle_male'));
  await canvas.focus();
  const press = async (key, starts) => {
    await p.keyboard.press(key);
    await p.waitForFunction((s) => document.querySelector('needs-map').shadowRoot.querySelector('[aria-live="polite"].visually-hidden').textContent.startsWith(s), starts);
    return said(p);
  };
  assert.equal(await press('n', 'Coventry 039'), 'Coventry 039: Healthy life expectancy, males 51.8 years, 1st worst of 42 MSOAs, significantly worse than England');
  assert.ok((await press('n', 'Coventry 015')).startsWith('Coventry 015: Healthy life expectancy, males 52.9 years, 2nd worst of 42 MSOAs'));
  assert.ok((await press('Shift+N', 'Coventry 039')).startsWith('Coventry 039'));
  assert.ok((await press('b', 'Coventry 040')).startsWith('Coventry 040: Healthy life expectancy, males 69.2 years, 42nd worst of 42 MSOAs, significantly better than England'));
  assert.ok((await press(']', 'Coventry 039')).startsWith('Coventry 039'), 'round from the last by rank to the first');
  assert.deepEqual(errors, []);
  await p.close();
});

test('? lists every key in a dialog; Escape closes it and the focus is back on the map', async () => {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(p), { ok: true });
  const canvas = p.locator('needs-map .map canvas');
  await canvas.focus();
  await p.keyboard.press('?');
  const dialog = p.getByRole('dialog', { name: 'Keys on the map' });
  await dialog.waitFor();
  const keys = await dialog.locator('dt').allTextContents();
  assert.deepEqual(keys, ['Arrow keys', 'n, Shift+n', 'b, Shift+b', ']  and  [', 'Home, End', 'Enter', 'Shift+Enter', 'Escape', '+, -', '0', '?']);
  // The focus is inside the dialog, on its button.
  assert.equal(await p.evaluate(() => document.querySelector('needs-map').shadowRoot.activeElement?.textContent), 'Close');
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await p.evaluate(() => document.querySelector('needs-map').shadowRoot.activeElement?.tagName), 'CANVAS');
  assert.deepEqual(errors, []);
  await p.close();
});
