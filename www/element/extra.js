// The widget's second module (pkg/needs_map_extra*), fetched on first use of what the first
// frame does not need: exports, the keyboard's neighbours, the postcode index. Loaded once
// for every map on the page.

import { files } from './load.js';

let ready = null;
export function loadExtra() {
  ready ??= import(/* @vite-ignore */ files.extraJs).then(async (mod) => {
    await mod.default({ module_or_path: files.extraWasm });
    return mod;
  });
  ready.catch(() => { ready = null; }); // a failed fetch may be tried again
  return ready;
}
