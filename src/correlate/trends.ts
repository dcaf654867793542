// Trends: how fast memory in use (and each group's RSS) grows over a run of snapshots (a run ends
// at a release or a restart), by the Theil-Sen median of pairwise slopes, so one noisy sample does
// not make a trend; when growing, when the memory still available runs out at that rate. Samples
// dated only within an interval give the rate over the widest span they allow (a lower bound).
import type { Event } from '../event.js';
import type { Release } from './releases.js';
import { restartedGroup } from './releases.js';
import { type SeriesPoint, groupTotals, median } from './series.js';
import { theilSen } from './theil-sen.js';

export interface WorkerGrowth {
  workers: number;
  rate_bytes_per_hour: number;
  first_rss_bytes: number;
  last_rss_bytes: number;
}

export interface Trend {
  group: string;
  from: SeriesPoint;
  to: SeriesPoint;
  rate_bytes_per_hour: number;
  /** `fit`: Theil-Sen over exact times; `span`: first to last over the widest span (a lower bound). */
  basis: 'fit' | 'span';
  samples: number;
  available_bytes: number | null;
  exhausted_at: number | null;
  /** Per-worker RSS growth (a leak), for php-fpm. */
  per_worker: WorkerGrowth | null;
  /** The restart that opened the run, when one did. */
  since: Event | null;
}

export interface Run {
  points: SeriesPoint[];
  since: Event | null;
}

const HOUR = 3600_000;
const MiB = 1024 ** 2;
const MIN_SPAN_MS = 10 * 60_000;

/** Runs of points, cut where a release or a restart lies between two of them. */
export function runsOf(points: readonly SeriesPoint[], timeline: readonly Event[], releases: readonly Release[]): Run[] {
  const cuts = new Map(releases.map((r) => [r.to, r.restart]));
  const runs: Run[] = [];
  let cur: Run = { points: [], since: null };
  for (const p of points) {
    const prev = cur.points[cur.points.length - 1];
    let cut = prev !== undefined && cuts.has(p);
    let since = cut ? (cuts.get(p) ?? null) : null;
    for (let t = prev ? prev.index + 1 : p.index; prev && t < p.index; t++) {
      if (restartedGroup(timeline[t]) === null) continue;
      cut = true;
      since = timeline[t];
    }
    if (cut) {
      runs.push(cur);
      cur = { points: [], since };
    }
    cur.points.push(p);
  }
  if (cur.points.length > 0) runs.push(cur);
  return runs;
}

function rateOf(samples: { p: SeriesPoint; v: number }[]): { rate: number; basis: 'fit' | 'span' } | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!last.p.exact || last.p.latest - first.p.earliest < MIN_SPAN_MS) return null;
  if (samples.every((s) => s.p.exact)) {
    const slope = theilSen(samples.map((s) => [s.p.earliest, s.v]));
    return slope === null ? null : { rate: slope * HOUR, basis: 'fit' };
  }
  // times unknown within an interval: only a steady (monotone) run says anything, over its widest span
  const up = samples.every((s, i) => i === 0 || s.v >= samples[i - 1].v);
  const down = samples.every((s, i) => i === 0 || s.v <= samples[i - 1].v);
  if (!up && !down) return null;
  return { rate: ((last.v - first.v) / (last.p.latest - first.p.earliest)) * HOUR, basis: 'span' };
}

function exhaustion(last: SeriesPoint, available: number | null, rate: number): number | null {
  return available !== null && rate > 0 ? Math.round(last.latest + (available / rate) * HOUR) : null;
}

/** Per-pid slopes of one group's workers seen in three or more exact tables. */
function workerGrowth(tables: readonly SeriesPoint[], group: string, groupOfRow: (c: string) => string): WorkerGrowth | null {
  const byPid = new Map<number, [number, number][]>();
  for (const p of tables) {
    if (!p.exact) continue;
    for (const r of p.rows ?? []) {
      if (r.pid === undefined || groupOfRow(r.command) !== group) continue;
      const s = byPid.get(r.pid) ?? [];
      s.push([p.earliest, r.rss_bytes]);
      byPid.set(r.pid, s);
    }
  }
  const slopes: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  for (const s of byPid.values()) {
    if (s.length < 3) continue;
    const slope = theilSen(s);
    if (slope === null) continue;
    slopes.push(slope * HOUR);
    firsts.push(s[0][1]);
    lasts.push(s[s.length - 1][1]);
  }
  if (slopes.length < 2) return null;
  const rate = median(slopes);
  return { workers: slopes.length, rate_bytes_per_hour: rate, first_rss_bytes: median(firsts), last_rss_bytes: median(lasts) };
}

export function findTrends(runs: readonly Run[], groupOfRow: (c: string) => string): Trend[] {
  const out: Trend[] = [];
  for (const { points: run, since } of runs) {
    const mem = run.filter((p) => p.inUse !== null).map((p) => ({ p, v: p.inUse as number }));
    const lastMem = mem[mem.length - 1]?.p ?? null;
    if (mem.length >= 3) {
      const r = rateOf(mem);
      if (r) {
        const last = mem[mem.length - 1].p;
        out.push({ group: 'memory', from: mem[0].p, to: last, rate_bytes_per_hour: r.rate, basis: r.basis, samples: mem.length, available_bytes: last.available, exhausted_at: exhaustion(last, last.available, r.rate), per_worker: null, since });
      }
    }
    const tables = run.filter((p) => p.rows !== null && !p.partial);
    if (tables.length < 3) continue;
    const sums = tables.map((p) => groupTotals(p.rows ?? []));
    const names = new Set(sums.flatMap((m) => [...m.keys()]));
    for (const g of names) {
      const samples = tables.map((p, i) => ({ p, v: sums[i].get(g)?.rss_bytes ?? 0 })).filter((_, i) => sums[i].has(g));
      if (samples.length < 3) continue;
      const r = rateOf(samples);
      if (!r || Math.abs(r.rate) < MiB) continue;
      const last = samples[samples.length - 1].p;
      const available = lastMem?.available ?? null;
      out.push({ group: g, from: samples[0].p, to: last, rate_bytes_per_hour: r.rate, basis: r.basis, samples: samples.length, available_bytes: available, exhausted_at: exhaustion(last, available, r.rate), per_worker: g === 'php-fpm' ? workerGrowth(tables, g, groupOfRow) : null, since });
    }
  }
  return out;
}
