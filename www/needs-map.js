// <needs-map>: the embeddable map of need. One module, one tag:
//
//   <script type="module" src="needs-map.js"></script>
//   <needs-map bundle="data/coventry.json" indicator="imd_score"></needs-map>
//
// The Rust core (pkg/needs_map_bg.wasm) holds the data and draws; this file is the glue:
// it fetches only the URLs it is given, keeps its styles in a shadow root, puts every text
// from data on the page as text (never HTML), and turns every failure into a message in
// the box and a `needs-map:error` event.

import init, { NeedsMap, takePanic, maxInputBytes } from './pkg/needs_map.js';

/** What `mode="bivariate"` and `mode="need"` show without their own attribute. */
const DEFAULT_BIVARIATE = 'imd_score,growth_2015_2020';
const DEFAULT_NEED = 'imd_score:1,gp_per_10k:1';

let wasmReady = null;
/** The widget's WebAssembly module, loaded once for every map on the page (its exports). */
export function loadWasm() {
  wasmReady ??= init({ module_or_path: new URL('./pkg/needs_map_bg.wasm', import.meta.url) });
  return wasmReady;
}

const STYLE = `
:host { display: block; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 16px;
  line-height: 1.4; color: #0b0c0c; box-sizing: border-box; max-width: 100%; }
* , *::before, *::after { box-sizing: border-box; }
/* Inherited page styles reach the shadow tree through the host; reset them here. */
.nm { all: initial; display: block; box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  font-size: 16px; line-height: 1.4; color: #0b0c0c; text-align: left; letter-spacing: normal; word-spacing: normal;
  border: 1px solid #b1b4b6; background: #ffffff; padding: 12px; }
.head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin-bottom: 8px; }
.head label { display: block; font-weight: 700; margin-bottom: 4px; }
.pick { flex: 1 1 16em; min-width: 0; max-width: 32em; }
.pick select { width: 100%; }
select { font: inherit; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; background: #fff; color: #0b0c0c; max-width: 100%; }
select:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
h2 { font-size: 1.1875em; margin: 0 0 8px; }
.map { position: relative; width: 100%; }
canvas { display: block; width: 100%; max-width: none; touch-action: pan-y; }
canvas.zoomed { touch-action: none; cursor: grab; }
canvas:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
.zoom { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
.zoom button { min-width: 40px; min-height: 40px; padding: 0; font-size: 1.25em; line-height: 1; background: #ffffff; }
.tip { position: absolute; pointer-events: none; background: #0b0c0c; color: #ffffff; padding: 6px 8px;
  max-width: min(320px, 90%); font-size: 0.875em; z-index: 1; overflow-wrap: anywhere; }
.tip[hidden], .error[hidden], .detail:empty { display: none; }
.views { display: flex; align-items: end; }
.search { margin: 0 0 12px; }
.search label { display: block; font-weight: 700; margin-bottom: 2px; }
.hint { margin: 0 0 4px; color: #505a5f; font-size: 0.875em; }
.search-row { display: flex; gap: 8px; flex-wrap: wrap; align-items: start; }
.combo { position: relative; flex: 1 1 14em; min-width: 0; max-width: 24em; }
.combo input { font: inherit; width: 100%; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; color: #0b0c0c; background: #fff; }
.combo input:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
.options { position: absolute; z-index: 2; left: 0; right: 0; margin: 0; padding: 0; list-style: none; background: #fff; border: 2px solid #0b0c0c; border-top: 0; max-height: 16em; overflow-y: auto; }
.options li { padding: 6px 8px; cursor: pointer; border-bottom: 1px solid #b1b4b6; }
.options li[aria-selected="true"], .options li:hover { background: #1d70b8; color: #fff; }
.answer:empty { display: none; }
.answer { margin: 6px 0 0; font-weight: 700; overflow-wrap: anywhere; }
button { font: inherit; min-height: 40px; padding: 4px 12px; border: 2px solid #0b0c0c; background: #f3f2f1; color: #0b0c0c; cursor: pointer; }
button:hover { background: #dbdad9; }
button:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; background: #ffdd00; }
.table-wrap { overflow-x: auto; max-width: 100%; }
.table-wrap:focus { outline: 3px solid #ffdd00; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375em; }
caption { text-align: left; font-weight: 700; padding: 4px 0 8px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { border: 0; background: none; padding: 0; min-height: 24px; font-weight: 700; text-align: left; text-decoration: underline; color: #1d70b8; }
th button:focus-visible { background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; outline: none; }
tbody th button { font-weight: 400; }
tr[aria-current="true"] { background: #fff7bf; }
tr[aria-current="true"] th button { font-weight: 700; }
.services { border: 0; margin: 8px 0 0; padding: 0; min-width: 0; }
.services legend { font-weight: 700; padding: 0; margin-bottom: 4px; }
.services label { display: inline-flex; align-items: center; gap: 6px; margin: 0 16px 4px 0; cursor: pointer; }
.services input { width: 20px; height: 20px; margin: 0; accent-color: #0b0c0c; }
.in-area { margin: 8px 0 0; }
.in-area h3 { font-size: 1em; margin: 0 0 4px; }
.in-area ul { list-style: none; margin: 0; padding: 0; }
.in-area li { margin: 0 0 4px; }
.in-area button { min-height: 32px; text-align: left; font-size: 0.875em; }
.legend { margin-top: 8px; }
.legend p { margin: 0 0 4px; font-weight: 700; font-size: 0.9375em; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend li { display: flex; align-items: center; gap: 6px; font-size: 0.875em; }
.swatch { width: 24px; height: 16px; border: 1px solid #505a5f; flex: none; }
.detail { margin: 8px 0 0; padding: 8px; border-left: 5px solid #1d70b8; background: #f3f2f1; overflow-wrap: anywhere; }
.attrib { margin: 8px 0 0; font-size: 0.75em; color: #505a5f; overflow-wrap: anywhere; }
.error { border: 3px solid #d4351c; padding: 12px; margin: 0; overflow-wrap: anywhere; }
.error strong { display: block; margin-bottom: 4px; }
.error ul { margin: 4px 0 0; padding-left: 20px; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
  border: 0 !important; white-space: nowrap !important; }
.options-panel { margin: 0 0 8px; }
.options-panel summary { cursor: pointer; font-weight: 700; min-height: 32px; color: #1d70b8; text-decoration: underline; }
.options-panel summary:focus-visible { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
.controls label { display: block; font-weight: 700; margin-bottom: 4px; font-size: 0.9375em; }
.controls input[type=text] { font: inherit; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; width: 12em; max-width: 100%; }
.need { border: 0; padding: 0; margin: 8px 0; min-width: 0; }
.need legend { font-weight: 700; }
.need label { display: flex; gap: 8px; align-items: center; margin: 0 0 4px; flex-wrap: wrap; }
.need input[type=number] { font: inherit; width: 4.5em; min-height: 32px; border: 2px solid #0b0c0c; }
.need input[type=checkbox] { width: 20px; height: 20px; accent-color: #0b0c0c; }
.exports { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; }
.control-error:empty { display: none; }
.control-error { color: #d4351c; font-weight: 700; margin: 4px 0; }
.ranked { margin: 8px 0 0; padding-left: 2em; font-size: 0.9375em; }
.method { font-size: 0.875em; color: #0b0c0c; margin: 4px 0 0; }
.profile { margin: 12px 0 0; }
.profile summary, .profile caption { overflow-wrap: anywhere; }
.profile td.num { white-space: normal; min-width: 6em; }
.profile summary { cursor: pointer; font-weight: 700; color: #1d70b8; text-decoration: underline; min-height: 32px; }
.profile summary:focus-visible { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.profile h3 { font-size: 1em; margin: 0 0 6px; }
.profile canvas { width: 100%; height: auto; border: 1px solid #b1b4b6; }
.bivar { display: grid; grid-template-columns: repeat(3, 28px); gap: 2px; margin: 4px 0; }
.bivar span { width: 28px; height: 20px; border: 1px solid #505a5f; }
@media (forced-colors: active) { .swatch { forced-color-adjust: none; } canvas:focus { outline: 3px solid CanvasText; } }
`;

