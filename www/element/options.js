// The indicator picker and the "Map options" panel. Each control shows one setting of the
// view and changes only that setting; all are drawn again from the view after every change,
// so what they show is what the map draws.

import { el } from './dom.js';

const MODES = [['choropleth', 'Shade by value'], ['bivariate', 'Two indicators'], ['need', 'Need index']];
const CLASSIFICATIONS = [['quantile', 'Quantiles'], ['equal', 'Equal intervals'], ['jenks', 'Natural breaks (Jenks)'],
  ['custom', 'Custom breaks'], ['benchmark', 'Compare with a benchmark']];

function select(pairs = []) {
  const s = el('select');
  for (const [v, t] of pairs) s.append(el('option', { value: v }, t));
  return s;
}

export class Options {
  constructor(host) {
    this.host = host;
    const id = host._id;
    // The picker, above the map.
    this.pick = el('div', { class: 'pick' });
    this.picker = el('select', { id: `${id}-ind` });
    this.pick.append(el('label', { for: this.picker.id }, 'Indicator'), this.picker);
    this.picker.addEventListener('change', () => {
      const v = this.picker.value;
      const view = host._view;
      this.set(view.mode === 'bivariate' ? { bivariate: [v, view.bivariate?.[1] ?? v] } : { indicator: v });
    });
    // The panel.
    this.panel = el('details', { class: 'options-panel' });
    this.panel.append(el('summary', {}, 'Map options'));
    const row = el('div', { class: 'controls' });
    // Each control changes its one setting (`partial` makes it of the control's value).
    const field = (label, control, partial) => {
      const w = el('div');
      control.id = `${id}-${label.replace(/\W+/g, '-').toLowerCase()}`;
      w.append(el('label', { for: control.id }, label), control);
      row.append(w);
      control.addEventListener('change', () => this.set(partial(control.value)));
      return w;
    };
    this.mode = select(MODES);
    this.classification = select(CLASSIFICATIONS);
    this.classes = select([3, 4, 5, 6, 7, 8, 9].map((k) => [String(k), String(k)]));
    this.breaks = el('input', { type: 'text', inputmode: 'decimal', placeholder: '10, 20, 30' });
    this.palette = select();
    this.benchmark = select([['england', 'England'], ['city', 'the city']]);
    this.period = select();
    this.second = select();
    this.fields = {
      mode: field('Shading', this.mode, (mode) => ({ mode })),
      classification: field('Classes by', this.classification, (classification) => ({ classification })),
      classes: field('Number of classes', this.classes, (classes) => ({ classes })),
      breaks: field('Breaks (upper bounds)', this.breaks, (breaks) => ({ breaks })),
      palette: field('Colours', this.palette, (palette) => ({ palette })),
      benchmark: field('Compare with', this.benchmark, (benchmark) => ({ benchmark })),
      period: field('Period', this.period, (period) => ({ period })),
      // The second indicator completes the pair whose first is the picker's.
      second: field('Second indicator', this.second, (second) => ({ bivariate: [host._view.bivariate?.[0] ?? this.picker.value, second] })),
    };
    this.need = el('fieldset', { class: 'need', hidden: '' });
    this.ranked = el('div');
    this.error = el('p', { class: 'control-error', role: 'alert' });
    this.panel.append(row, this.need, this.ranked, this.error);
  }

  /** A change from a control: a bad entry is explained beside it, and the map stays. */
  set(partial) {
    this.error.textContent = '';
    this.host.setView(partial).catch((e) => { this.error.textContent = e.message; });
  }

  /** The lists of the data's indicators and palettes, once a map is loaded. */
  fill(indicators, palettes) {
    this.indicators = indicators.filter((i) => i.id !== 'need_index');
    this.picker.replaceChildren();
    const groups = new Map();
    // Grouped by the strategy's framework, in its order; the layer is named when there are several.
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
    this.pick.hidden = groups.size === 0;
    this.fields.mode.hidden = groups.size === 0;
    this.palette.replaceChildren(el('option', { value: '' }, 'Default'),
      ...palettes.map(([id, label, safe]) => el('option', { value: id }, `${label}${safe ? ' (colour-blind safe)' : ' (not colour-blind safe)'}`)));
    this.needLayer = null;
  }

