// Folds repeated timeline lines for reports people read: routine kinds (plain log lines,
// unrecognized lines, php-fpm's repeated warnings) with the same text, numbers aside, become one entry with ×N and the first
// and last time. Which kinds fold is their row in src/kinds.ts (`folds`); failures, starts, snapshots never do. Repeats the
// analysis already folded as they arrived (timeline/collect.ts) merge in as ready-made entries.
import type { Event } from '../event.js';
import { FOLDABLE } from '../kinds.js';
import type { Folded } from '../timeline/collect.js';
import { byTime } from '../timeline/merge.js';
import { foldText } from '../fold-texts.js';

export type { Folded };

/** What folds together: the kind and the message with every run of digits as `#`. */
export function foldKey(e: Event): string {
  return `${e.kind}\u0000${foldText(e.message)}`;
}

/** The latest of two times, ignoring unknown ones (NaN when both are). */
export function laterMs(a: number, b: number): number {
  return Number.isFinite(b) && !(a >= b) ? b : a;
}

/**
 * `events` in time order. `prefolded`: entries folded on arrival, each with its earliest event;
 * they take the place of that event in the timeline. The last time of an entry is the latest
 * known time of its events (the timeline is in time order, so that is the last one's).
 */
export function foldTimeline(events: readonly Event[], verbose = false, prefolded: readonly Folded[] = []): Folded[] {
  const out: Folded[] = [];
  const seen = new Map<string, Folded>();
  const pre = [...prefolded].sort((a, b) => byTime(a.event, b.event));
  let p = 0;
  const take = (f: Folded) => {
    const k = foldKey(f.event);
    const had = seen.get(k);
    if (had) {
      had.count += f.count;
      had.lastMs = laterMs(had.lastMs, f.lastMs);
      return;
    }
    const nf = { event: f.event, count: f.count, lastMs: f.lastMs };
    seen.set(k, nf);
    out.push(nf);
  };
  for (const e of events) {
    while (p < pre.length && byTime(pre[p].event, e) < 0) take(pre[p++]);
    if (!verbose && FOLDABLE.has(e.kind)) take({ event: e, count: 1, lastMs: e.time.ms });
    else out.push({ event: e, count: 1, lastMs: e.time.ms });
  }
  while (p < pre.length) take(pre[p++]);
  return out;
}
