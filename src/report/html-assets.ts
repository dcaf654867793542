// The HTML report's only style sheet and only script, as constants, with the sha256 hashes the
// Content-Security-Policy names: nothing else may run or style the page, and nothing is fetched.
// The script un-hides each timeline's filter box and hides rows that do not contain its text.
import { createHash } from 'node:crypto';

export const CSS = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#5b636e;--line:#d5d9de;--bg:#fff;--soft:#f4f6f8;--red:#c62828;--amber:#8a5a00}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:19px;margin:28px 0 6px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
.meta{color:var(--muted);margin:0 0 8px}
.error{color:var(--red);font-weight:600}
code,.mono,td.msg{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
table{border-collapse:collapse;width:100%;margin:4px 0 12px}th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}td.num{text-align:right}td.nowrap{white-space:nowrap}
td.msg{white-space:pre-wrap;word-break:break-word}
tr.failure td{background:#fdecea}tr.failure td.kind{color:var(--red);font-weight:700}
tr.unrecognized td{color:var(--muted)}
.fail{border-left:4px solid var(--red);background:var(--soft);padding:8px 12px;margin:8px 0}
.fail .verdict{font-weight:600;color:var(--amber);margin:4px 0}
.fail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0 0}.fail dt{color:var(--muted)}.fail dd{margin:0}
.outcome-recovered{color:#2e7d32;font-weight:600}.outcome-down,.outcome-unknown{color:var(--red);font-weight:600}
svg.chart{width:100%;height:auto;background:var(--bg);border:1px solid var(--line);margin:6px 0}
svg.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}svg.chart .note{font-size:13px;fill:var(--fg)}
svg.chart .grid{stroke:#eceff2}svg.chart .tick,svg.chart .frame{stroke:#9aa3ad}
svg.chart .series path,svg.chart .series line{fill:none;stroke-width:2}svg.chart .series circle{stroke:none}
.s-total path,.s-total line{stroke:#9aa3ad;stroke-dasharray:4 3}.s-total circle{fill:#9aa3ad}
.s-used path,.s-used line{stroke:#e65100}.s-used circle{fill:#e65100}
.s-available path,.s-available line{stroke:#2e7d32}.s-available circle{fill:#2e7d32}
.s-php_fpm path,.s-php_fpm line{stroke:#6a1b9a}.s-php_fpm circle{fill:#6a1b9a}
.s-mysqld path,.s-mysqld line{stroke:#1565c0}.s-mysqld circle{fill:#1565c0}
svg.chart .failure line{stroke:var(--red);stroke-width:2}svg.chart .failure path{fill:var(--red)}
svg.chart .band{fill:#c62828;fill-opacity:.10}svg.chart .band.recovered{fill:#f9a825;fill-opacity:.16}
.filter{display:flex;gap:10px;align-items:center;margin:6px 0}.filter input{font:inherit;padding:4px 8px;width:22em;border:1px solid #9aa3ad;border-radius:4px}
.filter output{color:var(--muted)}[hidden]{display:none!important}
footer{color:var(--muted);margin:32px 0 8px;font-size:12px}
`;

export const SCRIPT = `
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

/** The policy: nothing from anywhere, bar this style sheet and this script (and data: images). */
export const CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(CSS)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
