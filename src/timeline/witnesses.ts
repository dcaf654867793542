// What the dating stage may need of a file's folded events (timeline/collect.ts): its earliest and
// latest stamped ones (the span that dates year-less or day-less stamps elsewhere), and for a line
// with no time at all the folded lines around it (the latest time before it, the next line of its
// format after it). Kept as the events arrive, a few at a time.
import type { Event } from '../event.js';

/** Recent folded events kept per file, to witness a line with no time arriving after them. */
const RECENT = 64;

/** Per input file: what the dating stage may need of its folded events. */
export class FileWitnesses {
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
  /** The first folded event of each format (what a part of a file offers the part before it). */
  readonly first = new Map<string, Event>();
  private lastFormat = '';
  hadUntimed = false;

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
    if (e.src.format !== this.lastFormat) {
      if (!this.first.has(e.src.format)) this.first.set(e.src.format, e);
      this.lastFormat = e.src.format;
    }
    this.remember(e);
  }

  private remember(e: Event): void {
    const old = this.recent[this.next];
    if (old) this.keepOlder(old);
    this.recent[this.next] = e;
    this.next = (this.next + 1) % RECENT;
  }

  private keepOlder(e: Event): void {
    if (!this.older || e.time.ms >= this.older.time.ms) this.older = e;
  }

  /** The recent folded events, oldest first, and the latest-timed one before them. */
  ring(): { recent: Event[]; older?: Event } {
    const recent: Event[] = [];
    for (let i = 0; i < RECENT; i++) {
      const e = this.recent[(this.next + i) % RECENT];
      if (e) recent.push(e);
    }
    return { recent, older: this.older };
  }

  /** The witnesses of the next part of the same file, read apart (with no untimed line). */
  absorb(w: PartWitnesses): void {
    if (w.lo && (!this.lo || w.lo.time.ms < this.lo.time.ms)) this.lo = w.lo;
    if (w.hi && (!this.hi || w.hi.time.ms > this.hi.time.ms)) this.hi = w.hi;
    for (const [format, e] of w.first) {
      if (!this.wanted.includes(format)) continue;
      this.found.add(e);
      this.wanted = this.wanted.filter((f) => f !== format);
    }
    for (const [format, e] of w.first) if (!this.first.has(format)) this.first.set(format, e);
    // as if the part's folded events had arrived here: its last ones stay at hand
    for (const e of w.recent) this.remember(e);
    if (w.older) this.keepOlder(w.older);
  }

  /** An event with no time at all: the dating stage bounds it by its neighbours in the file. */
  untimed(e: Event): void {
    this.hadUntimed = true;
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

/** What a part of a file read apart hands over of its witnesses. */
export interface PartWitnesses {
  lo?: Event;
  hi?: Event;
  first: Map<string, Event>;
  recent: Event[];
  older?: Event;
  hadUntimed: boolean;
}

/** An event with no time and nothing for the dating stage to place it by but its neighbours. */
export function untimed(e: Event): boolean {
  return !Number.isFinite(e.time.ms) && e.pending?.stamp === undefined && e.pending?.uptime_seconds === undefined;
}
