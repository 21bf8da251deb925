// The one protocol every benchmark page follows, so needs-map, d3-geo and Leaflet are timed
// the same way. A page supplies {load, reshade, pan, zoom, pick, wasmBytes?}; this runs them.
// "Drawn" means a requestAnimationFrame and a task posted from inside it.

// 960x720 CSS pixels, or the screen's width on a narrow one (BENCH_SCREEN=phone: 360 wide).
export const WIDTH = Math.min(960, window.innerWidth);
export const HEIGHT = Math.round(WIDTH * 0.75);

/** A synthetic value for an area: FNV-1a of its code (and a salt), 0 to 99.9. */
export function value(code, salt = 0) {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 1000) / 10;
}

/** Upper bounds of five quantile classes of `values`, and the OrRd-5 colour of a value. */
export function classes(values) {
  const s = Float64Array.from(values).sort();
  const ups = [1, 2, 3, 4].map((k) => s[Math.floor((k * (s.length - 1)) / 5)]);
  const cols = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
  return (v) => {
    const k = ups.findIndex((u) => v <= u);
    return cols[k === -1 ? 4 : k];
  };
}

export const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Times an action to the drawn frame, `n` times; medians of the synchronous part and the whole. */
async function timed(n, act) {
  const sync = [];
  const drawn = [];
  for (let i = 0; i < n; i++) {
    await frame();
    const s = performance.now();
    await act(i);
    sync.push(performance.now() - s);
    await frame();
    drawn.push(performance.now() - s);
  }
  return { sync: median(sync), drawn: median(drawn) };
}

export async function run(page, src) {
  // Marks for the trace's breakdown (the browser's own timeline, see browser.mjs).
  performance.mark('bench:t0');
  const t0 = performance.now();
  await page.load(src);
  await frame();
  const first = performance.now() - t0;
  // From the navigation's start: the page's scripts, the module's download and compile.
  const fromNavigation = performance.now();
  performance.mark('bench:first');
  const downloads = performance.getEntriesByType('resource').filter((e) => /\.(wasm|json|geojson)$/.test(e.name))
    .map((e) => ({ file: e.name.split('/').pop(), start: e.startTime - t0, end: e.responseEnd - t0 }));
  await page.prepare?.();
  // Doing nothing, timed the same way: the floor every "drawn" figure stands on (the wait
  // for the next frame, then for a task).
  const floor = await timed(5, () => {});
  // The floor of a visible change: a whole 960x720 image put on a canvas of its own over the
  // page, timed the same way (the frame then carries the canvas's new picture to the screen).
  const canvas = Object.assign(document.createElement('canvas'), { width: WIDTH, height: HEIGHT });
  canvas.style.cssText = 'position: fixed; left: 0; top: 0';
  document.body.append(canvas);
  const [ctx, image] = [canvas.getContext('2d'), new ImageData(WIDTH, HEIGHT)];
  const put = await timed(5, (i) => {
    new Uint32Array(image.data.buffer).fill(i % 2 ? 0xff3366cc : 0xffcc6633);
    ctx.putImageData(image, 0, 0);
  });
  canvas.remove();
  const reshade = await timed(5, (i) => page.reshade(i + 1));
  const pan = await timed(6, (i) => page.pan(i % 2 ? -100 : 100, 0));
  const zoom = await timed(6, (i) => page.zoom(i % 2 ? 0.5 : 2));
  // Hover: 1,000 seeded points over the map; calls near the timer's resolution are timed
  // in batches of 20 and divided.
  let seed = 12345;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const pts = Array.from({ length: 1000 }, () => [rnd() * WIDTH, rnd() * HEIGHT]);
  const s0 = performance.now();
  page.pick(pts[0][0], pts[0][1]);
  const batch = performance.now() - s0 < 0.2 ? 20 : 1;
  const times = [];
  let hits = 0;
  for (const [x, y] of pts) {
    const s = performance.now();
    let got;
    for (let k = 0; k < batch; k++) got = page.pick(x, y);
    times.push((performance.now() - s) / batch);
    if (got != null) hits++;
  }
  times.sort((a, b) => a - b);
  return {
    first, fromNavigation, downloads, floor, put, reshade, pan, zoom,
    hitMean: times.reduce((a, b) => a + b, 0) / times.length,
    hitP99: times[Math.floor(times.length * 0.99)],
    hits,
    wasm: page.wasmBytes ? page.wasmBytes() : 0,
    isolated: self.crossOriginIsolated,
    areas: page.count(),
  };
}
