// Accessibility in the real browser: axe-core finds no WCAG 2.2 A/AA violation on the three
// pages in map view and in table view; the table lists every area, sorts, and follows the
// selection; the screen-reader texts are the ones a person should hear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, openPage, whenReady, repo } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

const AXE = path.join(repo, 'node_modules/axe-core/axe.min.js');

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

for (const url of ['/index.html', '/embed-example.html', '/embed.html?bundle=data/coventry.json&indicator=imd_score']) {
  test(`axe-core finds no WCAG 2.2 AA violation on ${url}, map and table view`, async () => {
    const { page, errors } = await openPage(chrome.ctx, server.url + url);
    assert.deepEqual(await whenReady(page), { ok: true });
    assert.deepEqual(await axe(page), [], 'map view');
    await page.locator('needs-map button[aria-pressed]').click();
    await page.locator('needs-map table tbody tr').first().waitFor(); // the table's part loads on first use
    assert.equal(await page.locator('needs-map table tbody tr').count(), 18);
    assert.deepEqual(await axe(page), [], 'table view');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the table view lists every area, sorts by its columns and follows the selection', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const toggle = page.locator('needs-map button[aria-pressed]');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await toggle.textContent(), 'Show as a map');
  const names = () => page.locator('needs-map tbody th').allTextContents();
  // Sorted by rank: most deprived first.
  assert.deepEqual((await names()).slice(0, 3), ['Foleshill', 'Henley', 'Longford']);
  const first = await page.locator('needs-map tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(first, ['44.58', '1st most deprived of 18 wards']);
  assert.equal(await page.locator('needs-map th[aria-sort]').textContent(), 'Rank');
  // Sort by area name, then again to reverse.
  await page.locator('needs-map thead button', { hasText: 'Area (wards)' }).click();
  assert.equal(await page.locator('needs-map th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  assert.deepEqual((await names()).slice(0, 2), ['Bablake', 'Binley and Willenhall']);
  await page.locator('needs-map thead button', { hasText: 'Area (wards)' }).click();
  assert.deepEqual((await names()).slice(0, 2), ['Wyken', 'Woodlands']);
  // Selecting in the table selects on the map, and the other way round.
  await page.locator('needs-map tbody button', { hasText: 'Earlsdon' }).click();
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').view.selected), 'E05001221');
  assert.equal(await page.locator('needs-map tr[aria-current="true"] th').textContent(), 'Earlsdon');
  await page.evaluate(() => document.querySelector('needs-map').select('E05001222'));
  assert.equal(await page.locator('needs-map tr[aria-current="true"] th').textContent(), 'Foleshill');
  // An MSOA indicator with intervals adds the comparison with England.
  await page.locator('needs-map .pick select').selectOption('hle_male');
  assert.equal(await page.locator('needs-map tbody tr').count(), 42);
  assert.equal(await page.locator('needs-map thead th').last().textContent(), 'Compared with England');
  const row = await page.locator('needs-map tbody tr[data-code="E02001958"] td').allTextContents();
  assert.equal(row[0], '59.6 years');
  assert.equal(row[2], 'significantly worse than England');
  await page.close();
});

test('the map has an accessible name and description (the map in words, then its keys), and the legend is text', async () => {
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  await whenReady(page);
  const canvas = page.locator('needs-map .map canvas');
  assert.equal(await canvas.getAttribute('aria-label'), 'Map: IMD score (2019), by ward. 18 wards of Coventry.');
  const imd = 'IMD score (2019), by ward: 18 wards of Coventry. Values range from 9.19 in Earlsdon to 44.58 in Foleshill. The highest class, over 34.44 to 44.58 (4 wards), lies mostly in the east of Coventry.';
  const keys = 'Arrow keys move to the neighbouring area that way; n and b to the next area significantly worse or better than England, square brackets by rank (Shift or the left bracket goes back); Home and End to the highest and lowest value; Enter selects, Shift and Enter picks areas to make one of your own, Escape clears; plus and minus zoom; the question mark lists the keys.';
  // The description as the browser gives it to a screen reader (its accessibility tree).
  const described = async () => {
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const map = nodes.find((n) => n.role?.value === 'application');
    return [map.name.value, map.description?.value];
  };
  await page.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('.summary').textContent.length > 0);
  assert.deepEqual(await described(), ['Map: IMD score (2019), by ward. 18 wards of Coventry.', `${imd} ${keys}`]);
  // The same words are shown under the map, and returned by summary().
  assert.equal(await page.locator('needs-map p.summary').textContent(), imd);
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').summary()), imd);
  assert.deepEqual(await page.locator('needs-map .legend li').allTextContents(), [
    '9.19 to 17.07 (4 wards)', 'over 17.07 to 19.63 (3 wards)', 'over 19.63 to 27.24 (4 wards)',
    'over 27.24 to 34.44 (3 wards)', 'over 34.44 to 44.58 (4 wards)',
  ]);
  // Another indicator in benchmark mode: the words follow, with the indicator's own level.
  const hle = 'Healthy life expectancy, males (2009–13), by MSOA: 42 MSOAs of Coventry. Values range from 51.8 years in Coventry 039 to 69.2 years in Coventry 040. At the 90% level, 23 MSOAs are significantly worse than England, 11 better and 8 not significantly different.';
  await page.evaluate(() => document.querySelector('needs-map').setView({ indicator: 'hle_male', classification: 'benchmark' }));
  assert.equal(await page.evaluate(() => document.querySelector('needs-map').summary()), hle);
  await page.waitForFunction((t) => document.querySelector('needs-map').shadowRoot.querySelector('.summary').textContent === t, hle);
  assert.deepEqual(await described(), ['Map: Healthy life expectancy, males (2009–13), by MSOA. 42 MSOAs of Coventry.', `${hle} ${keys}`]);
  await page.close();
});
