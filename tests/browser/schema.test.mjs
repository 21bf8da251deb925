// Every bundle validates against the published schema (schema/bundle.schema.json): the
// committed Coventry bundle, the test fixtures, and bundles the CLI makes fresh from the
// England and council recipes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';
import { repo, shared } from './harness.mjs';

const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schema/bundle.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const check = (file) => {
  const ok = validate(JSON.parse(fs.readFileSync(file, 'utf8')));
  assert.ok(ok, `${file}: ${JSON.stringify(validate.errors, null, 1)}`);
};

test('the committed bundles and the bundle fixtures follow the schema', () => {
  const files = [
    ...fs.readdirSync(path.join(repo, 'data')).filter((f) => f.endsWith('.json')).map((f) => path.join(repo, 'data', f)),
    ...['hole_and_enclave.json', 'hostile-names.json', 'no-areas.json'].map((f) => path.join(repo, 'tests/fixtures', f)),
  ];
  assert.ok(files.some((f) => f.endsWith('coventry.json')));
  for (const f of files) check(f);
});

test('bundles made now by needsmap prepare follow the schema', () => {
  const bin = path.join(repo, 'target/debug/needsmap');
  assert.ok(fs.existsSync(bin), 'build the CLI first (cargo test builds it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needs-map-schema-'));
  for (const recipe of ['tests/fixtures/recipes/council-files.toml', 'data/england-wards.toml']) {
    const out = path.join(dir, path.basename(recipe, '.toml') + '.json');
    execFileSync(bin, ['prepare', recipe, '--out', out], { cwd: repo, env: { ...process.env, NEEDSMAP_SHARED: shared() }, stdio: ['ignore', 'ignore', 'ignore'] });
    check(out);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the schema rejects what the reader rejects', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(repo, 'tests/fixtures/hole_and_enclave.json'), 'utf8'));
  bundle.indicators[0].polarity = 'higher-is-bad';
  assert.equal(validate(bundle), false);
  assert.equal(validate.errors[0].instancePath, '/indicators/0/polarity');
});
