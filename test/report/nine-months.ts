// A seeded 9-month bundle for the chart tests (written to a temp dir, never committed): a watcher
// log with a `date -Is` line and `free` (KiB) every ~155 s (150k snapshots; fewer if asked), a `ps` table every tenth
// round (php-fpm creeping up by day), a week with no rounds at all, and a MySQL 5.5 error log whose
// crash loops hold 20,000 buffer-pool failures. Same seed, same bytes.
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../helpers.js';

export interface Shape {
  snapshots: number;
  failures: number;
}
/** What the issue names: 150k snapshots, 20,000 failures. The browser test draws a lighter one. */
export const NINE_MONTHS: Shape = { snapshots: 150_000, failures: 20_000 };
const START = Date.UTC(2025, 0, 1);
const DAYS = 273;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
function stamp55(ms: number, padHour: boolean): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${padHour ? pad(h) : h < 10 ? ` ${h}` : h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

async function write(file: string, lines: Iterable<string>): Promise<void> {
  const w = createWriteStream(file);
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= 8192) {
      if (!w.write(`${buf.join('\n')}\n`)) await new Promise<void>((r) => w.once('drain', () => r()));
      buf = [];
    }
  }
  w.end(buf.length > 0 ? `${buf.join('\n')}\n` : '');
  await new Promise<void>((r) => w.once('close', () => r()));
}

function* watcher(rnd: () => number, { snapshots }: Shape): Generator<string> {
  const [start, days] = [START, DAYS];
  const step = (days * 86_400_000) / snapshots;
  const pause = [start + 100 * 86_400_000, start + 107 * 86_400_000]; // the watcher was stopped
  for (let i = 0; i < snapshots; i++) {
    const ms = Math.round(start + i * step + rnd() * 20_000);
    if (ms > pause[0] && ms < pause[1]) continue;
    const day = (ms - start) / 86_400_000;
    const workers = 4 + Math.floor((day % 30) / 3) + Math.floor(rnd() * 3);
    const each = 22 + Math.floor(rnd() * 8);
    const used = 260 + workers * each + 130 + Math.floor(rnd() * 40);
    const cache = Math.max(20, 700 - used + Math.floor(rnd() * 30));
    yield iso(ms);
    yield '               total        used        free      shared  buff/cache   available';
    const kib = (mib: number) => String(mib * 1024).padStart(11);
    yield `Mem:      ${kib(994)} ${kib(used)} ${kib(Math.max(5, 994 - used - cache))} ${kib(6)} ${kib(cache)} ${kib(994 - used)}`;
    yield 'Swap:              0           0           0';
    if (i % 10 === 0) {
      yield 'USER       PID   RSS    VSZ COMMAND';
      yield `mysql     3100 ${String(126 * 1024 + Math.floor(rnd() * 4096)).padStart(6)} 900000 mysqld`;
      for (let k = 0; k < workers; k++) yield `www-data  ${4000 + k} ${String(each * 1024).padStart(5)} 300000 php-fpm`;
      yield 'root       900  9000  60000 nginx';
    }
  }
}

function* errorLog(rnd: () => number, { failures }: Shape): Generator<string> {
  const [start, days] = [START, DAYS];
  const episodes = 40;
  let pid = 2000;
  for (let e = 0; e < episodes; e++) {
    let ms = start + Math.floor(((e + 0.3 + rnd() * 0.4) / episodes) * days * 86_400_000);
    for (let k = 0; k < failures / episodes; k++) {
      const s = stamp55(ms, false);
      const t = stamp55(ms, true);
      yield `${t} mysqld_safe Number of processes running now: 0`;
      yield `${t} mysqld_safe mysqld restarted`;
      yield `${s} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${(pid += 1)} ...`;
      yield `${s} InnoDB: Initializing buffer pool, size = 128.0M`;
      yield 'InnoDB: mmap(137363456 bytes) failed; errno 12';
      yield `${s} [ERROR] Aborting`;
      ms += 20_000 + Math.floor(rnd() * 20_000);
    }
    const s = stamp55(ms, false);
    yield `${s} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${(pid += 1)} ...`;
    yield `${s} InnoDB: Initializing buffer pool, size = 16.0M`;
    yield `${s} [Note] /usr/sbin/mysqld: ready for connections.`;
  }
}

/** Writes the bundle into `dir` (which must exist) and returns it. */
export async function nineMonths(dir: string, shape: Shape = NINE_MONTHS, seed = 9): Promise<string> {
  const rnd = mulberry32(seed);
  await write(path.join(dir, 'watcher.log'), watcher(rnd, shape));
  await write(path.join(dir, 'mysqld.err'), errorLog(rnd, shape));
  writeFileSync(path.join(dir, 'www.conf'), '[www]\npm = dynamic\npm.max_children = 20\n');
  return dir;
}
