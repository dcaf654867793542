// The memory series the explaining modules share (accounting, releases, trends): each snapshot
// with memory totals or a process table, in timeline order, with memory in use (what processes
// hold: total − available, or used − buffers − cache) and its time bounds (an interval-dated
// snapshot is known only to lie between them). Pure: Events in, plain points out.
import { type Event, type MemoryTotals, type ProcessRow, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import { groupOf } from './processes.js';
import { obtainable } from './verdict.js';

export interface SeriesPoint {
  event: Event;
  /** Position on the timeline (its order, which is known even when the time is not). */
  index: number;
  /** Earliest and latest instant the snapshot may have been taken at (equal unless interval-dated). */
  earliest: number;
  latest: number;
  exact: boolean;
  total: number | null;
  /** Memory in use by processes (page cache and buffers excluded). */
  inUse: number | null;
  /** `used` as the tool printed it (buffers and cache included in old procps). */
  used: number | null;
  available: number | null;
  tasks: number | null;
  /** The process table when it has sizes; null when none. */
  rows: readonly ProcessRow[] | null;
  partial: boolean;
}

/** Memory in use by processes: total − what could be had, else `used`. */
export function inUseOf(m: MemoryTotals | undefined): number | null {
  if (!m?.total_bytes) return m?.used_bytes ?? null;
  const free = obtainable(m);
  return free !== null ? Math.max(0, m.total_bytes - free) : (m.used_bytes ?? null);
}

export function memorySeries(timeline: readonly Event[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  timeline.forEach((e, index) => {
    if (!SNAPSHOT_KINDS.has(e.kind) || !Number.isFinite(e.time.ms)) return;
    const d = e.data as SnapshotData;
    const rows = d.rows && d.rows.length > 0 && d.rss_known !== false ? d.rows : null;
    const m = d.memory;
    if (!m?.total_bytes && !rows) return;
    const interval = e.time.source === 'interval';
    out.push({
      event: e,
      index,
      earliest: e.time.ms,
      latest: interval ? (e.time.latestMs ?? e.time.ms) : e.time.ms,
      exact: !interval,
      total: m?.total_bytes ?? null,
      inUse: m?.total_bytes ? inUseOf(m) : null,
      used: m?.used_bytes ?? null,
      available: m?.total_bytes ? obtainable(m) : null,
      tasks: d.tasks?.total ?? null,
      rows,
      partial: d.partial === true,
    });
  });
  return out;
}

/** RSS and process count per group of a process table. */
export function groupTotals(rows: readonly ProcessRow[]): Map<string, { processes: number; rss_bytes: number }> {
  const out = new Map<string, { processes: number; rss_bytes: number }>();
  for (const r of rows) {
    const g = groupOf(r.command);
    const cur = out.get(g) ?? { processes: 0, rss_bytes: 0 };
    cur.processes++;
    cur.rss_bytes += r.rss_bytes;
    out.set(g, cur);
  }
  return out;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = Float64Array.from(values).sort(); // numeric, no comparator calls
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
