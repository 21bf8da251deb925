// Areas of one's own (issue 20) on the real Coventry bundle in Debian's chromium: defined by
// the API and by shift-clicks, added up by each indicator's rule, outlined on the map as one
// shape, with their rows in the table and the CSV, and kept in the link. Literals from the
// official files: Foleshill and Radford wards hold 23 LSOAs (ONS best-fit lookup); their IMD
// 2019 scores weighted by mid-2015 population give 38.934; 9 of the 23 are in decile 1; their
// mid-2020 population is 47,521.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, openPage, whenReady, countColour, project, wardPoints, outDir } from './harness.mjs';

const FOLESHILL = 'E05001222';
const RADFORD = 'E05001227';
const page = (body) => () => ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script type="module" src="/needs-map.js"></script></head><body>${body}</body></html>`];

let server, chrome;
before(async () => {
  server = await serve({ routes: { '/one.html': page('<needs-map id="m" history="fragment" bundle="/data/coventry.json" indicator="imd_score"></needs-map>') } });
  chrome = await browser();
});
after(async () => { await chrome?.close(); await server?.close(); });

async function open(hash = '') {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/one.html${hash}`);
  assert.deepEqual(await whenReady(p), { ok: true });
  return { p, errors, el: p.locator('needs-map') };
}

test('defineArea adds Foleshill and Radford up by each rule, with its row in the table and the CSV', async () => {
  const { p, errors, el } = await open();
  const a = await el.evaluate((e, codes) => e.defineArea({ name: 'Foleshill and Radford', codes }), [FOLESHILL, RADFORD]);
  assert.equal(a.name, 'Foleshill and Radford');
  assert.deepEqual(a.codes, [FOLESHILL, RADFORD]);
  assert.equal(a.population, 47521);
  const f = Object.fromEntries(a.indicators.map((i) => [i.id, i]));
  // A population-weighted mean: no interval, so only higher or lower.
  assert.deepEqual([f.imd_score.value, f.imd_score.lower, f.imd_score.upper], [38.934, null, null]);
  assert.deepEqual(f.imd_score.comparison, { england: 'higher than England', city: 'higher than Coventry' });
  // A share of counts, 9 of 23, with its Wilson interval, tested by it.
  assert.deepEqual([f.imd_decile1_share.value, f.imd_decile1_share.lower, f.imd_decile1_share.upper], [39.13, 22.158, 59.214]);
  assert.deepEqual(f.imd_decile1_share.comparison, { england: 'significantly worse than England', city: 'significantly worse than Coventry' });
  assert.equal(f.population.value, 47521);

  // Its own row in the table, after the wards, unranked.
  await el.evaluate((e) => e.showTable(true));
  const rows = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 19);
  assert.deepEqual(rows.at(-1), ['Foleshill and Radford', '38.93', 'your area: 2 wards']);
  // And in the CSV: the codes it is made of, its value, its comparison in its own words.
  const csv = await el.evaluate((e) => e.toCSV());
  assert.ok(csv.endsWith('\nE05001222+E05001227,Foleshill and Radford,imd_score,2019,38.934,,,higher than England\n'), csv.slice(-300));
  await el.evaluate((e) => e.setIndicator('imd_decile1_share'));
  assert.ok((await el.evaluate((e) => e.toCSV())).endsWith('\nE05001222+E05001227,Foleshill and Radford,imd_decile1_share,2019,39.13,22.158,59.214,significantly worse than England\n'));
  // In the link.
  const linked = await p.evaluate(() => new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get('m')).getAll('a'));
  assert.deepEqual(linked, ['E05001222,E05001227:Foleshill and Radford']);
  assert.deepEqual(errors, []);
});

test('the outline is one shape (the border the two wards share is not drawn), and goes with removeArea', async () => {
  const { p, errors, el } = await open();
  // The outline's light casing: white is no class colour of the map.
  const white = () => countColour(p, '#ffffff');
  const none = await white();
  await el.evaluate((e, codes) => e.defineArea({ name: 'North', codes }), [FOLESHILL, RADFORD]);
  const together = (await white()) - none;
  await el.locator('.map').screenshot({ path: path.join(outDir, 'own-area-north.png') });
  assert.equal(await el.evaluate((e) => e.removeArea('North')), true);
  assert.equal(await white(), none);
  await el.evaluate((e, [a, b]) => Promise.all([e.defineArea({ name: 'F', codes: [a] }), e.defineArea({ name: 'R', codes: [b] })]), [FOLESHILL, RADFORD]);
  const apart = (await white()) - none;
  // Two outlines draw the shared border twice over; the one shape leaves it out.
  assert.ok(together > 500 && apart > together + 100, `one shape ${together} px, two ${apart} px`);
  assert.deepEqual((await el.evaluate((e) => e.ownAreas())).map((a) => a.name), ['F', 'R']);
  assert.deepEqual(errors, []);
});

