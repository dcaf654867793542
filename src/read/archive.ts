// Archives read as streams, never extracted: a byte stream is sniffed by its magic bytes (gzip
// 1f8b, xz, bzip2, zstd, a UTF-16 byte-order mark, a tar header checksum, zip's PK\3\4) and a
// tar's regular files become Sources shown as `bundle.tar.gz:inner/path`, dated by their entry
// mtime. Links and devices are never followed (a note says so); entry names are display names
// only. GNU sparse entries are read without their holes. Entries come out in archive order.
import tar from 'tar-stream';
import type { Extract } from 'tar-stream';
import { compressionOf, decode } from './decoders.js';
import { InputError, reasonOf } from './errors.js';
import { type Budget, gunzipBounded } from './gzip.js';
import { decodeUtf16, utf16Of } from './utf16.js';
import type { Expanded, Source } from './sources.js';

type TarEntry = Extract extends AsyncIterable<infer T> ? T : never;

/** Archive and gzip layers one input may nest (a gzip quine would otherwise never end). */
export const MAX_DEPTH = 4;

export interface StreamInfo {
  shown: string;
  mtimeMs?: number;
  size?: number;
  budget: Budget;
  depth: number;
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
}

/** A tar header: `ustar` at 257, or (old v7 tars) a checksum that adds up. */
export function isTar(head: Buffer): boolean {
  if (head.length < 512) return false;
  if (head.toString('latin1', 257, 262) === 'ustar') return true;
  const field = head.toString('latin1', 148, 156).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : head[i];
  return sum === parseInt(field, 8) && head[0] !== 0;
}

interface Peeked {
  head: Buffer;
  /** The whole stream, the peeked bytes included. */
  stream: AsyncGenerator<Buffer>;
  /** Release the underlying stream (a file's descriptor) whether or not it was read. */
  close(): Promise<void>;
}

/** The first `n` bytes of a stream, and the whole stream to read on. */
async function peek(bytes: AsyncIterable<Buffer>, n: number): Promise<Peeked> {
  const it = bytes[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let have = 0;
  let ended = false;
  const close = async () => {
    if (ended) return;
    ended = true;
    await it.return?.();
  };
  try {
    while (have < n) {
      const r = await it.next();
      if (r.done) {
        ended = true;
        break;
      }
      seen.push(r.value);
      have += r.value.length;
    }
  } catch (err) {
    await close();
    throw err;
  }
  async function* stream(): AsyncGenerator<Buffer> {
    try {
      yield* seen;
      while (!ended) {
        const r = await it.next();
        if (r.done) ended = true;
        else yield r.value;
      }
    } finally {
      await close();
    }
  }
  const whole = stream();
  return {
    head: Buffer.concat(seen).subarray(0, n),
    stream: whole,
    close: async () => {
      await whole.return(undefined);
      await close(); // a generator never started skips its finally
    },
  };
}

async function tryPeek(bytes: AsyncIterable<Buffer>): Promise<Peeked | { reason: string }> {
  try {
    return await peek(bytes, 512);
  } catch (err) {
    return { reason: reasonOf(err) };
  }
}

/** A Source over a stream that is already open: read once, in turn. */
function openSource(info: StreamInfo, stream: AsyncGenerator<Buffer>): Source {
  let opened = false;
  return {
    path: info.shown,
    mtimeMs: info.mtimeMs,
    size: info.size,
    once: true,
    open() {
      if (opened) throw new Error(`${info.shown} was opened twice`);
      opened = true;
      return stream;
    },
  };
}

/** Sources (or failures) found in a byte stream: itself, its gunzipped self, or a tar's files. */
export async function* expandStream(bytes: AsyncIterable<Buffer>, info: StreamInfo): AsyncGenerator<Expanded> {
  const peeked = await tryPeek(bytes);
  if ('reason' in peeked) {
    yield { failure: { path: info.shown, reason: peeked.reason } };
    return;
  }
  const { head, stream } = peeked;
  try {
    const compression = compressionOf(head);
    const utf16 = utf16Of(head);
    const layered = isGzip(head) || isTar(head) || compression !== null;
    if (layered && info.depth >= MAX_DEPTH) {
      yield { failure: { path: info.shown, reason: `archives or gzip nested more than ${MAX_DEPTH} deep; skipped` } };
    } else if (isGzip(head)) {
      const note = (reason: string) => info.budget.notes.push({ path: info.shown, reason });
      yield* expandStream(gunzipBounded(stream, info.budget, note), { ...info, depth: info.depth + 1 });
    } else if (compression !== null) {
      yield* expandStream(decode(compression, stream, info.budget), { ...info, depth: info.depth + 1 });
    } else if (utf16 !== null) {
      yield { source: openSource(info, decodeUtf16(utf16, stream)) };
    } else if (isTar(head)) {
      yield* tarEntries(stream, { ...info, depth: info.depth + 1 });
    } else if (isZip(head)) {
      yield { failure: { path: info.shown, reason: 'a zip archive: not supported (unzip it, or pack it as .tar.gz)' } };
    } else {
      yield { source: openSource(info, stream) };
    }
  } finally {
    await peeked.close(); // whatever the consumer left unread
  }
  // what the decoders noted while the source was read (junk after gzip data)
  for (const note of info.budget.notes.splice(0)) yield { note };
}

/** Reads one tar entry without ever destroying it (that would end the whole archive). */
class EntryReader {
  private queue: Buffer[] = [];
  private ended: boolean;
  private discard = false;
  private wake: (() => void) | null = null;
  private error: unknown = null;
  /** The error this entry's consumer was given (it reported it on the entry). */
  thrown: unknown = null;

  constructor(private readonly entry: TarEntry) {
    this.ended = entry.destroyed;
    entry.on('data', (c: unknown) => {
      if (this.discard) return;
      this.queue.push(c as Buffer);
      if (this.queue.length >= 16) entry.pause();
      this.signal();
    });
    entry.on('error', (err: unknown) => {
      this.error = err;
      this.stop();
    });
    entry.on('end', () => this.stop());
    entry.on('close', () => this.stop());
  }

  private stop(): void {
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private wait(): Promise<void> {
    this.entry.resume();
    return new Promise<void>((r) => (this.wake = r));
  }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const c = this.queue.shift();
      if (c) {
        if (this.queue.length < 4) this.entry.resume();
        yield c;
        continue;
      }
      if (this.error) {
        this.thrown = this.error;
        throw this.error;
      }
      if (this.ended) return;
      await this.wait();
    }
  }

  /** Skip what the consumer left, so the archive moves on to its next entry. */
  async finish(): Promise<void> {
    this.discard = true;
    this.queue.length = 0;
    while (!this.ended) await this.wait();
  }
}