  /** Every control drawn from the view. */
  render(view) {
    const inds = this.indicators ?? [];
    const onLayer = inds.filter((i) => i.layer === view.layer);
    const pair = view.bivariate ?? [];
    this.picker.value = view.mode === 'bivariate' ? pair[0] ?? '' : view.indicator ?? '';
    this.pick.hidden = inds.length === 0 || view.mode === 'need';
    this.mode.value = view.mode;
    this.classification.value = view.classification;
    this.classes.value = String(view.classes);
    if (document.activeElement !== this.host && this.host.shadowRoot.activeElement !== this.breaks) this.breaks.value = view.breaks.join(', ');
    this.palette.value = view.palette ?? '';
    this.benchmark.value = view.benchmark;
    const ind = inds.find((i) => i.id === view.indicator);
    const periods = ind?.periods ?? [];
    if (this.period.dataset.of !== view.indicator) {
      this.period.dataset.of = view.indicator ?? '';
      this.period.replaceChildren(...periods.map((p) => el('option', { value: p }, p)));
    }
    this.period.value = view.period ?? '';
    this.second.replaceChildren(...onLayer.map((i) => el('option', { value: i.id }, i.label)));
    this.second.value = pair[1] ?? '';
    const f = this.fields;
    const choropleth = view.mode === 'choropleth';
    const classed = view.mode !== 'bivariate';
    const benchmark = view.classification === 'benchmark';
    f.classification.hidden = !classed;
    f.classes.hidden = !classed || benchmark || view.classification === 'custom';
    f.breaks.hidden = !classed || view.classification !== 'custom';
    f.palette.hidden = !classed || benchmark;
    f.benchmark.hidden = !choropleth || !benchmark;
    f.period.hidden = !choropleth || periods.length < 2;
    f.second.hidden = view.mode !== 'bivariate';
    this.need.hidden = view.mode !== 'need';
    this.renderNeed(view, onLayer);
    this.renderRanked();
  }

  /** The need index's indicators and weights, as ticks and numbers. */
  renderNeed(view, onLayer) {
    if (view.mode !== 'need') return;
    const chosen = view.needIndex;
    const key = `${view.layer}|${JSON.stringify(chosen)}`;
    if (this.needKey === key) return;
    this.needKey = key;
    this.need.replaceChildren(el('legend', {}, 'Indicators in the need index, with weights'));
    const boxes = [];
    for (const ind of onLayer) {
      const label = el('label');
      const box = el('input', { type: 'checkbox', value: ind.id });
      box.checked = ind.id in chosen;
      const w = el('input', { type: 'number', min: '0.1', step: '0.1', value: String(chosen[ind.id] ?? 1), 'aria-label': `Weight of ${ind.label}` });
      label.append(box, document.createTextNode(ind.label), w);
      this.need.append(label);
      boxes.push([box, w]);
    }
    const apply = () => {
      const weights = {};
      for (const [box, w] of boxes) if (box.checked) weights[box.value] = w.value || '1';
      if (!Object.keys(weights).length) {
        this.error.textContent = 'Choose at least one indicator for the need index.';
        return;
      }
      this.set({ needIndex: weights });
    };
    for (const [box, w] of boxes) for (const c of [box, w]) c.addEventListener('change', apply);
  }

  /** The need index's ranked list and method. */
  renderRanked() {
    this.ranked.replaceChildren();
    const ranking = this.host._map?.needRanking();
    if (!ranking) return;
    const [method, rows] = ranking;
    this.ranked.append(el('h3', {}, `Areas ranked by need (${rows.length} ${this.host._words.noun})`));
    const ol = el('ol', { class: 'ranked' });
    for (const r of rows) ol.append(el('li', {}, `${r.name}: ${r.valueText}`));
    this.ranked.append(ol, el('p', { class: 'method' }, method));
  }
}
