// Drives one source through sniffing and parsing: reads its lines, decides its format from the
// first non-blank lines (or a container splits it into blocks first), feeds every line to the
// chosen parser, and counts lines, blanks, events and unrecognized lines for the summary.
import { detectContainer } from '../containers/index.js';
import type { Event } from '../event.js';
import { FORMATS, formatById, sniffFormat } from '../formats/index.js';
import { type Format, type FormatContext, type LineParser, unrecognized } from '../formats/types.js';
import { reasonOf } from '../read/errors.js';
import { type Line, isBlank, readLines } from '../read/lines.js';
import type { Source } from '../read/sources.js';
import type { Clock } from '../time/clock.js';
import { SplitRead, type SplitOptions } from './split.js';
import { trace } from '../trace.js';

export interface InputStats {
  path: string;
  formats: string[];
  lines: number;
  blank: number;
  events: number;
  unrecognized: number;
  error: string | null;
  mtimeMs?: number;
  /** Where an internal error (a parser that threw) happened, for --debug. */
  stack?: string;
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
  const stats: InputStats = { path: src.path, formats: [], lines: 0, blank: 0, events: 0, unrecognized: 0, error: null, mtimeMs: src.mtimeMs };
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
    if (container) return true; // the whole file is buffered and split at the end
    const f = pick(window, opts);
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
      for (const l of batch) {
        if (parser) {
          if (split && split.stopsBefore(l, parser)) break read; // worker threads read the rest
          count(l);
          feed(l);
          continue;
        }
        held.push(l);
        if (!isBlank(l.text)) window.push(l.text);
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
  if (!started && !binary) binary = !start();
  if (parser) {
    try {
      (parser as LineParser).end();
    } catch (err) {
      brokenParser(stats, err, null, context(src.path, opts, sink));
    }
  }
  trace(`read ${src.path}`);
  if (split && parser && fresh) await split.finish({ parser, stats, count, fresh });
  else if (!parser && held.length > 0 && !binary) splitContainer(src.path, held, window, opts, sink, count);
  trace(`done ${src.path}`);
  return stats;
}

function splitContainer(path: string, lines: Line[], window: string[], opts: DriveOptions, sink: Sink, count: (l: Line) => void) {
  const container = detectContainer(window, path);
  const blocks = container ? container.split(lines, path) : [{ lines }];
  if (container) sink.stats.formats.push(container.id);
  for (const b of blocks) {
    const w = b.lines.filter((l) => !isBlank(l.text)).slice(0, SNIFF_LINES).map((l) => l.text);
    // A forced format that is not registered is sniffed; a block nothing claims takes its fallback.
    const f = (b.format ? formatById(b.format) : undefined) ?? sniffFormat(w) ?? (b.fallback ? formatById(b.fallback) : undefined);
    if (f && !sink.stats.formats.includes(f.id)) sink.stats.formats.push(f.id);
    const ctx = context(path, opts, sink, b.meta);
    let p: LineParser = f ? f.create(ctx) : unknownParser(ctx);
    for (const l of b.lines) {
      count(l);
      try {
        p.line(l);
      } catch (err) {
        p = brokenParser(sink.stats, err, l, ctx);
        p.line(l);
      }
    }
    try {
      p.end();
    } catch (err) {
      brokenParser(sink.stats, err, null, ctx);
    }
  }
}

export { FORMATS };
