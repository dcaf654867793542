// Drives one source through sniffing and parsing: reads its lines, decides its format from the
// first non-blank lines (or a container splits it into blocks first), feeds every line to the
// chosen parser, and counts lines, blanks, events and unrecognized lines for the summary.
import { detectContainer } from '../containers/index.js';
import type { Event } from '../event.js';
import { FORMATS, formatById, sniffFormat } from '../formats/index.js';
import { type Format, type FormatContext, type LineParser, unrecognized } from '../formats/types.js';
import { InputError } from '../read/errors.js';
import { type Line, isBlank, readLines } from '../read/lines.js';
import type { Source } from '../read/sources.js';
import type { Clock } from '../time/clock.js';
import { SplitRead, type SplitOptions } from './split.js';

export interface InputStats {
  path: string;
  formats: string[];
  lines: number;
  blank: number;
  events: number;
  unrecognized: number;
  error: string | null;
  mtimeMs?: number;
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
const UNKNOWN = 'unknown';

/** Share of characters in the window that only binary data would have. */
function binaryShare(window: readonly string[]): number {
  let bad = 0;
  let all = 0;
  for (const s of window) {
    all += s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if ((c < 32 && c !== 9 && c !== 12 && c !== 13 && c !== 27) || c === 0xfffd) bad++;
    }
  }
  return all === 0 ? 0 : bad / all;
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
  const start = (): boolean => {
    if (binaryShare(window) > 0.1) {
      stats.error = 'binary data, not a text log (skipped)';
      return false;
    }
    const container = opts.as || opts.containers === false ? null : detectContainer(window, src.path);
    if (container) return true; // the whole file is buffered and split at the end
    const f = pick(window, opts);
    stats.formats.push(f ? f.id : UNKNOWN);
    const ctx = context(src.path, opts, sink);
    parser = f ? f.create(ctx) : unknownParser(ctx);
    if (f && opts.split) {
      split = SplitRead.begin(src, f.id, parser, opts.split);
      fresh = () => f.create(ctx);
    }
    for (const l of held) {
      count(l);
      parser.line(l);
    }
    held.length = 0;
    return true;
  };

  let started = false;
  let binary = false;
  try {
    read: for await (const batch of readLines(src.open())) {
      if (binary) continue;
      const wait = opts.pace?.();
      if (wait) await wait;
      for (const l of batch) {
        if (parser) {
          if (split && split.stopsBefore(l, parser)) break read; // worker threads read the rest
          count(l);
          parser.line(l);
          continue;
        }
        held.push(l);
        if (!isBlank(l.text)) window.push(l.text);
        if (!started && window.length >= SNIFF_LINES) {
          started = true;
          if (!start()) {
            binary = true;
            break;
          }
        }
      }
    }
  } catch (err) {
    stats.error = err instanceof InputError ? err.message : `read failed: ${(err as Error).message}`;
  }
  if (!started && !binary) start();
  if (parser) (parser as LineParser).end();
  if (split && parser && fresh) await split.finish({ parser, stats, count, fresh });
  else if (held.length > 0 && !binary) splitContainer(src.path, held, window, opts, sink, count);
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
    const p = f ? f.create(ctx) : unknownParser(ctx);
    for (const l of b.lines) {
      count(l);
      p.line(l);
    }
    p.end();
  }
}

export { FORMATS };
