// Prints dist/package.json: dist/ as an npm-style package, so a web team installs the widget
// the way it installs everything else (`npm install ./needs-map-0.1.0.tgz`, or from a registry).
// The version is the crate's; the files are the widget's (the demo page and its data stay out).
import fs from 'node:fs';

const cargo = fs.readFileSync(new URL('../crate/Cargo.toml', import.meta.url), 'utf8');
const field = (k) => cargo.match(new RegExp(`^${k} = "([^"]*)"`, 'm'))[1];

export const FILES = ['needs-map.js', 'needs-map-*.js', 'needs-map.d.ts', 'needs-map-convert.js', 'pkg/needs_map_bg.wasm',
  'pkg/needs_map_extra.js', 'pkg/needs_map_extra_bg.wasm', 'pkg/needs_map_convert_bg.wasm', 'pkg/needs_map_chart.js', 'pkg/needs_map_chart_bg.wasm', 'pkg/needs_map_own.js', 'pkg/needs_map_own_bg.wasm',
  'embed.html', 'embed.js', 'embed.css', 'embed-example.html', 'favicon.svg'];

const pkg = {
  name: 'needs-map',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './needs-map.js',
  types: './needs-map.d.ts',
  exports: {
    '.': { types: './needs-map.d.ts', default: './needs-map.js' },
    './needs-map-convert.js': './needs-map-convert.js',
    './pkg/*': './pkg/*',
    './embed.html': './embed.html',
  },
  files: FILES,
  sideEffects: ['./needs-map.js'],
  keywords: ['jsna', 'choropleth', 'map', 'deprivation', 'web-component', 'webassembly'],
};

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(pkg, null, 2)}\n`);
