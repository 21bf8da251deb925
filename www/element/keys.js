// The keys on the map, loaded when it first has the focus. The map is one tab stop: arrow
// keys move to the neighbouring area that way, Home and End to the highest and lowest value,
// Enter selects, Shift+Enter picks areas to be made one area of one's own, Escape clears,
// + and - zoom about the focused area, 0 shows the whole map.
// Each move is announced.

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
    else if (e.key === 'Escape') host.select(null);
    else if (e.key === '+' || e.key === '=') this.zoom(1.5);
    else if (e.key === '-' || e.key === '_') this.zoom(1 / 1.5);
    else if (e.key === '0') host.setView({ zoom: 1 });
    else handled = false;
    if (handled) e.preventDefault();
  }
}
