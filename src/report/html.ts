// The HTML report: ONE self-contained file (no URL of any kind, nothing fetched), a strict
// Content-Security-Policy that lets only its own style sheet and script in (by hash), a chart of
// memory over time (uPlot, inlined) with its text alternative, then failures, incidents, advice,
// inputs and the folded timeline with a text filter. Every piece of log text goes through `xml`.
import { closerOf, closes, episodeLine, opens } from './episode-words.js';
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { chartFigure } from './chart.js';
import { assets } from './html-assets.js';
import { uplot } from './uplot-asset.js';
import { memoryChart, rowId } from './memory-chart.js';
import { type Report, shortPath, wallOf } from './model.js';
import { clip, xml, xmlLines } from './sanitize.js';
import { TIME_MARKS, headline } from './text.js';

/** Timeline rows in the page: more makes a file browsers lay out for seconds (text and NDJSON have all). */
export const MAX_HTML_ROWS = 5_000;
/** Failure cards and story paragraphs shown; past that, a line says how many more (JSON has all). */
export const MAX_HTML_FAILURES = 100;
/** Longest message shown in a folded timeline (--verbose shows them whole). */
const MAX_MESSAGE = 1000;

function cells(tag: 'td' | 'th', values: string[], classes: string[] = []): string {
  return values.map((v, i) => (classes[i] ? `<${tag} class="${classes[i]}">${v}</${tag}>` : `<${tag}>${v}</${tag}>`)).join('');
}

function table(head: string[], rows: string[][], classes: string[] = []): string {
  return `<div class="scroll"><table><thead><tr>${cells('th', head)}</tr></thead><tbody>${rows.map((r) => `<tr>${cells('td', r, classes)}</tr>`).join('')}</tbody></table></div>`;
}

function failures(r: Report): string {
  if (r.summary.failures.length === 0) return '<p>None found.</p>';
  // an episode is one card (its first member, with the count); its last member is not repeated
  const listed = r.summary.failures.filter((f) => !closes(r.summary, f));
  return listed
    .slice(0, MAX_HTML_FAILURES)
    .map((f, i) => {
      const b = f.before;
      const ep = opens(r.summary, f);
      const last = ep && closerOf(r.summary, ep);
      const rows: [string, string][] = [
        ['log', `<code>${xml(f.message)}</code>`],
        ['where', `<code>${xml(`${shortPath(r, f.path)}:${f.line}`)}</code>`],
      ];
      if (ep) rows.unshift(['episode', xml(episodeLine(ep, last ? `${shortPath(r, last.path)}:${last.line}` : undefined))]);
      if (f.requested_bytes) rows.push(['asked', humanBytes(f.requested_bytes)]);
      if (b) {
        const parts = [`${xml(wallOf(b.time))} (${humanDuration(b.gap_seconds)} earlier, <code>${xml(`${shortPath(r, b.path)}:${b.line}`)}</code>)`];
        if (b.memory?.total_bytes) parts.push(`${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}`);
        if (b.php_fpm) parts.push(`php-fpm ${b.php_fpm.processes} workers, ${humanBytes(b.php_fpm.rss_bytes)}`);
        if (b.mysqld) parts.push(`mysqld ${humanBytes(b.mysqld.rss_bytes)}`);
        rows.push(['before', parts.join('; ')]);
      } else rows.push(['before', 'no snapshot captured']);
      if (f.after) rows.push(['after', `${xml(wallOf(f.after.time))} (${humanDuration(f.after.gap_seconds)} later, <code>${xml(`${shortPath(r, f.after.path)}:${f.after.line}`)}</code>)`]);
      if (f.culprit) rows.push(['culprit', xml(f.culprit)]);
      return `<div class="fail"><div><b>${i + 1}. ${xml(wallOf(f.time))}</b> <code>${xml(f.action)}</code></div><p class="verdict">${xml(f.verdict)}</p><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></div>`;
    })
    .join('')
    .concat(more(listed.length, 'failures'));
}

function more(total: number, what: string): string {
  return total > MAX_HTML_FAILURES ? `<p class="meta">… ${total - MAX_HTML_FAILURES} more ${what} not shown here; the timeline and --format json list them all.</p>` : '';
}

function incidents(r: Report): string {
  if (r.summary.incidents.length === 0) return '<p>None.</p>';
  const rows = r.summary.incidents.map((inc, i) => [
    String(i + 1),
    xml(wallOf(inc.start)),
    xml(wallOf(inc.end)),
    `<span class="outcome-${xml(inc.outcome)}">${inc.outcome === 'recovered' ? `recovered at ${xml(wallOf(inc.recovered_at))}` : xml(inc.outcome)}</span>`,
    inc.downtime_seconds !== null ? `${inc.outcome === 'recovered' ? '' : '≥ '}${humanDuration(inc.downtime_seconds)}` : 'unknown',
    `${inc.failures} / ${inc.deaths} / ${inc.restarts}`,
    inc.config_changes.map((c) => xml(c)).join('<br>'),
  ]);
  return table(['#', 'start', 'end', 'outcome', 'downtime', 'failures / deaths / restarts', 'config changes'], rows);
}

