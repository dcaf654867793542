// Drives one source through sniffing and parsing: reads its lines, decides its format from the
// first non-blank lines (or a container splits it into blocks as it goes, parse/blocks.ts), feeds
// every line to the chosen parser, and counts lines, blanks, events and unrecognized lines.
import { detectContainer } from '../containers/index.js';
import type { Event } from '../event.js';
import { FORMATS, formatById, sniffFormat } from '../formats/index.js';
import { type Format, type FormatContext, type LineParser, unrecognized } from '../formats/types.js';
import { reasonOf } from '../read/errors.js';
import { type Line, isBlank, readLines } from '../read/lines.js';
import type { Source } from '../read/sources.js';
import type { Clock } from '../time/clock.js';
import { containerParser } from './blocks.js';
import { SplitRead, type SplitOptions } from './split.js';
import { trace } from '../trace.js';

export interface InputStats {
  path: string;
  formats: string[];
  lines: number;
  blank: number;
  events: number;
  unrecognized: number;
  /** Lines folded into events without being read (Provenance.uninterpreted). */
  uninterpreted: number;
  error: string | null;
  mtimeMs?: number;
  /** Where an internal error (a parser that threw) happened, for --debug. */
  stack?: string;
  /** Why it was not read to its end (its budget: MAX_HELD_EVENTS in analyze.ts); the lines after were not read, nor counted. */
  cut?: string;
}

export interface DriveOptions {
  clock: Clock;
  /** Force a format for every file (`--as`). */
  as?: string;
  /** false: no container splits files (format-level tests read fixtures as one format). */
  containers?: boolean;
  seq: () => number;
  emit: (e: Event) => void;
  /** Read big plain files in parts at once (src/parse/split.ts), when their parser allows it. */
  split?: SplitOptions;
  /** Called after each batch of lines: reading waits while it returns a promise (a slow consumer). */
  pace?: () => Promise<void> | undefined;
  /** Called after each batch of lines (with the lines read so far): a reason stops reading this input there (its budget is spent). */
  cut?: (linesRead: number) => string | undefined;
}

const SNIFF_LINES = 40;
/** Lines held before sniffing even if few are non-blank (a file of blank lines stays bounded). */
const MAX_HELD = 4096;
const UNKNOWN = 'unknown';

/** A line only binary data would have: a NUL, or 5% control characters (tab, CR, FF, ESC aside). */
function binaryLine(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f) bad++;
  }
  return bad * 20 >= s.length && bad > 0;
}

/** Binary when most lines of the window are: a NUL block in a crashed log or GBK text is not. */
function looksBinary(window: readonly string[]): boolean {
  let bad = 0;
  for (const s of window) if (binaryLine(s)) bad++;
  return bad * 2 > window.length;
}

class Sink {
  constructor(
    readonly stats: InputStats,
    private readonly opts: DriveOptions,
  ) {}
  emit = (e: Event) => {
    this.stats.events++;
    if (e.kind === 'line.unrecognized') this.stats.unrecognized += e.src.lines;
    if (e.src.uninterpreted) this.stats.uninterpreted += e.src.uninterpreted;
    this.opts.emit(e);
  };
}

function context(path: string, opts: DriveOptions, sink: Sink, meta?: Record<string, string>): FormatContext {
  return { path, clock: opts.clock, emit: sink.emit, seq: opts.seq, meta };
}

/** A parser for lines no format claims: each non-blank line is kept as unrecognized. */
function unknownParser(ctx: FormatContext) {
  return {
    line(l: Line) {
      if (!isBlank(l.text)) ctx.emit(unrecognized(ctx, UNKNOWN, l));
    },
    end() {},
  };
}

/** Records a parser's exception on the input (once) and returns the parser for the rest. */
function brokenParser(stats: InputStats, err: unknown, l: Line | null, ctx: FormatContext): LineParser {
  const e = err as Error | undefined;
  stats.error ??= `internal error${l ? ` at line ${l.no}` : ''}: ${e?.message ?? String(err)} (a bug: please report it; --debug shows where)`;
  stats.stack ??= e?.stack;
  return unknownParser(ctx);
}

