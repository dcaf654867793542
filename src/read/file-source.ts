// One consistent read of a file: it is opened once and its size taken then; every reader (this
// thread, the part workers, the NDJSON replay) reads that one descriptor by position, up to that
// size. A log rotated (renamed and recreated) or growing while it is read is therefore read as it
// was when opened, and `change()` says what happened to it meanwhile (for a note). The descriptor
// is shared by holders (the expansion, a replay plan) and closed when the last one lets go.
import { close, fstat, open, read, stat } from 'node:fs';
import type { Stats } from 'node:fs';
import { promisify } from 'node:util';
import { InputError } from './errors.js';
import { READ_CHUNK } from './lines.js';

const openFd = promisify(open);
const fstatFd = promisify(fstat);
const statPath = promisify(stat);
const readFd = promisify(read);
const closeFd = promisify(close);

/** Descriptors a replay plan may hold open at once; past it, a file is opened again (and checked) to be read again. */
export const MAX_HELD_FILES = 256;
let held = 0;

/**
 * The bytes of a descriptor from `start` to `end` (exclusive), read by position: another reader of
 * the same descriptor (a worker thread) moves nothing, and stopping early closes nothing (a stream
 * over a descriptor closes it when destroyed, even with autoClose off).
 */
export async function* readRange(fd: number, start: number, end: number): AsyncGenerator<Buffer> {
  let at = start;
  while (at < end) {
    const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, end - at));
    const { bytesRead } = await readFd(fd, buf, 0, buf.length, at);
    if (bytesRead === 0) return; // it shrank since it was opened
    at += bytesRead;
    yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
  }
}

export class OpenFile {
  private holders = 1;
  private fd: number | null;

  private constructor(
    fd: number,
    /** The path it was opened by (bytes: a name need not be UTF-8). */
    readonly path: Buffer,
    /** Its state when opened: the size read, the inode, the mtime. */
    readonly st: Stats,
  ) {
    this.fd = fd;
  }

  static async open(path: Buffer): Promise<OpenFile> {
    const fd = await openFd(path, 'r');
    try {
      return new OpenFile(fd, path, await fstatFd(fd));
    } catch (err) {
      await closeFd(fd);
      throw err;
    }
  }

  get size(): number {
    return this.st.size;
  }

  /** The descriptor, for readers on other threads (null once closed). */
  get descriptor(): number | null {
    return this.fd;
  }

  /** Its first `n` bytes (fewer when it is shorter). */
  async head(n: number): Promise<Buffer> {
    const buf = Buffer.alloc(Math.min(n, this.size));
    if (buf.length === 0) return buf;
    const { bytesRead } = await readFd(await this.ensure(), buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  }

  /** Its bytes from `start` up to the size it had when opened. */
  async *bytes(start = 0): AsyncGenerator<Buffer> {
    if (start >= this.size) return;
    yield* readRange(await this.ensure(), start, this.size);
  }

  /** What happened to it since it was opened, as a note's reason (undefined: nothing). */
  async change(): Promise<string | undefined> {
    if (this.fd === null) return undefined;
    const now = await fstatFd(this.fd);
    const as = `read as it was when opened (${this.size} bytes)`;
    let replaced: boolean;
    try {
      const there = await statPath(this.path);
      replaced = there.ino !== this.st.ino || there.dev !== this.st.dev;
    } catch {
      replaced = true; // renamed or removed
    }
    if (replaced) return `replaced while read (rotated?): ${as}`;
    if (now.size > this.size) return `grew by ${now.size - this.size} bytes while read: ${as}`;
    if (now.size < this.size) return `shrank by ${this.size - now.size} bytes while read (truncated?): read up to where it ended`;
    if (now.mtimeMs !== this.st.mtimeMs) return `changed while read (its mtime moved): ${as}`;
    return undefined;
  }

  /**
   * Another holder (a replay plan), with its way to let go. Past MAX_HELD_FILES the descriptor is
   * not kept for it: the file is opened again when it reads it (and refused if it was replaced).
   */
  hold(): () => void {
    const kept = this.fd !== null && held < MAX_HELD_FILES;
    if (kept) {
      this.holders++;
      held++;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (kept) held--;
      this.release();
    };
  }

  /** A holder lets go; the last one closes it. */
  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders > 0 || this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    close(fd, () => {});
  }

  /** The open descriptor, or the path opened again if it is still the same file (same inode, same size or more). */
  private async ensure(): Promise<number> {
    if (this.fd !== null) return this.fd;
    const fd = await openFd(this.path, 'r');
    const now = await fstatFd(fd);
    if (now.ino !== this.st.ino || now.dev !== this.st.dev || now.size < this.size) {
      await closeFd(fd);
      throw new InputError('replaced since it was first read (rotated?): not read again');
    }
    this.fd = fd;
    this.holders = 1;
    return fd;
  }
}
