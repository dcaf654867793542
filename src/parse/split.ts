// Reads a big plain log in parts at once: this thread reads up to the first cut while worker
// threads read the parts after it (src/parse/part.ts). The result is the one reading it whole
// gives: each part must have started at the line this thread (or the part before) stopped at,
// with the carried state it ended with, after a part that had its time; a part that did not is
// read again here, from where the last good one ended, to the file's end.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerBudget } from '../sweep/threads.js';
import type { Event } from '../event.js';
import { type LineParser, type SplitLineParser, isSplittable } from '../formats/types.js';
import { type Line, readLines } from '../read/lines.js';
import { readRange } from '../read/file-source.js';
import type { Source } from '../read/sources.js';
import type { PartCollection } from '../timeline/collect.js';
import { trace } from '../trace.js';
import { type PartJob, type PartResult, type PartStats, canReadInParts, readPart } from './part.js';

export interface SplitOptions {
  zone: string;
  since?: number;
  until?: number;
  /** Parts to cut a file into, at most (default: one per core). */
  threads?: number;
  /** The smallest file worth cutting, in bytes. */
  minBytes?: number;
  /** Read the parts in this thread (when no built worker exists, as under the test runner). */
  inProcess?: boolean;
  /** Counted here: how the parts fared (tests and measurements ask). */
  counts?: SplitCounts;
  /** Hand over a part's events (as if they had been emitted here). */
  absorb(part: PartCollection, path: string): void;
  /** Take n sequence numbers at once; returns the first. */
  skipSeq(n: number): number;
}

/**
 * The smallest file worth cutting: below it, a worker's start and its second JIT warm-up cost more
 * than it saves (measured: 36 MB whole 0.50 s vs in parts 0.58 s; 97 MB 0.95 s vs 0.85 s).
 */
export const MIN_SPLIT_BYTES = 64 * 1024 * 1024;

/**
 * The smallest file worth cutting for this read: the caller's, else OOMTRAIL_PARTS_MIN_MB (for
 * measuring: the bench reads both its inputs in parts), read now rather than when the module loads.
 */
function minSplitBytes(opts: SplitOptions): number {
  if (opts.minBytes !== undefined) return opts.minBytes;
  const fromEnv = Number(process.env.OOMTRAIL_PARTS_MIN_MB) * 1024 * 1024;
  return fromEnv > 0 ? fromEnv : MIN_SPLIT_BYTES;
}
/** This thread's share of the file: it starts reading at once, the workers first load the code. */
const OWN_SHARE = 0.52;

const WORKER = new URL('./part-worker.js', import.meta.url);

/** How a read's parts fared: taken as read apart, or read again here (SplitOptions.counts). */
export interface SplitCounts {
  absorbed: number;
  readAgain: number;
}

function workerAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/** The descriptor of a plain file on disk, opened once (not stdin, not gzip, not inside an archive). */
function plainFile(src: Source): number | null {
  return src.file?.descriptor ?? null;
}

function size(src: Source): number {
  return src.file?.size ?? 0;
}

interface Part {
  result: Promise<PartResult | null>;
  cancel(): void;
}

