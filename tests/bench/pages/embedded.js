// The page a council writes (README: "Embedding"): the element in the HTML with its bundle,
// the script as a module, and the preload hints the README gives, so that the module, its
// WebAssembly and the bundle download together from the navigation's start. browser.mjs
// serves embedded.html with the bundle's address written in, as a council's page has it.
import { loadWasm } from '/needs-map.js';
import { run, value } from './common.js';

const el = document.querySelector('needs-map');
let codes = [];
let memory;
const shade = (salt) => {
  el.addIndicator({ id: `synthetic_${salt}`, label: `Synthetic values ${salt}`, values: Object.fromEntries(codes.map((c) => [c, value(c, salt)])) });
};
const page = {
  async load() {
    await el.ready;
    memory = (await loadWasm()).memory;
    codes = el.areas().map((a) => a.code);
    // A boundary-only bundle is shaded by the page; a full one (data/coventry.json) is
    // shaded by its first indicator from the HTML alone.
    if (!el.indicators().length) shade(0);
  },
  prepare() { for (let salt = 1; salt <= 6; salt++) shade(salt); },
  reshade(i) { el.setIndicator(`synthetic_${i}`); },
  pan(dx, dy) { return el.panBy(dx, dy); },
  zoom(f) { return el.zoomBy(f); },
  pick(x, y) { return el.areaAt(x, y)?.code; },
  wasmBytes: () => memory.buffer.byteLength,
  count: () => el.areas().length,
};
// Only the figure from the navigation's start means anything here: the element began
// loading while the page was parsed, before this script ran.
window.result = run(page).then((r) => ({ ...r, first: null }));
