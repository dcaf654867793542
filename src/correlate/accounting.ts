// Memory accounting per snapshot with a process table: how many of the tasks it lists (`Tasks:
// 110 total` vs the rows shown), how much of the memory in use their RSS adds up to, and the rest
// as unaccounted. A `top` screen is often cut to a screenful; `ps` and the kernel's task table
// list every process, so what they leave out is kernel memory (slab, page tables), not processes.
import type { SeriesPoint } from './series.js';

export interface Accounting {
  point: SeriesPoint;
  listed_tasks: number;
  /** `Tasks: N total`, or the rows themselves for a complete listing; null when unknown. */
  total_tasks: number | null;
  listed_rss_bytes: number;
  /** Memory in use by processes in the same snapshot; null when it gave no totals. */
  used_bytes: number | null;
  /** In use but not in the listed rows' RSS (never below 0: shared pages count in every RSS). */
  unaccounted_bytes: number | null;
  /** Does the table list every task? */
  complete: boolean;
}

const COMPLETE_KINDS = new Set(['snapshot.ps', 'snapshot.oom_tasks']);

export function accountFor(points: readonly SeriesPoint[]): Accounting[] {
  const out: Accounting[] = [];
  for (const p of points) {
    if (!p.rows) continue;
    const listed = p.rows.length;
    const complete = COMPLETE_KINDS.has(p.event.kind) || (p.tasks !== null && listed >= p.tasks);
    const rss = p.rows.reduce((n, r) => n + r.rss_bytes, 0);
    out.push({
      point: p,
      listed_tasks: listed,
      total_tasks: p.tasks ?? (complete ? listed : null),
      listed_rss_bytes: rss,
      used_bytes: p.inUse,
      unaccounted_bytes: p.inUse === null ? null : Math.max(0, p.inUse - rss),
      complete,
    });
  }
  return out;
}

/** Worth saying: a cut table (a tenth of the tasks or more not shown) that leaves out a quarter or
 * more of the memory in use (at least 64 MiB). */
export function isTelling(a: Accounting): boolean {
  if (a.complete || a.total_tasks === null || a.total_tasks - a.listed_tasks < a.total_tasks / 10) return false;
  return a.used_bytes !== null && a.unaccounted_bytes !== null && a.unaccounted_bytes >= 64 * 1024 ** 2 && a.unaccounted_bytes >= a.used_bytes / 4;
}