function runPart(job: PartJob, inProcess: boolean): Part {
  if (inProcess || !workerAvailable()) return { result: readPart(job).catch(() => null), cancel() {} };
  // a small young generation: the part's events die young, and peak memory stays flat
  trace('worker spawn');
  const worker = new Worker(WORKER, { workerData: job, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const result = new Promise<PartResult | null>((resolve) => {
    worker.once('message', (r: PartResult) => resolve(r));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return { result, cancel: () => void worker.terminate() };
}

/** What the driver lends the split to finish: its parser and counters. */
export interface SplitEnv {
  parser: LineParser;
  stats: PartStats;
  count(l: Line): void;
  /** A new parser for the same file and format (to read on from a part that failed). */
  fresh(): LineParser;
}

export class SplitRead {
  private stoppedAt = -1;

  private constructor(
    private readonly src: Source,
    private readonly opts: SplitOptions,
    /** This thread stops at the first restart line at or after this byte. */
    private readonly cut: number,
    private readonly parts: Part[],
  ) {
    this.all = parts.map((p) => p.result);
  }

  /** Every part started, cancelled or not: all are waited for before the file may be closed. */
  private readonly all: Promise<PartResult | null>[];

  /** Start the parts of a big plain file whose parser can be cut; null when it is read whole. */
  static begin(src: Source, format: string, parser: LineParser, opts: SplitOptions): SplitRead | null {
    const size = src.size ?? 0;
    const min = minSplitBytes(opts);
    // under `ulimit -v`, only the worker threads that fit (sweep/threads.ts)
    const threads = Math.min(opts.threads ?? availableParallelism(), Math.floor(size / min), 1 + workerBudget());
    const fd = plainFile(src);
    if (threads < 2 || !isSplittable(parser) || !canReadInParts(format) || fd === null) return null;
    const cuts = [Math.floor(size * OWN_SHARE)];
    for (let i = 1; i < threads - 1; i++) cuts.push(Math.floor(cuts[0] + ((size - cuts[0]) * i) / (threads - 1)));
    const parts = cuts.map((from, i) =>
      runPart({ fd, size, path: src.path, format, zone: opts.zone, since: opts.since, until: opts.until, from, to: cuts[i + 1] ?? null }, opts.inProcess === true),
    );
    return new SplitRead(src, opts, cuts[0], parts);
  }

  /** Whether this thread's reading stops before this line (where the first part starts). */
  stopsBefore(l: Line, parser: LineParser): boolean {
    if (l.offset < this.cut || !(parser as SplitLineParser).restartsAt(l.text)) return false;
    if (!(parser as SplitLineParser).settled()) {
      // no time yet: what is held would take this line's time, so read on here (whole)
      this.cancel();
      return false;
    }
    this.stoppedAt = l.offset;
    return true;
  }

  get stopped(): boolean {
    return this.stoppedAt >= 0;
  }

  cancel(): void {
    for (const p of this.parts) p.cancel();
    this.parts.length = 0;
  }

  /** After this thread's part has ended: take each good part in turn, read the rest here if one is not. */
  async finish(env: SplitEnv): Promise<void> {
    try {
      await this.take(env);
    } finally {
      await Promise.all(this.all); // no part reads the file's descriptor after this (it may be closed)
    }
  }

  private async take(env: SplitEnv): Promise<void> {
    if (!this.stopped) {
      this.cancel();
      return;
    }
    let at = this.stoppedAt;
    let state = (env.parser as SplitLineParser).carried();
    const parts = [...this.parts];
    for (const [i, part] of parts.entries()) {
      const r = await part.result;
      trace('part result received');
      if (r && r.start < 0) continue; // no restart line in it: the part before read through it
      const good = r !== null && r.start === at && r.guess === state && !r.collection.witnesses.hadUntimed && (r.settled || r.end === Number.POSITIVE_INFINITY);
      if (!good) {
        for (const later of parts.slice(i + 1)) later.cancel();
        await this.readOn(at, state, env);
        return;
      }
      this.absorb(r, env.stats);
      at = r.end;
      state = r.final;
      if (at === Number.POSITIVE_INFINITY) return;
    }
    if (at !== Number.POSITIVE_INFINITY) await this.readOn(at, state, env);
  }

  private absorb(r: PartResult, stats: PartStats): void {
    if (this.opts.counts) this.opts.counts.absorbed++;
    const lineDelta = stats.lines - r.lineBefore;
    const seqBase = this.opts.skipSeq(r.seqCount);
    const c = r.collection;
    const events = new Set<Event>(c.kept);
    for (const g of c.groups) events.add(g.event).add(g.last);
    for (const e of c.firsts) events.add(e);
    const w = c.witnesses;
    for (const e of [w.lo, w.hi, w.older, ...w.recent, ...w.first.values()]) if (e) events.add(e);
    for (const e of events) {
      e.src.line += lineDelta;
      e.seq += seqBase;
    }
    this.opts.absorb(c, this.src.path);
    trace('part absorbed');
    stats.lines += r.stats.lines;
    stats.blank += r.stats.blank;
    stats.events += r.stats.events;
    stats.unrecognized += r.stats.unrecognized;
    stats.uninterpreted += r.stats.uninterpreted;
  }

  /** Read from byte `at` to the end here, with a new parser carrying `state`. */
  private async readOn(at: number, state: string, env: SplitEnv): Promise<void> {
    if (this.opts.counts) this.opts.counts.readAgain++;
    const parser = env.fresh() as SplitLineParser;
    parser.carry(state);
    const fd = this.src.file?.descriptor;
    if (fd === null || fd === undefined || at >= size(this.src)) return parser.end();
    const stream = readRange(fd, at, size(this.src));
    for await (const batch of readLines(stream, undefined, { offset: at, linesBefore: env.stats.lines })) {
      for (const l of batch) {
        env.count(l);
        parser.line(l);
      }
    }
    parser.end();
  }
}
