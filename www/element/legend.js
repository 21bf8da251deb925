// The legend: its heading, a swatch and words for each class (with the count of areas),
// the 3x3 square of a bivariate map, and the note on how the colours were chosen. The words
// and the swatches (patterns included) come from the map: the exported picture lists the same.

import { el } from './dom.js';
import { NeedsMap } from '../pkg/needs_map.js';

/** A small decorative canvas drawn by the map's own painter (a legend swatch, a service symbol). */
export function painted(w, h, draw) {
  const dpr = window.devicePixelRatio || 1;
  const c = el('canvas', { width: String(Math.round(w * dpr)), height: String(Math.round(h * dpr)), 'aria-hidden': 'true' });
  c.style.width = `${w}px`;
  c.style.height = `${h}px`;
  draw(c.getContext('2d'), dpr);
  return c;
}

export function renderLegend(box, legend) {
  box.replaceChildren();
  if (!legend.entries.length) return;
  box.append(el('p', {}, legend.title));
  if (legend.kind === 'bivariate') {
    // The square: second indicator up, first across; its cells are named in the list below.
    const grid = el('div', { class: 'bivar', 'aria-hidden': 'true' });
    for (const row of [2, 1, 0]) for (const col of [0, 1, 2]) {
      const e = legend.entries[row * 3 + col];
      const c = el('span', { title: e.label });
      c.style.background = e.color;
      grid.append(c);
    }
    box.append(grid);
  }
  const ul = el('ul');
  for (const e of legend.entries) {
    const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.backgroundColor = e.color;
    // A pattern is drawn by the map's painter (the hatching the map and exports draw); a
    // plain colour is the box's own (a canvas for each would be most of a re-shade's work).
    if (e.pattern) sw.append(painted(24, 16, (ctx, dpr) => NeedsMap.drawSwatch(ctx, e.color, e.pattern, 24, 16, dpr)));
    const li = el('li');
    li.append(sw, el('span', {}, `${e.label}${e.pattern ? `, ${e.pattern}` : ''} (${e.areas})`));
    ul.append(li);
  }
  box.append(ul);
  if (legend.note) box.append(el('div', { class: 'method' }, legend.note));
}
