// Loading a map: the widget's WebAssembly module (once per page), then a bundle, or GeoJSON
// through the converter's worker. Only the URLs given are fetched; every failure becomes an
// Error whose message says what to do.

import init, { NeedsMap, takePanic, maxInputBytes } from '../pkg/needs_map.js';

/** Where the published files are, set by the entry module (needs-map.js) from its own URL. */
export const files = { wasm: null, convert: null, extraJs: null, extraWasm: null, chartJs: null, chartWasm: null, ownJs: null, ownWasm: null };

let wasmReady = null;
/** The widget's WebAssembly module, loaded once for every map on the page (its exports). */
export function loadWasm() {
  wasmReady ??= init({ module_or_path: files.wasm });
  return wasmReady;
}

/** The last Rust panic's message, once (or null). */
export function panicked() {
  try { return takePanic(); } catch { return null; }
}

/**
 * Fetches and reads the map the element's attributes name. `signal` ends the download and
 * the worker when a newer load supersedes this one; `current()` says whether it still counts.
 */
export async function loadMap(el, signal, current) {
  const bundleUrl = el.getAttribute('bundle');
  const boundariesUrl = el.getAttribute('boundaries');
  if (!bundleUrl && !boundariesUrl) {
    throw new Error('no data source: give the bundle attribute (a bundle made by needsmap prepare) or the boundaries attribute (GeoJSON)');
  }
  if (bundleUrl && el.getAttribute('data')) {
    throw new Error('the data attribute adds figures to boundaries (GeoJSON or TopoJSON); a bundle carries its own: add them to its recipe, or give boundaries= instead of bundle=');
  }
  const url = bundleUrl || boundariesUrl;
  const worker = bundleUrl ? null : new Worker(files.convert, { type: 'module' });
  signal.addEventListener('abort', () => worker?.terminate());
  // The file is asked for while the module loads; GeoJSON goes to the worker as it arrives.
  const response = fetch(url, { credentials: 'same-origin', signal });
  response.catch(() => {});
  const wasm = loadWasm();
  wasm.catch(() => {});
  // The worker's side of a GeoJSON load is a part of its own (geojson.js), fetched only here.
  const converted = worker && Promise.all([checked(response, url, Infinity), import('./geojson.js')])
    .then(([res, g]) => g.default(el, worker, res, url, signal, { tooBig, wasmFailure, checked }));
  converted?.catch(() => {});
  await wasm.catch((e) => { throw new Error(wasmFailure(e)); });
  el._outline = null;
  if (bundleUrl) {
    const limit = maxInputBytes();
    const text = await textWithin(await checked(response, url, limit), url, limit);
    return current() ? NeedsMap.fromBundle(text) : null;
  }
  const o = await converted;
  // The map without its outlines is its figures for the areas of one's own (see own.js).
  el._outline = o.bundle;
  return current() ? NeedsMap.fromOutlines(o.bundle, o.extent, o.xy, o.index) : null;
}

/** The response for `url`, once the server has answered it exists and is within `limit` bytes. */
async function checked(response, url, limit) {
  let res;
  try {
    res = await response;
  } catch (e) {
    throw new Error(`could not load ${url}: ${e.message}. Check the address and that the server allows it.`);
  }
  if (!res.ok) throw new Error(`could not load ${url}: the server answered ${res.status} ${res.statusText}. Check the file is published at that address.`);
  const declared = Number(res.headers.get('content-length'));
  if (declared > limit) { res.body?.cancel(); throw tooBig(url, declared, limit); }
  return res;
}

/** The body of `res` as text, refused past `limit` bytes. */
async function textWithin(res, url, limit) {
  const text = await res.text();
  if (text.length > limit) throw tooBig(url, text.length, limit);
  return text;
}

function tooBig(url, n, limit) {
  const mb = (v) => `${(v / 1048576).toFixed(1)} MB`;
  return new Error(`${url} is ${mb(n)}, over the widget's limit of ${mb(limit)}: split it into smaller bundles or simplify the boundaries.`);
}

function wasmFailure(e) {
  const m = String(e && e.message || e);
  if (/Content Security Policy|wasm-unsafe-eval|violates/i.test(m)) {
    return "this page's Content-Security-Policy blocks WebAssembly: add 'wasm-unsafe-eval' to its script-src directive.";
  }
  return `the map's WebAssembly module could not be loaded (${m}). Check pkg/needs_map_bg.wasm is published beside needs-map.js and served as application/wasm.`;
}
