// Gathers the events of a bundle as the parsers emit them. For reports that fold repeats, routine
// events (plain log lines) are folded on arrival: the earliest of each kind of line, a count and
// the last time, instead of every event. What the later stages read of them is kept exactly: the
// dating stage gets "witnesses" (a file's earliest and latest stamped lines, the neighbours of a
// line with no time), the correlator the latest server line, the report counts and zone offsets.
import type { Event, EventKind } from '../event.js';
import { FOLDABLE, FOLDED_EVIDENCE, isEvidenceKind, KINDS } from '../kinds.js';
import { byTime, inWindow } from './merge.js';
import { FOLD_TEXTS } from '../fold-texts.js';
import { FileWitnesses, type PartWitnesses, untimed } from './witnesses.js';
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
  /** The latest folded event that is evidence at all (not noise): where the bundle's evidence ends. */
  latestEvidence?: Event;
  /** The earliest folded event of each kind the correlator reads, per pool (FOLDED_EVIDENCE). */
  firsts: Event[];
}

/** A part of a file read apart (src/parse/split.ts): its kept events and what it folded. */
export type { PartWitnesses };

export interface PartCollection {
  kept: Event[];
  groups: Group[];
  firsts: Event[];
  offsets: Map<string, number>;
  /** Non-blank lines folded in. */
  lines: number;
  witnesses: PartWitnesses;
  /** Unrecognized lines past the sample: counted, not kept (the earliest kept for ordering). */
  sampledOut?: { count: number; first: Event };
}

/** Unrecognized lines kept per input (or part) when folding; past it they are counted only. */
export const UNRECOGNIZED_SAMPLE = 100;


/** Events folded into one entry: the earliest, how many, the last time (report/fold.ts too). */
export interface Folded {
  event: Event;
  count: number;
  lastMs: number;
}

/** A line text's folded events: the earliest (the timeline shows it), how many, the latest. */
export interface Group extends Folded {
  last: Event;
  kind: EventKind;
}

export class Collector {
  /** Kept events and, at the end of each input, its witnesses: in emission order, for dating. */
  readonly events: Event[] = [];
  /** Witnesses: folded events the dating stage sees, never the timeline. */
  readonly witnesses = new Set<Event>();
  /** Groups by fold text (a text that comes with several kinds: one group each). */
  private readonly groups = new Map<string, Group | Group[]>();
  private readonly lines = new Map<string, number>();
  private readonly offsets = new Map<string, { ms: number }>();
  /** The earliest folded event per kind and pool of the kinds the correlator reads. */
  private readonly firsts = new Map<string, Event>();
  private lastOffset: { name: string; at: { ms: number } } = { name: '', at: { ms: Number.NaN } };
  private file: FileWitnesses | null = null;
  private fileLines = 0;
  private filePath = '';
  /** Unrecognized events seen of the current input, and those past the sample (counted only). */
  private fileUnrecognized = 0;
  private sampledOut: { count: number; first: Event } | undefined;

  constructor(private readonly opts: CollectOptions) {}

  private foldNow = false;

  /** A new input starts; `fold: false` keeps all its events (an input that cannot be read again). */
  startSource(opts: { fold?: boolean } = {}): void {
    this.endSource();
    this.file = new FileWitnesses();
    this.foldNow = this.opts.fold && opts.fold !== false;
    this.fileUnrecognized = 0;
  }

  /** The input ended: its witnesses join the events the dating stage reads. */
  endSource(): void {
    if (this.fileLines > 0) this.lines.set(this.filePath, (this.lines.get(this.filePath) ?? 0) + this.fileLines);
    this.fileLines = 0;
    if (!this.file) return;
    for (const e of this.file.all()) {
      this.witnesses.add(e);
      this.events.push(e);
    }
    this.file = null;
  }