function pick(window: readonly string[], opts: DriveOptions): Format | null {
  if (opts.as) return formatById(opts.as) ?? null;
  return sniffFormat(window);
}

export async function driveSource(src: Source, opts: DriveOptions): Promise<InputStats> {
  const stats: InputStats = { path: src.path, formats: [], lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0, error: null, mtimeMs: src.mtimeMs };
  const sink = new Sink(stats, opts);
  const held: Line[] = [];
  const window: string[] = [];
  let parser = null as LineParser | null;
  let split = null as SplitRead | null;
  let fresh = null as (() => LineParser) | null;

  const count = (l: Line) => {
    stats.lines++;
    if (isBlank(l.text)) stats.blank++;
  };
  /** A parser that throws is a bug: say so on this input, keep the rest of it as unrecognized. */
  const feed = (l: Line) => {
    try {
      (parser as LineParser).line(l);
    } catch (err) {
      parser = brokenParser(stats, err, l, context(src.path, opts, sink));
      parser.line(l);
    }
  };
  const start = (): boolean => {
    const container = opts.as || opts.containers === false ? null : detectContainer(window, src.path);
    let f: Format | null = null;
    if (container) {
      // the container splits the lines into blocks as they come, each with a parser of its own
      stats.formats.push(container.id);
      parser = containerParser(container.splitter(src.path), {
        formats: stats.formats,
        sniffLines: SNIFF_LINES,
        context: (meta) => context(src.path, opts, sink, meta),
        unknown: unknownParser,
        broken: (err, l, ctx) => brokenParser(stats, err, l, ctx),
      });
      for (const l of held) {
        count(l);
        feed(l);
      }
      held.length = 0;
      return true;
    }
    f = pick(window, opts);
    if (!f && looksBinary(window)) {
      stats.error ??= 'binary data, not a text log (skipped)';
      return false;
    }
    stats.formats.push(f ? f.id : UNKNOWN);
    const ctx = context(src.path, opts, sink);
    parser = f ? f.create(ctx) : unknownParser(ctx);
    if (f && opts.split) {
      split = SplitRead.begin(src, f.id, parser, opts.split);
      fresh = () => f.create(ctx);
    }
    for (const l of held) {
      count(l);
      feed(l);
    }
    held.length = 0;
    return true;
  };

  let started = false;
  let binary = false;
  try {
    read: for await (const batch of readLines(src.open())) {
      const wait = opts.pace?.();
      if (wait) await wait;
      const cut = opts.cut?.(stats.lines + held.length);
      if (cut !== undefined) {
        stats.cut = `${cut}; the rest of it, from line ${stats.lines + held.length + 1}, was not read`;
        break read;
      }
      for (const l of batch) {
        if (parser) {
          if (split && split.stopsBefore(l, parser)) break read; // worker threads read the rest
          count(l);
          feed(l);
          continue;
        }
        held.push(l);
        if (!isBlank(l.text) && window.length < SNIFF_LINES) window.push(l.text); // the first lines decide
        if (!started && (window.length >= SNIFF_LINES || held.length >= MAX_HELD)) {
          started = true;
          if (!start()) {
            binary = true;
            break read; // stop reading: the source closes what it opened
          }
        }
      }
    }
  } catch (err) {
    stats.error ??= reasonOf(err);
  }
  if (!started && !binary) start(); // a short file: what it has decides
  if (parser) {
    try {
      (parser as LineParser).end();
    } catch (err) {
      brokenParser(stats, err, null, context(src.path, opts, sink));
    }
  }
  trace(`read ${src.path}`);
  if (split && parser && fresh) await split.finish({ parser, stats, count, fresh });
  trace(`done ${src.path}`);
  return stats;
}

export { FORMATS };