/** `./a/b` → `a/b`; the name is only ever shown, never used as a path. */
function innerName(name: string): string {
  return name.replace(/^(?:\.\/)+/, '') || name;
}

/** Hidden like in folders: a component starting with a dot (`.` and `..` are not hidden). */
function hidden(name: string): boolean {
  return name.split('/').some((c) => c.startsWith('.') && c !== '.' && c !== '..');
}

const NOT_FOLLOWED: Record<string, string> = {
  symlink: 'a symbolic link',
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a fifo',
};

/** The largest sparse map read at the start of a PAX 1.0 sparse entry. */
const MAX_SPARSE_MAP = 1 << 20;

/**
 * A PAX 1.0 sparse entry's data without the map before it: decimal numbers a line each (the count
 * of segments, then an offset and a size per segment), padded with NULs to a 512-byte block.
 */
async function* skipSparseMap(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    const end = sparseMapEnd(head);
    if (end === null) {
      if (head.length > MAX_SPARSE_MAP) throw new InputError('a sparse map too large or not made of numbers');
      continue;
    }
    const rest: Buffer = head.subarray(end);
    head = null;
    if (rest.length > 0) yield rest;
  }
}

/** Where the data starts after the sparse map at the start of `b` (null: not all of it is here). */
function sparseMapEnd(b: Buffer): number | null {
  let at = 0;
  let want = 1;
  for (let numbers = 0; numbers < want; numbers++) {
    const nl = b.indexOf(10, at);
    if (nl < 0 || nl - at > 20) return null;
    const n = Number(b.toString('latin1', at, nl));
    if (!Number.isSafeInteger(n) || n < 0) return null;
    if (numbers === 0) want = 1 + 2 * n;
    at = nl + 1;
  }
  const end = Math.ceil(at / 512) * 512;
  return b.length >= end ? end : null;
}

async function* tarEntries(stream: AsyncGenerator<Buffer>, info: StreamInfo): AsyncGenerator<Expanded> {
  const extract = tar.extract();
  const closed = new Promise<void>((r) => extract.once('close', () => r()));
  const feed = (async () => {
    try {
      for await (const chunk of stream) {
        if (extract.destroyed) break;
        if (!extract.write(chunk)) await Promise.race([new Promise<void>((r) => extract.once('drain', () => r())), closed]);
      }
      if (!extract.destroyed) extract.end(null);
    } catch (err) {
      extract.destroy(err as Error);
    }
  })();
  const delivered = new Set<unknown>(); // errors a consumer already reported on an entry
  let entries = 0;
  try {
    for await (const entry of extract) {
      entries++;
      const h = entry.header;
      const pax = (h.pax ?? {}) as Record<string, string | undefined>;
      // a PAX sparse file (0.1, 1.0) keeps its real name apart from GNUSparseFile.N/name
      const inner = innerName(pax['GNU.sparse.name'] ?? h.name);
      const shown = `${info.shown}:${inner}`;
      const reader = new EntryReader(entry);
      try {
        // an unknown type is a regular file (POSIX): old GNU sparse entries ('S') are such
        if ((h.type === 'file' || h.type === 'contiguous-file' || h.type === null) && !hidden(inner)) {
          const mtimeMs = h.mtime instanceof Date && Number.isFinite(h.mtime.getTime()) ? h.mtime.getTime() : info.mtimeMs;
          const sparse = pax['GNU.sparse.major'] !== undefined || pax['GNU.sparse.size'] !== undefined;
          const chunks = pax['GNU.sparse.major'] === '1' ? skipSparseMap(reader.chunks()) : reader.chunks();
          if (sparse) info.budget.notes.push({ path: shown, reason: 'a sparse file: read without its holes' });
          else if (h.type === null) info.budget.notes.push({ path: shown, reason: 'an entry of another type (a GNU sparse file?): read as a regular file, without holes' });
          yield* expandStream(chunks, { ...info, shown, mtimeMs, size: h.size });
        } else if (NOT_FOLLOWED[h.type]) {
          const to = h.linkname ? ` to ${h.linkname}` : '';
          yield { note: { path: shown, reason: `${NOT_FOLLOWED[h.type]}${to}: not followed` } };
        }
      } finally {
        await reader.finish();
        if (reader.thrown) delivered.add(reader.thrown);
      }
    }
  } catch (err) {
    if (!delivered.has(err)) {
      const reason = reasonOf(err).replace(/^Invalid tar header\b.*/s, 'not a valid tar archive (an invalid header)');
      yield { failure: { path: info.shown, reason: entries > 0 ? `${reason}; the entries after it were not read` : reason } };
    }
  } finally {
    extract.destroy();
    await feed;
  }
}
