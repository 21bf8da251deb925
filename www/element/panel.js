// The "Map options" panel, loaded the first time it is opened: each control shows one
// setting of the view and changes only that setting; all are drawn again from the view
// after every change, so what they show is what the map draws. It imports nothing of the
// element's (its helpers come from the host), so it stays one file of its own.

const STYLE = `
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
.controls label { display: block; font-weight: 700; margin-bottom: 4px; font-size: 0.9375em; }
.controls input[type=text] { font: inherit; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; width: 12em; max-width: 100%; }
.need { border: 0; padding: 0; margin: 8px 0; min-width: 0; }
.need legend { font-weight: 700; }
.need label { display: flex; gap: 8px; align-items: center; margin: 0 0 4px; flex-wrap: wrap; }
.need input[type=number] { font: inherit; width: 4.5em; min-height: 32px; border: 2px solid #0b0c0c; }
.need input[type=checkbox] { width: 20px; height: 20px; accent-color: #0b0c0c; }
.control-error:empty { display: none; }
.control-error { color: #d4351c; font-weight: 700; margin: 4px 0; }
.ranked { margin: 8px 0 0; padding-left: 2em; font-size: 0.9375em; }
`;

const MODES = [['choropleth', 'Shade by value'], ['bivariate', 'Two indicators'], ['need', 'Need index']];
const CLASSIFICATIONS = [['quantile', 'Quantiles'], ['equal', 'Equal intervals'], ['jenks', 'Natural breaks (Jenks)'],
  ['custom', 'Custom breaks'], ['benchmark', 'Compare with a benchmark']];


export default class Panel {
  constructor(host) {
    this.host = host;
    host._style(STYLE);
    const el = host._el;
    const select = (pairs = []) => {
      const s = el('select');
      for (const [v, t] of pairs) s.append(el('option', { value: v }, t));
      return s;
    };
    const id = host._id;
    this.box = el('div');
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
    this.palette = select([['', 'Default'], ...host._map.answer('palettes').map(([pid, label, safe]) => [pid, `${label}${safe ? ' (colour-blind safe)' : ' (not colour-blind safe)'}`])]);
    this.benchmark = select([['england', 'England'], ['city', 'the city']]);
    this.period = select();
    this.since = select();
    this.change = select([['percent', 'Percentage change'], ['absolute', 'Change in the values']]);
    this.scale = select([['period', "Each period's own"], ['fixed', 'The same in every period']]);
    this.second = select();
    this.labels = select([['auto', 'Up to 40 areas'], ['on', 'Always'], ['off', 'Never']]);
    // A change view's period is two ("mid-2015..mid-2020"): the period control is its end.
    const range = () => (host._view.period ?? '').split('..');
    this.fields = {
      mode: field('Shading', this.mode, (mode) => ({ mode })),
      classification: field('Classes by', this.classification, (classification) => ({ classification })),
      classes: field('Number of classes', this.classes, (classes) => ({ classes })),
      breaks: field('Breaks (upper bounds)', this.breaks, (breaks) => ({ breaks })),
      palette: field('Colours', this.palette, (palette) => ({ palette })),
      benchmark: field('Compare with', this.benchmark, (benchmark) => ({ benchmark })),
      period: field('Period', this.period, (period) => ({ period: range().length === 2 ? `${range()[0]}..${period}` : period })),
      since: field('Change since', this.since, (from) => ({ period: from ? `${from}..${this.period.value}` : this.period.value })),
      change: field('Change as', this.change, (change) => ({ change })),
      scale: field('Classes', this.scale, (scale) => ({ scale })),
      labels: field('Names on the map', this.labels, (labels) => ({ labels })),
      // The second indicator completes the pair whose first is the picker's.
      second: field('Second indicator', this.second, (second) => ({ bivariate: [host._view.bivariate?.[0] ?? host._view.indicator, second] })),
    };
    this.need = el('fieldset', { class: 'need', hidden: '' });
    this.ranked = el('div');
    this.error = el('p', { class: 'control-error', role: 'alert' });
    this.box.append(row, this.need, this.ranked, this.error);
  }

  /** A change from a control: a bad entry is explained beside it, and the map stays. */
  set(partial) {
    this.error.textContent = '';
    this.host.setView(partial).catch((e) => { this.error.textContent = e.message; });
  }

  /** Every control drawn from the view. */
  render(view) {
    const el = this.host._el;
    const inds = this.host._picker.indicators ?? [];
    const onLayer = inds.filter((i) => i.layer === view.layer);
    const pair = view.bivariate ?? [];
    this.fields.mode.hidden = inds.length === 0;
    this.mode.value = view.mode;
    this.classification.value = view.classification;
    this.classes.value = String(view.classes);
    // Not while someone types in it (their text is theirs until they change it).
    if (this.host.shadowRoot.activeElement !== this.breaks) this.breaks.value = view.breaks.join(', ');
    this.palette.value = view.palette ?? '';
    this.benchmark.value = view.benchmark;
    const ind = inds.find((i) => i.id === view.indicator);
    const periods = ind?.periods ?? [];
    if (this.period.dataset.of !== view.indicator) {
      this.period.dataset.of = view.indicator ?? '';
      this.period.replaceChildren(...periods.map((p) => el('option', { value: p }, p)));
      this.since.replaceChildren(el('option', { value: '' }, 'No change shown'), ...periods.map((p) => el('option', { value: p }, p)));
    }
    const [from, to] = (view.period ?? '').split('..');
    this.period.value = to ?? from ?? periods[periods.length - 1] ?? '';
    if (!view.period) this.period.value = periods[periods.length - 1] ?? '';
    this.since.value = to === undefined ? '' : from;
    this.change.value = view.change;
    this.scale.value = view.scale;
    this.labels.value = view.labels;
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
    f.since.hidden = f.period.hidden;
    f.change.hidden = f.period.hidden || to === undefined;
    f.scale.hidden = f.period.hidden || to !== undefined;
    f.second.hidden = view.mode !== 'bivariate';
    this.need.hidden = view.mode !== 'need';
    this.renderNeed(view, onLayer);
    this.renderRanked(view);
  }

  /** The need index's indicators and weights, as ticks and numbers. */
  renderNeed(view, onLayer) {
    const el = this.host._el;
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
  renderRanked(view) {
    const el = this.host._el;
    this.ranked.replaceChildren();
    if (view.mode !== 'need') return;
    const host = this.host;
    const rows = host._map.answer('table').rows.filter((r) => r.rank).sort((a, b) => a.rank - b.rank);
    const method = host._map.answer('indicators').find((i) => i.id === 'need_index')?.description ?? '';
    this.ranked.append(el('h3', {}, `Areas ranked by need (${rows.length} ${host._words.noun})`));
    const ol = el('ol', { class: 'ranked' });
    for (const r of rows) ol.append(el('li', {}, `${r.name}: ${r.valueText}`));
    this.ranked.append(ol, el('p', { class: 'method' }, method));
  }
}
