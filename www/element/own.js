// Areas of one's own, loaded on first use (a shift-click, shift+Enter, `defineArea`, or a link
// that has some): picking areas, naming them one area, and their rows, outlines and link text.
// They are kept, and added up, by a module of their own (pkg/needs_map_own*: `Combiner`, made
// from the map's figures); the map is given their outlines to draw. Nothing here computes.

const STYLE = `
.own[hidden] { display: none; }
.own { margin: 8px 0; padding: 8px; border-left: 4px solid #1d70b8; background: #f3f2f1; }
.own p { margin: 0 0 6px; }
.own label { display: block; font-weight: 700; margin-bottom: 4px; }
.own input { font: inherit; padding: 4px; border: 2px solid #0b0c0c; min-height: 32px; box-sizing: border-box; max-width: 100%; }
.own input:focus { outline: 3px solid #ffdd00; box-shadow: inset 0 0 0 2px #0b0c0c; }
.own .error { color: #d4351c; font-weight: 700; }
`;

let module = null;
/** The areas' module, loaded once for every map on the page. */
function load(files) {
  module ??= import(/* @vite-ignore */ files.ownJs).then(async (mod) => {
    await mod.default({ module_or_path: files.ownWasm });
    return mod;
  });
  module.catch(() => { module = null; });
  return module;
}

export default class Own {
  constructor(host) {
    this.host = host;
    host._style(STYLE);
    const el = host._el;
    this.box = el('form', { class: 'own', hidden: '' });
    this.said = el('p', { 'aria-live': 'polite' });
    const id = `${host._id}-own`;
    this.name = el('input', { id, type: 'text', autocomplete: 'off', required: '' });
    this.problem = el('p', { class: 'error', hidden: '' });
    const make = el('button', { type: 'submit' }, 'Make one area');
    const clear = el('button', { type: 'button' }, 'Clear');
    this.box.append(this.said, el('label', { for: id }, 'Name of your area'), this.name, this.problem, make, clear);
    this.box.addEventListener('submit', (e) => { e.preventDefault(); host._safe(() => this.make()); });
    clear.addEventListener('click', () => host._safe(() => this.clearPicked()));
    host._detail.after(this.box);
    this.combiner = null;
    /** The keeper, once made (for what runs synchronously: rows, CSV, the link). */
    this.made = null;
  }

  /** The areas' keeper, made once from the map's figures (the bundle, fetched again: the
   * browser has it; or the converter's map without its outlines). */
  async ready() {
    const host = this.host;
    this.combiner ??= (async () => {
      const [mod, text] = await Promise.all([load(host._files), host._figures()]);
      const made = host._call(() => new mod.Combiner(text));
      for (const given of host._added.values()) host._call(() => made.addFigures(...given));
      this.made = made;
      return made;
    })();
    this.combiner.catch(() => { this.combiner = null; });
    return this.combiner;
  }

  /** The page's own figures, as the map was just given them (`addIndicator`). */
  add(given) {
    if (this.made) this.host._call(() => this.made.addFigures(...given));
  }

  /** The profile of area `code` of `layer`: its rows, as the chart and table draw them. */
  async profileOf(layer, code) {
    const c = await this.ready();
    return JSON.parse(this.host._call(() => c.areaProfile(layer, code)));
  }

  /** `defineArea`: the areas `codes` (or those picked) made one area called `name`. */
  async define(name, codes) {
    const c = await this.ready();
    const list = codes == null ? undefined : [...codes].map(String).join('\n');
    const a = JSON.parse(this.host._call(() => c.define(String(name ?? ''), list)));
    this.changed();
    this.host._announce(`${a.name}: made one area of ${a.codes.length} ${this.noun(a.codes.length)}.`);
    return a;
  }

  async remove(name) {
    const gone = (await this.ready()).remove(String(name ?? ''));
    if (gone) this.changed();
    return gone;
  }

  async all() {
    return JSON.parse((await this.ready()).combined(this.host._view.period ?? undefined));
  }

  /** Shift-click or shift+Enter: the area picked to be made one, or let go. */
  async pick(code) {
    const c = await this.ready();
    const host = this.host;
    host._call(() => c.pick(host._view.layer, code));
    const picked = JSON.parse(c.picked());
    const names = picked.map((p) => host._map.answer('areaName', p));
    this.box.hidden = !picked.length;
    this.said.textContent = picked.length
      ? `${picked.length} ${this.noun(picked.length)} picked: ${names.join(', ')}. Shift-click (or Shift and Enter) to pick more, then name them as one area.`
      : '';
    host._announce(picked.includes(code) ? `${host._map.answer('areaName', code)} picked, ${picked.length} in all.` : `${host._map.answer('areaName', code)} let go.`);
    for (const box of host._tableBox.querySelectorAll('tbody tr[data-code] input[type=checkbox]')) box.checked = picked.includes(box.closest('tr').dataset.code);
    this.mark();
  }