  add = (e: Event): void => {
    const ms = e.time.ms;
    // unrecognized lines past the sample are counted, not kept (1 GB of an access log is no timeline),
    // unless they repeat a text already folded
    if (this.foldNow && e.kind === 'line.unrecognized' && !e.pending && ++this.fileUnrecognized > UNRECOGNIZED_SAMPLE) {
      if (!Number.isFinite(ms) || !this.hasGroup(e)) return this.countOnly(e);
    }
    if (!this.foldNow || !FOLDABLE.has(e.kind) || !Number.isFinite(ms) || e.pending) {
      if (this.file && untimed(e)) this.file.untimed(e);
      this.events.push(e);
      return;
    }
    this.file?.folded(e);
    this.countLines(e);
    if (!this.inWindow(e)) return;
    if (FOLDED_EVIDENCE.has(e.kind)) this.first(e);
    const g = this.group(e);
    if (g.event !== e) {
      g.count++;
      if (ms < g.event.time.ms || (ms === g.event.time.ms && e.seq < g.event.seq)) g.event = e;
      if (ms > g.lastMs) {
        g.lastMs = ms;
        g.last = e;
      }
    }
    const name = this.opts.clock.offsetName(ms);
    let at = this.lastOffset.at;
    if (name !== this.lastOffset.name) {
      at = this.offsets.get(name) ?? { ms };
      this.offsets.set(name, at);
      this.lastOffset = { name, at };
    }
    if (ms < at.ms) at.ms = ms;
  };

  /** Whether e's line text already has a group of e's kind. */
  private hasGroup(e: Event): boolean {
    const had = this.groups.get(FOLD_TEXTS.of(e.message).text);
    return had !== undefined && (Array.isArray(had) ? had.some((g) => g.kind === e.kind) : had.kind === e.kind);
  }

  /** Adds e's lines to its file's count of lines folded or counted away (flushed when the file changes). */
  private countLines(e: Event): void {
    if (e.src.path !== this.filePath) {
      if (this.fileLines > 0) this.lines.set(this.filePath, (this.lines.get(this.filePath) ?? 0) + this.fileLines);
      this.filePath = e.src.path;
      this.fileLines = 0;
    }
    this.fileLines += e.src.lines;
  }

  /** An unrecognized line past the sample: its lines are counted (nothing lost), the event dropped. */
  private countOnly(e: Event): void {
    if (Number.isFinite(e.time.ms)) this.file?.folded(e);
    this.countLines(e);
    if (!this.inWindow(e)) return;
    if (!this.sampledOut) this.sampledOut = { count: 1, first: e };
    else {
      this.sampledOut.count++;
      if (byTime(e, this.sampledOut.first) < 0) this.sampledOut.first = e;
    }
  }

  /** Keeps e if it is the earliest of its kind and pool (pools whose names differ in digits only fold into one group). */
  private first(e: Event): void {
    const key = `${e.kind}\u0000${(e.data as { pool?: string }).pool ?? ''}`;
    const had = this.firsts.get(key);
    if (!had || byTime(e, had) < 0) this.firsts.set(key, e);
  }

  /** The group of e's line text; a new one (with e as its only event) if none. */
  private group(e: Event): Group {
    const text = FOLD_TEXTS.of(e.message).text;
    const had = this.groups.get(text);
    if (had !== undefined && !Array.isArray(had) && had.kind === e.kind) return had;
    const list = had === undefined ? [] : Array.isArray(had) ? had : [had];
    for (const g of list) if (g.kind === e.kind) return g;
    const g: Group = { event: e, count: 1, lastMs: e.time.ms, last: e, kind: e.kind };
    this.groups.set(text, list.length === 0 ? g : [...list, g]);
    return g;
  }

  private inWindow(e: Event): boolean {
    return inWindow(e, this.opts.since, this.opts.until);
  }