test('shift-click picks wards (blue outlines, said in words) and the form names them one area', async () => {
  const { p, errors, el } = await open();
  const box = await p.locator('needs-map .map canvas').boundingBox();
  const at = async (code) => {
    const w = wardPoints().find((x) => x.code === code);
    const [x, y] = await project(p, w.lon, w.lat);
    return [box.x + x, box.y + y];
  };
  await p.keyboard.down('Shift');
  for (const code of [FOLESHILL, RADFORD]) {
    const [x, y] = await at(code);
    await p.mouse.click(x, y);
    await p.waitForFunction((n) => document.querySelector('needs-map').shadowRoot.querySelector('form.own p')?.textContent.startsWith(`${n} `), code === FOLESHILL ? 1 : 2);
  }
  await p.keyboard.up('Shift');
  const said = await p.evaluate(() => document.querySelector('needs-map').shadowRoot.querySelector('form.own p').textContent);
  assert.equal(said, '2 wards picked: Foleshill, Radford. Shift-click (or Shift and Enter) to pick more, then name them as one area.');
  assert.ok((await countColour(p, '#1d70b8')) > 200, 'the picked wards are outlined in blue');
  // Nothing was selected by the shift-clicks.
  assert.equal(await el.evaluate((e) => e.view.selected), null);
  await p.getByLabel('Name of your area').fill('Family hub north');
  await p.getByRole('button', { name: 'Make one area' }).click();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('form.own').hidden);
  const own = await el.evaluate((e) => e.ownAreas());
  assert.deepEqual(own.map((a) => [a.name, a.codes]), [['Family hub north', [FOLESHILL, RADFORD]]]);
  assert.equal(await countColour(p, '#1d70b8'), 0, 'picked outlines go once the area is made');
  assert.deepEqual(errors, []);
});

test('a link with an area of one\'s own makes it again before the map is ready; bad areas are refused with the reason', async () => {
  const { el, errors } = await open(`#m=${encodeURIComponent('i=imd_score&a=E05001222,E05001227:From the link')}`);
  const own = await el.evaluate((e) => e.ownAreas());
  assert.deepEqual(own.map((a) => [a.name, a.population]), [['From the link', 47521]]);
  const bad = await el.evaluate((e) => e.defineArea({ name: 'X', codes: ['E05001222', 'E99999999'] }).then(() => 'resolved', (err) => err.message));
  assert.equal(bad, '"E99999999" is not one of the wards of this map: an area of your own is made of areas of one layer');
  const unnamed = await el.evaluate((e) => e.defineArea({ name: ' ', codes: ['E05001222'] }).then(() => 'resolved', (err) => err.message));
  assert.equal(unnamed, 'an area of your own needs a name: give one');
  // Two MSOAs: healthy life expectancy does not add up, and says why.
  const msoas = await el.evaluate((e) => e.defineArea({ name: 'Two MSOAs', codes: ['E02001958', 'E02001959'] }));
  const hle = msoas.indicators.find((i) => i.id === 'hle_male');
  assert.equal(hle.value, null);
  assert.ok(hle.note.startsWith('does not combine: healthy life expectancy is calculated from deaths, population and self-reported health by age'), hle.note);
  assert.deepEqual(errors, []);
});

test('groups= makes a page\'s groups of wards areas of one\'s own; a bad file is an error naming its lines', async () => {
  const { page: p, errors } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  const outcome = async (groups) => p.evaluate(async (groups) => {
    document.querySelector('needs-map')?.remove();
    const el = document.createElement('needs-map');
    window.failed = null;
    el.addEventListener('needs-map:error', (e) => { window.failed = e.detail; });
    el.setAttribute('bundle', 'data/coventry.json');
    el.setAttribute('groups', groups);
    document.body.append(el);
    try { await el.ready; return { ok: true, own: (await el.ownAreas()).map((a) => [a.name, a.codes, a.population]) }; } catch (e) { return { ok: false, message: e.message, problems: window.failed?.problems }; }
  }, groups);
  assert.deepEqual(await outcome('/fixtures/groups/family-hubs.csv'), { ok: true, own: [
    ['Family hub north', [FOLESHILL, RADFORD], 47521],
    // St Michael's and Lower Stoke, mid-2020: 42,465 + 25,542 (the LSOA files summed).
    ['Family hub centre, city', ['E05001228', 'E05001226'], 68007],
  ] });
  const bad = await outcome('/fixtures/groups/family-hubs-bad.csv');
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.problems, [
    '/fixtures/groups/family-hubs-bad.csv: line 3: "E0500122" is not an area of this map; give the codes of its areas (areas() lists them)',
    '/fixtures/groups/family-hubs-bad.csv: line 4: "E05001228" has no group name; give each row an area code and a group name',
  ]);
  assert.deepEqual(errors.filter((e) => !e.includes('needs-map')), []);
});

