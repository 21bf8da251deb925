// The <needs-map> element: its shadow DOM, its lifecycle and its public API. The view's
// state has one home, the map (the wasm module's `NeedsMap`): attributes, the controls, the
// link's fragment and the API all change it through `setView`, and every part of the widget
// (map, legend, controls, table, profile, fragment) is drawn again from it by `_apply`.

import { STYLE } from './style.js';
import { el, download } from './dom.js';
import { ATTRIBUTES, LOADS, SETTINGS, asText, fromAttributes, linked, readFragment, writeFragment } from './settings.js';
import { loadMap, panicked } from './load.js';
import { renderLegend } from './legend.js';
import { Picker } from './picker.js';
import { Services } from './services.js';
import { Pointer } from './pointer.js';
import { loadExtra } from './extra.js';
import { files } from './load.js';

/**
 * Parts loaded on first use: the options panel (first opened), the table (first shown), the
 * profile (first selection), what the search box does (first focused), the keys (the map
 * first focused), the services inside the selected area (first listed) and the areas of
 * one's own (first picked or defined). Each is a file of
 * its own that imports nothing of the element's (it takes its helpers from the host).
 */
const PARTS = {
  panel: () => import('./panel.js'),
  table: () => import('./table.js'),
  profile: () => import('./profile.js'),
  search: () => import('./search.js'),
  keys: () => import('./keys.js'),
  inside: () => import('./inside.js'),
  own: () => import('./own.js'),
};

const NOT_READY = 'needs-map: not loaded yet; wait for element.ready';
/** What a change asks to draw again (the map's answer to setView). */
const FRAMING = 1, OVERLAY = 2, EVERYTHING = 3;

let counter = 0;
/** Constructed style sheets by their text, shared by every widget on the page. */
const sheets = new Map();

