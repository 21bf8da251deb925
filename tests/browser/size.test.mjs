// Size budget (a budget, not a timing): what a visitor downloads for the widget, gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

const BUDGET = 150 * 1024;

test('widget wasm + JS is at most 150 KB gzip', () => {
  // The element carries wasm-bindgen's glue (bundled by scripts/build-web.sh); were it not
  // bundled, the glue would be downloaded too and counts.
  const bundled = !fs.readFileSync(path.join(dist, 'needs-map.js'), 'utf8').includes('pkg/needs_map.js');
  const files = ['needs-map.js', ...(bundled ? [] : ['pkg/needs_map.js']), 'pkg/needs_map_bg.wasm'];
  const sizes = files.map((f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length);
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`# size: ${files.map((f, i) => `${f} ${sizes[i]}`).join(', ')}; ${total} bytes gzip of ${BUDGET}`);
  assert.ok(total <= BUDGET, `${total} bytes gzip, over ${BUDGET}`);
});