function advice(r: Report): string {
  if (r.summary.advice.length === 0) return '<p>None: what was observed calls for no change, or is too little to size a setting from.</p>';
  return table(
    ['setting', 'current', 'recommended', 'reason'],
    r.summary.advice.map((a) => [`<code>${xml(a.setting)}</code>`, xml(a.current ?? '?'), xml(a.recommended), xml(a.reason)]),
  );
}

function inputs(r: Report): string {
  const rows = r.summary.inputs.map((i) => [`<code>${xml(i.path)}</code>`, xml(i.formats.join(', ')), String(i.lines), String(i.events), String(i.unrecognized), i.error ? `<span class="error">${xml(i.error)}</span>` : '']);
  const s = r.summary.stats;
  rows.push(['<b>total</b>', '', String(s.lines), String(s.events), String(s.unrecognized), '']);
  return table(['input', 'formats', 'lines', 'events', 'unrecognized', 'error'], rows, ['', '', 'num', 'num', 'num', '']);
}

function timeline(r: Report, id: string, prefix: string): string {
  const shown = r.timeline.slice(0, MAX_HTML_ROWS);
  const rows = shown.map((t, i) => {
    const cls = t.failure ? ` class="failure" id="${rowId(prefix, i)}"` : t.kind === 'line.unrecognized' ? ' class="unrecognized"' : '';
    const repeats = t.count > 1 ? `×${t.count}${t.last_wall ? ` (last ${xml(t.last_wall)})` : ''}` : '';
    return `<tr${cls}><td class="mono nowrap">${xml(t.wall)}${t.mark === ' ' ? '' : xml(t.mark)}</td><td class="kind mono">${xml(t.kind)}</td><td class="msg">${xmlLines(r.folded ? clip(t.message, MAX_MESSAGE) : t.message)}</td><td>${repeats}</td><td class="mono nowrap">${xml(`${shortPath(r, t.path)}:${t.line}`)}</td></tr>`;
  });
  const more = r.timeline.length > shown.length ? `<p>… ${r.timeline.length - shown.length} more rows not shown; use --format text or ndjson for all.</p>` : '';
  return `<p class="meta">${r.folded ? 'Repeats folded (×N). ' : ''}Time marks: ${xml(TIME_MARKS)}.</p>
<div class="filter" data-for="${id}" hidden><label>Filter <input type="search" placeholder="text in the row" autocomplete="off"></label><output></output></div>
<div class="scroll"><table class="timeline" id="${id}"><thead><tr><th>time</th><th>event</th><th>message</th><th>repeats</th><th>where</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>${more}`;
}

function chart(r: Report, i: number): string {
  const spec = memoryChart(r, `b${i + 1}`, MAX_HTML_ROWS);
  return spec ? chartFigure(spec, `chart-${i + 1}`) : '<p class="meta">No chart: nothing in this bundle has a time to draw.</p>';
}

function section(r: Report, i: number, many: boolean): string {
  const h = (n: number, s: string) => `<h${2 + n}>${s}</h${2 + n}>`;
  const errors = r.errors.map((e) => `<p class="error">Could not read <code>${xml(e.path)}</code>: ${xml(e.reason)}</p>`).join('');
  return `<section class="bundle" id="bundle-${i + 1}">
${many ? h(0, `${i + 1}. ${xml(r.bundle)}: ${xml(headline(r))}`) : ''}
<p class="meta">Bundle <code>${xml(r.bundle)}</code>. Times are in ${xml(r.zone_label)}.</p>${errors}
${chart(r, i)}
${r.paragraphs.length > 0 ? `${h(many ? 1 : 0, 'What happened')}<ol class="story">${r.paragraphs.slice(0, MAX_HTML_FAILURES).map((p) => `<li>${xml(p)}</li>`).join('')}</ol>${more(r.paragraphs.length, 'accounts')}` : ''}
${h(many ? 1 : 0, 'Failures')}${failures(r)}
${h(many ? 1 : 0, 'Incidents')}${incidents(r)}
${h(many ? 1 : 0, 'Advice')}${advice(r)}
${h(many ? 1 : 0, 'Inputs')}${inputs(r)}
${h(many ? 1 : 0, 'Timeline')}${timeline(r, `timeline-${i + 1}`, `b${i + 1}`)}
</section>`;
}

export function html(reports: readonly Report[]): string {
  const { css, script, csp } = assets();
  const title = reports.length === 1 ? `oomtrail: ${headline(reports[0])}` : `oomtrail sweep: ${reports.length} bundles`;
  const overview =
    reports.length === 1
      ? ''
      : table(
          ['#', 'bundle', 'summary'],
          reports.map((r, i) => [String(i + 1), `<code>${xml(r.bundle)}</code>`, xml(headline(r))]),
        );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xml(title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${xml(title)}</h1>
${overview}
${reports.map((r, i) => section(r, i, reports.length !== 1)).join('\n')}
<footer>Made by oomtrail. This file is self-contained: it loads nothing and runs only its own script (the chart, drawn with uPlot ${xml(uplot().version)} under the MIT licence, and the timeline filter).</footer>
<script>${script}</script>
</body>
</html>
`;
}
