// One side of a comparison: what a window of a bundle's timeline shows (peak workers and RSS per
// group, the least memory available, failures, restarts, time under memory pressure, the growth
// trend that starts in it). Pure: an Analysis and a window in, plain numbers out.
import type { Analysis } from '../analyze.js';
import type { Event } from '../event.js';
import { percentile } from '../correlate/advice.js';
import { restartedGroup } from '../correlate/releases.js';
import { type SeriesPoint, groupTotals, memorySeries } from '../correlate/series.js';

/** A window of a timeline: [from, to] in ms; with a split event, its side is also cut by order. */
export interface Window {
  from: number;
  to: number;
  side: 'before' | 'after';
  /** Index of the split event in `a.events`: before takes what lies before it, after what follows. */
  splitIndex: number | null;
}

export interface GroupPeak {
  tables: number;
  peak_workers: number;
  peak_rss_bytes: number;
  p90_rss_bytes: number;
}

export interface Period {
  from: number;
  to: number;
  snapshots: number;
  failures: { time: number; action: string; culprit: string | null; path: string; line: number }[];
  restarts: number;
  min_available_bytes: number | null;
  peak_in_use_bytes: number | null;
  total_bytes: number | null;
  /** Seconds under memory pressure (available below a tenth of RAM), each snapshot counting until the next, at most 15 m. */
  pressure_seconds: number;
  groups: Record<string, GroupPeak>;
  trend: { rate_bytes_per_hour: number; exhausted_at: number | null; basis: string } | null;
}

const PRESSURE_CAP_MS = 15 * 60_000;
const MiB = 1024 ** 2;

export function inWindow(e: Event, index: number, w: Window): boolean {
  if (!Number.isFinite(e.time.ms)) return false;
  const latest = e.time.source === 'interval' ? (e.time.latestMs ?? e.time.ms) : e.time.ms;
  if (w.splitIndex !== null) {
    if (w.side === 'before' ? index >= w.splitIndex : index <= w.splitIndex) return false;
    return w.side === 'before' ? e.time.ms >= w.from : latest <= w.to;
  }
  return e.time.ms >= w.from && latest <= w.to;
}

function groupsOf(points: readonly SeriesPoint[]): Record<string, GroupPeak> {
  const seen = new Map<string, { processes: number[]; rss: number[] }>();
  for (const p of points) {
    for (const [g, t] of groupTotals(p.rows ?? [])) {
      const cur = seen.get(g) ?? { processes: [], rss: [] };
      cur.processes.push(t.processes);
      cur.rss.push(t.rss_bytes);
      seen.set(g, cur);
    }
  }
  const peaks = [...seen.entries()].map(([g, s]) => ({
    g,
    peak: { tables: s.rss.length, peak_workers: s.processes.reduce((m, n) => Math.max(m, n), -Infinity), peak_rss_bytes: s.rss.reduce((m, n) => Math.max(m, n), -Infinity), p90_rss_bytes: percentile(s.rss, 90) },
  }));
  const kept = peaks.filter(({ g, peak }) => g === 'php-fpm' || g === 'mysqld' || peak.peak_rss_bytes >= 64 * MiB);
  kept.sort((x, y) => y.peak.peak_rss_bytes - x.peak.peak_rss_bytes);
  return Object.fromEntries(kept.slice(0, 5).map(({ g, peak }) => [g, peak]));
}

export function periodOf(a: Analysis, w: Window): Period {
  const index = new Map(a.events.map((e, i) => [e, i]));
  const points = memorySeries(a.events).filter((p) => inWindow(p.event, p.index, w));
  const mem = points.filter((p) => p.available !== null && p.total !== null);
  let pressure = 0;
  mem.forEach((p, i) => {
    if ((p.available ?? 0) >= (p.total ?? 0) / 10) return;
    const next = mem[i + 1];
    pressure += Math.min(PRESSURE_CAP_MS, Math.max(0, (next ? next.earliest : w.to) - p.latest));
  });
  const failures = a.failures
    .filter((f) => inWindow(f.event, index.get(f.event) ?? -1, w))
    .map((f) => ({ time: f.event.time.ms, action: f.event.kind, culprit: f.culprit, path: f.event.src.path, line: f.event.src.line }));
  const restarts = a.events.filter((e, i) => e.kind !== 'kernel.oom_kill' && restartedGroup(e) !== null && inWindow(e, i, w)).length;
  const trend = a.trends
    .filter((t) => t.group === 'memory' && inWindow(t.from.event, index.get(t.from.event) ?? -1, w))
    .sort((x, y) => y.samples - x.samples)[0];
  return {
    from: w.from,
    to: w.to,
    snapshots: points.length,
    failures,
    restarts,
    min_available_bytes: mem.length > 0 ? mem.reduce((m, p) => Math.min(m, p.available ?? 0), Infinity) : null, // no spreads: a month of rounds
    peak_in_use_bytes: mem.length > 0 ? mem.reduce((m, p) => Math.max(m, p.inUse ?? 0), -Infinity) : null,
    total_bytes: mem.find((p) => p.total !== null)?.total ?? null,
    pressure_seconds: Math.round(pressure / 1000),
    groups: groupsOf(points.filter((p) => p.rows !== null)),
    trend: trend ? { rate_bytes_per_hour: trend.rate_bytes_per_hour, exhausted_at: trend.exhausted_at, basis: trend.basis } : null,
  };
}
