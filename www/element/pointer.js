// Pointer and keys on the map. Hover shows a tooltip; a click or tap selects; a drag pans and
// two fingers pinch when zoomed in. The map is one tab stop: arrow keys move to the
// neighbouring area that way, Home and End to the highest and lowest value, Enter selects,
// Escape clears, + and - zoom about the focused area, 0 shows the whole map. Each move is
// announced. What is where comes from the map; this only translates events.

export class Pointer {
  constructor(host, canvas, tip) {
    this.host = host;
    this.canvas = canvas;
    this.tip = tip;
    /** The area with the keyboard's focus (drawn with a focus ring), or null. */
    this.focus = null;
    this.pointers = new Map();
    this.dragged = false;
    const safe = (f) => (e) => host._safe(() => f(e));
    canvas.addEventListener('pointerdown', safe((e) => this.down(e)));
    canvas.addEventListener('pointermove', safe((e) => this.move(e)));
    for (const t of ['pointerup', 'pointercancel']) canvas.addEventListener(t, (e) => this.pointers.delete(e.pointerId));
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') this.tip.hidden = true; });
    canvas.addEventListener('click', safe((e) => this.click(e)));
    canvas.addEventListener('keydown', safe((e) => this.key(e)));
    canvas.addEventListener('focus', safe(() => this.focusArea(this.focus ?? host._view?.selected ?? host._map?.extreme(true))));
    canvas.addEventListener('blur', () => { this.tip.hidden = true; this.focus = null; host._draw(); });
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  down(e) {
    this.pointers.set(e.pointerId, this.point(e));
    this.dragged = false;
    if (this.host._view.zoom > 1 || this.pointers.size > 1) this.canvas.setPointerCapture?.(e.pointerId);
  }

  move(e) {
    const host = this.host;
    if (!host._map) return;
    const p = this.point(e);
    const prev = this.pointers.get(e.pointerId);
    if (prev && this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const other = a === prev ? b : a;
      const before = Math.hypot(prev[0] - other[0], prev[1] - other[1]);
      const after = Math.hypot(p[0] - other[0], p[1] - other[1]);
      this.pointers.set(e.pointerId, p);
      if (before > 0) { this.dragged = true; host._change(() => host._map.zoomBy(after / before, undefined)); }
      return;
    }
    if (prev && (e.buttons & 1) && host._view.zoom > 1) {
      const dx = p[0] - prev[0], dy = p[1] - prev[1];
      if (this.dragged || Math.hypot(dx, dy) > 4) {
        this.dragged = true;
        this.pointers.set(e.pointerId, p);
        host._change(() => host._map.panBy(dx, dy));
      }
      return;
    }
    this.hover(p);
  }

  hover([x, y]) {
    const map = this.host._map;
    const service = map.serviceAt(x, y);
    const code = service ? null : map.areaAt(x, y);
    if (!service && !code) { this.tip.hidden = true; return; }
    this.showTip((service ? map.serviceText(service) : map.describe(code)) ?? '', x, y);
  }

  showTip(text, x, y) {
    this.tip.textContent = text;
    this.tip.hidden = false;
    const w = this.canvas.clientWidth;
    this.tip.style.left = `${Math.max(0, Math.min(w - this.tip.offsetWidth, x + 12))}px`;
    this.tip.style.top = `${Math.max(0, y + 16)}px`;
  }

  click(e) {
    if (this.dragged) { this.dragged = false; return; }
    const [x, y] = this.point(e);
    const code = this.host._map.areaAt(x, y) ?? null;
    this.host.select(code && code === this.host._view.selected ? null : code);
  }

  /** Moves the keyboard's focus to an area: announced, kept in view, ringed. */
  focusArea(code) {
    const host = this.host;
    if (!code || !host._map) return;
    this.focus = code;
    host._announce(host._map.describe(code) ?? '');
    host._change(() => host._map.ensureVisible(code));
    host._draw();
    const c = host._map.centre(code);
    if (c) this.showTip(host._map.describe(code) ?? '', c[0], c[1]);
  }

  zoom(factor) {
    const host = this.host;
    host._change(() => host._map.zoomBy(factor, this.focus ?? host._view.selected ?? undefined));
  }

  key(e) {
    const host = this.host;
    const map = host._map;
    const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const from = this.focus ?? host._view.selected ?? map.extreme(true);
    let handled = true;
    if (dirs[e.key]) {
      e.preventDefault();
      // The first arrow waits for the layer's neighbours (found on first use).
      host._neighbours().then(() => host._safe(() => {
        const to = from && map.step(from, dirs[e.key]);
        if (to) this.focusArea(to);
        else if (from) host._announce(`${map.areaName(from) ?? from}: no area that way`);
      }), (err) => host._fail(err));
    } else if (e.key === 'Home') this.focusArea(map.extreme(true));
    else if (e.key === 'End') this.focusArea(map.extreme(false));
    else if (e.key === 'Enter' || e.key === ' ') { if (this.focus) host.select(this.focus); }
    else if (e.key === 'Escape') host.select(null);
    else if (e.key === '+' || e.key === '=') this.zoom(1.5);
    else if (e.key === '-' || e.key === '_') this.zoom(1 / 1.5);
    else if (e.key === '0') host.setView({ zoom: 1 });
    else handled = false;
    if (handled) e.preventDefault();
  }
}
