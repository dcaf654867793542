// Walks a folder given on the command line without ever leaving it: iteratively (a folder 2,000
// deep does not grow the stack), at most MAX_WALK_DEPTH folders down (noted when cut), names read
// as bytes (a name that is not UTF-8 is still opened; it is shown with \xNN escapes), hidden
// entries skipped, entries sorted by name. A symbolic link inside it is noted and not followed,
// as inside archives, unless --follow-links; then a folder reached twice (a loop) is read once.
import { promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { reasonOf } from './errors.js';

/** Folders below the one given that are still walked. */
export const MAX_WALK_DEPTH = 64;

export interface Problem {
  path: string;
  reason: string;
}

/** A file (or a pipe named by the user) to read, a folder or entry that could not be, or a note. */
export type Walked = { file: Buffer; shown: string; st: Stats } | { failure: Problem } | { note: Problem };

/** The name as it is shown: UTF-8 as is, any other byte as \xNN. */
export function shownName(name: Buffer): string {
  const text = name.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(name)) return text;
  let out = '';
  for (const b of name) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

function join(dir: Buffer, name: Buffer): Buffer {
  return Buffer.concat([dir, Buffer.from('/'), name]);
}


interface Frame {
  dir: Buffer;
  shown: string;
  depth: number;
  names: Buffer[];
  next: number;
}

export interface WalkOptions {
  followLinks: boolean;
  /** Folders already walked in this run, by device and inode (a loop, or a folder named twice). */
  seenDirs: Map<string, string>;
}

/** Identity of a file or folder on this machine. */
export function identity(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

async function listing(dir: Buffer): Promise<Buffer[]> {
  const names = await fs.readdir(dir, { encoding: 'buffer' });
  return names.filter((n) => n[0] !== 0x2e).sort(Buffer.compare); // hidden entries skipped
}

/** Every file under `dir` (already stat'ed as a folder), depth first, in name order. */
export async function* walkFolder(dir: Buffer, shown: string, st: Stats, opts: WalkOptions): AsyncGenerator<Walked> {
  opts.seenDirs.set(identity(st), shown);
  const stack: Frame[] = [];
  try {
    stack.push({ dir, shown, depth: 0, names: await listing(dir), next: 0 });
  } catch (err) {
    yield { failure: { path: shown, reason: `cannot read directory: ${reasonOf(err)}` } };
    return;
  }
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.names.length) {
      stack.pop();
      continue;
    }
    const name = top.names[top.next++];
    const file = join(top.dir, name);
    const here = path.join(top.shown, shownName(name));
    let info: Stats;
    try {
      info = await fs.lstat(file);
      if (info.isSymbolicLink()) {
        if (!opts.followLinks) {
          const to = await fs.readlink(file, { encoding: 'buffer' }).then(shownName, () => '?');
          yield { note: { path: here, reason: `a symbolic link to ${to}: not followed (--follow-links follows it)` } };
          continue;
        }
        info = await fs.stat(file);
      }
    } catch (err) {
      yield { failure: { path: here, reason: reasonOf(err) } };
      continue;
    }
    if (info.isDirectory()) {
      if (opts.seenDirs.has(identity(info))) continue; // a loop through a link, or a folder already walked
      if (top.depth + 1 > MAX_WALK_DEPTH) {
        yield { note: { path: here, reason: `more than ${MAX_WALK_DEPTH} folders deep: not read` } };
        continue;
      }
      opts.seenDirs.set(identity(info), here);
      try {
        stack.push({ dir: file, shown: here, depth: top.depth + 1, names: await listing(file), next: 0 });
      } catch (err) {
        yield { failure: { path: here, reason: `cannot read directory: ${reasonOf(err)}` } };
      }
    } else if (info.isFile()) {
      yield { file, shown: here, st: info };
    } else {
      yield { note: { path: here, reason: 'not a regular file: skipped' } };
    }
  }
}
