// <needs-map>: the embeddable map of need. One module, one tag:
//
//   <script type="module" src="needs-map.js"></script>
//   <needs-map bundle="data/coventry.json" indicator="imd_score"></needs-map>
//
// The Rust core (pkg/needs_map_bg.wasm) holds the data and the view's state and draws; the
// element (element/) is the glue: it fetches only the URLs it is given, keeps its styles in
// a shadow root, puts every text from data on the page as text (never HTML), and turns every
// failure into a message in the box and a `needs-map:error` event. scripts/build-web.sh
// bundles it into one file, with the parts the first frame does not need (options panel,
// table, profile, search) in files of their own; they, the extra module (exports, the
// keyboard's neighbours, the postcode index), the GeoJSON converter and the profile chart
// load on first use.

import { NeedsMapElement } from './element/element.js';
import { files, loadWasm } from './element/load.js';

// The published files sit beside this module, wherever a council puts it.
const here = (f) => new URL(f, import.meta.url);
Object.assign(files, {
  wasm: here('./pkg/needs_map_bg.wasm'),
  convert: here('./needs-map-convert.js'),
  extraJs: here('./pkg/needs_map_extra.js').href,
  extraWasm: here('./pkg/needs_map_extra_bg.wasm'),
  chartJs: here('./pkg/needs_map_chart.js').href,
  chartWasm: here('./pkg/needs_map_chart_bg.wasm'),
  ownJs: here('./pkg/needs_map_own.js').href,
  ownWasm: here('./pkg/needs_map_own_bg.wasm'),
});

// The module is fetched and compiled as soon as this script runs (as the README's preload
// hint asks it to be fetched), not when the first element is connected: the bundle's download
// and the page's own parsing then overlap the compile. A failure is the element's to report.
loadWasm().catch(() => {});

export { NeedsMapElement, loadWasm };
export { ATTRIBUTES } from './element/settings.js';

if (!customElements.get('needs-map')) customElements.define('needs-map', NeedsMapElement);
