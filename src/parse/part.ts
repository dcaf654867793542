// One part of a big log file, read apart from the rest (on a worker thread): from the first line
// at or after its cut where the parser restarts, to the first such line at or after the next cut.
// The parser's carried state at the start is guessed by warming up from the last lines that set
// it (found by their words, reading backwards); the caller checks the guess against the state the
// part before really ended with, and reads the part again when they differ.
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { formatById } from '../formats/index.js';
import { type FormatContext, type SplitLineParser, isSplittable } from '../formats/types.js';
import { readRange } from '../read/file-source.js';
import { isBlank, readLines } from '../read/lines.js';
import { Collector, type PartCollection } from '../timeline/collect.js';
import { Clock } from '../time/clock.js';
import { trace } from '../trace.js';

export interface PartJob {
  /** The file's descriptor, opened once by the main thread (read/file-source.ts), and its size then. */
  fd: number;
  size: number;
  /** The path its events show. */
  path: string;
  format: string;
  zone: string;
  since?: number;
  until?: number;
  /** The part starts at the first restart line at or after this byte... */
  from: number;
  /** ...and ends before the first restart line at or after this one (null: the file's end). */
  to: number | null;
}

export interface PartStats {
  lines: number;
  blank: number;
  events: number;
  unrecognized: number;
  uninterpreted: number;
}

export interface PartResult {
  /** Byte offset of the part's first line; of the line it stopped before (or the file's size). */
  start: number;
  end: number;
  /** Lines before its first line in the stretch read (line numbers count from the warm-up). */
  lineBefore: number;
  /** The carried state it started with (guessed), and the one it ended with. */
  guess: string;
  final: string;
  settled: boolean;
  stats: PartStats;
  /** Sequence numbers used (events made). */
  seqCount: number;
  collection: PartCollection;
}

const CHUNK = 1 << 20;
const readAt = promisify(read);
/**
 * How far back a part looks for the lines that set the carried state. Beyond it the guess is the
 * state a parser starts with: if that is wrong the check catches it and the part is read again.
 */
const LOOK_BACK = 16 * CHUNK;

/**
 * Where the warm-up starts (a guess: the check after tells whether it was right): the start of the line holding the last occurrence, before `from`, of
 * any word of each group (the earliest of those lines), found in one backward pass; `from` if none.
 */
async function warmStart(fd: number, from: number, groups: readonly (readonly string[])[]): Promise<number> {
  const keep = Math.max(0, ...groups.flat().map((n) => Buffer.byteLength(n))) - 1;
  const found: (number | undefined)[] = groups.map(() => undefined);
  let end = from;
  while (end > 0 && from - end < LOOK_BACK && found.some((x) => x === undefined)) {
    const start = Math.max(0, end - CHUNK);
    const len = Math.min(end - start + keep, from - start);
    const buf = Buffer.allocUnsafe(len);
    const { bytesRead } = await readAt(fd, buf, 0, len, start);
    const view = buf.subarray(0, bytesRead);
    for (const [i, words] of groups.entries()) {
      if (found[i] !== undefined) continue;
      const at = Math.max(...words.map((w) => view.lastIndexOf(w)));
      if (at >= 0) found[i] = start + at;
    }
    end = start;
  }
  const at = Math.min(from, ...found.filter((x): x is number => x !== undefined));
  return at < from ? await lineStart(fd, at) : from;
}

async function newlineBefore(fd: number, at: number): Promise<boolean> {
  const b = Buffer.alloc(1);
  await readAt(fd, b, 0, 1, at - 1);
  return b[0] === 10;
}

/** The start of the line holding byte `at`. */
async function lineStart(fd: number, at: number): Promise<number> {
  let end = at;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.allocUnsafe(end - start);
    const { bytesRead } = await readAt(fd, buf, 0, end - start, start);
    const nl = buf.subarray(0, bytesRead).lastIndexOf(10);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}

/** Whether parts of a file of this format can be read apart (the format declares `parallel`). */
export function canReadInParts(format: string): boolean {
  return formatById(format)?.parallel === true;
}

function parserFor(job: PartJob): (ctx: FormatContext) => SplitLineParser {
  const f = formatById(job.format);
  return (ctx) => {
    const p = f?.parallel ? f.create(ctx) : undefined;
    if (!p || !isSplittable(p)) throw new Error(`format ${job.format} cannot be read in parts`);
    return p;
  };
}

export async function readPart(job: PartJob): Promise<PartResult> {
  const clock = new Clock(job.zone);
  const collector = new Collector({ fold: true, clock, since: job.since, until: job.until });
  collector.startSource();
  const stats: PartStats = { lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0 };
  let seq = 0;
  const ctx: FormatContext = {
    path: job.path,
    clock,
    seq: () => seq++,
    emit: (e) => {
      stats.events++;
      if (e.kind === 'line.unrecognized') stats.unrecognized += e.src.lines;
      if (e.src.uninterpreted) stats.uninterpreted += e.src.uninterpreted;
      collector.add(e);
    },
  };
  trace('part start');
  const create = parserFor(job);
  const warmer = create({ path: job.path, clock, seq: () => 0, emit: () => {} });
  const from = await warmStart(job.fd, job.from, warmer.carriedBy);
  trace('part warm start found');
  // a cut inside a line (no warm-up before it): that line belongs to the part before
  let skip = from > 0 && from === job.from && !(await newlineBefore(job.fd, from));
  let parser: SplitLineParser | null = null;
  let start = -1;
  let end = -1;
  let lineBefore = 0;
  let guess = '';
  // the one descriptor, up to the size it had when opened: a rotation or growth meanwhile changes nothing here
  const stream = readRange(job.fd, from, job.size);
  read: for await (const batch of readLines(stream, undefined, { offset: from, linesBefore: 0 })) {
    for (const l of batch) {
      if (skip) {
        skip = false;
        continue;
      }
      if (!parser) {
        if (l.offset >= job.from && warmer.restartsAt(l.text)) {
          guess = warmer.carried();
          parser = create(ctx);
          parser.carry(guess);
          start = l.offset;
          lineBefore = l.no - 1;
        } else {
          // before the cut, only the lines that can change the carried state matter to the guess
          if (l.offset >= job.from || warmer.mayCarry(l.text)) warmer.line(l);
          continue;
        }
      } else if (job.to !== null && l.offset >= job.to && parser.restartsAt(l.text)) {
        end = l.offset;
        break read;
      }
      stats.lines++;
      if (isBlank(l.text)) stats.blank++;
      parser.line(l);
    }
  }
  await stream.return(undefined);
  if (!parser) {
    // no restart line in this part: the part before reads on through it
    return { start: -1, end: -1, lineBefore: 0, guess: '', final: '', settled: true, stats, seqCount: 0, collection: collector.part() };
  }
  trace('part read');
  const settled = parser.settled();
  const final = parser.carried();
  parser.end();
  if (end < 0) end = Number.POSITIVE_INFINITY;
  return { start, end, lineBefore, guess, final, settled, stats, seqCount: seq, collection: collector.part() };
}
