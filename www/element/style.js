// The widget's style sheet, kept in its shadow root (scripts/build-web.sh strips its comments
// and spaces for what visitors download).

export const STYLE = `
:host { display: block; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 16px;
  line-height: 1.4; color: #0b0c0c; box-sizing: border-box; max-width: 100%; }
* , *::before, *::after { box-sizing: border-box; }
/* Inherited page styles reach the shadow tree through the host; reset them here. */
.nm { all: initial; display: block; box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  font-size: 16px; line-height: 1.4; color: #0b0c0c; text-align: left; letter-spacing: normal; word-spacing: normal;
  border: 1px solid #b1b4b6; background: #ffffff; padding: 12px; }
.head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin-bottom: 8px; }
.head label { display: block; font-weight: 700; margin-bottom: 4px; }
.pick { flex: 1 1 16em; min-width: 0; max-width: 32em; }
.pick select { width: 100%; }
select { font: inherit; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; background: #fff; color: #0b0c0c; max-width: 100%; }
select:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
h2 { font-size: 1.1875em; margin: 0 0 8px; }
.map { position: relative; width: 100%; }
canvas { display: block; width: 100%; max-width: none; touch-action: pan-y; }
canvas.zoomed { touch-action: none; cursor: grab; }
canvas:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
.zoom { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
.zoom button { min-width: 40px; min-height: 40px; padding: 0; font-size: 1.25em; line-height: 1; background: #ffffff; }
.tip { position: absolute; pointer-events: none; background: #0b0c0c; color: #ffffff; padding: 6px 8px;
  max-width: min(320px, 90%); font-size: 0.875em; z-index: 1; overflow-wrap: anywhere; }
.tip[hidden], .error[hidden], .detail:empty { display: none; }
.views { display: flex; align-items: end; }
.search { margin: 0 0 12px; }
.search label { display: block; font-weight: 700; margin-bottom: 2px; }
.hint { margin: 0 0 4px; color: #505a5f; font-size: 0.875em; overflow-wrap: anywhere; }
.search-row { display: flex; gap: 8px; flex-wrap: wrap; align-items: start; }
.combo { position: relative; flex: 1 1 14em; min-width: 0; max-width: 24em; }
.combo input { font: inherit; width: 100%; min-height: 40px; padding: 4px 8px; border: 2px solid #0b0c0c; color: #0b0c0c; background: #fff; }
.combo input:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
.answer:empty { display: none; }
.answer { margin: 6px 0 0; font-weight: 700; overflow-wrap: anywhere; }
button { font: inherit; min-height: 40px; padding: 4px 12px; border: 2px solid #0b0c0c; background: #f3f2f1; color: #0b0c0c; cursor: pointer; }
button:hover { background: #dbdad9; }
button:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; background: #ffdd00; }
.services { border: 0; margin: 8px 0 0; padding: 0; min-width: 0; }
.services legend { font-weight: 700; padding: 0; margin-bottom: 4px; }
.services label { display: inline-flex; align-items: center; gap: 6px; margin: 0 16px 4px 0; cursor: pointer; }
.services input { width: 20px; height: 20px; margin: 0; accent-color: #0b0c0c; }
.in-area { margin: 8px 0 0; }
.in-area h3 { font-size: 1em; margin: 0 0 4px; }
.in-area ul { list-style: none; margin: 0; padding: 0; }
.in-area li { margin: 0 0 4px; }
.in-area button { min-height: 32px; text-align: left; font-size: 0.875em; }
.legend { margin-top: 8px; }
.legend p { margin: 0 0 4px; font-weight: 700; font-size: 0.9375em; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend li { display: flex; align-items: center; gap: 6px; font-size: 0.875em; }
.swatch { width: 24px; height: 16px; flex: none; }
.swatch canvas, .services canvas { display: block; }
.detail { margin: 8px 0 0; padding: 8px; border-left: 5px solid #1d70b8; background: #f3f2f1; overflow-wrap: anywhere; }
.attrib { margin: 8px 0 0; font-size: 0.75em; color: #505a5f; overflow-wrap: anywhere; }
.error { border: 3px solid #d4351c; padding: 12px; margin: 0; overflow-wrap: anywhere; }
.error strong { display: block; margin-bottom: 4px; }
.error ul { margin: 4px 0 0; padding-left: 20px; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
  border: 0 !important; white-space: nowrap !important; }
.options-panel { margin: 0 0 8px; }
.options-panel summary { cursor: pointer; font-weight: 700; min-height: 32px; color: #1d70b8; text-decoration: underline; }
.options-panel summary:focus-visible { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.exports { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; }
.method { font-size: 0.875em; color: #0b0c0c; margin: 4px 0 0; }
.profile { margin: 12px 0 0; }
.bivar { display: grid; grid-template-columns: repeat(3, 28px); gap: 2px; margin: 4px 0; }
.bivar span { width: 28px; height: 20px; border: 1px solid #505a5f; }
@media (forced-colors: active) { .swatch { forced-color-adjust: none; } canvas:focus { outline: 3px solid CanvasText; } }
`;
