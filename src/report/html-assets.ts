// The HTML report's only style sheet and only script, with the sha256 hashes the
// Content-Security-Policy names: nothing else may run or style the page, and nothing is fetched.
// Both carry uPlot (read from node_modules, see uplot-asset.ts) before our own: the chart script
// (chart-script.ts) and the timeline filter, which hides rows that do not contain its text.
import { createHash } from 'node:crypto';
import { CHART_SCRIPT } from './chart-script.js';
import { uplot } from './uplot-asset.js';

const OWN_CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b636e;--line:#d5d9de;--bg:#fff;--soft:#f4f6f8;--red:#c62828;--amber:#8a5a00;--green:#2e7d32;--fail-row:#fdecea;--grid:#e3e7eb;--band-down:#c62828;--band-recovered:#f9a825;--c-total:#7d8793;--c-used:#e65100;--c-available:#2e7d32;--c-php_fpm:#6a1b9a;--c-mysqld:#1565c0;--c-other:#8d6e63;--c-a:#1565c0;--c-b:#e65100}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#a4adb8;--line:#3a414a;--bg:#15181c;--soft:#1f242a;--red:#ff6b6b;--amber:#f0b453;--green:#6fcf73;--fail-row:#3a1d1f;--grid:#2c3239;--band-down:#ff6b6b;--band-recovered:#f0b453;--c-total:#9aa3ad;--c-used:#ff9e5e;--c-available:#6fcf73;--c-php_fpm:#c792ea;--c-mysqld:#64b5f6;--c-other:#bcaaa4;--c-a:#64b5f6;--c-b:#ff9e5e}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:16px 24px;overflow-wrap:anywhere}
@media (max-width:600px){body{padding:10px 12px}.fail dl{grid-template-columns:1fr}.filter input{width:100%}}
a{color:var(--c-mysqld)}
h1{font-size:22px;margin:8px 0}h2{font-size:19px;margin:28px 0 6px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
.meta{color:var(--muted);margin:0 0 8px}
.error{color:var(--red);font-weight:600}
code,.mono,td.msg{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
table{border-collapse:collapse;width:100%;margin:4px 0 12px}th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}td.num{text-align:right}td.nowrap{white-space:nowrap}
td.msg{white-space:pre-wrap;word-break:break-word}
tr.failure td{background:var(--fail-row)}tr:target td{outline:2px solid var(--red);outline-offset:-2px}tr.failure td.kind{color:var(--red);font-weight:700}
tr.unrecognized td{color:var(--muted)}
.fail{border-left:4px solid var(--red);background:var(--soft);padding:8px 12px;margin:8px 0}
.fail .verdict{font-weight:600;color:var(--amber);margin:4px 0}
.fail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0 0}.fail dt{color:var(--muted)}.fail dd{margin:0}
.outcome-recovered{color:var(--green);font-weight:600}.outcome-down,.outcome-unknown{color:var(--red);font-weight:600}
figure.chart{margin:8px 0 16px;min-width:0}figure.chart figcaption{font-weight:600;margin:0 0 4px}
.plots{width:100%;min-width:0;overflow:hidden}.plots .uplot{margin:0 0 6px;width:100%}.plots .u-title{font-size:13px;font-weight:600;text-align:left;color:var(--fg)}
.plots .u-legend{font-size:12.5px;text-align:left;margin:0}.plots .u-legend.u-inline tr{margin-right:10px}.plots .u-legend .u-series>*{padding:2px}.plots .u-legend th{background:none}.plots .u-legend th,.plots .u-legend td{border:0}
.plots .u-select{background:rgba(128,128,128,.22)}.plots .u-hz .u-cursor-x,.plots .u-hz .u-cursor-y{border-color:var(--muted)}
.plots .marks{position:absolute;left:0;top:0;right:0;height:0;pointer-events:none}
.fmark{position:absolute;top:-1px;transform:translateX(-50%);pointer-events:auto;display:block;min-width:12px;height:12px;border-radius:6px;background:var(--red);border:1px solid var(--bg);color:#fff;font:700 10px/10px system-ui,sans-serif;text-align:center;text-decoration:none;padding:0}
.fmark.many{min-width:18px;height:14px;line-height:12px;padding:0 3px;border-radius:7px}.fmark:focus{outline:2px solid var(--fg)}
.chart-tools{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;margin:0 0 4px;color:var(--muted);font-size:12.5px}.chart-tools button{font:inherit;color:var(--fg);background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:2px 10px}
.chart-summary p{margin:2px 0;color:var(--muted)}details.chart-data summary{cursor:pointer;color:var(--muted);margin:4px 0}
.scroll{overflow-x:auto;max-width:100%}
.filter{display:flex;gap:10px;align-items:center;margin:6px 0}.filter input{font:inherit;padding:4px 8px;width:22em;border:1px solid var(--line);border-radius:4px;color:var(--fg);background:var(--bg)}
.filter output{color:var(--muted)}[hidden]{display:none!important}
footer{color:var(--muted);margin:32px 0 8px;font-size:12px}
`;

const FILTER_SCRIPT = `
"use strict";
for (const box of document.querySelectorAll(".filter")) {
  const input = box.querySelector("input");
  const count = box.querySelector("output");
  const rows = Array.from(document.getElementById(box.dataset.for).tBodies[0].rows);
  const texts = rows.map((r) => r.textContent.toLowerCase());
  const apply = () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((r, i) => {
      r.hidden = q !== "" && !texts[i].includes(q);
      if (!r.hidden) shown++;
    });
    count.textContent = q === "" ? "" : shown + " of " + rows.length + " rows";
  };
  input.addEventListener("input", apply);
  box.hidden = false;
}
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export interface Assets {
  css: string;
  script: string;
  /** The policy: nothing from anywhere, bar this style sheet and this script (and data: images). */
  csp: string;
}

let cached: Assets | null = null;

/** Built on first use (reading uPlot from node_modules), then kept. */
export function assets(): Assets {
  if (cached) return cached;
  const lib = uplot();
  const css = `${lib.css}\n${OWN_CSS}`;
  const script = `${lib.script}\n"use strict";\n${CHART_SCRIPT}\n${FILTER_SCRIPT}`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(css)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  cached = { css, script, csp };
  return cached;
}