  async make() {
    this.problem.hidden = true;
    try {
      await this.define(this.name.value, undefined);
      this.name.value = '';
      this.box.hidden = true;
    } catch (e) {
      this.problem.textContent = e.message;
      this.problem.hidden = false;
      this.name.focus();
    }
  }

  async clearPicked() {
    const c = await this.ready();
    for (const code of JSON.parse(c.picked())) c.pick(this.host._view.layer, code);
    this.box.hidden = true;
    for (const box of this.host._tableBox.querySelectorAll('tbody input[type=checkbox]')) box.checked = false;
    this.mark();
  }

  noun(n) {
    const noun = this.host._words?.noun ?? 'areas';
    return n === 1 ? noun.replace(/s$/, '') : noun;
  }

  /** After a change: outlines, the table, the link. */
  changed() {
    this.mark();
    this.host._apply(2);
    this.host._parts.loaded?.table?.render();
  }

  /** The map is given the outlines of the shown layer's areas of one's own, and of those picked. */
  mark() {
    const host = this.host;
    const c = this.made;
    if (!c) return;
    const m = host._map;
    const [xy, starts, picked, alike] = c.outlines(host._view.layer, ...m.meshParts());
    host._call(() => m.setMarks(xy, starts, picked, alike));
    host._draw();
  }

  /** The five areas most like `code`, outlined on the map: `[{code, name, distance}]`. */
  async similar(code) {
    const c = await this.ready();
    const answer = JSON.parse(this.host._call(() => c.similar(code)));
    if (!answer) throw new Error(`there is no area "${code}" on this map`);
    this.mark();
    this.method = answer.method;
    return answer.alike;
  }

  /** "Areas like this" under a profile: the five as buttons that select them, and the method. */
  async showSimilar(code, box) {
    const host = this.host;
    const el = host._el;
    const alike = await this.similar(code);
    const name = host._map.answer('areaName', code) ?? code;
    const list = el('ul', { class: 'alike' });
    for (const a of alike) {
      const b = el('button', { type: 'button' }, `${a.name} (distance ${a.distance.toFixed(2)})`);
      b.addEventListener('click', () => host._safe(() => host._showArea(a.code)));
      const li = el('li');
      li.append(b);
      list.append(li);
    }
    box.replaceChildren(el('h3', {}, `Areas like ${name}, outlined in purple`), list, el('p', { class: 'method' }, this.method));
    host._announce(`Areas like ${name}: ${alike.map((a) => a.name).join(', ')}.`);
  }

  /** Opens the profile of the area called `name` (its row's button in the table). */
  async profile(name) {
    const rows = JSON.parse((await this.ready()).profile(name));
    if (rows) (await this.host._part('profile')).showOwn(name, rows, this.host._words);
  }

  /** The codes picked (none before the keeper is made). */
  picked() {
    return this.made ? JSON.parse(this.made.picked()) : [];
  }

  /** The table's rows of the areas of one's own, for the shown indicator. */
  rows() {
    const c = this.made;
    const v = this.host._view;
    return c && v.indicator ? JSON.parse(c.rows(v.layer, v.indicator, v.period ?? undefined)) : [];
  }

  /** Their CSV rows. */
  csv() {
    const c = this.made;
    const v = this.host._view;
    return c && v.indicator ? c.csv(v.layer, v.indicator, v.period ?? undefined) : '';
  }

  /** Their link pairs: `[["a", "code,code:name"], ...]`. */
  pairs() {
    return this.made ? JSON.parse(this.made.texts()).map((t) => ['a', t]) : [];
  }

  /** A page's groups of areas (`groups=`: a CSV of area code and group name), each made one area. */
  async fromFile(url) {
    const c = await this.ready();
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin' });
    } catch (e) {
      throw new Error(`could not load ${url}: ${e.message}. Check the address and that the server allows it.`);
    }
    if (!res.ok) throw new Error(`could not load ${url}: the server answered ${res.status} ${res.statusText}. Check the file is published at that address.`);
    const text = await res.text();
    this.host._call(() => c.groups(text, url));
    this.changed();
  }

  /** A new map: the areas of the last one are gone. */
  reset() {
    this.combiner = this.made = null;
    this.box.hidden = true;
  }

  /** The areas a link has (`a` pairs), defined again. */
  async restore(texts) {
    const c = await this.ready();
    for (const t of texts) this.host._call(() => c.restore(t));
    this.changed();
  }
}
