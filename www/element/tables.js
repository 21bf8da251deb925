// The style of tables (the table view and the profile's), loaded with the first of them.

export const STYLE = `
.table-wrap { overflow-x: auto; max-width: 100%; }
.table-wrap:focus { outline: 3px solid #ffdd00; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375em; }
caption { text-align: left; font-weight: 700; padding: 4px 0 8px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { border: 0; background: none; padding: 0; min-height: 24px; font-weight: 700; text-align: left; text-decoration: underline; color: #1d70b8; }
th button:focus-visible { background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; outline: none; }
tbody th button { font-weight: 400; }
tr[aria-current="true"] { background: #fff7bf; }
tr[aria-current="true"] th button { font-weight: 700; }
tbody th input[type="checkbox"] { width: 24px; height: 24px; margin: 0 8px 0 0; vertical-align: middle; accent-color: #1d70b8; }
tbody th input[type="checkbox"]:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
tr.own { background: #f3f2f1; }
`;
