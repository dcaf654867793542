// Gathers the events of a bundle as the parsers emit them. For reports that fold repeats, routine
// events (plain log lines) are folded on arrival: the earliest of each kind of line, a count and
// the last time, instead of every event. What the later stages read of them is kept exactly: the
// dating stage gets "witnesses" (a file's earliest and latest stamped lines, the neighbours of a
// line with no time), the correlator the latest server line, the report counts and zone offsets.
import type { Event } from '../event.js';
import { FOLDABLE, type Folded, foldKey, laterMs } from '../report/fold.js';
import type { Clock } from '../time/clock.js';

export interface CollectOptions {
  /** Fold routine events on arrival (false: keep every event, for NDJSON and --verbose). */
  fold: boolean;
  clock: Clock;
  /** --since / --until as epoch ms: folded events outside are counted in stats only. */
  since?: number;
  until?: number;
}

/** What the folded events contribute to the report (kept events are counted by the report itself). */
export interface FoldedSummary {
  /** One entry per foldable line text, with its earliest event, inside --since/--until. */
  groups: Folded[];
  /** Events per kind, with the earliest one (for the order kinds are listed in). */
  kinds: Map<string, { count: number; first: Event }>;
  /** Zone offsets (`+08:00`) at the folded events' times, with the earliest time of each. */
  offsets: Map<string, number>;
  /** Non-blank lines folded in, per input path (the nothing-lost invariant). */
  lines: Map<string, number>;
  /** The latest folded server line (`mysql.*`): evidence the server was alive, for incidents. */
  latestServerLine?: Event;
}

/** Recent folded events kept per file, to witness a line with no time arriving after them. */
const RECENT = 64;

/** Per input file: what the dating stage may need of its folded events. */
class FileWitnesses {
  lo?: Event;
  hi?: Event;
  /** The last RECENT folded events, a ring. */
  private recent: (Event | undefined)[] = new Array(RECENT);
  private next = 0;
  /** The latest-timed folded event that left `recent`. */
  private older?: Event;
  /** Formats whose next folded event bounds an untimed line before it. */
  private wanted: string[] = [];
  readonly found = new Set<Event>();

  folded(e: Event): void {
    const ms = e.time.ms;
    if (e.time.source === 'stamped') {
      if (!this.lo || ms < this.lo.time.ms) this.lo = e;
      if (!this.hi || ms > this.hi.time.ms) this.hi = e;
    }
    if (this.wanted.length > 0 && this.wanted.includes(e.src.format)) {
      this.found.add(e);
      this.wanted = this.wanted.filter((f) => f !== e.src.format);
    }
    const old = this.recent[this.next];
    if (old && (!this.older || old.time.ms >= this.older.time.ms)) this.older = old;
    this.recent[this.next] = e;
    this.next = (this.next + 1) % RECENT;
  }

  /** An event with no time at all: the dating stage bounds it by its neighbours in the file. */
  untimed(e: Event): void {
    for (const r of this.recent) if (r) this.found.add(r);
    if (this.older) this.found.add(this.older);
    this.recent = new Array(RECENT);
    this.next = 0;
    if (!this.wanted.includes(e.src.format)) this.wanted.push(e.src.format);
  }

  all(): Event[] {
    const out = new Set(this.found);
    if (this.lo) out.add(this.lo);
    if (this.hi) out.add(this.hi);
    return [...out];
  }
}

function untimed(e: Event): boolean {
  return !Number.isFinite(e.time.ms) && e.pending?.stamp === undefined && e.pending?.uptime_seconds === undefined;
}

export class Collector {
  /** Kept events and, at the end of each input, its witnesses: in emission order, for dating. */
  readonly events: Event[] = [];
  /** Witnesses: folded events the dating stage sees, never the timeline. */
  readonly witnesses = new Set<Event>();
  private readonly groups = new Map<string, Folded>();
  private readonly summary: FoldedSummary = { groups: [], kinds: new Map(), offsets: new Map(), lines: new Map() };
  private file: FileWitnesses | null = null;

  constructor(private readonly opts: CollectOptions) {}

  /** A new input starts. */
  startSource(): void {
    this.endSource();
    this.file = new FileWitnesses();
  }

  /** The input ended: its witnesses join the events the dating stage reads. */
  endSource(): void {
    if (!this.file) return;
    for (const e of this.file.all()) {
      this.witnesses.add(e);
      this.events.push(e);
    }
    this.file = null;
  }

  add = (e: Event): void => {
    if (!this.opts.fold || !FOLDABLE.has(e.kind) || !Number.isFinite(e.time.ms) || e.pending) {
      if (this.file && untimed(e)) this.file.untimed(e);
      this.events.push(e);
      return;
    }
    this.file?.folded(e);
    const s = this.summary;
    s.lines.set(e.src.path, (s.lines.get(e.src.path) ?? 0) + e.src.lines);
    if (!this.inWindow(e)) return;
    const ms = e.time.ms;
    const key = foldKey(e);
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      g.lastMs = laterMs(g.lastMs, ms);
      if (ms < g.event.time.ms || (ms === g.event.time.ms && e.seq < g.event.seq)) g.event = e;
    } else this.groups.set(key, { event: e, count: 1, lastMs: ms });
    const k = s.kinds.get(e.kind);
    if (!k) s.kinds.set(e.kind, { count: 1, first: e });
    else {
      k.count++;
      if (ms < k.first.time.ms || (ms === k.first.time.ms && e.seq < k.first.seq)) k.first = e;
    }
    if (e.kind.startsWith('mysql') && (!s.latestServerLine || ms > s.latestServerLine.time.ms)) s.latestServerLine = e;
    this.offsetAt(ms);
  };

  private inWindow(e: Event): boolean {
    const { since, until } = this.opts;
    if (since !== undefined && (e.time.latestMs ?? e.time.ms) < since) return false;
    return !(until !== undefined && e.time.ms > until);
  }

  private offsetAt(ms: number): void {
    const name = this.opts.clock.offsetName(ms);
    const had = this.summary.offsets.get(name);
    if (had === undefined || ms < had) this.summary.offsets.set(name, ms);
  }

  /** The folded events' share of the analysis (undefined when nothing was folded). */
  folded(): FoldedSummary | undefined {
    if (!this.opts.fold) return undefined;
    this.summary.groups = [...this.groups.values()];
    return this.summary;
  }
}