/** Builds an element with attributes and text (text only: data never becomes HTML). */
function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

let counter = 0;
let sheet = null;

export class NeedsMapElement extends HTMLElement {
  static observedAttributes = ['bundle', 'boundaries', 'code-field', 'name-field', 'indicator', 'classification',
    'classes', 'breaks', 'palette', 'benchmark', 'mode', 'bivariate', 'need-index', 'selected', 'height', 'postcode', 'layer'];

  constructor() {
    super();
    this._map = null;
    this._focus = null;
    this._loading = 0;
    this._failed = false;
    this._settle = null;
    this.ready = this._newReady();
    this._id = `nm${++counter}`;
    this._buildShadow();
  }

  _newReady() {
    const p = new Promise((resolve, reject) => { this._settle = { resolve, reject }; });
    p.catch(() => {}); // a failed load is reported in the box and by event, not as an unhandled rejection
    return p;
  }

  _buildShadow() {
    const root = this.attachShadow({ mode: 'open' });
    // A constructed stylesheet is allowed by a strict Content-Security-Policy; <style> is not.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      sheet ??= new CSSStyleSheet();
      if (!sheet.cssRules.length) sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', {}, STYLE));
    }
    const box = el('div', { class: 'nm', part: 'container' });
    this._title = el('h2', { id: `${this._id}-title` });
    const search = this._buildSearch();
    const head = el('div', { class: 'head' });
    const pickWrap = el('div', { class: 'pick' });
    pickWrap.append(el('label', { for: `${this._id}-ind` }, 'Indicator'));
    this._picker = el('select', { id: `${this._id}-ind` });
    pickWrap.append(this._picker);
    head.append(pickWrap);
    const views = el('div', { class: 'views' });
    this._toggle = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-controls': `${this._id}-table` }, 'Show as a table');
    views.append(this._toggle);
    head.append(views);
    this._tableBox = el('div', { class: 'table-wrap', id: `${this._id}-table`, hidden: '', tabindex: '0', role: 'region', 'aria-label': 'Table of areas' });
    this._sort = { key: 'rank', dir: 1 };
    this._mapBox = el('div', { class: 'map' });
    this._canvas = el('canvas', { tabindex: '0', role: 'img', 'aria-describedby': `${this._id}-help` });
    this._help = el('p', { id: `${this._id}-help`, class: 'visually-hidden' },
      'Use the arrow keys to move to the neighbouring area in that direction, Home and End for the highest and lowest value, Enter to select, Escape to clear the selection, plus and minus to zoom.');
    this._tip = el('div', { class: 'tip', hidden: '' });
    const zoom = el('div', { class: 'zoom' });
    const zb = (label, text, f) => {
      const b = el('button', { type: 'button', 'aria-label': label, title: label }, text);
      b.addEventListener('click', () => this._safe(f));
      zoom.append(b);
    };
    zb('Zoom in', '+', () => this._zoom(1.5));
    zb('Zoom out', '\u2212', () => this._zoom(1 / 1.5));
    zb('Show the whole map', '\u21ba', () => { this._map.resetView(); this._afterView(); });
    this._mapBox.append(this._canvas, this._tip, zoom);
    this._live = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    this._legend = el('div', { class: 'legend' });
    this._detail = el('p', { class: 'detail', 'aria-live': 'polite' });
    this._services = el('fieldset', { class: 'services', hidden: '' });
    this._inArea = el('div', { class: 'in-area' });
    this._attrib = el('p', { class: 'attrib' });
    this._error = el('div', { class: 'error', role: 'alert', hidden: '' });
    this._content = el('div');
    const options = this._buildOptions();
    this._exports = el('div', { class: 'exports' });
    const xb = (text, f) => {
      const b = el('button', { type: 'button' }, text);
      b.addEventListener('click', () => this._safe(f));
      this._exports.append(b);
    };
    xb('Download PNG', async () => download(await this.toPNG(), `${this._fileName()}.png`));
    xb('Download SVG', () => download(new Blob([this.toSVG()], { type: 'image/svg+xml' }), `${this._fileName()}.svg`));
    xb('Download CSV', () => download(new Blob([this._call(() => this._map.csv())], { type: 'text/csv' }), `${this._fileName()}.csv`));
    this._profile = el('details', { class: 'profile', hidden: '' });
    this._content.append(this._title, search, head, options, this._mapBox, this._tableBox, this._help, this._legend, this._services, this._detail, this._profile, this._inArea, this._exports, this._attrib, this._live);
    this._content.hidden = true;
    box.append(this._content, this._error);
    root.append(box);

