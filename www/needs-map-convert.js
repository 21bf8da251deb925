// The GeoJSON converter's worker (started by needs-map.js for `boundaries=`): turns the file's
// bytes into a bundle off the page's thread, then is ended, so the converter's memory (several
// times a large file's size while it reads) goes with it.
import init, { convert } from './pkg/needs_map_convert.js';

self.onmessage = async ({ data: { bytes, url, codeField, nameField } }) => {
  try {
    await init({ module_or_path: new URL('./pkg/needs_map_convert_bg.wasm', import.meta.url) });
  } catch (e) {
    self.postMessage({ load: String(e && e.message || e) });
    return;
  }
  try {
    self.postMessage({ bundle: convert(new Uint8Array(bytes), url, codeField, nameField) });
  } catch (e) {
    self.postMessage({ error: String(e && e.message || e) });
  }
};
