// "Show as a table", loaded the first time the table is shown: every area with its value,
// rank and comparison, sortable by column, in step with the selection. The rows and their
// words come from the map; the helpers from the host (so this stays a file of its own).

import { STYLE as TABLES } from './tables.js';

export default class Table {
  constructor(host, box) {
    this.host = host;
    host._style(TABLES);
    this.box = box;
    this.sort = { key: 'rank', dir: 1 };
  }

  render() {
    if (this.box.hidden) return;
    const host = this.host;
    const el = host._el;
    const t = host._map.answer('table');
    const { key, dir } = this.sort;
    const cmp = {
      name: (a, b) => a.name.localeCompare(b.name, 'en-GB'),
      value: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
      rank: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
    }[key];
    t.rows.sort((a, b) => dir * cmp(a, b) || a.name.localeCompare(b.name, 'en-GB'));
    const table = el('table');
    table.append(el('caption', {}, t.caption));
    const head = el('tr');
    for (const [k, label] of [['name', t.area], ['value', t.value], ['rank', 'Rank']]) {
      const th = el('th', { scope: 'col' });
      if (k === key) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      const b = el('button', { type: 'button' }, label);
      b.addEventListener('click', () => host._safe(() => {
        this.sort = { key: k, dir: this.sort.key === k ? -this.sort.dir : 1 };
        this.render();
        this.box.querySelector('th[aria-sort] button')?.focus();
      }));
      th.append(b);
      head.append(th);
    }
    if (t.compared) head.append(el('th', { scope: 'col' }, 'Compared with England'));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const picked = host._parts.loaded?.own?.picked() ?? [];
    for (const r of t.rows) {
      const tr = el('tr', { 'data-code': r.code });
      const th = el('th', { scope: 'row' });
      // A tick box picks the area to be made one area of one's own (as a shift-click does).
      const tick = el('input', { type: 'checkbox', 'aria-label': `Pick ${r.name} to make one area of your own` });
      tick.checked = picked.includes(r.code);
      tick.addEventListener('change', () => host._part('own').then((o) => o.pick(r.code)).catch((e) => host._fail(e)));
      th.append(tick);
      const b = el('button', { type: 'button' }, r.name);
      b.addEventListener('click', () => host._safe(() => {
        host.select(r.code === host._view.selected ? null : r.code);
        this.box.querySelector(`tr[data-code="${CSS.escape(r.code)}"] button`)?.focus();
      }));
      th.append(b);
      tr.append(th, el('td', { class: 'num' }, r.valueText), el('td', {}, r.rankText));
      if (t.compared) tr.append(el('td', {}, r.comparison));
      body.append(tr);
    }
    // Areas of one's own follow, unranked: each indicator added up by its own rule.
    for (const r of host._parts.loaded?.own?.rows() ?? []) {
      const tr = el('tr', { 'data-code': r.code, class: 'own' });
      const th = el('th', { scope: 'row' });
      const b = el('button', { type: 'button' }, r.name);
      b.addEventListener('click', () => host._part('own').then((o) => o.profile(r.name)).catch((e) => host._fail(e)));
      th.append(b);
      tr.append(th, el('td', { class: 'num' }, r.valueText), el('td', {}, r.rankText));
      if (t.compared) tr.append(el('td', {}, r.comparison));
      body.append(tr);
    }
    table.append(thead, body);
    this.box.replaceChildren(table);
    this.mark(host._view.selected);
  }

  /** The selected area's row, marked. */
  mark(code) {
    for (const tr of this.box.querySelectorAll('tbody tr')) {
      if (tr.dataset.code === code) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }
}
