// The chart's time frame, computed where the Clock is (luxon is the only zone authority): the span
// the chart covers and the report zone's UTC offsets over it, as a small table of transitions. The
// page turns an instant into wall time with that table alone, so it never guesses a zone itself.
import type { Clock } from '../time/clock.js';

export interface TimeAxis {
  start: number;
  end: number;
  /** `[from_ms, offset_minutes]`, sorted: the offset in force from that instant on (first from -∞). */
  offsets: [number, number][];
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** JavaScript Dates (and so the page) end here. */
export const DATE_LIMIT = 8.64e15;
/** At most this many offset probes, however long the span: a far-off date costs no more. */
const MAX_PROBES = 4000;

function offsetMinutes(clock: Clock, ms: number): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(clock.offsetName(ms));
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The offsets over [start, end]: probes a day apart (fewer on long spans), each change found to the millisecond. */
export function offsetTable(clock: Clock, start: number, end: number): [number, number][] {
  const table: [number, number][] = [[start, offsetMinutes(clock, start)]];
  const step = Math.max(DAY, Math.ceil((end - start) / MAX_PROBES));
  let prev = start;
  let prevOff = table[0][1];
  for (let t = start + step; prev < end; t += step) {
    const at = Math.min(t, end);
    const off = offsetMinutes(clock, at);
    if (off !== prevOff) {
      let lo = prev;
      let hi = at; // offset(lo) = prevOff, offset(hi) = off
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutes(clock, mid) === prevOff) lo = mid;
        else hi = mid;
      }
      table.push([hi, off]);
      prevOff = off;
    }
    prev = at;
  }
  return table;
}

/** A frame over the instants given (non-finite ones ignored; no spread, so any count works). */
export function timeAxis(clock: Clock, instants: Iterable<number>): TimeAxis | null {
  let start = Infinity;
  let end = -Infinity;
  for (const t of instants) {
    if (!Number.isFinite(t) || Math.abs(t) > DATE_LIMIT) continue;
    if (t < start) start = t;
    if (t > end) end = t;
  }
  if (start > end) return null;
  return { start, end, offsets: offsetTable(clock, start, end) };
}
