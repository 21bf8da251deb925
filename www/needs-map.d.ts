// Types of the <needs-map> element: its attributes are strings, its API is below.
//   import 'needs-map';                       // defines <needs-map>
//   const map = document.querySelector('needs-map')!;
//   await map.ready;
//   await map.setView({ classes: 3, palette: 'viridis' });

/** Which way is worse: the palette's dark end, and the words of ranks. */
export type Polarity = 'higher-worse' | 'higher-better' | 'neutral';

/** Every setting of a view. `view` gives them all, defaults resolved; `setView` takes any of them. */
export interface NeedsMapView {
  layer: string;
  /** The indicator shown (null: boundaries alone). */
  indicator: string | null;
  /** The indicator's period shown, as the bundle names it ("mid-2017"), or two for the change between them ("mid-2015..mid-2020"); the latest unless set. */
  period: string | null;
  mode: 'choropleth' | 'bivariate' | 'need';
  classification: 'quantile' | 'equal' | 'jenks' | 'custom' | 'benchmark';
  /** 3 to 9. */
  classes: number;
  /** Upper bounds of custom classes, ascending. */
  breaks: number[];
  /** A palette id (OrRd, Blues, Purples, YlGnBu, viridis, RdBu, PuOr, RdYlGn); null: the polarity's default. */
  palette: string | null;
  benchmark: 'england' | 'city';
  /** The two indicators of the bivariate map. */
  bivariate: [string, string] | null;
  /** Indicator ids and their weights in the need index. */
  needIndex: Record<string, number>;
  /** The selected area's code. */
  selected: string | null;
  /** 1 shows the whole layer; up to 64. */
  zoom: number;
  /** Longitude and latitude at the middle of the map when zoomed in; null: the layer's middle. */
  centre: [number, number] | null;
  /** Ids of the service kinds drawn. */
  services: string[];
  /** How a change view (`period: "mid-2015..mid-2020"`) measures change. */
  change: 'percent' | 'absolute';
  /** "fixed": classes from every period's values, so that a colour means the same value in each. */
  scale: 'period' | 'fixed';
  /** The areas' names on the map: 'auto' (for a layer of up to 40 areas), 'on' or 'off'. */
  labels: 'auto' | 'on' | 'off';
}

/** What `setView` takes: any settings, as values or as attribute text ("3", "10,20,30", "imd_score:2,gp_per_10k:1"). */
export type NeedsMapViewChange = { [K in keyof NeedsMapView]?: NeedsMapView[K] | string | null };

export interface NeedsMapArea {
  code: string;
  name: string;
  value: number | null;
  /** 0 is the lowest class; null without a value. */
  class: number | null;
  /** `#rrggbb`. */
  color: string;
}

export interface NeedsMapIndicator {
  id: string;
  label: string;
  unit: string;
  polarity: Polarity;
  layer: string;
  period: string;
  source: string;
}

export interface NeedsMapPostcode {
  postcode: string;
  status: 'live' | 'terminated' | 'outside' | 'unknown' | 'invalid';
  area: { code: string; name: string } | null;
}

export interface NeedsMapService {
  /** `kind:index`. */
  key: string;
  /** "GP practice: name, address, postcode". */
  text: string;
  /** CSS pixels from the map's top left. */
  x: number;
  y: number;
}

/** An area of one's own: areas of one layer made one, each indicator added up by its rule. */
export interface NeedsMapOwnArea {
  name: string;
  layer: string;
  codes: string[];
  /** Its residents (the layer's count of people added up), or null where the layer has none. */
  population: number | null;
  indicators: Array<{
    id: string;
    period: string;
    /** Null where the indicator does not add up (see `note`) or an area has no value. */
    value: number | null;
    /** The 95% Wilson interval of a combined share of counts. */
    lower: number | null;
    upper: number | null;
    /** "significantly worse than England" (with an interval), "higher than Coventry" (without). */
    comparison: { england: string | null; city: string | null };
    /** Why there is no value: "does not combine: life expectancy is calculated from ...". */
    note?: string;
  }>;
}

export interface NeedsMapEventMap extends HTMLElementEventMap {
  'needs-map:ready': CustomEvent<{ areas: number }>;
  'needs-map:select': CustomEvent<{ code: string | null; name: string | null }>;
  'needs-map:error': CustomEvent<{ message: string; problems: string[] }>;
  /** What a `boundaries=`/`data=` map left out or found missing, though it draws. */
  'needs-map:notice': CustomEvent<{ problems: string[] }>;
}

export declare class NeedsMapElement extends HTMLElement {
  /** Resolves with the element once the map is drawn; rejects with the reason it cannot be. */
  ready: Promise<NeedsMapElement>;
  /** The view: every setting, defaults resolved (null before the map is loaded). */
  readonly view: NeedsMapView | null;
  /** Changes settings together; resolves with the new view once drawn, or rejects with the reason (the map unchanged). */
  setView(change: NeedsMapViewChange): Promise<NeedsMapView>;
  areas(): NeedsMapArea[];
  indicators(): NeedsMapIndicator[];
  setIndicator(id: string): void;
  select(code: string | null): void;
  addIndicator(indicator: { id: string; label?: string; polarity?: Polarity; values: Record<string, number> | Map<string, number> }): void;
  /** Shows the areas as a table (true) or as the map; resolves once shown. */
  showTable(on: boolean): Promise<void>;
  findPostcode(text: string): Promise<NeedsMapPostcode>;
  /** A standalone SVG document of the view (the picture is drawn by a module loaded on first use). */
  toSVG(width?: number, height?: number): Promise<string>;
  toPNG(width?: number, height?: number, scale?: number): Promise<Blob>;
  /** The map in words, as the text under the map says (what is shown, the range with the highest and lowest areas, where the highest class lies, the comparison with England, areas without data); current with every change of the view. */
  summary(): string;
  /** The shown indicator as tidy CSV (areas of one's own last, their codes joined by "+"). */
  toCSV(): string;
  /** Makes areas of one layer one area of your own (replacing one of the same name): its outline on the map, its row in the table and the CSV, kept in the link. Rejects with the reason. */
  defineArea(area: { name: string; codes: string[] }): Promise<NeedsMapOwnArea>;
  /** The five areas most like `code` on the layer's indicators that are not counts (z-scores, higher-is-better turned, Euclidean distance; ties by code), outlined on the map. */
  similar(code: string): Promise<Array<{ code: string; name: string; distance: number }>>;
  /** Removes the area of your own called `name`; resolves to whether there was one. */
  removeArea(name: string): Promise<boolean>;
  /** Every area of your own with its figures. */
  ownAreas(): Promise<NeedsMapOwnArea[]>;
  /** Where a longitude/latitude is on the map, in CSS pixels from its top left. */
  locate(lon: number, lat: number): [number, number] | null;
  /** The area drawn at a point of the map (CSS pixels). */
  areaAt(x: number, y: number): { code: string; name: string } | null;
  /** The services shown, in the view or inside an area. */
  services(code?: string): NeedsMapService[];
  panBy(dx: number, dy: number): Promise<NeedsMapView>;
  zoomBy(factor: number): Promise<NeedsMapView>;
  addEventListener<K extends keyof NeedsMapEventMap>(type: K, listener: (this: NeedsMapElement, ev: NeedsMapEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Every attribute the element takes (the iframe page takes the same from its query string). */
export declare const ATTRIBUTES: string[];
/** The widget's WebAssembly module, loaded once for every map on the page. */
export declare function loadWasm(): Promise<{ memory: WebAssembly.Memory }>;

declare global {
  interface HTMLElementTagNameMap {
    'needs-map': NeedsMapElement;
  }
}
