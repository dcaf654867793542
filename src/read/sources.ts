// Expands the command line's inputs into sources: files, directories (recursive, hidden entries
// skipped, symlink loops cut), gzip files and tar archives (by magic bytes, read as streams), and
// stdin. Problems become failures with a one-line reason, never exceptions, so the other inputs are
// still analysed. Sources must be read in order, each before the next is asked for (archives).
import { createReadStream, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { expandStream, isGzip, isTar, isZip } from './archive.js';
import { reasonOf } from './errors.js';
import { Budget } from './gzip.js';
import { READ_CHUNK } from './lines.js';
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
}

export interface InputFailure {
  path: string;
  reason: string;
}

/** A source to read, an input that could not be read, or a note (a link in an archive, not followed). */
export type Expanded = { source: Source } | { failure: InputFailure } | { note: InputFailure };

async function head(file: string): Promise<Buffer> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* fileSources(file: string, shown: string, st: Stats): AsyncGenerator<Expanded> {
  const info = { shown, mtimeMs: st.mtimeMs, size: st.size, budget: new Budget(st.size), depth: 0 };
  if (st.isFIFO()) {
    yield* expandStream(counted(createReadStream(file, { highWaterMark: READ_CHUNK }), info.budget), info);
    return;
  }
  let first: Buffer;
  try {
    first = await head(file);
  } catch (err) {
    yield { failure: { path: shown, reason: reasonOf(err) } };
    return;
  }
  if (isGzip(first) || isTar(first) || isZip(first)) {
    yield* expandStream(createReadStream(file, { highWaterMark: READ_CHUNK }), info);
    return;
  }
  yield { source: { path: shown, mtimeMs: st.mtimeMs, size: st.size, open: () => createReadStream(file, { highWaterMark: READ_CHUNK }) } };
}

async function* walk(dir: string, shown: string, seen: Set<string>): AsyncGenerator<Expanded> {
  let entries: import('node:fs').Dirent[];
  try {
    const real = await fs.realpath(dir);
    if (seen.has(real)) return; // a symlink loop, or the same folder twice
    seen.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { failure: { path: shown, reason: `cannot read directory: ${reasonOf(err)}` } };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    if (ent.name.startsWith('.')) continue;
    yield* expandOne(path.join(dir, ent.name), path.join(shown, ent.name), seen, false);
  }
}

async function* expandOne(file: string, shown: string, seen: Set<string>, top: boolean): AsyncGenerator<Expanded> {
  let st: Stats;
  try {
    st = await fs.stat(file);
  } catch (err) {
    yield { failure: { path: shown, reason: reasonOf(err) } };
    return;
  }
  if (st.isDirectory()) yield* walk(file, shown, seen);
  // A pipe named on the command line (`<(zcat log.gz)`) is read; one met in a folder would block.
  else if (st.isFile() || (top && st.isFIFO())) yield* fileSources(file, shown, st);
  else if (top) yield { failure: { path: shown, reason: 'not a regular file' } };
  else yield { note: { path: shown, reason: 'not a regular file: skipped' } };
}

/** Counts raw bytes into the budget as they arrive (stdin and pipes have no size up front). */
async function* counted(stream: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    budget.addRaw(chunk.length);
    yield chunk;
  }
}

/** All sources of the given inputs, in order; directories sorted by name, archives in their order. */
export async function* expandInputs(inputs: string[], stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<Expanded> {
  const seen = new Set<string>();
  for (const input of inputs) {
    let found = 0;
    const budget = new Budget();
    const items =
      input === '-'
        ? expandStream(counted(stdin as AsyncIterable<Buffer>, budget), { shown: '-', budget, depth: 0 })
        : expandOne(input, input, seen, true);
    for await (const item of items) {
      if (!('note' in item)) found++;
      yield item;
    }
    if (found === 0 && input !== '-') yield { note: { path: input, reason: 'no files to read in it (hidden files are skipped)' } };
  }
}
