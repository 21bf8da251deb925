// The pointer on the map: hover shows a tooltip; a click or tap selects; a drag pans and two
// fingers pinch when zoomed in. (The keys are keys.js, loaded when the map has the focus.)
// What is where comes from the map; this only translates events.

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
    // The keys are a part of their own (keys.js), loaded when the map first has the focus;
    // a key pressed before it arrives waits for it.
    canvas.addEventListener('keydown', (e) => host._safe(() => {
      const keys = host._parts.loaded?.keys;
      if (keys) return keys.key(e);
      if (/^(Arrow|Home|End|Enter|Escape| |\+|=|-|_|0)/.test(e.key)) e.preventDefault();
      host._part('keys').then((k) => host._safe(() => k.key(e)), (err) => host._fail(err));
    }));
    canvas.addEventListener('focus', () => host._safe(() => host._part('keys').then((k) => host._safe(() => k.focused()), (err) => host._fail(err))));
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
    this.showTip((service ? map.answer('serviceText', service) : map.answer('describe', code)) ?? '', x, y);
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
    // Shift-click picks areas to be made one area of one's own.
    if (e.shiftKey && code) this.host._part('own').then((o) => o.pick(code)).catch((err) => this.host._fail(err));
    else this.host.select(code && code === this.host._view.selected ? null : code);
  }

  zoom(factor) {
    const host = this.host;
    host._change(() => host._map.zoomBy(factor, this.focus ?? host._view.selected ?? undefined));
  }
}
