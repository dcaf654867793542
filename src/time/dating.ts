// The dating stage: places every event its parser could not (time-only `top` headers, year-less
// syslog stamps, dmesg uptimes, blocks with no time at all) once all inputs are parsed. Evidence,
// best first: `date` / TS anchor lines earlier in the same file, a pt-stalk file-name prefix, the
// bundle's own dated events, --date / --year, the file's mtime. Every time placed says how.
import type { Event } from '../event.js';
import type { Clock } from './clock.js';
import { type Chain, placeChain } from './chain.js';
import { ANCHORS, placeBlanks } from './blanks.js';
import { placeUptimes } from './boot.js';
import { Placer, missingUnit } from './placing.js';
import { hostOffsets } from './prefix.js';

export interface DatingOptions {
  clock: Clock;
  /** --date: the day for time-only stamps when nothing in the bundle dates them. */
  date?: { year: number; month: number; day: number };
  /** --year: the year for year-less (syslog) stamps when nothing in the bundle dates them. */
  year?: number;
  /** mtime per input path. */
  mtimes: Map<string, number | undefined>;
  /** A file's path as notes name it: relative to the bundle root, so the notes do not depend on
   * where oomtrail ran (identity/bundle.ts); as shown when not given. */
  shown?: (path: string) => string;
}

/** A span of fully dated (stamped) events: the bundle's own evidence. */
export interface Span {
  lo: Event;
  hi: Event;
}

function spanOf(events: readonly Event[]): Span | undefined {
  let lo: Event | undefined;
  let hi: Event | undefined;
  for (const e of events) {
    if (e.time.source !== 'stamped' || !Number.isFinite(e.time.ms)) continue;
    if (!lo || e.time.ms < lo.time.ms) lo = e;
    if (!hi || e.time.ms > hi.time.ms) hi = e;
  }
  return lo && hi ? { lo, hi } : undefined;
}

function byLine(a: Event, b: Event): number {
  return a.src.line - b.src.line || a.seq - b.seq;
}

/** Place every event still at NaN; returns the events (mutated in place). */
export function dateEvents(events: Event[], opts: DatingOptions): Event[] {
  const files = new Map<string, Event[]>();
  for (const e of events) {
    const list = files.get(e.src.path);
    if (list) list.push(e);
    else files.set(e.src.path, [e]);
  }
  const bundle = spanOf(events);
  const placer = new Placer(opts.clock);
  const offsets = hostOffsets(events);
  const sorted = new Set<Event[]>();
  const inOrder = (list: Event[]) => {
    if (!sorted.has(list)) list.sort(byLine);
    sorted.add(list);
    return list;
  };
  for (const [path, all] of files) {
    if (!all.some((e) => e.pending?.stamp && !Number.isFinite(e.time.ms))) continue;
    const list = inOrder(all);
    const anchors = list.filter((e) => ANCHORS.has(e.kind) && Number.isFinite(e.time.ms));
    const span = spanOf(list) ?? bundle;
    for (const unit of ['day', 'year'] as const) {
      const chain: Chain = {
        unit,
        events: list.filter((e) => e.pending?.stamp && !Number.isFinite(e.time.ms) && missingUnit(e.pending.stamp) === unit),
        anchors,
        span,
        mtime: opts.mtimes.get(path),
        hostOffsets: offsets,
      };
      if (chain.events.length > 0) placeChain(chain, placer, opts);
    }
    for (const e of list) {
      const s = e.pending?.stamp;
      if (s && !Number.isFinite(e.time.ms) && missingUnit(s) === null) {
        e.time = { ms: opts.clock.instant(s as typeof s & { year: number; month: number; day: number }), source: 'stamped' };
      }
    }
  }
  placeUptimes(events, opts.clock, opts.mtimes, opts.shown);
  for (const [path, list] of files) {
    if (list.some((e) => !Number.isFinite(e.time.ms))) placeBlanks(inOrder(list), opts.mtimes.get(path), opts.clock, offsets);
  }
  return events;
}
