// Folds repeated timeline lines for reports people read: routine kinds (plain log lines,
// unrecognized lines) with the same text, numbers aside, become one entry with ×N and the first
// and last time. Events that matter (failures, starts, snapshots) are never folded.
import type { Event } from '../event.js';

const FOLDABLE = new Set(['mysql.log', 'kernel.log', 'phpfpm.log', 'line.unrecognized']);

export interface Folded {
  event: Event;
  count: number;
  lastMs: number;
}

function key(e: Event): string {
  return `${e.kind}\u0000${e.message.replace(/\d+/g, '#')}`;
}

export function foldTimeline(events: readonly Event[], verbose = false): Folded[] {
  const out: Folded[] = [];
  const seen = new Map<string, Folded>();
  for (const e of events) {
    if (!verbose && FOLDABLE.has(e.kind)) {
      const k = key(e);
      const f = seen.get(k);
      if (f) {
        f.count++;
        if (Number.isFinite(e.time.ms)) f.lastMs = e.time.ms;
        continue;
      }
      const nf = { event: e, count: 1, lastMs: e.time.ms };
      seen.set(k, nf);
      out.push(nf);
      continue;
    }
    out.push({ event: e, count: 1, lastMs: e.time.ms });
  }
  return out;
}
