// Bounded gunzip: a gzip bomb stops with a clear InputError instead of filling memory or disk.
// The bound is generous for real logs (which compress 10-20×) and tight for zeros (1000×).
import { createGunzip } from 'node:zlib';
import { InputError } from './errors.js';

const MIN_LIMIT = 256 * 1024 * 1024;
const RATIO = 200;

export async function* gunzipBounded(input: AsyncIterable<Buffer> | NodeJS.ReadableStream, compressedSize: number, shown: string): AsyncGenerator<Buffer> {
  const limit = Math.max(MIN_LIMIT, compressedSize * RATIO);
  const gunzip = createGunzip();
  const feed = (async () => {
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        if (gunzip.destroyed) return;
      }
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) {
        throw new InputError(`gzip expands past ${Math.round(limit / 1048576)} MiB (a ratio over ${RATIO}:1); stopped reading it (a gzip bomb?)`);
      }
      yield chunk;
    }
  } catch (err) {
    gunzip.destroy();
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new InputError(`corrupt or truncated gzip data (${(err as Error).message})`);
    throw new InputError(`cannot decompress: ${(err as Error).message}`);
  } finally {
    await feed;
  }
  void shown;
}
