// Links a failure to the memory state around it: `before` is the latest snapshot at or before the
// failure within the lookback (an interval-dated one only if its whole interval lies before);
// memory totals from the latest memory-bearing snapshot, process data from the latest one with a
// process table; `after` is the nearest snapshot after the failure. Snapshots come in time order
// (earliest instant): a binary search skips those that start after the failure, so linking stays
// O(log n) per failure plus the lookback window (a month of rounds × thousands of failures).
import { type Event, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import type { Before, ProcessShare, SnapshotRef } from './types.js';
import { groupsOfRows } from './processes.js';

export function snapshotData(e: Event): SnapshotData | null {
  return SNAPSHOT_KINDS.has(e.kind) ? (e.data as SnapshotData) : null;
}

function latestInstant(e: Event): number {
  return e.time.source === 'interval' ? (e.time.latestMs ?? e.time.ms) : e.time.ms;
}

/** The index of the first snapshot whose earliest instant is after `t` (snapshots in time order). */
export function firstAfter(snapshots: readonly Event[], t: number): number {
  let lo = 0;
  let hi = snapshots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (snapshots[mid].time.ms > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function linkBefore(failure: Event, snapshots: readonly Event[], lookbackMs: number): Before | null {
  const t = failure.time.ms;
  let memory: Event | null = null;
  let procs: Event | null = null;
  let latest: Event | null = null;
  // a snapshot starting after the failure cannot end before it
  for (let i = firstAfter(snapshots, t) - 1; i >= 0; i--) {
    const s = snapshots[i];
    const end = latestInstant(s);
    if (!(end <= t)) continue;
    if (t - end > lookbackMs) break;
    const d = snapshotData(s);
    if (!d) continue;
    latest ??= s;
    if (!memory && d.memory && d.memory.total_bytes) memory = s;
    if (!procs && d.rows && d.rows.length > 0 && d.rss_known !== false) procs = s; // ps -ef: no sizes
    if (memory && procs) break;
  }
  if (!latest) return null;
  const mem = memory ? (snapshotData(memory)?.memory ?? null) : null;
  const rows = procs ? (snapshotData(procs)?.rows ?? []) : [];
  const total = mem?.total_bytes ?? null;
  const groups = new Map<string, { processes: number; rss_bytes: number; max: number }>();
  const names = groupsOfRows(rows);
  for (const [i, r] of rows.entries()) {
    const g = names[i];
    const cur = groups.get(g) ?? { processes: 0, rss_bytes: 0, max: 0 };
    cur.processes++;
    cur.rss_bytes += r.rss_bytes;
    cur.max = Math.max(cur.max, r.rss_bytes);
    groups.set(g, cur);
  }
  const fpm = groups.get('php-fpm');
  const php_fpm: ProcessShare | null = fpm
    ? { processes: fpm.processes, rss_bytes: fpm.rss_bytes, max_rss_bytes: fpm.max, share_of_memory: total ? fpm.rss_bytes / total : null }
    : null;
  const my = groups.get('mysqld');
  const top_groups = [...groups.entries()]
    .map(([command, g]) => ({ command, processes: g.processes, rss_bytes: g.rss_bytes }))
    .sort((a, b) => b.rss_bytes - a.rss_bytes)
    .slice(0, 5);
  return {
    event: latest,
    gap_seconds: Math.round((t - latestInstant(latest)) / 1000),
    memory: mem,
    processSnapshot: procs,
    php_fpm,
    mysqld: my ? { processes: my.processes, rss_bytes: my.rss_bytes } : null,
    top_groups,
  };
}

export function linkAfter(failure: Event, snapshots: readonly Event[]): SnapshotRef | null {
  const t = failure.time.ms;
  const s = snapshots[firstAfter(snapshots, t)];
  return s ? { event: s, gap_seconds: Math.round((s.time.ms - t) / 1000) } : null;
}

/** The nearest snapshot wholly before the failure, however old (for a verdict that says it was too old). */
export function linkEarlier(failure: Event, snapshots: readonly Event[]): SnapshotRef | null {
  const t = failure.time.ms;
  for (let i = firstAfter(snapshots, t) - 1; i >= 0; i--) {
    const end = latestInstant(snapshots[i]);
    if (end <= t) return { event: snapshots[i], gap_seconds: Math.round((t - end) / 1000) };
  }
  return null;
}
