// The GeoJSON converter's worker (started by needs-map.js for `boundaries=`): reads the file,
// piece by piece as the page passes on what has downloaded, into the areas' codes, names and
// outlines, off the page's thread; then it is ended, so the converter's memory (several
// times a large file's size while it reads) goes with it.
//
// Messages, in order: {start: {url, size, codeField, nameField, attribution}}, {piece}
// (bytes) for each piece, {data: {url, bytes}} for each data file (`data=`), {end}. Answers, once: {outlines}, {tooBig, limit}, {load} (the module failed) or
// {error, problems}.
import init, { Reader, maxInputBytes } from './pkg/needs_map_convert.js';

// The module is fetched and compiled as soon as the worker starts; pieces that arrive
// meanwhile wait in order.
let stopped = false;
let chain = init({ module_or_path: new URL('./pkg/needs_map_convert_bg.wasm', import.meta.url) }).then(() => {}, (e) => answer({ load: String(e && e.message || e) }));
let job, reader, limit, n = 0;

function answer(message, moved = []) {
  stopped = true;
  reader?.free();
  reader = null;
  self.postMessage(message, moved);
}

function take({ start, piece, data }) {
  if (start) {
    job = start;
    limit = maxInputBytes();
    if (job.size > limit) return answer({ tooBig: job.size, limit });
    reader = new Reader(job.codeField, job.nameField, job.size);
  } else if (piece) {
    n += piece.length;
    if (n > limit) return answer({ tooBig: n, limit });
    reader.push(piece);
  } else if (data) {
    if (data.bytes.byteLength > limit) return answer({ tooBig: data.bytes.byteLength, limit, file: data.url });
    reader.addData(data.url, new Uint8Array(data.bytes));
  } else {
    const r = reader;
    reader = null;
    const o = r.finish(job.url, job.attribution);
    const outlines = { bundle: o.bundle(), notices: o.notices(), extent: o.extent(), xy: o.xy(), index: o.index() };
    o.free();
    // The typed arrays move to the page's thread; they are not copied.
    answer({ outlines }, [outlines.xy.buffer, outlines.index.buffer]);
  }
}

self.onmessage = ({ data }) => {
  chain = chain.then(() => {
    if (stopped) return;
    try {
      take(data);
    } catch (e) {
      answer({ error: String(e && e.message || e), problems: Array.isArray(e?.problems) ? e.problems : [] });
    }
  });
};
