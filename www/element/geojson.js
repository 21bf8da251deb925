// The page's side of a GeoJSON load (`boundaries=`), fetched only for it: the file's body is
// read here and moved to the converter's worker piece by piece, then the page's own figures
// (`data=`: tidy CSV or Fingertips exports, separated by spaces) are fetched and moved after
// it. (A part of its own: bundle pages never download it.)

/**
 * GeoJSON to the areas' outlines, by the converter module in a worker (fetched only for
 * `boundaries=`) that reads the file as it downloads: the page stays responsive, and the
 * worker's memory is freed when it ends. The body is read here and each piece moved (not
 * copied) to the worker as it arrives, so the download never waits for the worker's module.
 */
export default function convert(el, worker, res, url, signal, { tooBig, wasmFailure, checked }) {
  const reader = res.body.getReader();
  const dataUrls = (el.getAttribute('data') || '').split(/\s+/).filter(Boolean);
  const downloads = dataUrls.map((u) => {
    const bytes = checked(fetch(u, { credentials: 'same-origin', signal }), u, Infinity).then((r) => r.arrayBuffer());
    bytes.catch(() => {});
    return bytes;
  });
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('superseded')));
    worker.onmessage = ({ data }) => {
      worker.terminate(); // its memory goes now, not when the load ends
      if (data.outlines !== undefined) {
        // What the join left out or found missing: said, not dropped (the map still draws).
        const notices = data.outlines.notices;
        if (notices.length) {
          for (const n of notices) console.warn(`needs-map: ${n}`);
          el.dispatchEvent(new CustomEvent('needs-map:notice', { bubbles: true, composed: true, detail: { problems: notices } }));
        }
        resolve(data.outlines);
      }
      else if (data.tooBig !== undefined) reject(tooBig(data.file || url, data.tooBig, data.limit));
      else if (data.load !== undefined) reject(new Error(wasmFailure(data.load)));
      else reject(Object.assign(new Error(data.error), { problems: data.problems }));
    };
    worker.onerror = (e) => { reject(new Error(`the GeoJSON converter could not start (${e.message || 'worker error'}); check needs-map-convert.js is published beside needs-map.js`)); };
    worker.postMessage({ start: { url, size: Number(res.headers.get('content-length')) || 0, codeField: el.getAttribute('code-field') || '', nameField: el.getAttribute('name-field') || '', attribution: el.getAttribute('attribution') || '' } });
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        worker.postMessage({ piece: value }, [value.buffer]);
      }
    })().catch((e) => { throw new Error(`could not load ${url}: ${e.message}. Check the address and that the server allows it.`); })
      .then(async () => {
        for (const [i, bytes] of downloads.entries()) {
          const b = await bytes;
          worker.postMessage({ data: { url: dataUrls[i], bytes: b } }, [b]);
        }
        worker.postMessage({ end: true });
      })
      .catch(reject);
  });
}