  /** What this collector gathered of the one input it read: for a part of a file read apart. */
  part(): PartCollection {
    const w = this.file ?? new FileWitnesses();
    const { recent, older } = w.ring();
    const offsets = new Map<string, number>();
    for (const [name, at] of this.offsets) offsets.set(name, at.ms);
    let lines = this.fileLines;
    for (const n of this.lines.values()) lines += n;
    return {
      kept: this.events,
      groups: [...this.groups.values()].flat(),
      firsts: [...this.firsts.values()],
      offsets,
      lines,
      witnesses: { lo: w.lo, hi: w.hi, first: w.first, recent, older, hadUntimed: w.hadUntimed },
      sampledOut: this.sampledOut,
    };
  }

  /** Whether the input being read has had an event with no time at all so far. */
  get hadUntimed(): boolean {
    return this.file?.hadUntimed ?? false;
  }

  /** The next part of the current input, read apart, as if its events had arrived here. */
  absorb(part: PartCollection, path: string): void {
    for (const e of part.kept) this.events.push(e);
    if (part.sampledOut) {
      const s = part.sampledOut;
      if (!this.sampledOut) this.sampledOut = { ...s };
      else {
        this.sampledOut.count += s.count;
        if (byTime(s.first, this.sampledOut.first) < 0) this.sampledOut.first = s.first;
      }
    }
    for (const e of part.firsts) this.first(e);
    for (const g of part.groups) {
      const text = FOLD_TEXTS.of(g.event.message).text;
      const had = this.groups.get(text);
      const list = had === undefined ? [] : Array.isArray(had) ? had : [had];
      const mine = list.find((x) => x.kind === g.kind);
      if (!mine) {
        this.groups.set(text, list.length === 0 ? g : [...list, g]);
        continue;
      }
      mine.count += g.count;
      if (byTime(g.event, mine.event) < 0) mine.event = g.event;
      if (g.lastMs > mine.lastMs) {
        mine.lastMs = g.lastMs;
        mine.last = g.last;
      }
    }
    for (const [name, ms] of part.offsets) {
      const at = this.offsets.get(name);
      if (!at) this.offsets.set(name, { ms });
      else if (ms < at.ms) at.ms = ms;
    }
    if (part.lines > 0) {
      if (path !== this.filePath) {
        if (this.fileLines > 0) this.lines.set(this.filePath, (this.lines.get(this.filePath) ?? 0) + this.fileLines);
        this.filePath = path;
        this.fileLines = 0;
      }
      this.fileLines += part.lines;
    }
    this.file?.absorb(part.witnesses);
  }

  /** The folded events' share of the analysis (undefined when nothing was folded). */
  folded(): FoldedSummary | undefined {
    if (!this.opts.fold) return undefined;
    const summary: FoldedSummary = { groups: [], kinds: new Map(), offsets: new Map(), lines: this.lines, firsts: [...this.firsts.values()] };
    for (const g of [...this.groups.values()].flat()) {
      summary.groups.push({ event: g.event, count: g.count, lastMs: g.lastMs });
      const k = summary.kinds.get(g.kind);
      if (!k) summary.kinds.set(g.kind, { count: g.count, first: g.event });
      else {
        k.count += g.count;
        if (byTime(g.event, k.first) < 0) k.first = g.event;
      }
      const latest = summary.latestServerLine;
      if (KINDS[g.kind].server && (!latest || g.last.time.ms > latest.time.ms)) summary.latestServerLine = g.last;
      const evidence = summary.latestEvidence;
      if (isEvidenceKind(g.kind) && (!evidence || g.last.time.ms > evidence.time.ms)) summary.latestEvidence = g.last;
    }
    for (const [name, at] of this.offsets) summary.offsets.set(name, at.ms);
    const s = this.sampledOut;
    if (s) {
      const k = summary.kinds.get('line.unrecognized');
      if (!k) summary.kinds.set('line.unrecognized', { count: s.count, first: s.first });
      else {
        k.count += s.count;
        if (byTime(s.first, k.first) < 0) k.first = s.first;
      }
    }
    return summary;
  }
}
