// The view's settings as the page gives them: attributes, and links (history="fragment").
// Both are read into the one view the map keeps (its `setView`), and the fragment is written
// from it; this file only knows their names.

/** Attributes that are settings of the view, with the view's names for them. */
export const SETTINGS = {
  layer: 'layer', indicator: 'indicator', period: 'period', mode: 'mode', classification: 'classification',
  classes: 'classes', breaks: 'breaks', palette: 'palette', benchmark: 'benchmark', bivariate: 'bivariate',
  'need-index': 'needIndex', selected: 'selected', services: 'services', zoom: 'zoom', centre: 'centre',
  change: 'change', scale: 'scale', labels: 'labels',
};

/** Attributes that name the map's files and words: a change loads the map again. */
export const LOADS = ['bundle', 'boundaries', 'data', 'attribution', 'code-field', 'name-field', 'groups'];

/** Every attribute the element takes: its data, the settings, and how it is shown. */
export const ATTRIBUTES = [...LOADS, ...Object.keys(SETTINGS), 'height', 'postcode', 'history'];

/** The settings among `names` (default: every one present) as a partial view of attribute text. */
export function fromAttributes(el, names = Object.keys(SETTINGS)) {
  const partial = {};
  for (const name of names) {
    if (SETTINGS[name] && el.hasAttribute(name)) partial[SETTINGS[name]] = el.getAttribute(name);
  }
  return partial;
}

/** Whether this widget keeps its view in the URL's fragment, under its id (only then is the
 * link's text asked of the map). */
export function linked(el) {
  return el.getAttribute('history') === 'fragment' && !!el.id;
}

/** This widget's pairs in the fragment (`[[key, value], ...]`), or null. */
export function readFragment(el) {
  if (!linked(el)) return null;
  const raw = new URLSearchParams(location.hash.slice(1)).get(el.id);
  return raw ? [...new URLSearchParams(raw)] : null;
}

/** Writes this widget's pairs into the fragment, beside other widgets' views. */
export function writeFragment(el, pairs) {
  const all = new URLSearchParams(location.hash.slice(1));
  all.set(el.id, new URLSearchParams(pairs).toString());
  const hash = `#${all.toString()}`;
  if (hash !== location.hash) history.replaceState(history.state, '', hash);
}

/**
 * Settings as the map reads them: `[[name, text], ...]`, each value written as its attribute
 * would be (lists with commas, the need index as "id:weight,..."), so that the view's own
 * values, attribute text and a control's value all read alike.
 */
export function asText(partial) {
  const text = (v) => {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.join(',');
    if (typeof v === 'object') return Object.entries(v).map(([id, w]) => `${id}:${w}`).join(',');
    return String(v);
  };
  return JSON.stringify(Object.entries(partial ?? {}).map(([k, v]) => [k, text(v)]));
}
