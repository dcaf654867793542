// The comparison as one self-contained HTML file: the verdict, the side-by-side table, and both
// periods on one chart (the report's own chart function, fed both sides' memory points; two
// bundles' before side is shifted to end where the after side starts, and the page says so).
import { chartFigure } from '../report/chart.js';
import { assets } from '../report/html-assets.js';
import { memoryChart } from '../report/memory-chart.js';
import type { FailureMark, MemoryPoint, Report } from '../report/model.js';
import { timeAxis } from '../report/axis.js';
import { xml } from '../report/sanitize.js';
import type { Clock } from '../time/clock.js';
import type { CompareSummary } from './model.js';
import { rows } from './render.js';

export interface ChartSides {
  clock: Clock;
  before: { report: Report; from: number; to: number };
  after: { report: Report; from: number; to: number };
  /** Added to the before side's times (two bundles: its end moved to the after side's start). */
  shiftMs: number;
}

function within(points: readonly MemoryPoint[], from: number, to: number, shift: number): MemoryPoint[] {
  return points.filter((p) => p.ms >= from && p.ms <= to).map((p) => ({ ...p, ms: p.ms + shift }));
}

/** One failure as a chart mark (compare lists failures one by one, no episodes). */
function mark(ms: number, wall: string, label: string, path: string, line: number): FailureMark {
  return { ms, wall, label, path, line, count: 1, last_ms: ms, last_wall: wall };
}

function bothChart(s: CompareSummary, c: ChartSides): string {
  const { before, after, shiftMs } = c;
  const memory = [...within(before.report.memory, before.from, before.to, shiftMs), ...within(after.report.memory, after.from, after.to, 0)];
  const fails = [
    ...s.before.failures.map((f, i) => mark(Date.parse(f.time ?? '') + shiftMs, f.time ?? '', `before ${i + 1}. ${f.action}`, f.path ?? '', f.line ?? 0)),
    ...s.after.failures.map((f, i) => mark(Date.parse(f.time ?? ''), f.time ?? '', `after ${i + 1}. ${f.action}`, f.path ?? '', f.line ?? 0)),
  ].filter((f) => Number.isFinite(f.ms));
  const incidents = [
    { start: before.from + shiftMs, end: before.to + shiftMs, outcome: 'before' },
    { start: after.from, end: after.to, outcome: 'recovered' },
  ];
  const axis = timeAxis(c.clock, [...memory.map((p) => p.ms), ...incidents.flatMap((i) => [i.start, i.end])]);
  const r: Report = { ...after.report, memory, marks: { failures: fails, incidents }, axis };
  const spec = memoryChart(r, 'cmp', 0);
  return spec ? chartFigure(spec, 'compare-chart') : '<p class="meta">No chart: neither side has a time to draw.</p>';
}

export function compareHtml(s: CompareSummary, sides: ChartSides): string {
  const { css: CSS, script: SCRIPT, csp: CSP } = assets();
  const title = `oomtrail compare: ${s.outcome.replace(/_/g, ' ')}`;
  const table = rows(s)
    .map(([label, b, a]) => `<tr><th>${xml(label)}</th><td>${xml(b)}</td><td>${xml(a)}</td></tr>`)
    .join('');
  const shifted = sides.shiftMs !== 0 ? ' The before side is drawn shifted to end where the after side starts; the table has its real times.' : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${xml(title)}</h1>
<p class="verdict">${xml(s.verdict)}</p>
<p class="meta">Times are in ${xml(s.timezone)}. The red band is the before period, the green one the after period.${shifted}</p>
${bothChart(s, sides)}
<table><thead><tr><th></th><th>before</th><th>after</th></tr></thead><tbody>${table}</tbody></table>
<footer>Made by oomtrail. This file is self-contained: it loads nothing.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
