// The keys on the map, loaded when it first has the focus. The map is one tab stop: arrow
// keys move to the neighbouring area that way; n and b (N and B back) to the next area
// significantly worse or better than England, ] and [ to the next by rank (the order comes
// from the extra module's `nextArea`, over the table's rows); Home and End to the highest and
// lowest value; Enter selects, Shift+Enter picks areas to be made one area of one's own,
// Escape clears, + and - zoom about the focused area, 0 shows the whole map, and ? lists the
// keys in a dialog (the GOV.UK pattern: focus inside, back on the map when it closes).
// Each move is announced.

/** Every key, as the dialog lists it. */
const KEYS = [
  ['Arrow keys', 'the neighbouring area in that direction'],
  ['n, Shift+n', 'the next, previous area significantly worse than England'],
  ['b, Shift+b', 'the next, previous area significantly better than England'],
  [']  and  [', 'the next, previous area by rank (the worst first)'],
  ['Home, End', 'the area with the highest, lowest value'],
  ['Enter', 'select the area (its profile follows the map)'],
  ['Shift+Enter', 'pick the area to make one area of your own (Shift+click does the same)'],
  ['Escape', 'clear the selection'],
  ['+, -', 'zoom in, out about the area'],
  ['0', 'show the whole map'],
  ['?', 'this list'],
];

/** The moves by meaning: the key, what it goes between, and whether backwards. */
const MOVES = { n: ['worse', false], N: ['worse', true], b: ['better', false], B: ['better', true], ']': ['rank', false], '[': ['rank', true] };

const STYLE = `
dialog.keys { max-width: min(36em, 90vw); border: 3px solid #0b0c0c; padding: 16px; }
dialog.keys::backdrop { background: rgba(11, 12, 12, 0.6); }
dialog.keys h2 { margin-top: 0; font-size: 1.25em; }
dialog.keys dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
dialog.keys dt { font-weight: 700; }
dialog.keys dd { margin: 0; }
`;

export default class Keys {
  constructor(host) {
    this.host = host;
    this.pointer = host._pointer;
  }

  /** The map has the focus: the area last focused, the selection, or the highest. */
  focused() {
    const host = this.host;
    if (host.shadowRoot.activeElement !== host._canvas) return;
    this.focusArea(this.pointer.focus ?? host._view?.selected ?? host._map?.answer('extreme', 'highest'));
  }

  /** Moves the keyboard's focus to an area: announced, kept in view, ringed. */
  focusArea(code) {
    const host = this.host;
    if (!code || !host._map) return;
    this.pointer.focus = code;
    host._announce(host._map.answer('describe', code) ?? '');
    host._change(() => host._map.zoomTo(code, true));
    host._draw();
    const c = host._map.answer('centre', code);
    if (c) this.pointer.showTip(host._map.answer('describe', code) ?? '', c[0], c[1]);
  }

  zoom(factor) {
    this.pointer.zoom(factor);
  }

  /** A move by meaning (see MOVES), announced; where there is nowhere to go, why. */
  move(step, back, from) {
    const host = this.host;
    host._extra().then((extra) => host._safe(() => {
      const table = host._map.answer('table');
      const to = extra.nextArea(JSON.stringify(table.rows), from ?? undefined, step, back);
      if (to) return this.focusArea(to);
      host._announce(step === 'rank' ? 'No area has a value to rank.'
        : !table.compared ? 'No area is compared with England: the shown figures have no confidence intervals.'
          : `No area is significantly ${step} than England.`);
    }), (err) => host._fail(err));
  }

  /** The keys, listed in a dialog; Escape or Close returns to the map. */
  list() {
    const host = this.host;
    const el = host._el;
    if (!this.dialog) {
      host._style(STYLE);
      const id = `${host._id}-keys`;
      this.dialog = el('dialog', { class: 'keys', 'aria-labelledby': id });
      const dl = el('dl');
      for (const [k, what] of KEYS) dl.append(el('dt', {}, k), el('dd', {}, what));
      const close = el('button', { type: 'button' }, 'Close');
      close.addEventListener('click', () => this.dialog.close());
      // Back to the map, on the area it was on.
      this.dialog.addEventListener('close', () => { this.pointer.focus = this.back; host._canvas.focus(); });
      this.dialog.append(el('h2', { id }, 'Keys on the map'), dl, close);
      host._mapBox.append(this.dialog);
    }
    this.back = this.pointer.focus;
    this.dialog.showModal();
  }

  key(e) {
    const host = this.host;
    const map = host._map;
    const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const from = this.pointer.focus ?? host._view.selected ?? map.answer('extreme', 'highest');
    let handled = true;
    if (dirs[e.key]) {
      e.preventDefault();
      // The first arrow waits for the layer's neighbours (found on first use).
      host._neighbours().then(() => host._safe(() => {
        const to = from && map.answer('step', `${from} ${dirs[e.key]}`);
        if (to) this.focusArea(to);
        else if (from) host._announce(`${map.answer('areaName', from) ?? from}: no area that way`);
      }), (err) => host._fail(err));
    } else if (e.key === 'Home') this.focusArea(map.answer('extreme', 'highest'));
    else if (e.key === 'End') this.focusArea(map.answer('extreme', 'lowest'));
    else if (e.key === 'Enter' && e.shiftKey) { if (this.pointer.focus) host._part('own').then((o) => o.pick(this.pointer.focus)).catch((err) => host._fail(err)); }
    else if (e.key === 'Enter' || e.key === ' ') { if (this.pointer.focus) host.select(this.pointer.focus); }
    else if (MOVES[e.key]) this.move(...MOVES[e.key], from);
    else if (e.key === '?') this.list();
    else if (e.key === 'Escape') host.select(null);
    else if (e.key === '+' || e.key === '=') this.zoom(1.5);
    else if (e.key === '-' || e.key === '_') this.zoom(1 / 1.5);
    else if (e.key === '0') host.setView({ zoom: 1 });
    else handled = false;
    if (handled) e.preventDefault();
  }
}
