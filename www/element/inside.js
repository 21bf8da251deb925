// The services shown inside the selected area, loaded when first listed: buttons a keyboard
// reaches and a screen reader announces; the one focused is ringed on the map.

export default class Inside {
  constructor(host) {
    this.host = host;
    this.services = host._services;
  }

  render(view) {
    const host = this.host;
    const el = host._el;
    const box = this.services.inArea;
    box.replaceChildren();
    const code = view.selected;
    const inside = code && view.services.length ? host._map.answer('servicesIn', code) : [];
    if (!inside.length) return;
    const name = host._map.answer('areaName', code) ?? code;
    const ul = el('ul');
    for (const s of inside) {
      const b = el('button', { type: 'button', 'data-key': s.key }, s.text);
      const show = () => host._safe(() => { this.services.ringed = s.key; host._announce(s.text); host._draw(); });
      b.addEventListener('focus', show);
      b.addEventListener('click', show);
      b.addEventListener('blur', () => host._safe(() => { this.services.ringed = null; host._draw(); }));
      const li = el('li');
      li.append(b);
      ul.append(li);
    }
    box.append(el('h3', {}, `Services shown in ${name} (${inside.length})`), ul);
  }
}
