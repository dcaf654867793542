// Where the report goes, written so nothing is destroyed. `-o FILE` is checked before anything is
// read: refused when it is one of the inputs (itself, a hard or symbolic link to it, a file inside
// an input folder), and its folder must take a new file (the real reason otherwise). The report is
// written to a temporary file beside the target and renamed over it once complete, so a full disk,
// a signal or a crash leaves the previous report as it was. Every write is checked, short writes too.
import { type Stats, constants, promises as fs } from 'node:fs';
import { fstatSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { reasonOf } from '../read/errors.js';
import { plain } from '../report/sanitize.js';
import { holdTemp, releaseTemp } from './cleanup.js';

/** The report could not be written: the target's name (shown inert) and the reason. */
export class WriteError extends Error {
  constructor(
    readonly target: string,
    reason: string,
  ) {
    super(reason);
  }
  line(): string {
    return `oomtrail: cannot write ${plain(this.target)}: ${this.message}\n`;
  }
}

/** A reason for a failed write or create, in words. */
export function writeReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'file too large (a file size limit: ulimit -f)';
    case 'EROFS':
      return 'read-only file system';
    case 'EPIPE':
      return 'the reader closed the pipe';
    case 'EAGAIN':
      return 'resource temporarily unavailable';
    default:
      return reasonOf(err);
  }
}

export interface Sink {
  /** Writes all of `text` or throws WriteError. */
  write(text: string): Promise<void>;
  /** The report is complete: put it in place. */
  finish(): Promise<void>;
  /** The run failed: remove what was written (the previous report stays). */
  abandon(): Promise<void>;
}

/** Writes the whole buffer to a descriptor, however many writes it takes. */
function writeAll(fd: number, buf: Buffer, target: string): void {
  let off = 0;
  while (off < buf.length) {
    let n: number;
    try {
      n = writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      throw new WriteError(target, writeReason(err));
    }
    if (n <= 0) throw new WriteError(target, 'nothing written');
    off += n;
  }
}

/**
 * Stdout. A file or device on stdout (`> report.json`, `> /dev/full`) is written through its
 * descriptor so a short write or EFBIG is seen; a pipe or terminal through the stream, each write's
 * callback carrying its error. Tests pass their own stream.
 */
export function stdoutSink(out: Writable): Sink {
  const direct = out === process.stdout && directDescriptor(1);
  return {
    async write(text) {
      if (direct) return writeAll(1, Buffer.from(text), 'stdout');
      await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(new WriteError('stdout', writeReason(err))) : resolve())));
    },
    async finish() {},
    async abandon() {},
  };
}

/** Whether a descriptor is a file or a device (not a pipe, socket or terminal). */
function directDescriptor(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** Why `-o` would overwrite an input, or null: the same file (through any link) or a file in an input folder. */
async function inputHit(out: string, real: string, target: Stats | null, inputs: readonly string[]): Promise<string | null> {
  for (const input of inputs) {
    if (input === '-') continue;
    const st = await statOrNull(input);
    if (!st) continue;
    if (target && st.dev === target.dev && st.ino === target.ino) {
      return path.resolve(out) === path.resolve(input) ? `it is the input ${plain(input)}` : `it is the input ${plain(input)} (the same file through a link)`;
    }
    if (st.isDirectory()) {
      const dir = await fs.realpath(input).catch(() => path.resolve(input));
      if (real.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)) return `it is inside the input folder ${plain(input)}`;
    }
  }
  return null;
}

/** The target with links resolved (a link to a report is followed, not replaced). */
async function resolveTarget(out: string): Promise<string> {
  try {
    return await fs.realpath(out);
  } catch {
    // not there yet: its folder's real path and its name
    const dir = await fs.realpath(path.dirname(path.resolve(out))).catch(() => path.dirname(path.resolve(out)));
    return path.join(dir, path.basename(out));
  }
}

/**
 * `-o FILE`, checked and opened before the analysis (throws WriteError with the reason). A device or
 * FIFO (`-o /dev/stdout`) is written in place; a regular file through a temporary file and rename.
 */
export async function fileSink(out: string, inputs: readonly string[]): Promise<Sink> {
  const real = await resolveTarget(out);
  const target = await statOrNull(real);
  const hit = await inputHit(out, real, target, inputs);
  if (hit !== null) throw new WriteError(out, `${hit}; the report would overwrite the evidence (nothing was read or written)`);
  if (target?.isDirectory()) throw new WriteError(out, 'is a directory');
  if (target && !target.isFile()) return deviceSink(out, real);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.oomtrail-${randomBytes(4).toString('hex')}.tmp`);
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  } catch (err) {
    throw new WriteError(out, writeReason(err));
  }
  holdTemp(tmp);
  const drop = async () => {
    await fh.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {});
    releaseTemp(tmp);
  };
  try {
    if (target) await fh.chmod(target.mode & 0o7777);
  } catch (err) {
    await drop();
    throw new WriteError(out, writeReason(err));
  }
  return {
    async write(text) {
      try {
        writeAll(fh.fd, Buffer.from(text), out);
      } catch (err) {
        await drop();
        throw err;
      }
    },
    async finish() {
      try {
        await fh.sync();
        await fh.close();
        await fs.rename(tmp, real);
        releaseTemp(tmp);
      } catch (err) {
        await drop();
        throw new WriteError(out, writeReason(err));
      }
    },
    abandon: drop,
  };
}

/** A device or FIFO named by `-o`: written in place (there is nothing to replace atomically). */
async function deviceSink(out: string, real: string): Promise<Sink> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(real, 'w');
  } catch (err) {
    throw new WriteError(out, writeReason(err));
  }
  return {
    async write(text) {
      writeAll(fh.fd, Buffer.from(text), out);
    },
    async finish() {
      await fh.close().catch(() => {});
    },
    async abandon() {
      await fh.close().catch(() => {});
    },
  };
}
