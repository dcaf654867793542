// Bounded gunzip: a gzip bomb stops with a clear InputError instead of filling memory or disk.
// One Budget covers every gunzip inside one input (a .tar.gz and the .gz members in it), so nesting
// cannot multiply the bound. Generous for real logs (10-20×), tight for zeros (1000×).
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from './errors.js';

export const MIN_LIMIT = 256 * 1024 * 1024;
export const RATIO = 200;

/** Decompressed bytes one input may produce: past MIN_LIMIT, at most RATIO × its raw bytes. */
export class Budget {
  private out = 0;
  constructor(private raw = 0) {}

  /** Raw (on-disk or stdin) bytes read so far, for inputs whose size is not known up front. */
  addRaw(n: number): void {
    this.raw += n;
  }

  /** Count decompressed bytes; throws an InputError past the bound. */
  spend(n: number): void {
    this.out += n;
    if (this.out > MIN_LIMIT && this.out > this.raw * RATIO) {
      throw new InputError(`decompresses past ${Math.round(this.out / 1048576)} MiB, over ${RATIO} times its size; stopped reading it (a gzip bomb?)`);
    }
  }
}

/** The decompressed bytes of a gzip stream. Throws InputError on corrupt or truncated data. */
export async function* gunzipBounded(input: AsyncIterable<Buffer> | NodeJS.ReadableStream, budget: Budget): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const from = input instanceof Readable ? input : Readable.from(input as AsyncIterable<Buffer>, { objectMode: false });
  // Errors of either side reach the loop below through `gunzip`; pipeline destroys both on failure.
  pipeline(from, gunzip, () => {});
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      budget.spend(chunk.length);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new InputError(`corrupt or truncated gzip data (${(err as Error).message})`);
    throw err;
  } finally {
    gunzip.destroy();
    from.destroy();
  }
}
