// Expands the command line's inputs into sources: files, folders (walked without leaving them,
// read/walk.ts), gzip files and tar archives (by magic bytes, read as streams), and stdin. Each
// file is opened once and read as it was then (read/file-source.ts); a file named or reached twice
// is read once. Problems become failures with a one-line reason, never exceptions, so the other
// inputs are still analysed. Sources must be read in order, each before the next is asked for.
import { createReadStream, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import { expandStream, isGzip, isTar, isZip } from './archive.js';
import { compressionOf } from './decoders.js';
import { reasonOf } from './errors.js';
import { OpenFile } from './file-source.js';
import { Budget } from './gzip.js';
import { READ_CHUNK } from './lines.js';
import { utf16Of } from './utf16.js';
import { identity, walkFolder } from './walk.js';
export { InputError } from './errors.js';

export interface Source {
  /** The path as reports show it (`bundle.tar.gz:inner/path` for an archive entry). */
  path: string;
  mtimeMs?: number;
  /** Bytes on disk (or in the archive), for progress. */
  size?: number;
  /** The decompressed bytes. May throw InputError mid-stream (a truncated gzip). */
  open(): AsyncIterable<Buffer>;
  /** It can be opened only once (stdin, an archive's entry): NDJSON keeps its events instead. */
  once?: boolean;
  /** A plain file on disk, opened once: readers on other threads read its descriptor by position. */
  file?: OpenFile;
  /** Keep it readable after the analysis (a replay plan): returns how to let go of it. */
  hold?(): () => void;
}

export interface InputFailure {
  path: string;
  reason: string;
}

/**
 * A source to read, an input that could not be read, or a note (a link not followed). A note with
 * `found` stands for a file that was there (read once already): the input is not "empty".
 */
export type Expanded = { source: Source } | { failure: InputFailure } | { note: InputFailure; found?: boolean };

export interface ExpandOptions {
  /** Follow symbolic links met inside folders (links named on the command line are always followed). */
  followLinks?: boolean;
}

interface Run {
  followLinks: boolean;
  seenDirs: Map<string, string>;
  /** Files already read in this run, by device and inode: the path they were read as. */
  seenFiles: Map<string, string>;
}

async function* fileSources(file: Buffer, shown: string, st: Stats, run: Run): AsyncGenerator<Expanded> {
  const first = run.seenFiles.get(identity(st));
  if (first !== undefined) {
    yield { note: { path: shown, reason: first === shown ? 'named again: read once' : `the same file as ${first}: read once` }, found: true };
    return;
  }
  run.seenFiles.set(identity(st), shown);
  if (st.isFIFO()) {
    const budget = new Budget();
    yield* expandStream(counted(createReadStream(file, { highWaterMark: READ_CHUNK }), budget), { shown, mtimeMs: st.mtimeMs, size: st.size, budget, depth: 0 });
    return;
  }
  let f: OpenFile;
  let first512: Buffer;
  try {
    f = await OpenFile.open(file);
  } catch (err) {
    yield { failure: { path: shown, reason: reasonOf(err) } };
    return;
  }
  try {
    try {
      first512 = await f.head(512);
    } catch (err) {
      yield { failure: { path: shown, reason: reasonOf(err) } };
      return;
    }
    const info = { shown, mtimeMs: f.st.mtimeMs, size: f.size, budget: new Budget(f.size), depth: 0 };
    // compressed, archived or UTF-16: read as one stream (its events are kept for NDJSON)
    if (isGzip(first512) || isTar(first512) || isZip(first512) || compressionOf(first512) !== null || utf16Of(first512) !== null) yield* expandStream(f.bytes(), info);
    else yield { source: { path: shown, mtimeMs: f.st.mtimeMs, size: f.size, file: f, open: () => f.bytes(), hold: () => f.hold() } };
    const change = await f.change().catch(() => undefined);
    if (change) yield { note: { path: shown, reason: change } };
  } finally {
    f.release();
  }
}

/** One input named on the command line: a folder walked, a file (or pipe) read; links followed (the user named it). */
async function* expandOne(input: string, run: Run): AsyncGenerator<Expanded> {
  const file = Buffer.from(input);
  let st: Stats;
  try {
    st = await fs.stat(file);
  } catch (err) {
    yield { failure: { path: input, reason: reasonOf(err) } };
    return;
  }
  if (st.isDirectory()) {
    const first = run.seenDirs.get(identity(st));
    if (first !== undefined) {
      yield { note: { path: input, reason: first === input ? 'named again: read once' : `the same folder as ${first}: read once` }, found: true };
      return;
    }
    for await (const item of walkFolder(file, input, st, run)) {
      if ('file' in item) yield* fileSources(item.file, item.shown, item.st, run);
      else yield item;
    }
  } else if (st.isFile() || st.isFIFO()) {
    // a pipe named on the command line (`<(zcat log.gz)`) is read; one met in a folder would block
    yield* fileSources(file, input, st, run);
  } else {
    yield { failure: { path: input, reason: 'not a regular file' } };
  }
}

/** Counts raw bytes into the budget as they arrive (stdin and pipes have no size up front). */
async function* counted(stream: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    budget.addRaw(chunk.length);
    yield chunk;
  }
}

/** All sources of the given inputs, in order; directories sorted by name, archives in their order. */
export async function* expandInputs(inputs: string[], stdin: NodeJS.ReadableStream = process.stdin, opts: ExpandOptions = {}): AsyncGenerator<Expanded> {
  const run: Run = { followLinks: opts.followLinks === true, seenDirs: new Map(), seenFiles: new Map() };
  for (const input of inputs) {
    let found = 0;
    const budget = new Budget();
    const items = input === '-' ? expandStream(counted(stdin as AsyncIterable<Buffer>, budget), { shown: '-', budget, depth: 0 }) : expandOne(input, run);
    for await (const item of items) {
      if (!('note' in item) || item.found) found++;
      yield item;
    }
    if (found === 0 && input !== '-') yield { note: { path: input, reason: 'no files to read in it (hidden files are skipped)' } };
  }
}
