// The HTML report's memory chart as a ChartSpec: the host's memory (total, used, available) in one
// pane, resident memory stacked by process group (php-fpm, mysqld, other listed) in a second pane
// with its own scale (so 126 MiB of mysqld is not a sliver under 24 GiB of RAM), failure markers
// that link to their timeline rows (an episode is one mark spanning its members; pre-aggregated
// past MAX_MARKS) and incident bands.
import type { ChartMark, ChartPane, ChartSpec } from './chart.js';
import type { MemoryPoint, Report } from './model.js';
import { chartTable, chartSummary } from './memory-chart-text.js';

/** Failures sent to the page one by one up to this many; past it, one mark per time slice. */
export const MAX_MARKS = 1500;
const MAX_BANDS = 1500;

/** The id of a timeline row in the HTML report (only failure rows carry one). */
export function rowId(prefix: string, index: number): string {
  return `${prefix}-r${index + 1}`;
}

function pane(points: MemoryPoint[], title: string, stacked: boolean, series: { key: keyof MemoryPoint; label: string; dash?: boolean }[]): ChartPane | null {
  const rows = points.filter((p) => series.some((s) => p[s.key] !== null));
  if (rows.length === 0) return null;
  return {
    title,
    stacked,
    x: rows.map((p) => p.ms),
    series: series
      .filter((s) => rows.some((p) => p[s.key] !== null))
      .map((s) => ({ label: s.label, color: s.key, dash: s.dash, values: rows.map((p) => p[s.key] as number | null) })),
  };
}

/**
 * Each failure's timeline row: the same file and line, else (a repeat folded into an earlier row)
 * the last failure row at or before it, if the failure is not past the rows the page shows.
 */
function anchors(r: Report, prefix: string, shownRows: number): (f: { ms: number; path: string; line: number }) => string | null {
  const byPlace = new Map<string, number>();
  const rows: { ms: number; i: number }[] = [];
  const shown = r.timeline.slice(0, shownRows);
  let end = -Infinity;
  for (const t of shown) if (t.ms !== null && t.ms > end) end = t.ms;
  if (shown.length === r.timeline.length) end = Infinity;
  shown.forEach((t, i) => {
    if (!t.failure) return;
    byPlace.set(`${t.path}:${t.line}`, i);
    if (t.ms !== null) rows.push({ ms: t.ms, i });
  });
  return (f) => {
    const exact = byPlace.get(`${f.path}:${f.line}`);
    if (exact !== undefined) return `#${rowId(prefix, exact)}`;
    if (f.ms > end) return null;
    let lo = 0;
    let hi = rows.length; // first row later than f
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].ms <= f.ms) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? `#${rowId(prefix, rows[lo - 1].i)}` : null;
  };
}

function marks(r: Report, prefix: string, shownRows: number, start: number, end: number): ChartMark[] {
  const href = anchors(r, prefix, shownRows);
  const fs = r.marks.failures;
  const one = (f: (typeof fs)[number]) => (f.count === 1 ? `${f.label} at ${f.wall}` : `${f.label}, ${f.wall} to ${f.last_wall}`);
  if (fs.length <= MAX_MARKS) return fs.map((f) => ({ ms: f.ms, last: f.last_ms, count: f.count, href: href(f), label: one(f) }));
  const span = Math.max(1, end - start);
  const slices = new Map<number, { first: (typeof fs)[number]; last: (typeof fs)[number]; count: number }>();
  for (const f of fs) {
    const k = Math.min(MAX_MARKS - 1, Math.floor(((f.ms - start) / span) * MAX_MARKS));
    const s = slices.get(k);
    if (!s) slices.set(k, { first: f, last: f, count: f.count });
    else {
      s.count += f.count;
      if (f.ms < s.first.ms) s.first = f;
      if (f.last_ms >= s.last.last_ms) s.last = f;
    }
  }
  return [...slices.values()]
    .sort((a, b) => a.first.ms - b.first.ms)
    .map((s) => ({
      ms: s.first.ms,
      last: s.last.last_ms,
      count: s.count,
      href: href(s.first),
      label: s.first === s.last ? one(s.first) : `${s.count} memory failures from ${s.first.wall} to ${s.last.last_wall}`,
    }));
}

/** Incident spans, merged where they touch once there are too many to draw one by one. */
function bands(r: Report, start: number, end: number): ChartSpec['bands'] {
  const all = r.marks.incidents.map((i) => ({ start: i.start, end: i.end, kind: i.outcome === 'recovered' ? ('recovered' as const) : ('down' as const) }));
  if (all.length <= MAX_BANDS) return all;
  const join = Math.max(1, end - start) / MAX_BANDS;
  const out: ChartSpec['bands'] = [];
  for (const b of [...all].sort((x, y) => x.start - y.start)) {
    const last = out[out.length - 1];
    if (last && last.kind === b.kind && b.start - last.end <= join) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

/** The memory chart of one bundle's report; `prefix` is its section's id prefix (`b1`). */
export function memoryChart(r: Report, prefix: string, shownRows: number): ChartSpec | null {
  const axis = r.axis;
  if (!axis) return null;
  const panes = [
    pane(r.memory, 'Host memory', false, [
      { key: 'total', label: 'total', dash: true },
      { key: 'used', label: 'used' },
      { key: 'available', label: 'available' },
    ]),
    pane(r.memory, 'Resident memory by process group (stacked)', true, [
      { key: 'php_fpm', label: 'php-fpm' },
      { key: 'mysqld', label: 'mysqld' },
      { key: 'other', label: 'other listed' },
    ]),
  ].filter((p): p is ChartPane => p !== null);
  return {
    title: `Memory over time, ${r.zone_label}`,
    start: axis.start,
    end: axis.end,
    offsets: axis.offsets,
    panes,
    marks: marks(r, prefix, shownRows, axis.start, axis.end),
    bands: bands(r, axis.start, axis.end),
    summary: chartSummary(r),
    table: chartTable(r),
  };
}
