// "Services on the map": a toggle per kind (its symbol drawn by the map's painter). The
// services inside the selected area are listed by inside.js, loaded when first needed.

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

  /** The toggles, drawn from the view. */
  render(view) {
    for (const b of this.box.querySelectorAll('input')) b.checked = view.services.includes(b.value);
  }
}
