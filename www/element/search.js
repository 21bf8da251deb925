// What "Find a postcode or area" does, loaded when its box is first used: a combobox in the
// GOV.UK autocomplete pattern (arrow keys, Enter, Escape). Postcodes are looked up in the
// bundle's own index: nothing leaves the page. The area found is selected, zoomed to and
// announced. The form itself is the element's (`searchForm`), there from the first frame.

const STYLE = `
.options { position: absolute; z-index: 2; left: 0; right: 0; margin: 0; padding: 0; list-style: none; background: #fff; border: 2px solid #0b0c0c; border-top: 0; max-height: 16em; overflow-y: auto; }
.options li { padding: 6px 8px; cursor: pointer; border-bottom: 1px solid #b1b4b6; }
.options li[aria-selected="true"], .options li:hover { background: #1d70b8; color: #fff; }
`;

export default class Search {
  constructor(host, form) {
    this.host = host;
    host._style(STYLE);
    Object.assign(this, form);
    this.active = -1;
  }

  suggest() {
    const el = this.host._el;
    const t = this.q.value.trim().toLowerCase();
    this.opts.replaceChildren();
    this.active = -1;
    this.q.removeAttribute('aria-activedescendant');
    if (!this.host._map || t.length < 2 || /\d/.test(t)) return this.close();
    const areas = this.host._map.answer('areas');
    const starts = areas.filter((a) => a.name.toLowerCase().startsWith(t));
    const has = areas.filter((a) => !a.name.toLowerCase().startsWith(t) && a.name.toLowerCase().includes(t));
    const found = [...starts, ...has].slice(0, 8);
    found.forEach((a, i) => this.opts.append(el('li', { role: 'option', id: `${this.q.id}-opt-${i}`, 'aria-selected': 'false', 'data-code': a.code }, a.name)));
    this.opts.hidden = found.length === 0;
    this.q.setAttribute('aria-expanded', String(found.length > 0));
  }

  close() {
    this.opts.hidden = true;
    this.q.setAttribute('aria-expanded', 'false');
    this.q.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  key(e) {
    const items = [...this.opts.querySelectorAll('li')];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
      this.q.setAttribute('aria-activedescendant', items[this.active].id);
      items[this.active].scrollIntoView?.({ block: 'nearest' });
    } else if (e.key === 'Enter' && this.active >= 0 && items[this.active]) {
      e.preventDefault();
      this.choose(items[this.active].dataset.code);
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  /** An area chosen by name: selected, zoomed to and described. */
  choose(code) {
    const host = this.host;
    this.q.value = host._map.answer('areaName', code) ?? this.q.value;
    this.close();
    host._showArea(code);
    this.answer.textContent = host._map.answer('describe', code) ?? '';
  }

  submit() {
    const text = this.q.value.trim();
    if (!text || !this.host._map) return;
    const exact = this.host._map.answer('areas').find((a) => a.name.toLowerCase() === text.toLowerCase());
    if (exact && !/\d/.test(text)) return this.choose(exact.code);
    if (this.active < 0 && !/\d/.test(text) && this.opts.querySelector('li')) return this.choose(this.opts.querySelector('li').dataset.code);
    this.close();
    return this.lookup(text);
  }

  /** Looks a postcode up in the bundle's index (no request), shows the answer, selects the area. */
  async lookup(text) {
    const host = this.host;
    const index = await host._postcodeIndex();
    const [postcode, status, i] = index.lookup(text, host._view.layer);
    // The index gives the area's place in the layer, which is its place in `areas()`.
    const a = i == null ? null : host._map.answer('areas')[i];
    const area = a ? { code: a.code, name: a.name } : null;
    if (area) host._showArea(area.code);
    this.answer.textContent = index.answer(postcode, status, area?.name);
    return { postcode, status, area };
  }
}
