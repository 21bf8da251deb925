// Small DOM helpers shared by the element's parts. Text from data only ever becomes text.

/** An element with attributes and text (text only: data never becomes HTML). */
export function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A decorative SVG drawn by the map's own painter (a legend swatch, a service symbol). It
 * carries colours and shapes only, never text from data; parsed as XML, it cannot run script.
 */
export function svgNode(markup) {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}

/** Saves a Blob as a file (an <a download> click; nothing is sent anywhere). */
export function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
