// Places one file's partial stamps (all lacking a day, or all lacking a year) in line order. An
// anchor (`date` / TS line) earlier in the file dates the next stamp; later stamps are carried from
// the one before (a time-of-day going backwards rolls to the next day, a `top` uptime says by how
// much). Stamps before any anchor take the file's best other evidence, then are carried the same way.
import { type Event, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import { anchorName } from './blanks.js';
import type { DatingOptions, Span } from './dating.js';
import { DAY_MS, type Placer, type Unit } from './placing.js';
import { hostOffsetNote, prefixInstant } from './prefix.js';

export interface Chain {
  unit: Unit;
  /** Events to place, in line order. */
  events: Event[];
  /** Stamped anchor events of the same file, in line order. */
  anchors: Event[];
  span?: Span;
  mtime?: number;
  /** Host UTC offsets per pt-stalk prefix, from TS lines. */
  hostOffsets: Map<string, number>;
}

/** How far before its reference a time-only stamp may fall without rolling a day forward. */
const TOL_DAY = 5 * 60_000;
const HALF_YEAR = 182 * DAY_MS;

function uptimeOf(e: Event): number | undefined {
  return SNAPSHOT_KINDS.has(e.kind) ? (e.data as SnapshotData).uptime_seconds : undefined;
}

/** `under a minute`, `3 min`, `12 h 06 m`, `2 d 0 h 05 m`. */
function hm(seconds: number): string {
  const m = Math.round(seconds / 60);
  if (m < 1) return 'under a minute';
  if (m < 60) return `${m} min`;
  const hours = `${Math.floor(m / 60) % 24} h ${String(m % 60).padStart(2, '0')} m`;
  return m >= 1440 ? `${Math.floor(m / 1440)} d ${hours}` : hours;
}

export function placeChain(c: Chain, placer: Placer, opts: DatingOptions): void {
  const { unit } = c;
  const what = unit === 'day' ? 'date' : 'year';
  const clock = opts.clock;
  const years = new Map<Event, number>();
  const set = (e: Event, ms: number, note: string, year?: number): boolean => {
    if (!Number.isFinite(ms)) return false;
    e.time = { ms, source: 'inferred', note };
    if (unit === 'year') years.set(e, year ?? placer.unitAt(unit, ms));
    return true;
  };
  const rolled = (from: number, to: number): string => {
    const n = placer.unitAt(unit, to) - placer.unitAt(unit, from);
    if (n === 0) return '';
    if (unit === 'year') return n > 0 ? ', rolled into the next year' : ', rolled back a year';
    return n === 1 ? ', rolled to the next day' : n > 0 ? `, ${n} days later` : `, ${-n} day(s) earlier`;
  };
  /** Carry the date from a placed neighbour (dir 1: the one before, -1: the one after). */
  const carry = (from: Event, e: Event, dir: 1 | -1): boolean => {
    const s = e.pending?.stamp;
    if (!s) return false;
    const ref = from.time.ms;
    let note = `${what} carried from line ${from.src.line}`;
    let t: number;
    if (unit === 'year') {
      // Fast path for a long syslog: the year of the line before, when that lands near it.
      const y = years.get(from);
      const quick = y !== undefined && s.month !== undefined && s.day !== undefined ? clock.simpleInstant({ year: y, month: s.month, day: s.day, hour: s.hour, minute: s.minute, second: s.second, millis: s.millis, offsetMinutes: s.offsetMinutes }) : Number.NaN;
      if (y !== undefined && Math.abs(quick - ref) < HALF_YEAR && set(e, quick, note, y)) return true;
      t = placer.nearest(s, unit, ref);
    } else {
      const [u0, u1] = dir === 1 ? [uptimeOf(from), uptimeOf(e)] : [uptimeOf(e), uptimeOf(from)];
      if (u0 !== undefined && u1 !== undefined && u1 >= u0) {
        const expect = ref + dir * (u1 - u0) * 1000;
        t = placer.nearest(s, unit, expect);
        note += ` by the uptime (${hm(u1 - u0)} apart)`;
        if (Math.abs(t - expect) > TOL_DAY) note += `; the uptime disagrees by ${hm(Math.abs(t - expect) / 1000)}`;
      } else {
        t = dir === 1 ? placer.after(s, unit, ref, TOL_DAY) : placer.before(s, unit, ref, TOL_DAY);
        if (u0 !== undefined && u1 !== undefined) note += '; the uptime went down (a reboot between)';
      }
    }
    return set(e, t, note + rolled(ref, t));
  };
  const forward = (list: Event[], first: number, note: string): void => {
    if (!set(list[0], first, note)) return;
    for (let i = 1; i < list.length; i++) if (!carry(list[i - 1], list[i], 1)) return;
  };
  const backward = (list: Event[], last: number, note: string): void => {
    if (!set(list[list.length - 1], last, note)) return;
    for (let i = list.length - 2; i >= 0; i--) if (!carry(list[i + 1], list[i], -1)) return;
  };

  // Events after an anchor: the nearest anchor before each, else the event before it.
  let prev: Event | null = null;
  let ai = -1;
  const leading: Event[] = [];
  for (const e of c.events) {
    while (ai + 1 < c.anchors.length && c.anchors[ai + 1].src.line < e.src.line) ai++;
    const a = ai >= 0 ? c.anchors[ai] : undefined;
    const s = e.pending?.stamp;
    if (!s) continue;
    if (a && (!prev || a.src.line > prev.src.line)) {
      const t = unit === 'day' ? placer.after(s, unit, a.time.ms, TOL_DAY) : placer.nearest(s, unit, a.time.ms);
      if (set(e, t, `${what} from ${anchorName(a)}${rolled(a.time.ms, t)}`)) prev = e;
    } else if (prev) {
      if (carry(prev, e, 1)) prev = e;
    } else leading.push(e);
  }
  if (leading.length === 0) return;

  // Events before any anchor: the file's other evidence, best first.
  const first = leading[0].pending?.stamp;
  const last = leading[leading.length - 1].pending?.stamp;
  if (!first || !last) return;
  if (c.anchors.length > 0) {
    const a = c.anchors[0];
    const t = unit === 'day' ? placer.before(last, unit, a.time.ms, TOL_DAY) : placer.nearest(last, unit, a.time.ms);
    return backward(leading, t, `${what} from ${anchorName(a)} after it`);
  }
  const prefix = leading[0].meta?.['ptstalk.prefix'];
  const pms = prefixInstant(prefix, clock);
  if (prefix && pms !== undefined) {
    const t = unit === 'day' ? placer.after(first, unit, pms, TOL_DAY) : placer.nearest(first, unit, pms);
    return forward(leading, t, `${what} from the pt-stalk file name prefix ${prefix}${hostOffsetNote(c.hostOffsets, prefix, pms, clock)}`);
  }
  let ambiguous: number | undefined;
  if (c.span) {
    const { lo, hi } = c.span;
    const w = placer.within(first, unit, lo.time.ms, hi.time.ms);
    const shown = opts.shown ?? ((p: string) => p);
    const where = lo.src.path === hi.src.path ? shown(lo.src.path) : `${shown(lo.src.path)} … ${shown(hi.src.path)}`;
    if (w.unique) return forward(leading, w.ms, `${what} from the bundle's dated events (${where}: ${clock.wall(lo.time.ms)} … ${clock.wall(hi.time.ms)})`);
    ambiguous = w.ms;
  }
  const optYear = opts.year ?? opts.date?.year;
  if (unit === 'day' && opts.date) {
    const d = opts.date;
    const u = Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
    return forward(leading, placer.at(first, unit, u), `date from --date ${placer.label(unit, u)}`);
  }
  if (unit === 'year' && optYear !== undefined) {
    return forward(leading, placer.at(first, unit, optYear), `year from ${opts.year !== undefined ? '--year' : '--date'} ${optYear}`);
  }
  if (ambiguous !== undefined) {
    return forward(leading, ambiguous, `the bundle's dated events span several ${unit}s; took the last (pass --${unit === 'day' ? 'date' : 'year'} to choose)`);
  }
  if (c.mtime !== undefined) {
    const t = placer.before(last, unit, c.mtime, unit === 'day' ? 60_000 : DAY_MS);
    return backward(leading, t, `${what} from the file's modification time (${clock.wall(c.mtime)})`);
  }
  for (const e of leading) e.time = { ...e.time, note: `no ${what} known for this stamp: pass --${unit === 'day' ? 'date' : 'year'}` };
}
