// "Services on the map": a toggle per kind (its symbol drawn by the map's painter), and for
// the selected area the services shown inside it, as buttons a keyboard reaches and a
// screen reader announces; the one focused is ringed on the map.

import { el } from './dom.js';
import { painted } from './legend.js';
import { NeedsMap } from '../pkg/needs_map.js';

export class Services {
  constructor(host) {
    this.host = host;
    this.box = el('fieldset', { class: 'services', hidden: '' });
    this.inArea = el('div', { class: 'in-area' });
    this.ringed = null;
  }

  /** The toggles for the bundle's kinds. */
  fill(kinds) {
    this.box.replaceChildren();
    this.box.hidden = kinds.length === 0;
    if (!kinds.length) return;
    this.box.append(el('legend', {}, 'Services on the map'));
    for (const k of kinds) {
      const label = el('label');
      const box = el('input', { type: 'checkbox', value: k.id });
      box.addEventListener('change', () => this.host._safe(() => {
        const shown = [...this.box.querySelectorAll('input:checked')].map((b) => b.value);
        this.host.setView({ services: shown }).catch((e) => this.host._fail(e));
      }));
      label.append(box, painted(18, 18, (ctx, dpr) => NeedsMap.drawSymbol(ctx, k.shape, k.color, dpr)), document.createTextNode(`${k.label} (${k.count})`));
      this.box.append(label);
    }
  }

  /** The toggles and the selected area's list, drawn from the view. */
  render(view) {
    for (const b of this.box.querySelectorAll('input')) b.checked = view.services.includes(b.value);
    this.inArea.replaceChildren();
    const code = view.selected;
    const host = this.host;
    const inside = code && view.services.length ? host._map.servicesIn(code) : [];
    if (!inside.length) return;
    const name = host._map.areaName(code) ?? code;
    const ul = el('ul');
    for (const s of inside) {
      const b = el('button', { type: 'button', 'data-key': s.key }, s.text);
      const show = () => host._safe(() => { this.ringed = s.key; host._announce(s.text); host._draw(); });
      b.addEventListener('focus', show);
      b.addEventListener('click', show);
      b.addEventListener('blur', () => host._safe(() => { this.ringed = null; host._draw(); }));
      const li = el('li');
      li.append(b);
      ul.append(li);
    }
    this.inArea.append(el('h3', {}, `Services shown in ${name} (${inside.length})`), ul);
  }
}
