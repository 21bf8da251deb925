// The iframe page: takes every attribute the element takes (the element's own list) from the
// query string and shows one <needs-map>. Only same-origin URLs are accepted for data, so the
// page cannot be pointed at another site's files.
import { ATTRIBUTES } from './needs-map.js';

const params = new URLSearchParams(location.search);
const map = document.createElement('needs-map');
for (const name of ATTRIBUTES) {
  const v = params.get(name);
  if (v === null) continue;
  if ((name === 'bundle' || name === 'boundaries') && new URL(v, location.href).origin !== location.origin) continue;
  map.setAttribute(name, v);
}
if (!map.hasAttribute('bundle') && !map.hasAttribute('boundaries')) map.setAttribute('bundle', 'data/coventry.json');
const h1 = document.querySelector('h1');
h1.textContent = 'Map of need';
h1.className = 'visually-hidden';
// The default map's figure (written by make dist, shown without scripts) waits inside the
// element until the map is ready; for any other map it goes.
const figure = document.querySelector('main figure');
const view = [...params.keys()].filter((k) => ATTRIBUTES.includes(k));
const byDefault = map.getAttribute('bundle') === 'data/coventry.json' && view.every((k) => k === 'bundle' || (k === 'indicator' && params.get(k) === 'imd_score'));
if (figure && byDefault) map.append(figure);
else figure?.remove();
document.querySelector('main').append(map);
// Tell a parent page how tall the content is, so it can size the iframe.
new ResizeObserver(() => parent.postMessage({ needsMapHeight: document.documentElement.scrollHeight }, '*')).observe(document.body);
