// The indicator picker above the map: it shows the view's indicator (or, in bivariate mode,
// the pair's first) and changes that setting only. Grouped by the strategy's framework.

import { el } from './dom.js';

export class Picker {
  constructor(host) {
    this.host = host;
    this.pick = el('div', { class: 'pick' });
    this.picker = el('select', { id: `${host._id}-ind` });
    this.pick.append(el('label', { for: this.picker.id }, 'Indicator'), this.picker);
    this.picker.addEventListener('change', () => {
      const v = this.picker.value;
      const view = host._view;
      host._setFromControl(view.mode === 'bivariate' ? { bivariate: [v, view.bivariate?.[1] ?? v] } : { indicator: v });
    });
  }

  /** The data's indicators, grouped by the framework, once a map is loaded. */
  fill(indicators) {
    this.indicators = indicators.filter((i) => i.id !== 'need_index');
    this.picker.replaceChildren();
    const groups = new Map();
    // The layer is named when there are several.
    const multiLayer = new Set(this.indicators.map((i) => i.layer)).size > 1;
    for (const ind of this.indicators) {
      if (!groups.has(ind.frameworkLabel)) {
        const g = el('optgroup', { label: ind.frameworkLabel });
        groups.set(ind.frameworkLabel, g);
        this.picker.append(g);
      }
      const said = [ind.period, multiLayer ? ind.layerLabel : ''].filter(Boolean).join(', ');
      groups.get(ind.frameworkLabel).append(el('option', { value: ind.id }, said ? `${ind.label} (${said})` : ind.label));
    }
  }

  render(view) {
    this.picker.value = view.mode === 'bivariate' ? view.bivariate?.[0] ?? '' : view.indicator ?? '';
    this.pick.hidden = !this.indicators?.length || view.mode === 'need';
  }
}
