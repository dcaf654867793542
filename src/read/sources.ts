// Expands the command line's inputs into sources: files, directories (recursive, hidden entries
// skipped, symlink loops cut), gzip files (by magic bytes), and stdin. Problems become InputFailures
// with a one-line reason, never exceptions, so the other inputs are still analysed.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipBounded } from './gzip.js';
export { InputError } from './errors.js';

export interface Source {
  /** The path as reports show it. */
  path: string;
  mtimeMs?: number;
  /** Bytes on disk, for progress. */
  size?: number;
  /** The decompressed bytes. May throw InputError mid-stream (a truncated gzip). */
  open(): AsyncIterable<Buffer>;
}

export interface InputFailure {
  path: string;
  reason: string;
}

export type Expanded = { source: Source } | { failure: InputFailure };

const GZIP_MAGIC = [0x1f, 0x8b];

async function startsWith(file: string, magic: number[]): Promise<boolean> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(magic.length);
    const { bytesRead } = await fh.read(buf, 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => buf[i] === b);
  } finally {
    await fh.close();
  }
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e?.message ?? String(err);
  }
}

async function fileSource(file: string, shown: string, st: { mtimeMs: number; size: number }): Promise<Source> {
  const gz = st.size >= 2 && (await startsWith(file, GZIP_MAGIC));
  return {
    path: shown,
    mtimeMs: st.mtimeMs,
    size: st.size,
    open: () => (gz ? gunzipBounded(createReadStream(file), st.size, shown) : createReadStream(file)),
  };
}

async function* walk(dir: string, shown: string, seen: Set<string>): AsyncGenerator<Expanded> {
  let real: string;
  let entries: import('node:fs').Dirent[];
  try {
    real = await fs.realpath(dir);
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
    yield* expandOne(path.join(dir, ent.name), path.join(shown, ent.name), seen);
  }
}

async function* expandOne(file: string, shown: string, seen: Set<string>): AsyncGenerator<Expanded> {
  let st: import('node:fs').Stats;
  try {
    st = await fs.stat(file);
  } catch (err) {
    yield { failure: { path: shown, reason: reasonOf(err) } };
    return;
  }
  if (st.isDirectory()) {
    yield* walk(file, shown, seen);
    return;
  }
  if (!st.isFile()) {
    yield { failure: { path: shown, reason: 'not a regular file' } };
    return;
  }
  try {
    yield { source: await fileSource(file, shown, st) };
  } catch (err) {
    yield { failure: { path: shown, reason: reasonOf(err) } };
  }
}

/** Standard input as a source; gzip is detected from its first bytes. */
function stdinSource(stdin: NodeJS.ReadableStream): Source {
  return {
    path: '-',
    async *open() {
      const it = (stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      const first = await it.next();
      if (first.done) return;
      const rest = (async function* () {
        yield first.value;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      })();
      if (first.value[0] === GZIP_MAGIC[0] && first.value[1] === GZIP_MAGIC[1]) {
        yield* gunzipBounded(rest, 0, '-');
      } else {
        yield* rest;
      }
    },
  };
}

/** All sources of the given inputs, in order; directories sorted by name. */
export async function* expandInputs(inputs: string[], stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<Expanded> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') yield { source: stdinSource(stdin) };
    else yield* expandOne(input, input, seen);
  }
}
