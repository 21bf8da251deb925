// <needs-map>: the embeddable map of need. One module, one tag:
//
//   <script type="module" src="needs-map.js"></script>
//   <needs-map bundle="data/coventry.json" indicator="imd_score"></needs-map>
//
// The Rust core (pkg/needs_map_bg.wasm) holds the data and the view's state and draws; the
// element (element/) is the glue: it fetches only the URLs it is given, keeps its styles in
// a shadow root, puts every text from data on the page as text (never HTML), and turns every
// failure into a message in the box and a `needs-map:error` event. scripts/build-web.sh
// bundles it into one file; exports, the keyboard's neighbours and the postcode index (the
// extra module), the GeoJSON converter and the profile chart load on first use.

import { NeedsMapElement } from './element/element.js';
import { files, loadWasm } from './element/load.js';
import { chartFiles } from './element/profile.js';
import { extraFiles } from './element/extra.js';

// The published files sit beside this module, wherever a council puts it.
files.wasm = new URL('./pkg/needs_map_bg.wasm', import.meta.url);
files.convert = new URL('./needs-map-convert.js', import.meta.url);
chartFiles.js = new URL('./pkg/needs_map_chart.js', import.meta.url).href;
chartFiles.wasm = new URL('./pkg/needs_map_chart_bg.wasm', import.meta.url);
extraFiles.js = new URL('./pkg/needs_map_extra.js', import.meta.url).href;
extraFiles.wasm = new URL('./pkg/needs_map_extra_bg.wasm', import.meta.url);

export { NeedsMapElement, loadWasm };
export { ATTRIBUTES } from './element/settings.js';

if (!customElements.get('needs-map')) customElements.define('needs-map', NeedsMapElement);