    this._picker.addEventListener('change', () => this._safe(() => this.setIndicator(this._picker.value)));
    this._toggle.addEventListener('click', () => this._safe(() => this.showTable(this._tableBox.hidden)));
    this._pointers = new Map();
    this._canvas.addEventListener('pointerdown', (e) => this._safe(() => this._down(e)));
    this._canvas.addEventListener('pointermove', (e) => this._safe(() => this._move(e)));
    for (const t of ['pointerup', 'pointercancel']) this._canvas.addEventListener(t, (e) => this._pointers.delete(e.pointerId));
    this._canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') this._tip.hidden = true; });
    this._canvas.addEventListener('click', (e) => this._safe(() => this._click(e)));
    this._canvas.addEventListener('keydown', (e) => this._safe(() => this._key(e)));
    this._canvas.addEventListener('focus', () => this._safe(() => this._focusArea(this._focus ?? this._map?.selected() ?? this._map?.extreme(true))));
    this._canvas.addEventListener('blur', () => { this._tip.hidden = true; this._focus = null; this._draw(); });
    this._resizer = new ResizeObserver(() => this._safe(() => this._layout()));
  }

  /** Map options: shading mode, classes, palette, benchmark, second indicator, need index. */
  _buildOptions() {
    const d = el('details', { class: 'options-panel' });
    d.append(el('summary', {}, 'Map options'));
    const row = el('div', { class: 'controls' });
    const field = (label, control) => {
      const w = el('div');
      control.id = `${this._id}-${label.replace(/\W+/g, '-').toLowerCase()}`;
      w.append(el('label', { for: control.id }, label), control);
      row.append(w);
      return w;
    };
    const select = (pairs) => {
      const s = el('select');
      for (const [v, t] of pairs) s.append(el('option', { value: v }, t));
      return s;
    };
    this._modeSel = select([['choropleth', 'Shade by value'], ['benchmark', 'Compare with a benchmark'], ['bivariate', 'Two indicators'], ['need', 'Need index']]);
    this._methodSel = select([['quantile', 'Quantiles'], ['equal', 'Equal intervals'], ['jenks', 'Natural breaks (Jenks)'], ['custom', 'Custom breaks']]);
    this._classesSel = select([3, 4, 5, 6, 7, 8, 9].map((k) => [String(k), String(k)]));
    this._breaksIn = el('input', { type: 'text', inputmode: 'decimal', placeholder: '10, 20, 30' });
    this._paletteSel = el('select');
    this._benchSel = select([['england', 'England'], ['city', 'the city']]);
    this._secondSel = el('select');
    this._modeField = field('Shading', this._modeSel);
    this._methodField = field('Classes by', this._methodSel);
    this._classesField = field('Number of classes', this._classesSel);
    this._breaksField = field('Breaks (upper bounds)', this._breaksIn);
    this._paletteField = field('Colours', this._paletteSel);
    this._benchField = field('Compare with', this._benchSel);
    this._secondField = field('Second indicator', this._secondSel);
    this._need = el('fieldset', { class: 'need', hidden: '' });
    this._ranked = el('div');
    d.append(row, this._need, this._ranked);
    this._controlError = el('p', { class: 'control-error', role: 'alert' });
    d.append(this._controlError);
    // A bad entry in the panel (custom breaks, say) is explained beside it; the map stays.
    const apply = () => {
      this._controlError.textContent = '';
      try { this._applyControls(); } catch (e) { this._controlError.textContent = (e && e.message) || String(e); }
    };
    for (const c of [this._modeSel, this._methodSel, this._classesSel, this._paletteSel, this._benchSel, this._secondSel]) c.addEventListener('change', apply);
    this._breaksIn.addEventListener('change', apply);
    return d;
  }

  /** The controls' state into the map (the UI path; attributes go through _applyAttributes). */
  _applyControls() {
    const m = this._map;
    const mode = this._modeSel.value;
    if (mode === 'need') {
      this._fillNeed();
      const spec = this._needSpec();
      if (spec) this._call(() => m.setNeedIndex(spec));
    } else if (mode === 'bivariate') {
      const first = m.indicator() === 'need_index' ? this._lastIndicator : m.indicator();
      this._call(() => m.setBivariate(`${first},${this._secondSel.value}`));
    } else {
      if (m.mode() !== 'choropleth' && this._lastIndicator) this._call(() => m.setIndicator(this._lastIndicator));
      this._call(() => m.setBenchmark(this._benchSel.value));
    }
    if (mode !== 'bivariate') {
      const method = mode === 'benchmark' ? 'benchmark' : this._methodSel.value;
      this._call(() => m.setClassification(method, parseInt(this._classesSel.value, 10), this._breaksIn.value || undefined));
      this._call(() => m.setPalette(this._paletteSel.value || undefined));
    }
    this._render();
  }

  /** "id:weight,..." from the need-index checkboxes, or null when none is ticked. */
  _needSpec() {
    const parts = [...this._need.querySelectorAll('input[type=checkbox]:checked')].map((b) => {
      const w = b.parentElement.querySelector('input[type=number]').value || '1';
      return `${b.value}:${w}`;
    });
    return parts.length ? parts.join(',') : null;
  }

  _fillNeed(spec) {
    const layer = this._map.layer();
    if (this._need.dataset.layer === layer && !spec) return;
    this._need.dataset.layer = layer;
    this._need.replaceChildren(el('legend', {}, 'Indicators in the need index, with weights'));
    const chosen = new Map((spec || DEFAULT_NEED).split(',').map((p) => { const [i, w] = p.split(':'); return [i.trim(), w || '1']; }));
    for (const ind of this._map.indicators().filter((i) => i.layer === layer && i.id !== 'need_index')) {
      const label = el('label');
      const box = el('input', { type: 'checkbox', value: ind.id });
      box.checked = chosen.has(ind.id);
      const w = el('input', { type: 'number', min: '0.1', step: '0.1', value: chosen.get(ind.id) || '1', 'aria-label': `Weight of ${ind.label}` });
      label.append(box, document.createTextNode(ind.label), w);
      this._need.append(label);
      for (const c of [box, w]) c.addEventListener('change', () => { this._controlError.textContent = ''; try { this._applyControls(); } catch (e) { this._controlError.textContent = e.message; } });
    }
  }

  /** The postcode and area-name search: a form with a combobox (GOV.UK autocomplete pattern). */
  _buildSearch() {
    const id = `${this._id}-q`;
    const form = el('form', { class: 'search', role: 'search', 'aria-label': 'Find an area' });
    form.append(el('label', { for: id }, 'Find a postcode or area'), el('p', { class: 'hint', id: `${id}-hint` }, 'For example CV2 2DX, or the name of an area'));
    const row = el('div', { class: 'search-row' });
    const combo = el('div', { class: 'combo' });
    this._q = el('input', { id, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': `${id}-opts`, 'aria-describedby': `${id}-hint`, autocomplete: 'off', spellcheck: 'false' });
    this._opts = el('ul', { id: `${id}-opts`, role: 'listbox', class: 'options', hidden: '', 'aria-label': 'Matching areas' });
    combo.append(this._q, this._opts);
    row.append(combo, el('button', { type: 'submit' }, 'Find'));
    this._answer = el('p', { class: 'answer', role: 'status' });
    form.append(row, this._answer);
    this._active = -1;
    this._q.addEventListener('input', () => this._safe(() => this._suggest()));
    this._q.addEventListener('keydown', (e) => this._safe(() => this._comboKey(e)));
    this._q.addEventListener('blur', () => setTimeout(() => this._closeOptions(), 150));
    this._opts.addEventListener('mousedown', (e) => e.preventDefault());
    this._opts.addEventListener('click', (e) => this._safe(() => {
      const li = e.target.closest('li');
      if (li) this._chooseArea(li.dataset.code);
    }));
    form.addEventListener('submit', (e) => { e.preventDefault(); this._safe(() => this._submit()); });
    return form;
  }

  _suggest() {
    const t = this._q.value.trim().toLowerCase();
    this._opts.replaceChildren();
    this._active = -1;
    this._q.removeAttribute('aria-activedescendant');
    if (!this._map || t.length < 2 || /\d/.test(t)) return this._closeOptions();
    const areas = this._map.areas();
    const starts = areas.filter((a) => a.name.toLowerCase().startsWith(t));
    const has = areas.filter((a) => !a.name.toLowerCase().startsWith(t) && a.name.toLowerCase().includes(t));
    const found = [...starts, ...has].slice(0, 8);
    found.forEach((a, i) => {
      const li = el('li', { role: 'option', id: `${this._q.id}-opt-${i}`, 'aria-selected': 'false', 'data-code': a.code }, a.name);
      this._opts.append(li);
    });
    this._opts.hidden = found.length === 0;
    this._q.setAttribute('aria-expanded', String(found.length > 0));
  }

  _closeOptions() {
    this._opts.hidden = true;
    this._q.setAttribute('aria-expanded', 'false');
    this._q.removeAttribute('aria-activedescendant');
    this._active = -1;
  }

  _comboKey(e) {
    const items = [...this._opts.querySelectorAll('li')];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      this._active = (this._active + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => li.setAttribute('aria-selected', String(i === this._active)));
      this._q.setAttribute('aria-activedescendant', items[this._active].id);
      items[this._active].scrollIntoView?.({ block: 'nearest' });
    } else if (e.key === 'Enter' && this._active >= 0 && items[this._active]) {
      e.preventDefault();
      this._chooseArea(items[this._active].dataset.code);
    } else if (e.key === 'Escape') {
      this._closeOptions();
    }
  }

  _chooseArea(code) {
    this._q.value = this._map.areaName(code) ?? this._q.value;
    this._closeOptions();
    this._showArea(code);
    this._answer.textContent = this._map.describe(code) ?? '';
  }

  _showArea(code) {
    this._map.zoomTo(code);
    this._afterView();
    this.select(code);
  }

  _submit() {
    const text = this._q.value.trim();
    if (!text || !this._map) return;
    const exact = this._map.areas().find((a) => a.name.toLowerCase() === text.toLowerCase());
    if (exact && !/\d/.test(text)) return this._chooseArea(exact.code);
    if (this._active < 0 && !/\d/.test(text) && this._opts.querySelector('li')) return this._chooseArea(this._opts.querySelector('li').dataset.code);
    this._closeOptions();
    this._lookup(text);
  }

  /** Looks a postcode up in the bundle (no request), shows the answer, selects the area. */
  _lookup(text) {
    const r = this._call(() => this._map.findPostcode(String(text)));
    if (r.area) this._showArea(r.area.code);
    this._answer.textContent = r.message;
    return { postcode: r.postcode, status: r.status, area: r.area ?? null };
  }

  connectedCallback() {
    this._resizer.observe(this);
    this._onHash ??= () => this._safe(() => { if (this._map) { this._readFragment(); this._render(); } });
    window.addEventListener('hashchange', this._onHash);
    if (!this._map && !this._loading) this._load();
  }

  disconnectedCallback() {
    this._resizer.disconnect();
    window.removeEventListener('hashchange', this._onHash);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (name === 'bundle' || name === 'boundaries' || name === 'code-field' || name === 'name-field') {
      this._load();
    } else if (!this._map) {
      return; // applied when the load finishes
    } else if (name === 'indicator' && value && value !== this._map.indicator()) {
      this._safe(() => this.setIndicator(value));
    } else if (['classification', 'classes', 'breaks', 'palette', 'benchmark'].includes(name)) {
      this._safe(() => { this._applyClassification(); this._render(); });
    } else if (name === 'mode' || name === 'bivariate' || name === 'need-index') {
      this._safe(() => { this._applyMode(); this._render(); });
    } else if (name === 'layer' && value) {
      const first = this.indicators().find((i) => i.layer === value);
      if (first) this._safe(() => this.setIndicator(first.id));
    } else if (name === 'selected') {
      this._safe(() => this.select(value || null));
    } else if (name === 'height') {
      this._safe(() => this._layout());
    } else if (name === 'postcode' && value) {
      this._safe(() => this._lookup(value));
    }
  }

  // ------------------------------------------------------------------ public API

  /** `[{code, name, value, class, color}]` for the shown indicator. */
  areas() { return this._map ? this._call(() => this._map.areas()) : []; }

  /** `[{id, label, unit, polarity, layer, period, source}]`. */
  indicators() {
    if (!this._map) return [];
    return this._call(() => this._map.indicators()).map(({ id, label, unit, polarity, layer, period, source }) =>
      ({ id, label, unit, polarity, layer, period, source }));
  }

  /**
   * Adds the page's own figures as an indicator of the shown layer and shows it:
   * `{id, label, polarity?: 'higher-worse' | 'higher-better' | 'neutral', values: {code: number}}`.
   */
  addIndicator({ id, label, polarity = 'neutral', values }) {
    if (!this._map) throw new Error('needs-map: not loaded yet; wait for element.ready');
    const entries = values instanceof Map ? [...values] : Object.entries(values ?? {});
    this._call(() => this._map.addIndicator(String(id), String(label ?? id), polarity, entries.map((e) => String(e[0])).join('\n'), Float64Array.from(entries, (e) => Number(e[1]))));
    this._fillPicker();
    this.setIndicator(id);
  }

  /** Shows an indicator (switching layer when it is on another). Throws for unknown ids. */
  setIndicator(id) {
    if (!this._map) throw new Error('needs-map: not loaded yet; wait for element.ready');
    this._call(() => this._map.setIndicator(String(id)));
    if (id !== 'need_index') this._lastIndicator = String(id);
    this._syncControls();
    this._focus = null;
    this._picker.value = id;
    this._canvas.classList.toggle('zoomed', this._map.zoom() > 1);
    this._render();
  }

  /**
   * The current view as a standalone SVG document (title, map, legend, source and
   * attribution as text), `width` x `height` pixels.
   */
  toSVG(width = 960, height = 720) {
    if (!this._map) throw new Error('needs-map: not loaded yet; wait for element.ready');
    return this._call(() => this._map.toSvg(width, height));
  }

  /** The current view as a PNG (the SVG's layout, drawn at twice the size for print). */
  async toPNG(width = 960, height = 720, scale = 2) {
    await this.ready;
    const c = document.createElement('canvas');
    c.width = width * scale; c.height = height * scale;
    this._call(() => this._map.drawExport(c.getContext('2d'), width, height, scale));
    return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not make a PNG'))), 'image/png'));
  }

  _fileName() {
    const m = this._map;
    return `${(m.placeName() || 'map').toLowerCase().replace(/\W+/g, '-')}-${m.indicator() || m.layer()}`;
  }

  /** Shows the areas as a table (true) or as the map (false). */
  showTable(on) {
    this._tableBox.hidden = !on;
    this._mapBox.hidden = on;
    this._help.hidden = on;
    this._toggle.setAttribute('aria-pressed', String(on));
    this._toggle.textContent = on ? 'Show as a map' : 'Show as a table';
    if (on) this._renderTable();
    else this._layout();
  }

  /**
   * Finds a postcode in the bundle's index (nothing leaves the page), selects and zooms to
   * its area in the shown layer. Resolves to `{postcode, status, area}`; status is `live`,
   * `terminated`, `outside`, `unknown` or `invalid`, and area `{code, name}` or null.
   */
  async findPostcode(text) {
    await this.ready;
    return this._lookup(text);
  }

  /** Selects an area by code (null clears); fires `needs-map:select`. */
  select(code) {
    if (!this._map) throw new Error('needs-map: not loaded yet; wait for element.ready');
    this._call(() => this._map.select(code ?? undefined));
    this._showSelection();
    this._draw();
    const name = code ? this._map.areaName(code) : null;
    this._writeFragment();
    this.dispatchEvent(new CustomEvent('needs-map:select', { bubbles: true, composed: true, detail: { code: code ?? null, name: name ?? null } }));
  }

  // ------------------------------------------------------------------ loading

  /**
   * GeoJSON to the areas' outlines, by the converter module in a worker (fetched only for
   * `boundaries=`) that reads the file as it downloads: the page stays responsive, and the
   * worker's memory is freed when it ends. The worker is started (`worker`) before the file
   * is asked for, so its module loads meanwhile. The body is read here and each piece moved
   * (not copied) to the worker as it arrives, so the download never waits for the worker's
   * module; the worker checks the size limit itself. `signal` (the load's) ends the worker
   * and the download.
   */
  _convert(worker, res, url, signal) {
    const reader = res.body.getReader();
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('superseded')));
      worker.onmessage = ({ data }) => {
        worker.terminate(); // its memory goes now, not when the load ends
        if (data.outlines !== undefined) resolve(data.outlines);
        else if (data.tooBig !== undefined) reject(tooBig(url, data.tooBig, data.limit));
        else reject(new Error(data.load !== undefined ? wasmFailure(data.load) : data.error));
      };
      worker.onerror = (e) => { reject(new Error(`the GeoJSON converter could not start (${e.message || 'worker error'}); check needs-map-convert.js is published beside needs-map.js`)); };
      worker.postMessage({ start: { url, size: Number(res.headers.get('content-length')) || 0, codeField: this.getAttribute('code-field') || 'code', nameField: this.getAttribute('name-field') || 'name' } });
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return worker.postMessage({ end: true });
          worker.postMessage({ piece: value }, [value.buffer]);
        }
      })().catch((e) => { reject(new Error(`could not load ${url}: ${e.message}. Check the address and that the server allows it.`)); });
    });
  }

  async _load() {
    const token = ++this._loading;
    // A load in progress is superseded: its download (and worker) stop now.
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    if (this._map || this._failed) { this.ready = this._newReady(); }
    this._map?.free();
    this._map = null;
    this._failed = false;
    const bundleUrl = this.getAttribute('bundle');
    const boundariesUrl = this.getAttribute('boundaries');
    try {
      if (!bundleUrl && !boundariesUrl) {
        throw new Error('no data source: give the bundle attribute (a bundle made by needsmap prepare) or the boundaries attribute (GeoJSON)');
      }
      const url = bundleUrl || boundariesUrl;
      const worker = bundleUrl ? null : new Worker(new URL('./needs-map-convert.js', import.meta.url), { type: 'module' });
      abort.signal.addEventListener('abort', () => worker?.terminate());
      // The file is asked for while the module loads; GeoJSON goes to the worker as it arrives.
      const response = fetch(url, { credentials: 'same-origin', signal: abort.signal });
      response.catch(() => {});
      const wasm = loadWasm();
      wasm.catch(() => {});
      const converted = worker && checked(response, url, Infinity).then((res) => this._convert(worker, res, url, abort.signal));
      converted?.catch(() => {});
      await wasm.catch((e) => { throw new Error(wasmFailure(e)); });
      let map;
      if (bundleUrl) {
        const limit = maxInputBytes();
        const text = await textWithin(await checked(response, url, limit), url, limit);
        if (token !== this._loading) return;
        map = this._call(() => NeedsMap.fromBundle(text));
      } else {
        const o = await converted;
        if (token !== this._loading) return;
        map = this._call(() => NeedsMap.fromOutlines(url, o.names, o.ends, o.extent, o.xy, o.index));
      }
      this._map = map;
      this._fillPicker();
      this._fillServices();
      this._applyClassification();
      const wanted = this.getAttribute('indicator');
      const first = map.indicators()[0];
      if (wanted) this._call(() => map.setIndicator(wanted));
      else if (first) this._call(() => map.setIndicator(first.id));
      this._lastIndicator = map.indicator();
      if (first) this._applyMode();
      this._attrib.textContent = map.attribution() ? `Source: ${map.attribution()}` : '';
      this._error.hidden = true;
      this._content.hidden = false;
      this._w = this._h = undefined; // a new map has no size yet, even if the box kept its own
      this._layout(false); // drawn by _render below: one picture put on the canvas, not two
      const sel = this.getAttribute('selected');
      if (sel) this._call(() => map.select(sel));
      this._readFragment();
      this._render();
      const pc = this.getAttribute('postcode');
      if (pc) this._lookup(pc);
      this._settle.resolve(this);
      this.dispatchEvent(new CustomEvent('needs-map:ready', { bubbles: true, composed: true, detail: { areas: map.areaCount() } }));
    } catch (e) {
      if (token !== this._loading) return;
      this._fail(e);
    } finally {
      // Whatever is still running for this load (a worker, a download) ends with it.
      abort.abort();
      if (this._abort === abort) this._abort = null;
    }
  }

  _fillPicker() {
    this._picker.replaceChildren();
    const groups = new Map();
    // Grouped by the strategy's framework (wider determinants, ..., health outcomes), in
    // the framework's order; the layer is named in each option.
    const list = this._map.indicators().filter((i) => i.id !== 'need_index');
    const multiLayer = new Set(list.map((i) => i.layer)).size > 1;
    for (const ind of list) {
      const key = ind.frameworkLabel;
      if (!groups.has(key)) {
        const g = el('optgroup', { label: key });
        groups.set(key, g);
        this._picker.append(g);
      }
      const where = multiLayer ? ind.layerLabel : '';
      const said = [ind.period, where].filter(Boolean).join(', ');
      groups.get(key).append(el('option', { value: ind.id }, said ? `${ind.label} (${said})` : ind.label));
    }
    this._picker.parentElement.hidden = groups.size === 0;
    this._secondSel.replaceChildren(...list.map((i) => el('option', { value: i.id }, `${i.label} (${i.layerLabel})`)));
    this._paletteSel.replaceChildren(el('option', { value: '' }, 'Default'),
      ...this._map.palettes().map((p) => el('option', { value: p.id }, `${p.label}${p.colourBlindSafe ? ' (colour-blind safe)' : ' (not colour-blind safe)'}`)));
  }

  _fillServices() {
    const kinds = this._map.serviceKinds();
    this._services.replaceChildren();
    this._services.hidden = kinds.length === 0;
    if (!kinds.length) return;
    this._services.append(el('legend', {}, 'Services on the map'));
    for (const k of kinds) {
      const label = el('label');
      const box = el('input', { type: 'checkbox', value: k.id });
      box.addEventListener('change', () => this._safe(() => {
        this._map.setServices([...this._services.querySelectorAll('input:checked')].map((b) => b.value));
        this._showSelection();
        this._draw();
      }));
      label.append(box, symbolSvg(k.shape, k.color), document.createTextNode(`${k.label} (${k.count})`));
      this._services.append(label);
    }
  }

  /** Applies the view attributes (mode, classification, palette, ...) to the map and the controls. */
  _applyClassification() {
    const m = this._map;
    const a = (n) => this.getAttribute(n);
    const method = a('classification') || 'quantile';
    const classes = parseInt(a('classes') || '5', 10);
    if (a('benchmark')) this._call(() => m.setBenchmark(a('benchmark')));
    // classification="custom" waits for its breaks attribute (attributes arrive one by one).
    if (!(method === 'custom' && !a('breaks'))) this._call(() => m.setClassification(method, classes, a('breaks') || undefined));
    this._call(() => m.setPalette(a('palette') || undefined));
    this._syncControls();
  }

  /** Mode attributes (bivariate, need index), applied after the indicator. */
  _applyMode() {
    const mode = this.getAttribute('mode');
    if (mode === 'bivariate' || (!mode && this.getAttribute('bivariate'))) {
      this._call(() => this._map.setBivariate(this.getAttribute('bivariate') || DEFAULT_BIVARIATE));
    } else if (mode === 'need' || (!mode && this.getAttribute('need-index'))) {
      const spec = this.getAttribute('need-index') || DEFAULT_NEED;
      this._call(() => this._map.setNeedIndex(spec));
      this._fillNeed(spec);
    } else if (mode && mode !== 'choropleth') {
      throw new Error(`mode "${mode}" is not one of: choropleth, bivariate, need`);
    }
    this._syncControls();
  }

  _syncControls() {
    const m = this._map;
    const cls = m.classification();
    const mode = m.mode();
    this._modeSel.value = mode === 'choropleth' && cls === 'benchmark' ? 'benchmark' : mode;
    if (cls !== 'benchmark') this._methodSel.value = cls;
    this._classesSel.value = this.getAttribute('classes') || this._classesSel.value || '5';
    if (this.getAttribute('breaks')) this._breaksIn.value = this.getAttribute('breaks');
    if (this.getAttribute('palette')) this._paletteSel.value = this.getAttribute('palette');
    const shown = this._modeSel.value;
    this._methodField.hidden = this._classesField.hidden = this._paletteField.hidden = shown === 'benchmark' || shown === 'bivariate';
    this._breaksField.hidden = this._methodField.hidden || this._methodSel.value !== 'custom';
    this._classesField.hidden ||= this._methodSel.value === 'custom';
    this._benchField.hidden = shown !== 'benchmark';
    this._secondField.hidden = shown !== 'bivariate';
    this._need.hidden = shown !== 'need';
    if (shown === 'need') this._fillNeed();
  }

  // ------------------------------------------------------------------ drawing

  _layout(draw = true) {
    if (!this._map || this._mapBox.hidden) return;
    const width = Math.max(200, Math.floor(this._mapBox.clientWidth || this.clientWidth || 600));
    const attrH = parseInt(this.getAttribute('height') || '', 10);
    const height = attrH > 0 ? attrH : Math.round(Math.min(640, Math.max(260, width * 0.75)));
    if (width === this._w && height === this._h) return;
    this._w = width; this._h = height;
    const dpr = window.devicePixelRatio || 1;
    this._canvas.width = Math.round(width * dpr);
    this._canvas.height = Math.round(height * dpr);
    this._canvas.style.height = `${height}px`;
    this._call(() => this._map.resize(width, height, dpr));
    if (draw) this._draw();
  }

  _render() {
    const m = this._map;
    if (this._failed) {
      // A later good change (attribute or control) recovers from an earlier bad one.
      this._failed = false;
      this._error.hidden = true;
      this._content.hidden = false;
      this._w = this._h = undefined;
      this._layout();
    }
    this._title.textContent = m.title();
    const of = m.placeName() ? ` of ${m.placeName()}` : '';
    this._canvas.setAttribute('aria-label', `Map: ${m.title()}. ${m.areaCount()} ${m.noun()}${of}.`);
    this._picker.value = m.indicator() ?? '';
    const legend = m.legend();
    this._legend.replaceChildren();
    if (legend.entries.length) {
      this._legend.append(el('p', {}, legend.title));
      if (legend.kind === 'bivariate') {
        // The square: second indicator up, first across; its cells are named in the list below.
        const grid = el('div', { class: 'bivar', 'aria-hidden': 'true' });
        for (const row of [2, 1, 0]) for (const col of [0, 1, 2]) {
          const c = el('span', { title: legend.entries[row * 3 + col].label });
          c.style.background = legend.entries[row * 3 + col].color;
          grid.append(c);
        }
        this._legend.append(grid);
      }
      const ul = el('ul');
      for (const e of legend.entries) {
        const li = el('li');
        const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
        sw.style.background = `${PATTERNS[e.pattern] ?? ''}${PATTERNS[e.pattern] ? ', ' : ''}${e.color}`;
        const how = e.pattern ? `, ${e.pattern}` : '';
        li.append(sw, el('span', {}, `${e.label}${how} (${e.count} ${e.count === 1 ? m.noun().replace(/s$/, '') : m.noun()})`));
        ul.append(li);
      }
      this._legend.append(ul);
      if (legend.note) this._legend.append(el('div', { class: 'method' }, legend.note));
    }
    this._renderRanked();
    this._writeFragment();
    this._showSelection();
    if (!this._tableBox.hidden) this._renderTable();
    this._draw();
  }

  _renderTable() {
    const m = this._map;
    const rows = m.tableRows();
    const { key, dir } = this._sort;
    const cmp = {
      name: (a, b) => a.name.localeCompare(b.name, 'en-GB'),
      value: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
      rank: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
    }[key];
    rows.sort((a, b) => dir * cmp(a, b) || a.name.localeCompare(b.name, 'en-GB'));
    const table = el('table');
    table.append(el('caption', {}, m.title()));
    const head = el('tr');
    const cols = [['name', `Area (${m.noun()})`], ['value', m.valueHeading() || 'Value'], ['rank', 'Rank']];
    for (const [k, label] of cols) {
      const th = el('th', { scope: 'col' });
      if (k === key) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      const b = el('button', { type: 'button' }, label);
      b.addEventListener('click', () => this._safe(() => {
        this._sort = { key: k, dir: this._sort.key === k ? -this._sort.dir : 1 };
        this._renderTable();
        this._tableBox.querySelector(`th[aria-sort] button`)?.focus();
      }));
      th.append(b);
      head.append(th);
    }
    const withCmp = m.hasIntervals();
    if (withCmp) head.append(el('th', { scope: 'col' }, 'Compared with England'));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    const selected = m.selected();
    for (const r of rows) {
      const tr = el('tr', { 'data-code': r.code });
      if (r.code === selected) tr.setAttribute('aria-current', 'true');
      const th = el('th', { scope: 'row' });
      const b = el('button', { type: 'button' }, r.name);
      b.addEventListener('click', () => this._safe(() => {
        this.select(r.code === this._map.selected() ? null : r.code);
        this._tableBox.querySelector(`tr[data-code="${CSS.escape(r.code)}"] button`)?.focus();
      }));
      th.append(b);
      tr.append(th, el('td', { class: 'num' }, r.valueText), el('td', {}, r.rankText));
      if (withCmp) tr.append(el('td', {}, r.comparison));
      body.append(tr);
    }
    table.append(body);
    this._tableBox.replaceChildren(table);
  }

  _draw() {
    if (!this._map) return;
    const ctx = this._canvas.getContext('2d');
    this._call(() => this._map.draw(ctx, window.devicePixelRatio || 1, this._focus ?? undefined));
  }

  /** The need index's ranked list and method, in the options panel. */
  _renderRanked() {
    this._ranked.replaceChildren();
    if (this._map.mode() !== 'need') return;
    const rows = this._map.tableRows().filter((r) => r.rank).sort((a, b) => a.rank - b.rank);
    const ind = this._call(() => this._map.indicators()).find((i) => i.id === 'need_index');
    this._ranked.append(el('h3', {}, `Areas ranked by need (${rows.length} ${this._map.noun()})`));
    const ol = el('ol', { class: 'ranked' });
    for (const r of rows) ol.append(el('li', {}, `${r.name}: ${r.valueText}`));
    this._ranked.append(ol, el('p', { class: 'method' }, ind?.description ?? ''));
  }

  /** The area profile: every indicator of the layer for the selected area, against the city and England. */
  _renderProfile(code) {
    const open = this._profile.open;
    this._profile.replaceChildren();
    this._profile.hidden = !code;
    if (!code) return;
    const m = this._map;
    const rows = this._call(() => m.profile(code));
    const name = m.areaName(code);
    this._profile.append(el('summary', {}, `Profile of ${name}: every indicator, against ${m.placeName()} and England`));
    // The chart module (plotters) is fetched the first time a profile is opened, not before.
    const chart = el('canvas', { role: 'img', 'aria-label': `Chart comparing ${name} with ${m.placeName()} and England; the same figures are in the table below.` });
    this._profile.append(chart);
    const drawChart = () => drawProfile(chart, rows, name, m.placeName(), this._profile.clientWidth || this._w || 600).catch((e) => {
      chart.replaceWith(el('p', { class: 'method' }, `The chart could not be drawn (${e.message}); the table has the figures.`));
    });
    this._profile.ontoggle = () => { if (this._profile.open && !chart.width) drawChart(); };
    chart.width = 0;
    if (open) { this._profile.open = true; drawChart(); }
    const table = el('table');
    table.append(el('caption', {}, `${name} compared with ${m.placeName()} and England`));
    const head = el('tr');
    for (const h of ['Indicator', name, m.placeName(), 'England', 'Compared with England']) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      const ci = r.lower != null ? ` (95% CI ${r.lower} to ${r.upper})` : '';
      const trend = r.series.length > 1 ? `; ${r.series.map(([p, v]) => `${p}: ${v ?? 'no data'}`).join(', ')}` : '';
      tr.append(el('th', { scope: 'row' }, `${r.label} (${r.period})`), el('td', { class: 'num' }, `${r.valueText}${ci}${trend}`),
        el('td', { class: 'num' }, r.cityText), el('td', { class: 'num' }, r.englandText), el('td', {}, r.comparisonText));
      body.append(tr);
    }
    table.append(thead, body);
    const wrap = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Profile of ${name}` });
    wrap.append(table);
    this._profile.append(wrap);
  }

  // ------------------------------------------------------------------ links (history="fragment")

  /** Keeps this widget's view in the URL fragment under its id, beside other widgets' views. */
  _writeFragment() {
    if (this.getAttribute('history') !== 'fragment' || !this.id || !this._map || this._applyingFragment) return;
    const m = this._map;
    const v = m.viewState();
    const st = new URLSearchParams();
    const put = (k, val) => { if (val !== undefined && val !== null && val !== '') st.set(k, val); };
    put('i', m.indicator() === 'need_index' ? this._lastIndicator : m.indicator());
    put('m', m.mode());
    put('c', m.classification());
    put('k', this._classesSel.value);
    put('b', this._methodSel.value === 'custom' ? this._breaksIn.value : '');
    put('p', this._paletteSel.value);
    put('bm', this._benchSel.value);
    if (m.mode() === 'bivariate') put('bv', `${this._lastIndicator},${this._secondSel.value}`);
    if (m.mode() === 'need') put('n', this._needSpec());
    put('s', m.selected());
    if (v && v[2] > 1) put('v', v.map((x) => +x.toFixed(5)).join(','));
    const all = new URLSearchParams(location.hash.slice(1));
    all.set(this.id, st.toString());
    const hash = `#${all.toString()}`;
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  }

  /** Restores the view from the fragment, when it holds one for this widget. */
  _readFragment() {
    if (this.getAttribute('history') !== 'fragment' || !this.id) return;
    const raw = new URLSearchParams(location.hash.slice(1)).get(this.id);
    if (!raw) return;
    const st = new URLSearchParams(raw);
    const m = this._map;
    this._applyingFragment = true;
    try {
      if (st.get('i')) { this._call(() => m.setIndicator(st.get('i'))); this._lastIndicator = st.get('i'); }
      if (st.get('bm')) this._call(() => m.setBenchmark(st.get('bm')));
      if (st.get('k')) this._classesSel.value = st.get('k');
      if (st.get('b')) this._breaksIn.value = st.get('b');
      this._call(() => m.setClassification(st.get('c') || 'quantile', parseInt(st.get('k') || '5', 10), st.get('b') || undefined));
      this._paletteSel.value = st.get('p') || '';
      this._call(() => m.setPalette(st.get('p') || undefined));
      if (st.get('m') === 'bivariate' && st.get('bv')) this._call(() => m.setBivariate(st.get('bv')));
      if (st.get('m') === 'need' && st.get('n')) { this._call(() => m.setNeedIndex(st.get('n'))); this._fillNeed(st.get('n')); }
      const v = (st.get('v') || '').split(',').map(Number);
      if (v.length === 3 && v.every(Number.isFinite)) this._call(() => m.setView(v[0], v[1], v[2]));
      if (st.get('s')) this._call(() => m.select(st.get('s')));
      this._syncControls();
    } finally {
      this._applyingFragment = false;
    }
  }

  _showSelection() {
    const code = this._map.selected();
    this._detail.textContent = code ? (this._map.detail(code) ?? '') : '';
    if (code !== this._profiled) { this._profiled = code; this._renderProfile(code); }
    this._inArea.replaceChildren();
    const inside = code ? this._map.shownServices(code) : [];
    if (inside.length) {
      const h = el('h3', {}, `Services shown in ${this._map.areaName(code)} (${inside.length})`);
      const ul = el('ul');
      for (const s of inside) {
        const b = el('button', { type: 'button', 'data-key': s.key }, s.text);
        const show = () => this._safe(() => { this._map.highlightService(s.key); this._live.textContent = s.text; this._draw(); });
        b.addEventListener('focus', show);
        b.addEventListener('click', show);
        b.addEventListener('blur', () => this._safe(() => { this._map.highlightService(undefined); this._draw(); }));
        const li = el('li');
        li.append(b);
        ul.append(li);
      }
      this._inArea.append(h, ul);
    }
    for (const tr of this._tableBox.querySelectorAll('tbody tr')) {
      if (tr.dataset.code === code) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  // ------------------------------------------------------------------ interaction

  _point(e) {
    const r = this._canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  _down(e) {
    this._pointers.set(e.pointerId, this._point(e));
    this._dragged = false;
    if (this._map.zoom() > 1 || this._pointers.size > 1) this._canvas.setPointerCapture?.(e.pointerId);
  }

  /** Hover shows the tooltip; dragging pans when zoomed in; two fingers pinch to zoom. */
  _move(e) {
    if (!this._map) return;
    const p = this._point(e);
    const prev = this._pointers.get(e.pointerId);
    if (prev && this._pointers.size === 2) {
      const [a, b] = [...this._pointers.values()];
      const other = a === prev ? b : a;
      const before = Math.hypot(prev[0] - other[0], prev[1] - other[1]);
      const after = Math.hypot(p[0] - other[0], p[1] - other[1]);
      this._pointers.set(e.pointerId, p);
      if (before > 0) { this._map.zoomBy(after / before, undefined); this._dragged = true; this._afterView(); }
      return;
    }
    if (prev && (e.buttons & 1) && this._map.zoom() > 1) {
      const dx = p[0] - prev[0], dy = p[1] - prev[1];
      if (this._dragged || Math.hypot(dx, dy) > 4) {
        this._dragged = true;
        this._pointers.set(e.pointerId, p);
        this._map.panBy(dx, dy);
        this._afterView();
      }
      return;
    }
    this._hover(p);
  }

  _zoom(factor) {
    this._map.zoomBy(factor, this._focus ?? this._map.selected() ?? undefined);
    this._afterView();
  }

  _afterView() {
    this._canvas.classList.toggle('zoomed', this._map.zoom() > 1);
    this._tip.hidden = true;
    this._draw();
    this._writeFragment();
  }

  _hover([x, y]) {
    const service = this._map.pickService(x, y);
    if (service) {
      this._tip.textContent = this._map.serviceText(service) ?? '';
      this._tip.hidden = false;
      this._placeTip(x, y);
      return;
    }
    const code = this._map.pick(x, y);
    if (!code) { this._tip.hidden = true; return; }
    this._showTip(code, x, y);
  }

  _showTip(code, x, y) {
    this._tip.textContent = this._map.describe(code) ?? '';
    this._tip.hidden = false;
    this._placeTip(x, y);
  }

  _placeTip(x, y) {
    const w = this._mapBox.clientWidth;
    const tw = this._tip.offsetWidth;
    this._tip.style.left = `${Math.max(0, Math.min(w - tw, x + 12))}px`;
    this._tip.style.top = `${Math.max(0, y + 16)}px`;
  }

  _click(e) {
    if (this._dragged) { this._dragged = false; return; }
    const [x, y] = this._point(e);
    const code = this._map.pick(x, y);
    this.select(code && code === this._map.selected() ? null : code);
  }

  _focusArea(code) {
    if (!code || !this._map) return;
    this._focus = code;
    const text = this._map.describe(code) ?? '';
    this._live.textContent = text;
    if (this._map.ensureVisible(code)) this._afterView();
    this._draw();
    const c = this._map.centre(code);
    if (c) this._showTip(code, c[0], c[1]);
  }

  _key(e) {
    const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const from = this._focus ?? this._map.selected() ?? this._map.extreme(true);
    let handled = true;
    if (dirs[e.key]) {
      const to = from && this._map.step(from, dirs[e.key]);
      if (to) this._focusArea(to);
      else if (from) this._live.textContent = `${this._map.areaName(from)}: no area that way`;
    } else if (e.key === 'Home') this._focusArea(this._map.extreme(true));
    else if (e.key === 'End') this._focusArea(this._map.extreme(false));
    else if (e.key === 'Enter' || e.key === ' ') { if (this._focus) this.select(this._focus); }
    else if (e.key === 'Escape') this.select(null);
    else if (e.key === '+' || e.key === '=') this._zoom(1.5);
    else if (e.key === '-' || e.key === '_') this._zoom(1 / 1.5);
    else if (e.key === '0') { this._map.resetView(); this._afterView(); }
    else handled = false;
    if (handled) e.preventDefault();
  }

  // ------------------------------------------------------------------ errors

  /** Runs a call into wasm, turning a Rust panic into an Error with its message. */
  _call(f) {
    try {
      return f();
    } catch (e) {
      const panic = takePanicSafe();
      if (panic) throw new Error(`needs-map hit an internal error: ${panic}`);
      throw e instanceof Error ? e : new Error(String(e));
    }
  }

  /** For event handlers: a failure is shown, never thrown into the page. */
  _safe(f) {
    try { f(); } catch (e) { this._fail(e); }
  }

  _fail(e) {
    const message = (e && e.message) || String(e);
    const problems = message.split('\n').filter(Boolean);
    this._failed = true;
    this._content.hidden = true;
    this._error.replaceChildren(el('strong', {}, 'The map could not be shown.'));
    if (problems.length > 1) {
      const ul = el('ul');
      for (const p of problems) ul.append(el('li', {}, p));
      this._error.append(ul);
    } else {
      this._error.append(el('p', {}, message));
    }
    this._error.hidden = false;
    this._settle.reject(new Error(message));
    this.dispatchEvent(new CustomEvent('needs-map:error', { bubbles: true, composed: true, detail: { message, problems } }));
  }
}

/** A legend symbol matching the map's: shape and colour (no data goes into it). */
/** CSS for the patterns the map draws, over a legend swatch's colour. */
const PATTERNS = {
  hatched: 'repeating-linear-gradient(-45deg, #0b0c0c 0 1px, transparent 1px 6px)',
  'cross-hatched': 'repeating-linear-gradient(-45deg, #0b0c0c 0 1px, transparent 1px 6px), repeating-linear-gradient(45deg, #0b0c0c 0 1px, transparent 1px 6px)',
  dotted: 'radial-gradient(#0b0c0c 1px, transparent 1.5px) 0 0 / 6px 6px',
};

/** Saves a Blob as a file (an <a download> click; nothing is sent anywhere). */
function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

let chartReady = null;
/**
 * Draws the profile chart with plotters, in the chart module (pkg/needs_map_chart.js),
 * fetched the first time a profile is opened.
 */
async function drawProfile(canvas, rows, name, place, width) {
  chartReady ??= import('./pkg/needs_map_chart.js').then(async (mod) => {
    await mod.default({ module_or_path: new URL('./pkg/needs_map_chart_bg.wasm', import.meta.url) });
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

function symbolSvg(shape, color) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '-8 -8 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const shapes = {
    circle: ['circle', { r: '5.5' }], square: ['rect', { x: '-5', y: '-5', width: '10', height: '10' }],
    triangle: ['polygon', { points: '0,-6.5 6.5,5.5 -6.5,5.5' }], diamond: ['polygon', { points: '0,-7 7,0 0,7 -7,0' }],
  };
  const [tag, attrs] = shapes[shape] ?? shapes.circle;
  const e = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries({ ...attrs, fill: color, stroke: '#0b0c0c', 'stroke-width': '1' })) e.setAttribute(k, v);
  svg.append(e);
  return svg;
}

function takePanicSafe() {
  try { return takePanic(); } catch { return null; }
}

/** The response for `url`, once the server has answered it exists and is within `limit` bytes (GeoJSON: the worker checks). */
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

if (!customElements.get('needs-map')) customElements.define('needs-map', NeedsMapElement);
