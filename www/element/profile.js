// The area profile, loaded the first time an area is selected: every indicator of the layer
// for the selected area against the city and England (the rows from the module of the map's
// figures, `Combiner.areaProfile`), as a chart (drawn by plotters in the
// chart module, fetched the first time a profile is opened) and as a table.

import { STYLE as TABLES } from './tables.js';

const STYLE = `
.profile summary, .profile caption { overflow-wrap: anywhere; }
.profile td.num { white-space: normal; min-width: 6em; }
.profile summary { cursor: pointer; font-weight: 700; color: #1d70b8; text-decoration: underline; min-height: 32px; }
.profile summary:focus-visible { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.profile h3 { font-size: 1em; margin: 0 0 6px; }
.profile canvas { width: 100%; height: auto; border: 1px solid #b1b4b6; }
`;

let chartReady = null;
async function drawChart(files, canvas, rows, name, place, width) {
  chartReady ??= import(/* @vite-ignore */ files.chartJs).then(async (mod) => {
    await mod.default({ module_or_path: files.chartWasm });
    return mod;
  });
  const mod = await chartReady;
  const w = Math.max(280, Math.min(720, Math.floor(width)));
  const h = mod.profileHeight(rows);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  canvas.style.maxWidth = `${w}px`;
  mod.drawProfile(canvas, rows, name, place, dpr);
}

export default class Profile {
  constructor(host, box) {
    this.host = host;
    host._style(TABLES + STYLE);
    this.box = box;
    this.code = undefined;
  }

  /** Shows the profile of `code` (or none); kept while the same area stays selected. Its
   * rows come from the module of the map's figures, fetched when the profile is first opened. */
  render(code, words) {
    if (code === this.code && this.layer === words.noun) return;
    // An area of one's own keeps its profile until an area is selected.
    if (!code && String(this.code).startsWith('own:') && this.layer === words.noun) return;
    const host = this.host;
    const layer = host._view.layer;
    const rows = () => host._part('own').then((o) => o.profileOf(layer, code));
    this.show(code, rows, code && (host._map.answer('areaName', code) ?? code), words);
  }

  /** Shows the profile of an area of one's own (`rows` from its keeper), opened. */
  showOwn(name, rows, words) {
    this.show(`own:${name}`, () => rows, name, words);
    this.box.open = true;
  }

  /** Shows the profile's heading now, and its chart and table (`rows()`, a Promise or the
   * rows) once it is open. */
  show(code, rows, name, words) {
    this.code = code;
    this.layer = words.noun;
    const open = this.box.open;
    this.box.replaceChildren();
    this.box.hidden = !code;
    if (!code) return;
    const host = this.host;
    const el = host._el;
    const place = words.place;
    this.box.append(el('summary', {}, `Profile of ${name}: every indicator, against ${place} and England`));
    let filled = null;
    const fill = () => {
      filled ??= Promise.resolve(rows()).then((r) => { if (this.code === code) this.fill(code, r, name, place); });
      filled.catch((e) => { filled = null; host._fail(e); });
    };
    this.box.ontoggle = () => { if (this.box.open) fill(); };
    if (open) { this.box.open = true; fill(); }
  }

  /** The chart and the table of the profile's rows. */
  fill(code, rows, name, place) {
    const host = this.host;
    const el = host._el;
    const chart = el('canvas', { role: 'img', 'aria-label': `Chart comparing ${name} with ${place} and England; the same figures are in the table below.` });
    this.box.append(chart);
    drawChart(host._files, chart, rows, name, place, this.box.clientWidth || host._w || 600).catch((e) => {
      chart.replaceWith(el('p', { class: 'method' }, `The chart could not be drawn (${e.message}); the table has the figures.`));
    });
    const table = el('table');
    table.append(el('caption', {}, `${name} compared with ${place} and England`));
    const head = el('tr');
    for (const h of ['Indicator', name, place, 'England', 'Compared with England']) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      const ci = r.lower != null ? ` (95% CI ${r.lower} to ${r.upper})` : '';
      const trend = r.series.length > 1 ? `; ${r.series.map(([p, v]) => `${p}: ${v ?? 'no data'}`).join(', ')}` : '';
      tr.append(el('th', { scope: 'row' }, r.period ? `${r.label} (${r.period})` : r.label), el('td', { class: 'num' }, `${r.valueText}${ci}${trend}`),
        el('td', { class: 'num' }, r.cityText), el('td', { class: 'num' }, r.englandText), el('td', {}, r.comparisonText));
      body.append(tr);
    }
    table.append(thead, body);
    const wrap = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Profile of ${name}` });
    wrap.append(table);
    this.box.append(wrap);
    // Areas like this one, on request (the figures' module loads for it).
    if (!String(code).startsWith('own:')) {
      const alike = el('div', { class: 'alike' });
      const ask = el('button', { type: 'button' }, `Areas like ${name}`);
      ask.addEventListener('click', () => host._part('own').then((o) => o.showSimilar(code, alike)).catch((e) => host._fail(e)));
      alike.append(ask);
      this.box.append(alike);
    }
  }
}
