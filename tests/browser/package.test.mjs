// dist/ as an npm package (issue 17): `npm pack` of dist/ holds exactly the files the README
// says to publish, its package.json names what a web team's tools read, and the declared types
// (needs-map.d.ts) match the element's public methods, in the source and in the built element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { dist, repo, serve, browser, openPage, whenReady } from './harness.mjs';

let server, chrome;
before(async () => { server = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await server?.close(); });

/** The README's list of published files (globs with `*`). */
function readmeFiles() {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const block = readme.split('<!-- package files -->')[1].split('<!-- /package files -->')[0];
  return block.replace(/```/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
}
const glob = (g) => new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);

test('npm pack of dist/ holds exactly what the README says to publish', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dist, encoding: 'utf8' });
  const [pack] = JSON.parse(out);
  const packed = pack.files.map((f) => f.path).sort();
  const listed = readmeFiles();
  for (const g of listed) assert.ok(packed.some((f) => glob(g).test(f)), `${g} (README) is in the package: ${packed.join(', ')}`);
  for (const f of packed) assert.ok(listed.some((g) => glob(g).test(f)), `${f} is in the package but not in the README's list`);
  // The lazily loaded parts are in it: every needs-map-*.js that dist/ has.
  const parts = fs.readdirSync(dist).filter((f) => /^needs-map-.*\.js$/.test(f)).sort();
  assert.deepEqual(packed.filter((f) => /^needs-map-.*\.js$/.test(f)), parts);
  assert.ok(parts.some((f) => f.startsWith('needs-map-panel-')), parts.join(', '));
  assert.equal(pack.name, 'needs-map');
  const pkg = JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8'));
  const cargo = fs.readFileSync(path.join(repo, 'crate/Cargo.toml'), 'utf8');
  assert.equal(pkg.version, cargo.match(/^version = "([^"]+)"/m)[1]);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.deepEqual(pkg.exports['.'], { types: './needs-map.d.ts', default: './needs-map.js' });
  for (const f of [pkg.main, pkg.types]) assert.ok(packed.includes(f.replace('./', '')), f);
});

/** The element's members as the types declare them. */
function declared() {
  const dts = fs.readFileSync(path.join(dist, 'needs-map.d.ts'), 'utf8');
  const body = dts.split('export declare class NeedsMapElement extends HTMLElement {')[1].split('\n}\n')[0];
  const members = [...body.matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gm)].map((m) => m[1]);
  return [...new Set(members)].filter((m) => m !== 'addEventListener').sort();
}

test('the declared types name the element public methods, in the source and in the built element', async () => {
  const src = fs.readFileSync(path.join(repo, 'www/element/element.js'), 'utf8');
  const cls = src.split('export class NeedsMapElement extends HTMLElement {')[1];
  const lifecycle = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback'];
  const methods = [...cls.matchAll(/^ {2}(?:async |get )?([a-zA-Z]\w*)\(/gm)].map((m) => m[1]).filter((m) => !lifecycle.includes(m));
  const fields = [...cls.matchAll(/this\.([a-zA-Z]\w*) = /g)].map((m) => m[1]);
  const publicMembers = [...new Set([...methods, ...fields])].sort();
  assert.deepEqual(declared(), publicMembers);
  assert.ok(publicMembers.includes('setView') && publicMembers.includes('view') && publicMembers.includes('ready'));
  // The built element (private names shortened by the build, public ones kept) has each.
  const { page } = await openPage(chrome.ctx, `${server.url}/embed-example.html`);
  assert.deepEqual(await whenReady(page), { ok: true });
  const kinds = await page.evaluate((names) => {
    const m = document.querySelector('needs-map');
    return Object.fromEntries(names.map((n) => [n, typeof m[n]]));
  }, declared());
  for (const [n, kind] of Object.entries(kinds)) {
    assert.equal(kind, { view: 'object', ready: 'object' }[n] ?? 'function', n);
  }
  await page.close();
});
