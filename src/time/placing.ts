// Turns a partial stamp into an instant given one piece of evidence: a time-only stamp (`top -
// 23:42:33`) lacks its day, a syslog stamp (`May 21 18:49:20`) its year. Each function searches
// the few candidate days or years near the evidence, through the clock, so DST gaps and repeated
// hours are the zone's business, never arithmetic on milliseconds.
import type { RawStamp } from '../event.js';
import type { Clock } from './clock.js';

export const DAY_MS = 86_400_000;

/** What a partial stamp lacks: its day (time-only) or its year (year-less). */
export type Unit = 'day' | 'year';

/** The unit a stamp lacks, or null when it is complete. */
export function missingUnit(s: RawStamp): Unit | null {
  if (s.year !== undefined && s.month !== undefined && s.day !== undefined) return null;
  return s.month !== undefined && s.day !== undefined ? 'year' : 'day';
}

/** How far each search reaches, in units (a Feb 29 needs up to four years). */
const REACH: Record<Unit, number> = { day: 2, year: 4 };
/** Closer than this to a target, a candidate is the nearest one (half the shortest day / year). */
const QUICK: Record<Unit, number> = { day: 11.5 * 3_600_000, year: 182 * DAY_MS };

export class Placer {
  constructor(private readonly clock: Clock) {}

  /** The unit index of an instant in the report zone: a day number, or the year. */
  unitAt(unit: Unit, ms: number): number {
    const d = this.clock.dateOf(ms);
    return unit === 'year' ? d.year : Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
  }

  /** The instants a stamp can mean in day number / year `u` (earliest first). */
  instants(s: RawStamp, unit: Unit, u: number): number[] {
    if (unit === 'year') return this.clock.candidates({ ...s, year: u, month: s.month ?? 1, day: s.day ?? 1 });
    const d = new Date(u * DAY_MS);
    return this.clock.candidates({ ...s, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }

  /** The calendar day (or the year) of day number / year `u`, for notes. */
  label(unit: Unit, u: number): string {
    return unit === 'year' ? String(u) : new Date(u * DAY_MS).toISOString().slice(0, 10);
  }

  /** The first instant at or after `ref - tol` (a time-of-day earlier than the reference rolls forward). */
  after(s: RawStamp, unit: Unit, ref: number, tol: number): number {
    const from = this.unitAt(unit, ref - tol) - 1;
    for (let u = from; u <= from + REACH[unit] + 1; u++) {
      for (const t of this.instants(s, unit, u)) if (t >= ref - tol) return t;
    }
    return Number.NaN;
  }

  /** The last instant at or before `ref + tol` (lnav's rule for a file's modification time). */
  before(s: RawStamp, unit: Unit, ref: number, tol: number): number {
    const from = this.unitAt(unit, ref + tol) + 1;
    for (let u = from; u >= from - REACH[unit] - 1; u--) {
      const ts = this.instants(s, unit, u);
      for (let i = ts.length - 1; i >= 0; i--) if (ts[i] <= ref + tol) return ts[i];
    }
    return Number.NaN;
  }

  /** The instant closest to `target`. */
  nearest(s: RawStamp, unit: Unit, target: number): number {
    const mid = this.unitAt(unit, target);
    // Fast path (a long syslog): in the target's own day / year and close enough to it, no other
    // day / year can be closer (days last at least 23 hours, years 365 days).
    const quick = this.quick(s, unit, mid);
    if (Math.abs(quick - target) < QUICK[unit]) return quick;
    let best = Number.NaN;
    for (let u = mid - REACH[unit]; u <= mid + REACH[unit]; u++) {
      for (const t of this.instants(s, unit, u)) if (!(Math.abs(t - target) >= Math.abs(best - target))) best = t;
    }
    return best;
  }

  /** The stamp in unit `u` through the clock's per-hour cache; NaN when that hour is not simple. */
  private quick(s: RawStamp, unit: Unit, u: number): number {
    if (unit === 'year') return s.month !== undefined && s.day !== undefined ? this.clock.simpleInstant({ ...s, year: u, month: s.month, day: s.day }) : Number.NaN;
    const d = new Date(u * DAY_MS);
    return this.clock.simpleInstant({ ...s, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }

  /** The instant closest to the span [lo, hi]; `unique` is false when several fall inside it. */
  within(s: RawStamp, unit: Unit, lo: number, hi: number): { ms: number; unique: boolean } {
    const first = this.unitAt(unit, lo) - 1;
    const last = this.unitAt(unit, hi) + 1;
    if (last - first > 3 * REACH[unit]) return { ms: this.before(s, unit, hi, 0), unique: false };
    let best = Number.NaN;
    let bestDist = Number.POSITIVE_INFINITY;
    let inside = 0;
    for (let u = first; u <= last; u++) {
      for (const t of this.instants(s, unit, u)) {
        const dist = t < lo ? lo - t : t > hi ? t - hi : 0;
        if (dist === 0) inside++;
        if (dist < bestDist || (dist === 0 && t > best)) {
          best = t;
          bestDist = dist;
        }
      }
    }
    return { ms: best, unique: inside <= 1 };
  }

  /** The stamp in day number / year `u` (its earliest meaning). */
  at(s: RawStamp, unit: Unit, u: number): number {
    const ts = this.instants(s, unit, u);
    return ts.length > 0 ? ts[0] : Number.NaN;
  }
}
