// The widget's second module (pkg/needs_map_extra*), fetched on first use of what the first
// frame does not need: exports, the keyboard's neighbours, the postcode index. Loaded once
// for every map on the page.

/** Where the module is, set by the entry module. */
export const extraFiles = { js: null, wasm: null };

let ready = null;
export function loadExtra() {
  ready ??= import(/* @vite-ignore */ extraFiles.js).then(async (mod) => {
    await mod.default({ module_or_path: extraFiles.wasm });
    return mod;
  });
  ready.catch(() => { ready = null; }); // a failed fetch may be tried again
  return ready;
}
