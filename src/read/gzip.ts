// Bounded gunzip, member by member: a gzip bomb stops with a clear InputError instead of filling
// memory; concatenated members (rotations glued with `cat`) are all read; bytes after the last
// member that are not another member (junk, a half-written copy) are noted once and ignored, and
// every line before them is kept (zlib alone drops the output of the chunk that holds the junk).
// One Budget covers every decoder inside one input (a .tar.gz and the .gz members in it), so
// nesting cannot multiply the bound. Generous for real logs (10-20×), tight for zeros (1000×).
import { createInflateRaw } from 'node:zlib';
import { InputError } from './errors.js';

export const MIN_LIMIT = 256 * 1024 * 1024;
export const RATIO = 200;

/** Decompressed bytes one input may produce: past MIN_LIMIT, at most RATIO × its raw bytes. */
export class Budget {
  private out = 0;
  /** What reading this input noted on the way (trailing junk), said once its source is read. */
  readonly notes: { path: string; reason: string }[] = [];
  constructor(private raw = 0) {}

  /** Raw (on-disk or stdin) bytes read so far, for inputs whose size is not known up front. */
  addRaw(n: number): void {
    this.raw += n;
  }

  /** Count decompressed bytes (of `kind`, for the message); throws an InputError past the bound. */
  spend(n: number, kind = 'gzip'): void {
    this.out += n;
    if (this.out > MIN_LIMIT && this.out > this.raw * RATIO) {
      throw new InputError(`decompresses past ${Math.round(this.out / 1048576)} MiB, over ${RATIO} times its size; stopped reading it (a ${kind} bomb?)`);
    }
  }
}

/** Compressed bytes handed to zlib at once: at most ~16 MiB come out of them (deflate's 1032:1). */
const PIECE = 16 * 1024;
/** A gzip header (with its name and comment) longer than this is not one. */
const MAX_HEADER = 64 * 1024;

/** The length of the gzip member header at the start of `b`: 0 when more bytes are needed, -1 when it is not one. */
export function gzipHeaderLength(b: Buffer): number {
  if (b.length >= 1 && b[0] !== 0x1f) return -1;
  if (b.length >= 2 && b[1] !== 0x8b) return -1;
  if (b.length >= 3 && b[2] !== 8) return -1;
  if (b.length < 10) return 0;
  const flags = b[3];
  let at = 10;
  if (flags & 4) {
    if (b.length < at + 2) return 0;
    at += 2 + b.readUInt16LE(at);
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    const end = b.indexOf(0, at);
    if (end < 0) return b.length >= MAX_HEADER ? -1 : 0;
    at = end + 1;
  }
  if (flags & 2) at += 2;
  return b.length >= at ? at : 0;
}

function corrupt(detail: string): InputError {
  return new InputError(`corrupt or truncated gzip data (${detail})`);
}

/** Reads an async byte stream with bytes put back in front. */
class Feed {
  private it: AsyncIterator<Buffer>;
  head: Buffer = Buffer.alloc(0);
  ended = false;

  constructor(input: AsyncIterable<Buffer>) {
    this.it = input[Symbol.asyncIterator]();
  }

  /** Append the next chunk to `head`; false at the end. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.head = this.head.length > 0 ? Buffer.concat([this.head, r.value]) : r.value;
    return true;
  }

  /** The next bytes: what was put back first, then the next chunk (null at the end). */
  async take(): Promise<Buffer | null> {
    if (this.head.length > 0 || (await this.more())) {
      const b = this.head;
      this.head = Buffer.alloc(0);
      return b;
    }
    return null;
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }
}

/** One member's deflate data through zlib: yields its output, puts back what follows it. */
async function* inflateMember(feed: Feed, budget: Budget): AsyncGenerator<Buffer, number> {
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  const out: Buffer[] = [];
  let failed: Error | null = null;
  let ended = false;
  inflate.on('data', (c: Buffer) => out.push(c));
  inflate.on('error', (e: Error) => (failed = e));
  inflate.on('end', () => (ended = true));
  const written: Buffer[] = []; // pieces zlib may not have consumed yet
  let writtenStart = 0; // offset of written[0] in the member's data
  let total = 0;
  let produced = 0;
  const drain = function* () {
    while (out.length > 0) {
      const c = out.shift() as Buffer;
      budget.spend(c.length);
      produced += c.length;
      yield c;
    }
  };
  try {
    for (;;) {
      const chunk = await feed.take();
      if (chunk === null) break;
      let rest = chunk;
      while (rest.length > 0 && !ended && !failed && inflate.bytesWritten >= total) {
        const piece = rest.subarray(0, PIECE);
        rest = rest.subarray(piece.length);
        written.push(piece);
        total += piece.length;
        // zlib that meets bad data errors and may never call back the write: either ends the wait
        await new Promise<void>((r) => {
          const done = () => {
            inflate.off('error', done);
            r();
          };
          inflate.once('error', done);
          inflate.write(piece, done);
        });
        yield* drain();
        if (failed) throw corrupt((failed as Error).message);
        while (written.length > 0 && writtenStart + written[0].length <= inflate.bytesWritten) writtenStart += (written.shift() as Buffer).length;
      }
      if (ended || inflate.bytesWritten < total) {
        // the member ended inside what was written: put back what zlib did not take
        const unread = Buffer.concat(written).subarray(inflate.bytesWritten - writtenStart);
        feed.head = Buffer.concat([unread, rest]);
        break;
      }
    }
    if (!ended && !failed) {
      // the input ended: zlib says whether the member was whole ('end') or cut ('error')
      await new Promise<void>((r) => {
        inflate.once('end', r);
        inflate.once('error', () => r());
        inflate.once('close', r);
        inflate.end();
      });
    }
    yield* drain();
    if (failed) throw corrupt((failed as Error).message);
    return produced;
  } finally {
    inflate.destroy();
  }
}

/**
 * The decompressed bytes of a gzip stream: every member in turn. Throws InputError on corrupt or
 * truncated data (after yielding what came before it); junk after a complete member goes to `note`.
 */
export async function* gunzipBounded(input: AsyncIterable<Buffer>, budget: Budget, note: (reason: string) => void = () => {}): AsyncGenerator<Buffer> {
  const feed = new Feed(input);
  try {
    for (let members = 0; ; members++) {
      if (members > 0 && feed.head.length === 0 && !(await feed.more())) return; // the end, after a whole member
      let h = gzipHeaderLength(feed.head);
      while (h === 0 && (await feed.more())) h = gzipHeaderLength(feed.head);
      if (members > 0 && h <= 0) {
        // not another member: NUL padding (said nothing about), or junk (said once)
        let junk = 0;
        let nonZero = false;
        for (let b: Buffer | null = feed.head; b !== null; b = await feed.take()) {
          feed.head = Buffer.alloc(0);
          junk += b.length;
          if (!nonZero && b.some((x) => x !== 0)) nonZero = true;
        }
        if (nonZero) note(`trailing garbage after gzip data ignored (${junk} bytes)`);
        return;
      }
      if (h === -1) throw corrupt('incorrect header check');
      if (h === 0) throw corrupt('unexpected end of file');
      feed.head = feed.head.subarray(h);
      const produced = yield* inflateMember(feed, budget);
      while (feed.head.length < 8 && (await feed.more()));
      if (feed.head.length < 8) throw corrupt('unexpected end of file');
      if (feed.head.readUInt32LE(4) !== produced % 2 ** 32) throw corrupt('its length check does not match');
      feed.head = feed.head.subarray(8);
    }
  } finally {
    await feed.close();
  }
}
