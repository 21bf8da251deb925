// The GeoJSON converter's worker (started by needs-map.js for `boundaries=`): reads the file as
// it downloads (the page hands over the response's body as soon as it answers) into the
// areas' codes, names and outlines, off the page's thread; then it is ended, so the
// converter's memory (several times a large file's size while it reads) goes with it.
import init, { Reader, maxInputBytes } from './pkg/needs_map_convert.js';

// The module is fetched and compiled as soon as the worker starts, while the page asks for the file.
const ready = init({ module_or_path: new URL('./pkg/needs_map_convert_bg.wasm', import.meta.url) });
ready.catch(() => {});

self.onmessage = async ({ data: { body, bytes, size, url, codeField, nameField } }) => {
  try {
    await ready;
  } catch (e) {
    body?.cancel();
    self.postMessage({ load: String(e && e.message || e) });
    return;
  }
  const limit = maxInputBytes();
  const tooBig = (n) => self.postMessage({ tooBig: n, limit });
  try {
    if (size > limit || bytes?.byteLength > limit) {
      body?.cancel();
      tooBig(size || bytes.byteLength);
      return;
    }
    const r = new Reader(codeField, nameField, size);
    // A browser that cannot hand over a stream sends the bytes instead.
    if (bytes) r.push(new Uint8Array(bytes));
    else {
      const pieces = body.getReader();
      for (let n = 0; ;) {
        const { done, value } = await pieces.read();
        if (done) break;
        n += value.length;
        if (n > limit) {
          pieces.cancel();
          r.free();
          tooBig(n);
          return;
        }
        r.push(value);
      }
    }
    const o = r.finish(url);
    const outlines = { names: o.names(), ends: o.ends(), extent: o.extent(), xy: o.xy(), index: o.index() };
    o.free();
    // The typed arrays move to the page's thread; they are not copied.
    self.postMessage({ outlines }, [outlines.ends.buffer, outlines.xy.buffer, outlines.index.buffer]);
  } catch (e) {
    self.postMessage({ error: String(e && e.message || e) });
  }
};
