// The other compressions rotated logs come in, known by their magic bytes, decoded as streams by
// well-kept pure-JS/WASM decoders (no native build): xz (xz-decompress: xz-embedded in WASM),
// bzip2 (unbzip2-stream), zstd (fzstd). Every output chunk is counted into the input's Budget, so
// a bomb stops like a gzip bomb. lz4 is only named: no decoder for its frames is well kept.
import { PassThrough, Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { Decompress as ZstdDecompress } from 'fzstd';
import unbzip2Stream from 'unbzip2-stream';
import xzDecompress from 'xz-decompress';
import { InputError } from './errors.js';
import type { Budget } from './gzip.js';

export type Compression = 'xz' | 'bzip2' | 'zstd' | 'lz4';

const MAGIC: [Compression, number[]][] = [
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['bzip2', [0x42, 0x5a, 0x68]], // BZh, then the block size digit
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['lz4', [0x04, 0x22, 0x4d, 0x18]],
];

/** The compression a stream starts with (other than gzip), if any. */
export function compressionOf(head: Buffer): Compression | null {
  for (const [name, magic] of MAGIC) {
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) {
      if (name === 'bzip2' && !(head[3] >= 0x31 && head[3] <= 0x39)) continue;
      return name;
    }
  }
  return null;
}

/** Compressed bytes handed to a decoder at once (bounds what one push can produce). */
const PIECE = 16 * 1024;
/** The largest zstd window accepted: zstd's own default limit for decoding (--long=27). */
const MAX_ZSTD_WINDOW = 128 * 1024 * 1024;

function failed(kind: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  // a decoder's own slip on bad data (reading past its tables) says nothing to a user
  if (err instanceof TypeError || err instanceof RangeError) return new InputError(`corrupt or truncated ${kind} data`);
  return new InputError(`corrupt or truncated ${kind} data (${(err as Error)?.message ?? String(err)})`);
}

async function* pieces(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of input) for (let at = 0; at < chunk.length; at += PIECE) yield chunk.subarray(at, at + PIECE);
}

function spent(c: Uint8Array, budget: Budget, kind: string): Buffer {
  budget.spend(c.length, kind);
  return Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.length);
}

async function* counted(kind: string, output: AsyncIterable<Uint8Array>, budget: Budget): AsyncGenerator<Buffer> {
  try {
    for await (const c of output) yield spent(c, budget, kind);
  } catch (err) {
    throw failed(kind, err);
  }
}

/** The window a zstd frame header asks for (the memory the decoder would take). */
function zstdWindow(head: Buffer): number {
  if (head.length < 6) return 0;
  const fhd = head[4];
  if (fhd & 0x20) {
    // single segment: the window is the content size
    const size = [0, 2, 4, 8][fhd >> 6];
    const at = 5 + [0, 1, 2, 4][fhd & 3];
    if (size === 1 || head.length < at + size) return 0;
    if (size === 2) return head.readUInt16LE(at) + 256;
    if (size === 4) return head.readUInt32LE(at);
    if (size === 8) return Number(head.readBigUInt64LE(at));
    return head[at];
  }
  const wd = head[5];
  const base = 2 ** (10 + (wd >> 3));
  return base + (base / 8) * (wd & 7);
}

/**
 * zstd: fzstd decodes all a push holds at once, and one 4-byte RLE block is 128 KiB of output, so
 * the bytes pushed at once adapt to what they yield: about a MiB per push whatever the data.
 */
async function* zstd(input: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  const out: Uint8Array[] = [];
  let produced = 0;
  const decoder = new ZstdDecompress((chunk) => {
    produced += chunk.length;
    out.push(chunk);
  });
  let first = true;
  let size = 1024;
  try {
    for await (const chunk of input) {
      if (first && zstdWindow(chunk) > MAX_ZSTD_WINDOW) throw new InputError(`a zstd frame asks for a ${Math.round(zstdWindow(chunk) / 1048576)} MiB window, over ${MAX_ZSTD_WINDOW / 1048576} MiB; not read`);
      first = false;
      for (let at = 0; at < chunk.length; ) {
        const piece = chunk.subarray(at, at + size);
        at += piece.length;
        produced = 0;
        decoder.push(piece);
        while (out.length > 0) yield spent(out.shift() as Uint8Array, budget, 'zstd');
        if (produced > 2 * 1048576) size = Math.max(16, size >> 2);
        else if (produced < 256 * 1024) size = Math.min(PIECE, size * 2);
      }
    }
    decoder.push(new Uint8Array(0), true);
    while (out.length > 0) yield spent(out.shift() as Uint8Array, budget, 'zstd');
  } catch (err) {
    throw failed('zstd', err);
  }
}

function xz(input: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  const web = ReadableStream.from(pieces(input)) as unknown as globalThis.ReadableStream<Uint8Array>;
  return counted('xz', new xzDecompress.XzReadableStream(web) as unknown as AsyncIterable<Uint8Array>, budget);
}

function bzip2(input: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  const decoder = unbzip2Stream();
  const from = Readable.from(pieces(input), { objectMode: false });
  from.on('error', (err) => decoder.destroy(err));
  from.pipe(decoder);
  // an old-style (`through`) stream: piped into a modern one to be read with for await
  const output = new PassThrough({ highWaterMark: 1 << 20 });
  decoder.on('error', (err: Error) => output.destroy(err));
  decoder.pipe(output);
  return (async function* () {
    try {
      yield* counted('bzip2', output as AsyncIterable<Buffer>, budget);
    } finally {
      from.destroy();
      output.destroy();
      decoder.destroy();
    }
  })();
}

/** The decoded bytes of a stream in this compression (lz4: an InputError naming it). */
export function decode(kind: Compression, input: AsyncIterable<Buffer>, budget: Budget): AsyncGenerator<Buffer> {
  if (kind === 'xz') return xz(input, budget);
  if (kind === 'bzip2') return bzip2(input, budget);
  if (kind === 'zstd') return zstd(input, budget);
  return (async function* () {
    yield* [];
    throw new InputError('lz4 compressed: not supported (decompress it with lz4 -d, or recompress it with gzip)');
  })();
}
