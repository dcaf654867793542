// Did the fix work: two bundles (the end of BEFORE beside the start of AFTER) or one bundle split
// at an instant or at its own last restart or config change, compared over equal spans, with a
// one-line verdict. Pure: Analyses in, a Comparison (plain data, numbers in ms) out.
import type { Analysis } from '../analyze.js';
import type { Event } from '../event.js';
import { restartedGroup } from '../correlate/releases.js';
import { type Period, periodOf } from './period.js';
import { verdictOf } from './verdict.js';

export interface Split {
  ms: number;
  /** The event it was taken from (auto), or null for a given instant. */
  event: Event | null;
}

export interface Comparison {
  split: Split | null;
  /** The equal span both sides cover, in seconds. */
  span_seconds: number;
  before: Period;
  after: Period;
  outcome: 'still_failing' | 'better' | 'better_but_growing' | 'unchanged' | 'unclear';
  verdict: string;
}

function latestOf(e: Event): number {
  return e.time.source === 'interval' ? (e.time.latestMs ?? e.time.ms) : e.time.ms;
}

/** The instants a bundle's evidence covers (configs, dated by their file, do not count). */
export function spanOf(a: Analysis): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of a.events) {
    if (!Number.isFinite(e.time.ms) || e.kind.startsWith('config.') || e.kind === 'line.unrecognized') continue;
    start = Math.min(start, e.time.ms);
    end = Math.max(end, latestOf(e));
  }
  return Number.isFinite(start) ? { start, end } : null;
}

/** The bundle's own last php-fpm restart or config change (a start with a new buffer pool), else its last restart. */
export function autoSplit(a: Analysis): Split | null {
  let fpm: Event | null = null;
  let any: Event | null = null;
  let changed: Event | null = null;
  let pool: number | null = null;
  for (const e of a.events) {
    if (!Number.isFinite(e.time.ms)) continue;
    if (e.kind === 'mysql.buffer_pool_init') {
      if (pool !== null && e.data.bytes !== pool) changed = e;
      pool = e.data.bytes;
    }
    const g = e.kind === 'kernel.oom_kill' ? null : restartedGroup(e);
    if (g === 'php-fpm') fpm = e;
    if (g) any = e;
  }
  const chosen = fpm ?? changed ?? any;
  return chosen ? { ms: chosen.time.ms, event: chosen } : null;
}

export function compareSplit(a: Analysis, split: Split): Comparison | null {
  const span = spanOf(a);
  if (!span || split.ms <= span.start || split.ms >= span.end) return null;
  const d = Math.min(split.ms - span.start, span.end - split.ms);
  const splitIndex = split.event ? a.events.indexOf(split.event) : null;
  const before = periodOf(a, { from: split.ms - d, to: split.ms, side: 'before', splitIndex });
  const after = periodOf(a, { from: split.ms, to: split.ms + d, side: 'after', splitIndex });
  return { split, span_seconds: Math.round(d / 1000), before, after, ...verdictOf(before, after, d) };
}

export function compareBundles(a: Analysis, b: Analysis): Comparison | null {
  const sa = spanOf(a);
  const sb = spanOf(b);
  if (!sa || !sb) return null;
  const d = Math.min(sa.end - sa.start, sb.end - sb.start);
  const before = periodOf(a, { from: sa.end - d, to: sa.end, side: 'before', splitIndex: null });
  const after = periodOf(b, { from: sb.start, to: sb.start + d, side: 'after', splitIndex: null });
  return { split: null, span_seconds: Math.round(d / 1000), before, after, ...verdictOf(before, after, d) };
}