test('the table\'s tick boxes and Shift+Enter pick areas too, and the area\'s own row opens its profile', async () => {
  const { p, errors, el } = await open();
  await el.evaluate((e) => e.showTable(true));
  await p.getByRole('checkbox', { name: 'Pick Foleshill to make one area of your own' }).check();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('form.own p')?.textContent.startsWith('1 ward picked: Foleshill.'));
  await el.evaluate((e) => e.showTable(false));
  // Shift+Enter on the map's focused area picks it.
  await el.evaluate((e, code) => { e.shadowRoot.querySelector('.map canvas').focus(); }, RADFORD);
  await p.keyboard.press('Home'); // the highest IMD score: Foleshill
  await p.keyboard.press('Shift+Enter');
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('form.own').hidden);
  await p.keyboard.press('End'); // the lowest: Earlsdon
  await p.keyboard.press('Shift+Enter');
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('form.own p')?.textContent.startsWith('1 ward picked: Earlsdon.'));
  await p.getByLabel('Name of your area').fill('');
  await p.getByRole('button', { name: 'Make one area' }).click();
  // An area needs a name: the form's own check keeps it from being made without one.
  assert.deepEqual(await el.evaluate((e) => e.ownAreas()), []);
  await el.evaluate((e, codes) => e.defineArea({ name: 'North', codes }), [FOLESHILL, RADFORD]);
  await el.evaluate((e) => e.showTable(true));
  await p.getByRole('button', { name: 'North', exact: true }).click();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelector('.profile summary')?.textContent.startsWith('Profile of North'));
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr').length > 0);
  const rows = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.find((r) => r[0].startsWith('IMD score')), ['IMD score (2019)', '38.93', '25.61', '21.72', 'higher than England']);
  assert.deepEqual(rows.find((r) => r[0].startsWith('Population (')), ['Population (mid-2020)', '47,521 people; mid-2015: 42840, mid-2017: 44953, mid-2019: 46579, mid-2020: 47521', '379,387 people', 'no data', '']);
  assert.deepEqual(errors, []);
});

test('areas like Foleshill: numpy\'s five, as buttons under its profile and outlined in purple', async () => {
  const reference = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/similar-reference.json'), 'utf8'));
  const { p, errors, el } = await open();
  const none = await countColour(p, '#4c2c92');
  const alike = await el.evaluate((e, code) => e.similar(code), FOLESHILL);
  assert.deepEqual(alike.map((a) => a.code), reference.layers.ward.similar[FOLESHILL].map(([c]) => c));
  alike.forEach((a, i) => assert.ok(Math.abs(a.distance - reference.layers.ward.similar[FOLESHILL][i][1]) < 1e-9));
  assert.deepEqual(alike.map((a) => a.name), ['Binley and Willenhall', 'Radford', 'Longford', 'Henley', "St Michael's"]);
  assert.ok((await countColour(p, '#4c2c92')) > none + 200, 'outlined in purple');
  await el.locator('.map').screenshot({ path: path.join(outDir, 'similar-foleshill.png') });
  // Under the profile, on request.
  await el.evaluate((e, code) => e.select(code), FOLESHILL);
  await p.locator('needs-map .profile summary').click();
  await p.getByRole('button', { name: 'Areas like Foleshill' }).click();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile ul.alike button').length === 5);
  const buttons = await p.locator('needs-map .profile ul.alike button').allTextContents();
  assert.equal(buttons[0], 'Binley and Willenhall (distance 6.04)');
  assert.ok((await p.locator('needs-map .profile .alike p.method').textContent()).startsWith('Most alike on 13 indicators (counts left out)'));
  await p.getByRole('button', { name: 'Radford (distance 6.46)' }).click();
  assert.equal(await el.evaluate((e) => e.view.selected), RADFORD);
  assert.deepEqual(errors, []);
});

test('a page\'s own figures are in the profile and in areas of one\'s own, as the map was given them', async () => {
  const { p, errors, el } = await open();
  await el.evaluate((e, [f, r]) => e.addIndicator({ id: 'visits', label: 'Visits per 1,000', polarity: 'higher-worse', values: { [f]: 12, [r]: 30 } }), [FOLESHILL, RADFORD]);
  // Added before the figures' module is loaded: handed over when it is.
  await el.evaluate((e, code) => e.select(code), FOLESHILL);
  await p.locator('needs-map .profile summary').click();
  await p.waitForFunction(() => document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr').length > 0);
  const profile = await p.evaluate(() => [...document.querySelector('needs-map').shadowRoot.querySelectorAll('.profile tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(profile.find((r) => r[0].startsWith('Visits')), ['Visits per 1,000', '12.0', 'no data', 'no data', '']);
  // Added after: handed over at once.
  await el.evaluate((e, [f, r]) => e.addIndicator({ id: 'later', label: 'Later figures', values: { [f]: 1, [r]: 2 } }), [FOLESHILL, RADFORD]);
  const north = await el.evaluate((e, codes) => e.defineArea({ name: 'North', codes }), [FOLESHILL, RADFORD]);
  // They say nothing of how they add up, and the area says so rather than guessing.
  assert.deepEqual(north.indicators.filter((i) => ['visits', 'later'].includes(i.id)).map((i) => [i.id, i.value, i.note]), [
    ['visits', null, 'does not combine: the map does not say how its values add up'],
    ['later', null, 'does not combine: the map does not say how its values add up'],
  ]);
  assert.deepEqual(errors, []);
});