export class NeedsMapElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  constructor() {
    super();
    this._map = null;
    this._loading = 0;
    this._failed = false;
    this._settle = null;
    this.ready = this._newReady();
    this._id = `nm${++counter}`;
    this._build();
  }

  _newReady() {
    const p = new Promise((resolve, reject) => { this._settle = { resolve, reject }; });
    p.catch(() => {}); // a failed load is reported in the box and by event, not as an unhandled rejection
    return p;
  }

  /**
   * Adds a style sheet to the shadow root (the element's own, or a part's when it loads):
   * a constructed sheet, shared by every widget on the page, which a strict
   * Content-Security-Policy allows (a <style> element it does not).
   */
  _style(css) {
    const root = this.shadowRoot;
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } else {
      root.append(el('style', {}, css));
    }
  }

  _build() {
    const root = this.attachShadow({ mode: 'open' });
    this._style(STYLE);
    const box = el('div', { class: 'nm', part: 'container' });
    this._title = el('h2', { id: `${this._id}-title` });
    this._el = el;
    this._files = files;
    this._parts = {};
    this._searchForm = this._buildSearch();
    this._picker = new Picker(this);
    this._services = new Services(this);
    this._panelBox = el('details', { class: 'options-panel' });
    this._panelBox.append(el('summary', {}, 'Map options'));
    this._panelBox.addEventListener('toggle', () => { if (this._panelBox.open) this._safe(() => this._part('panel')); });
    this._tableBox = el('div', { class: 'table-wrap', id: `${this._id}-table`, hidden: '', tabindex: '0', role: 'region', 'aria-label': 'Table of areas' });
    this._profileBox = el('details', { class: 'profile', hidden: '' });
    const head = el('div', { class: 'head' });
    const views = el('div', { class: 'views' });
    this._toggle = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-controls': this._tableBox.id }, 'Show as a table');
    this._toggle.addEventListener('click', () => this._safe(() => this.showTable(this._tableBox.hidden)));
    views.append(this._toggle);
    head.append(this._picker.pick, views);
    this._mapBox = el('div', { class: 'map' });
    // An application: a screen reader in browse mode hands the keys to the map (an image
    // would keep the arrows for its own cursor); called a map.
    this._canvas = el('canvas', { tabindex: '0', role: 'application', 'aria-roledescription': 'map', 'aria-describedby': `${this._id}-summary ${this._id}-help` });
    // The map in words (`Widget::summary`): its description, and text under it for everyone.
    this._summary = el('p', { id: `${this._id}-summary`, class: 'summary' });
    this._help = el('p', { id: `${this._id}-help`, class: 'visually-hidden' },
      'Arrow keys move to the neighbouring area that way; n and b to the next area significantly worse or better than England, square brackets by rank (Shift or the left bracket goes back); Home and End to the highest and lowest value; Enter selects, Shift and Enter picks areas to make one of your own, Escape clears; plus and minus zoom; the question mark lists the keys.');
    const tip = el('div', { class: 'tip', hidden: '' });
    this._pointer = new Pointer(this, this._canvas, tip);
    const zoom = el('div', { class: 'zoom' });
    const zb = (label, text, f) => {
      const b = el('button', { type: 'button', 'aria-label': label, title: label }, text);
      b.addEventListener('click', () => this._safe(f));
      zoom.append(b);
    };
    zb('Zoom in', '+', () => this._pointer.zoom(1.5));
    zb('Zoom out', '\u2212', () => this._pointer.zoom(1 / 1.5));
    zb('Show the whole map', '\u21ba', () => this._change(() => this._map.setView(asText({ zoom: 1 }))));
    this._mapBox.append(this._canvas, tip, zoom);
    this._zoomBox = zoom;
    this._live = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    this._legend = el('div', { class: 'legend' });
    this._detail = el('p', { class: 'detail', 'aria-live': 'polite' });
    this._attrib = el('p', { class: 'attrib' });
    this._error = el('div', { class: 'error', role: 'alert', hidden: '' });
    const exports = el('div', { class: 'exports' });
    const xb = (text, f) => {
      const b = el('button', { type: 'button' }, text);
      b.addEventListener('click', () => this._safe(f));
      exports.append(b);
    };
    xb('Download PNG', async () => download(await this.toPNG(), `${this._fileName()}.png`));
    xb('Download SVG', async () => download(new Blob([await this.toSVG()], { type: 'image/svg+xml' }), `${this._fileName()}.svg`));
    xb('Download CSV', () => download(new Blob([this.toCSV()], { type: 'text/csv' }), `${this._fileName()}.csv`));
    this._content = el('div');
    this._content.append(this._title, this._searchForm.node, head, this._panelBox, this._mapBox, this._summary, this._tableBox, this._help,
      this._legend, this._services.box, this._detail, this._profileBox, this._services.inArea, exports, this._attrib, this._live);
    this._content.hidden = true;
    // A figure the page put inside the element (`needsmap render --out figure.html`) shows
    // until the map is ready, when it goes, and stays if the map cannot start.
    this._fallback = el('slot');
    box.append(this._content, this._error, this._fallback);
    root.append(box);
    this._resizer = new ResizeObserver(() => this._safe(() => this._layout()));
  }

  /** The search form, there from the first frame; what it does loads when it is first focused. */
  _buildSearch() {
    const id = `${this._id}-q`;
    const node = el('form', { class: 'search', role: 'search', 'aria-label': 'Find an area' });
    // Their words come with the map (a postcode only where the bundle has an index).
    node.append(this._searchLabel = el('label', { for: id }), this._searchHint = el('p', { class: 'hint', id: `${id}-hint` }));
    const row = el('div', { class: 'search-row' });
    const combo = el('div', { class: 'combo' });
    const q = el('input', { id, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': `${id}-opts`, 'aria-describedby': `${id}-hint`, autocomplete: 'off', spellcheck: 'false' });
    const opts = el('ul', { id: `${id}-opts`, role: 'listbox', class: 'options', hidden: '', 'aria-label': 'Matching areas' });
    combo.append(q, opts);
    row.append(combo, el('button', { type: 'submit' }, 'Find'));
    const answer = el('p', { class: 'answer', role: 'status' });
    node.append(row, answer);
    // Each event goes to the search part, loaded on first focus (before any typing).
    const to = (f) => (e) => this._safe(() => this._part('search').then((s) => this._safe(() => f(s, e))));
    q.addEventListener('focus', to(() => {}));
    q.addEventListener('input', to((s) => s.suggest()));
    // A key pressed before the part has loaded waits for it rather than being lost.
    q.addEventListener('keydown', (e) => { const s = this._parts.loaded?.search; if (s) this._safe(() => s.key(e)); else to((p) => p.key(e))(e); });
    q.addEventListener('blur', () => setTimeout(() => this._parts.loaded?.search?.close(), 150));
    opts.addEventListener('mousedown', (e) => e.preventDefault());
    opts.addEventListener('click', to((s, e) => {
      const li = e.target.closest('li');
      if (li) s.choose(li.dataset.code);
    }));
    node.addEventListener('submit', (e) => { e.preventDefault(); to((s) => s.submit())(e); });
    return { node, q, opts, answer };
  }

  /** A part loaded on first use (see `PARTS`), made for this widget once. */
  _part(name) {
    this._parts[name] ??= PARTS[name]().then((m) => {
      const boxes = { table: this._tableBox, profile: this._profileBox, search: this._searchForm };
      const part = new m.default(this, boxes[name]);
      (this._parts.loaded ??= {})[name] = part;
      if (name === 'panel') {
        this._panelBox.append(part.box);
        if (this._map) part.render(this._view);
      }
      return part;
    });
    this._parts[name].catch(() => { delete this._parts[name]; });
    return this._parts[name];
  }

  /** A change from the picker: a bad one is explained in the options panel's line. */
  _setFromControl(partial) {
    this.setView(partial).catch((e) => this._fail(e));
  }

  // ------------------------------------------------------------------ lifecycle

  connectedCallback() {
    this._resizer.observe(this);
    this._onHash ??= () => this._safe(() => this._readFragment());
    window.addEventListener('hashchange', this._onHash);
    if (!this._map && !this._loading) this._load();
  }

  disconnectedCallback() {
    this._resizer.disconnect();
    window.removeEventListener('hashchange', this._onHash);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (LOADS.includes(name)) {
      this._load();
    } else if (!this._map) {
      // applied when the load finishes
    } else if (SETTINGS[name]) {
      // Attributes set one after another (classification, then its breaks) are one change.
      if (!this._pending) queueMicrotask(() => this._safe(() => this._applyAttributes()));
      (this._pending ??= new Set()).add(name);
    } else if (name === 'height') {
      this._safe(() => this._layout());
    } else if (name === 'postcode' && value) {
      this._safe(() => this.findPostcode(value));
    }
  }

  /** Attributes changed since the last were applied, as one change (removed ones: the default). */
  _applyAttributes() {
    const names = [...this._pending];
    this._pending = null;
    if (!this._map) return; // a new load reads every attribute
    const partial = fromAttributes(this, names);
    for (const n of names) if (!this.hasAttribute(n) && n !== 'indicator' && n !== 'layer') partial[SETTINGS[n]] = '';
    this._change(() => this._map.setView(asText(partial)));
  }

  _readFragment() {
    const pairs = this._map && readFragment(this);
    if (pairs) this._change(() => this._map.applyFragment(JSON.stringify(pairs)));
  }

  // ------------------------------------------------------------------ public API

  /** The view: every setting (layer, indicator, period, mode, classification, classes, breaks,
   * palette, benchmark, bivariate, needIndex, selected, zoom, centre, services), defaults resolved. */
  get view() {
    return this._map ? this._call(() => this._map.answer('view')) : null;
  }

  /**
   * Changes settings of the view together (`{classes: 3, palette: 'viridis'}`): resolves with
   * the new view once the map is drawn again, or rejects with the reason, the map unchanged.
   */
  setView(partial) {
    try {
      if (!this._map) throw new Error(NOT_READY);
      this._change(() => this._map.setView(asText(partial)));
      return Promise.resolve(this.view);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** `[{code, name, value, class, color}]` for the shown indicator. */
  areas() { return this._map ? this._call(() => this._map.answer('areas')) : []; }

  /** `[{id, label, unit, polarity, layer, period, source}]`. */
  indicators() {
    if (!this._map) return [];
    return this._call(() => this._map.answer('indicators')).filter((i) => i.id !== 'need_index')
      .map(({ id, label, unit, polarity, layer, period, source }) => ({ id, label, unit, polarity, layer, period, source }));
  }

  /** Shows an indicator (switching layer when it is on another). Throws for unknown ids. */
  setIndicator(id) {
    if (!this._map) throw new Error(NOT_READY);
    this._change(() => this._map.setView(asText({ indicator: String(id) })));
    this._pointer.focus = null;
  }

  /** Selects an area by code (null clears); fires `needs-map:select`. Throws for unknown codes. */
  select(code) {
    if (!this._map) throw new Error(NOT_READY);
    this._change(() => this._map.setView(asText({ selected: code ?? null })));
  }

  /**
   * Adds the page's own figures as an indicator of the shown layer and shows it:
   * `{id, label, polarity?: 'higher-worse' | 'higher-better' | 'neutral', values: {code: number}}`.
   */
  addIndicator({ id, label, polarity = 'neutral', values }) {
    if (!this._map) throw new Error(NOT_READY);
    const entries = values instanceof Map ? [...values] : Object.entries(values ?? {});
    const given = [this._view.layer, String(id), String(label ?? id), polarity, entries.map((e) => String(e[0])).join('\n'), Float64Array.from(entries, (e) => Number(e[1]))];
    this._call(() => this._map.addIndicator(...given.slice(1)));
    this._added.set(given[1], given);
    this._parts.loaded?.own?.add(given);
    this._picker.fill(this._map.answer('indicators'));
    this.setIndicator(id);
  }

  /**
   * Makes areas one area of your own, `{name, codes}` (codes of one layer), kept with the
   * view (its outline on the map, its row in the table and the CSV, the link): resolves to
   * `{name, layer, codes, population, indicators: [{id, period, value, lower, upper,
   * comparison: {england, city}, note}]}`, each indicator added up by its own rule (value
   * null, and `note` saying why, where it does not add up); rejects with the reason.
   */
  async defineArea({ name, codes } = {}) {
    await this.ready;
    return (await this._part('own')).define(name, codes ?? []);
  }

  /**
   * The five areas most like `code` on the layer's indicators that are not counts (z-scores,
   * higher-is-better turned, Euclidean distance; ties by code): `[{code, name, distance}]`,
   * outlined on the map.
   */
  async similar(code) {
    await this.ready;
    return (await this._part('own')).similar(String(code));
  }

  /** Removes the area of your own called `name`; resolves to whether there was one. */
  async removeArea(name) {
    await this.ready;
    return (await this._part('own')).remove(name);
  }

  /** Every area of your own with its figures, as `defineArea` gives them. */
  async ownAreas() {
    await this.ready;
    return (await this._part('own')).all();
  }

  /** Shows the areas as a table (true) or as the map (false); resolves once shown. */
  async showTable(on) {
    this._tableBox.hidden = !on;
    this._mapBox.hidden = on;
    this._help.hidden = on;
    this._toggle.setAttribute('aria-pressed', String(on));
    this._toggle.textContent = on ? 'Show as a map' : 'Show as a table';
    if (on) (await this._part('table')).render();
    else this._layout();
  }

  /**
   * Finds a postcode in the bundle's index (nothing leaves the page), selects and zooms to
   * its area in the shown layer. Resolves to `{postcode, status, area}`; status is `live`,
   * `terminated`, `outside`, `unknown` or `invalid`, and area `{code, name}` or null.
   */
  async findPostcode(text) {
    await this.ready;
    return (await this._part('search')).lookup(String(text));
  }

  /**
   * The view as a standalone SVG document (title, map, legend, source and attribution as
   * text), `width` x `height`: a Promise, as the picture is drawn by the module loaded on first use.
   */
  async toSVG(width = 960, height = 720) {
    await this.ready;
    const [sheet, parts] = this._picture(width, height);
    const extra = await loadExtra();
    return this._call(() => extra.pictureSvg(sheet, ...parts, width, height));
  }

  /** The view as a PNG: the SVG's picture, drawn at `scale` times its size for print. */
  async toPNG(width = 960, height = 720, scale = 2) {
    await this.ready;
    const [sheet, parts] = this._picture(width, height);
    const extra = await loadExtra();
    const c = document.createElement('canvas');
    c.width = width * scale; c.height = height * scale;
    this._call(() => extra.drawPicture(c.getContext('2d'), sheet, ...parts, width, height, scale));
    return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not make a PNG'))), 'image/png'));
  }

  /** The picture of the view: its sheet (words, shading, placing) and the outlines. */
  _picture(width, height) {
    return this._call(() => [this._map.sheet(width, height), this._map.meshParts()]);
  }

  /** The shown indicator as tidy CSV (what `needsmap validate` and recipes read). */
  toCSV() {
    if (!this._map) throw new Error(NOT_READY);
    return this._call(() => this._map.answer('csv')) + (this._parts.loaded?.own?.csv() ?? '');
  }

  /** Where a longitude/latitude is on the map, `[x, y]` in CSS pixels from its top left (for a page's own marks). */
  locate(lon, lat) {
    const p = this._map?.locate(lon, lat);
    return p ? [p[0], p[1]] : null;
  }

  /** The area drawn at a point of the map (CSS pixels), `{code, name}`, or null. */
  areaAt(x, y) {
    const code = this._map?.areaAt(x, y);
    return code ? { code, name: this._map.answer('areaName', code) } : null;
  }

  /** The services shown, in the view or inside area `code`: `[{key, text, x, y}]`. */
  services(code) {
    return this._map ? this._call(() => this._map.answer('servicesIn', code ?? undefined)) : [];
  }

  /** Moves the map by `dx`, `dy` CSS pixels; resolves with the view once drawn. */
  panBy(dx, dy) {
    return this._viewChange(() => this._map.panBy(dx, dy));
  }

  /** Zooms by `factor` about the middle of the map; resolves with the view once drawn. */
  zoomBy(factor) {
    return this._viewChange(() => this._map.zoomBy(factor, undefined));
  }

  _viewChange(f) {
    try {
      if (!this._map) throw new Error(NOT_READY);
      this._change(f);
      return Promise.resolve(this.view);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // ------------------------------------------------------------------ loading

  async _load() {
    const token = ++this._loading;
    // A load in progress is superseded: its download (and worker) stop now.
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    if (this._map || this._failed) this.ready = this._newReady();
    this._map?.free();
    this._map = null;
    this._failed = false;
    try {
      const map = await loadMap(this, abort.signal, () => token === this._loading);
      if (!map) return;
      this._map = map;
      this._postcodes = null;
      this._added = new Map(); // the page's own figures, as given, for the figures' module
      this._picker.fill(map.answer('indicators'));
      this._services.fill(map.answer('serviceKinds'));
      // The view: the attributes, then a link's fragment over them.
      map.setView(asText(fromAttributes(this)));
      const pairs = readFragment(this);
      if (pairs) map.applyFragment(JSON.stringify(pairs));
      const words = map.answer('words');
      this._attrib.textContent = words.attribution ? `Source: ${words.attribution}` : '';
      this._error.hidden = true;
      this._content.hidden = false;
      this._w = this._h = undefined; // a new map has no size yet, even if the box kept its own
      // The words, legend and controls first, then the map measured and drawn: the page is
      // laid out once with all of them, not once before and again after.
      this._apply(EVERYTHING);
      this._layout();
      this._parts.loaded?.own?.reset();
      // Areas of one's own in the link are made again before the map is ready.
      const own = (pairs ?? []).filter(([k]) => k === 'a').map(([, v]) => v);
      if (own.length) await (await this._part('own')).restore(own);
      // And a page's groups of areas (groups="family-hubs.csv").
      const groups = this.getAttribute('groups');
      if (groups) await (await this._part('own')).fromFile(groups);
      if (token !== this._loading) return;
      const pc = this.getAttribute('postcode');
      if (pc) this.findPostcode(pc).catch((e) => this._fail(e));
      // The map is here: the page's figure (its stand-in) goes.
      for (const n of this._fallback.assignedElements()) n.remove();
      this._settle.resolve(this);
      this.dispatchEvent(new CustomEvent('needs-map:ready', { bubbles: true, composed: true, detail: { areas: words.count } }));
    } catch (e) {
      if (token !== this._loading) return;
      this._fail(e);
    } finally {
      // Whatever is still running for this load (a worker, a download) ends with it.
      abort.abort();
      if (this._abort === abort) this._abort = null;
    }
  }

  // ------------------------------------------------------------------ drawing

  /** Makes a change of the view (`f` returns what to draw again) and shows it. */
  _change(f) {
    const level = this._call(f);
    if (level) this._apply(level);
    return level;
  }

  /** Draws the widget again from the view: as much as the change asks. */
  _apply(level) {
    const m = this._map;
    if (this._failed) {
      // A later good change (attribute or control) recovers from an earlier bad one.
      this._failed = false;
      this._error.hidden = true;
      this._content.hidden = false;
      this._w = this._h = undefined;
      this._layout(false);
      level = EVERYTHING;
    }
    const view = this._call(() => m.answer('view'));
    const before = this._view;
    this._view = view;
    const parts = this._parts.loaded ?? {};
    if (level >= EVERYTHING) {
      const words = (this._words = m.answer('words'));
      this._title.textContent = words.place ? `${words.title}, ${words.place}` : words.title;
      this._searchLabel.textContent = words.search;
      this._searchHint.textContent = words.hint;
      this._canvas.setAttribute('aria-label', words.name);
      renderLegend(this._legend, m.answer('legend'));
      this._picker.render(view);
      parts.panel?.render(view);
      parts.table?.render();
    }
    if (level >= OVERLAY) {
      const code = view.selected;
      this._detail.textContent = code ? (m.answer('detail', code) ?? '') : '';
      if (code || parts.profile) this._part('profile').then((p) => this._safe(() => p.render(this._view.selected, this._words)), (e) => this._fail(e));
      this._services.render(view);
      if ((code && view.services.length) || parts.inside) this._part('inside').then((p) => this._safe(() => p.render(this._view)), (e) => this._fail(e));
      parts.table?.mark(code);
    }
    this._canvas.classList.toggle('zoomed', view.zoom > 1);
    if (level === FRAMING) this._pointer.tip.hidden = true;
    const own = parts.own;
    if (own && level >= EVERYTHING) own.mark();
    if (linked(this)) writeFragment(this, own ? [...m.answer('fragment'), ...own.pairs()] : m.answer('fragment'));
    this._draw();
    if (level >= EVERYTHING) this._describe();
    if (before && before.selected !== view.selected) {
      const code = view.selected ?? null;
      this.dispatchEvent(new CustomEvent('needs-map:select', { bubbles: true, composed: true, detail: { code, name: code ? m.answer('areaName', code) : null } }));
    }
  }

  _layout(draw = true) {
    if (!this._map || this._mapBox.hidden) return;
    const width = Math.max(200, Math.floor(this._mapBox.clientWidth || this.clientWidth || 600));
    // The zoom buttons lie over the map's corner: no name goes under them (read while the
    // layout is fresh, before the canvas's height changes it).
    const z = this._zoomBox;
    const covered = Float32Array.of(z.offsetLeft, z.offsetTop, z.offsetLeft + z.offsetWidth, z.offsetTop + z.offsetHeight);
    const attrH = parseInt(this.getAttribute('height') || '', 10);
    const height = attrH > 0 ? attrH : Math.round(Math.min(640, Math.max(260, width * 0.75)));
    if (width === this._w && height === this._h) return;
    this._w = width; this._h = height;
    const dpr = window.devicePixelRatio || 1;
    this._canvas.width = Math.round(width * dpr);
    this._canvas.height = Math.round(height * dpr);
    this._canvas.style.height = `${height}px`;
    this._call(() => this._map.resize(width, height, dpr, covered));
    if (draw) this._draw();
    this._describe();
  }

  /** Writes the map in words again once the frame is shown (it never delays a picture). */
  _describe() {
    if (this._describing) return;
    this._describing = true;
    requestAnimationFrame(() => setTimeout(() => {
      this._describing = false;
      this._safe(() => { if (this._map) this._summary.textContent = this.summary(); });
    }));
  }

  /** The map in words, as the text under it says: what is shown, the range, where the
   * highest class lies, the comparison with England and the areas without data. */
  summary() {
    if (!this._map) throw new Error(NOT_READY);
    return this._call(() => this._map.answer('summary'));
  }

  _draw() {
    if (!this._map || !this._w) return;
    const ctx = this._canvas.getContext('2d');
    this._call(() => this._map.draw(ctx, window.devicePixelRatio || 1, this._pointer.focus ?? undefined, this._services.ringed ?? undefined));
  }

  /** Shows an area found by search: zoomed to and selected. */
  _showArea(code) {
    this._change(() => this._map.zoomTo(code, false));
    this.select(code);
  }

  /** The keyboard's neighbours of the shown layer, found by the module loaded on first use. */
  async _neighbours() {
    const m = this._map;
    if (!m.answer('needsNeighbours')) return;
    const extra = await loadExtra();
    if (m !== this._map || !m.answer('needsNeighbours')) return;
    const [xy, rings, areas] = m.meshParts();
    this._call(() => m.setNeighbours(extra.neighbours(xy, rings, areas)));
  }

  /** The bundle's postcode index, read once by the module loaded on first use. */
  async _postcodeIndex() {
    const m = this._map;
    const extra = await loadExtra();
    if (m !== this._map) throw new Error('superseded');
    this._postcodes ??= this._call(() => new extra.Postcodes(m.answer('postcodeIndex') ?? undefined));
    return this._postcodes;
  }

  /** The module loaded on first use (for the parts, which import nothing of the element's). */
  _extra() {
    return loadExtra();
  }

  /** The map's figures, for the areas of one's own: the converter's map without its
   * outlines, or the bundle fetched again (the browser has it). */
  async _figures() {
    if (this._outline) return this._outline;
    const url = this.getAttribute('bundle');
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`could not load ${url} again for your areas: the server answered ${res.status} ${res.statusText}`);
    return res.text();
  }

  /** Says `text` to screen readers, politely. */
  _announce(text) {
    this._live.textContent = text;
  }

  _fileName() {
    const v = this._view;
    return `${(this._words?.place || 'map').toLowerCase().replace(/\W+/g, '-')}-${v?.indicator || v?.layer || 'map'}`;
  }

  // ------------------------------------------------------------------ errors

  /** Runs a call into wasm, turning a Rust panic into an Error with its message. */
  _call(f) {
    try {
      return f();
    } catch (e) {
      const panic = panicked();
      if (panic) throw new Error(`needs-map hit an internal error: ${panic}`);
      throw e instanceof Error ? e : new Error(String(e));
    }
  }

  /** For event handlers: a failure is shown, never thrown into the page. */
  _safe(f) {
    try {
      const r = f();
      if (r && typeof r.catch === 'function') r.catch((e) => this._fail(e));
    } catch (e) {
      this._fail(e);
    }
  }

  _fail(e) {
    const message = (e && e.message) || String(e);
    const problems = e?.problems?.length ? [...e.problems] : [message];
    this._failed = true;
    this._content.hidden = true;
    this._error.replaceChildren(el('strong', {}, 'The map could not be shown.'));
    if (problems.length > 1) {
      const ul = el('ul');
      for (const p of problems) ul.append(el('li', {}, p));
      this._error.append(el('p', {}, message), ul);
    } else {
      this._error.append(el('p', {}, message));
    }
    this._error.hidden = false;
    this._settle.reject(new Error(message));
    this.dispatchEvent(new CustomEvent('needs-map:error', { bubbles: true, composed: true, detail: { message, problems } }));
  }
}
