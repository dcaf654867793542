// One part of a big log file, read apart from the rest (on a worker thread): from the first line
// at or after its cut where the parser restarts, to the first such line at or after the next cut.
// The parser's carried state at the start is guessed by warming up from the last lines that set
// it (found by their words, reading backwards); the caller checks the guess against the state the
// part before really ended with, and reads the part again when they differ.
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { formatById } from '../formats/index.js';
import { type FormatContext, type SplitLineParser, isSplittable } from '../formats/types.js';
import { isBlank, readLines } from '../read/lines.js';
import { Collector, type PartCollection } from '../timeline/collect.js';
import { Clock } from '../time/clock.js';

export interface PartJob {
  /** The file to read, and the path its events show. */
  file: string;
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

/** Byte offset of the start of the line holding the last of `needles` before `before`, or -1. */
async function lastLineWith(file: string, before: number, needles: readonly string[]): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const keep = Math.max(...needles.map((n) => Buffer.byteLength(n))) - 1;
    let end = before;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const buf = Buffer.alloc(end - start + (end < before ? keep : 0));
      const { bytesRead } = await fh.read(buf, 0, buf.length, start);
      const view = buf.subarray(0, bytesRead);
      let at = -1;
      for (const n of needles) at = Math.max(at, view.lastIndexOf(n));
      if (at >= 0) {
        let lineStart = view.lastIndexOf(10, at);
        if (lineStart >= 0) return start + lineStart + 1;
        // the line began in an earlier chunk
        for (let e = start; e > 0; ) {
          const s = Math.max(0, e - CHUNK);
          const b = Buffer.alloc(e - s);
          await fh.read(b, 0, b.length, s);
          lineStart = b.lastIndexOf(10);
          if (lineStart >= 0) return s + lineStart + 1;
          e = s;
        }
        return 0;
      }
      end = start;
    }
    return -1;
  } finally {
    await fh.close();
  }
}

async function newlineBefore(file: string, at: number): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, at - 1);
    return b[0] === 10;
  } finally {
    await fh.close();
  }
}

/** Where the warm-up starts: the earliest of the last lines of each word group (or the cut). */
async function warmStart(file: string, from: number, groups: readonly (readonly string[])[]): Promise<number> {
  let start = from;
  for (const g of groups) {
    const at = await lastLineWith(file, from, g);
    if (at >= 0) start = Math.min(start, at);
  }
  return start;
}

function parserFor(job: PartJob, ctx: FormatContext): SplitLineParser {
  const f = formatById(job.format);
  const p = f?.create(ctx);
  if (!p || !isSplittable(p)) throw new Error(`format ${job.format} cannot be read in parts`);
  return p;
}

export async function readPart(job: PartJob): Promise<PartResult> {
  const clock = new Clock(job.zone);
  const collector = new Collector({ fold: true, clock, since: job.since, until: job.until });
  collector.startSource();
  const stats: PartStats = { lines: 0, blank: 0, events: 0, unrecognized: 0 };
  let seq = 0;
  const ctx: FormatContext = {
    path: job.path,
    clock,
    seq: () => seq++,
    emit: (e) => {
      stats.events++;
      if (e.kind === 'line.unrecognized') stats.unrecognized += e.src.lines;
      collector.add(e);
    },
  };
  const warm: FormatContext = { path: job.path, clock, seq: () => 0, emit: () => {} };
  const warmer = parserFor(job, warm);
  const from = await warmStart(job.file, job.from, warmer.carriedBy);
  // a cut inside a line (no warm-up before it): that line belongs to the part before
  let skip = from > 0 && from === job.from && !(await newlineBefore(job.file, from));
  let parser: SplitLineParser | null = null;
  let start = -1;
  let end = -1;
  let lineBefore = 0;
  let guess = '';
  const stream = createReadStream(job.file, { start: from });
  read: for await (const batch of readLines(stream, undefined, { offset: from, linesBefore: 0 })) {
    for (const l of batch) {
      if (skip) {
        skip = false;
        continue;
      }
      if (!parser) {
        if (l.offset >= job.from && warmer.restartsAt(l.text)) {
          guess = warmer.carried();
          parser = parserFor(job, ctx);
          parser.carry(guess);
          start = l.offset;
          lineBefore = l.no - 1;
        } else {
          warmer.line(l);
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
  stream.destroy();
  if (!parser) {
    // no restart line in this part: the part before reads on through it
    return { start: -1, end: -1, lineBefore: 0, guess: '', final: '', settled: true, stats, seqCount: 0, collection: collector.part() };
  }
  const settled = parser.settled();
  const final = parser.carried();
  parser.end();
  if (end < 0) end = Number.POSITIVE_INFINITY;
  return { start, end, lineBefore, guess, final, settled, stats, seqCount: seq, collection: collector.part() };
}
