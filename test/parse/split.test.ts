// Reading a big log in parts at once must give the report reading it whole gives: cuts in a crash
// cycle, inside a stack trace, in prefixed lines (the parts guess the carried state wrong and are
// read again), before any time is known, and in stretches with no stamp at all.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../../src/analyze.js';
import { buildReport } from '../../src/report/model.js';
import { mulberry32 } from '../helpers.js';

const pad = (n: number) => String(n).padStart(2, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A MySQL 5.5 log: routine warnings, crash cycles with restarts, a stack trace now and then. */
function mysqlLog(lines: number, seed: number, prefix = (l: string) => l): string {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  let ms = Date.UTC(2016, 0, 1);
  let pid = 1000;
  while (out.length < lines) {
    ms += Math.floor(rnd() * 4000);
    const s = stamp(ms);
    const r = rnd();
    if (r < 0.01) {
      pid += 2;
      out.push(
        `${s} mysqld_safe Number of processes running now: 0`,
        `${s} mysqld_safe mysqld restarted`,
        `${s} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${pid} ...`,
        `${s} InnoDB: Initializing buffer pool, size = 128.0M`,
        'InnoDB: mmap(137363456 bytes) failed; errno 12',
        `${s} [ERROR] Aborting`,
        '',
        `${s} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${pid + 1} ...`,
        `${s} [Note] /usr/sbin/mysqld: ready for connections.`,
        "Version: '5.5.49-log'  socket: '/tmp/mysql.sock'  port: 3306  Source distribution",
      );
    } else if (r < 0.02) {
      out.push(`${s} - mysqld got signal 11 ;`, ...Array.from({ length: 30 }, (_, i) => `stack_bottom = 0x${i}a thread_stack 0x40000`), '');
    } else if (r < 0.5) out.push(`${s} [Warning] IP address '10.0.${Math.floor(rnd() * 255)}.1' could not be resolved: Name or service not known`);
    else out.push(`${s} [Warning] Aborted connection ${Math.floor(rnd() * 90000)} to db: 'wp' user: 'wp' host: 'localhost' (Got an error reading communication packets)`);
  }
  return `${out.map(prefix).join('\n')}\n`;
}

function file(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'oomtrail-split-')), name);
  writeFileSync(p, text);
  return p;
}

function conserved(a: Analysis): number {
  let sum = a.stats.blank;
  for (const e of a.events) sum += e.src.lines;
  for (const n of a.folded?.lines.values() ?? []) sum += n;
  return sum;
}

/** Reads in parts, and returns how many parts were taken as read apart and how many were read again. */
async function sameInParts(p: string, threads: number[] = [2, 3, 5]): Promise<{ absorbed: number; readAgain: number }> {
  const counts = { absorbed: 0, readAgain: 0 };
  const whole = await analyze({ tz: 'UTC', inputs: [p], keep: 'report', parts: { threads: 1 } });
  const report = buildReport(whole);
  for (const t of threads) {
    const split = await analyze({ tz: 'UTC', inputs: [p], keep: 'report', parts: { threads: t, minBytes: 1024, inProcess: true, counts } });
    expect(buildReport(split), `${t} parts`).toEqual(report);
    expect(split.events).toEqual(whole.events);
    expect(conserved(split)).toBe(split.stats.lines);
  }
  return counts;
}

describe('reading a log in parts', () => {
  it('gives the same report as reading it whole, crash cycles and traces across the cuts', async () => {
    for (const seed of [1, 2, 3]) expect(await sameInParts(file('mysqld.err', mysqlLog(6000, seed)))).toEqual({ absorbed: 1 + 2 + 4, readAgain: 0 });
  });

  it('reads a part again when its guess of the carried state is wrong (Docker Desktop host stamps)', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => {
      const t = `${pad(10 + Math.floor(i / 3600))}:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)}`;
      const own = `2023-06-13 ${t} 0 [Warning] Aborted connection ${i} to db: 'wp' user: 'wp' host: 'localhost' (Got an error reading communication packets)`;
      // the host stamps stop, but the style stays trusted: a host stamp before an undated line is one
      if (i % 7 === 0) return `2023-06-13 ${t} InnoDB: Warning: difficult to find free blocks in the buffer pool`;
      return i >= 10 ? own : `2023-06-13 ${t} ${own}`;
    });
    expect((await sameInParts(file('desktop.log', `${lines.join('\n')}\n`))).readAgain).toBeGreaterThan(0);
  });

  it('reads whole a log whose lines start with a prefix (no line to restart at)', async () => {
    expect(await sameInParts(file('compose.log', mysqlLog(3000, 4, (l) => `db_1  | ${l}`)))).toEqual({ absorbed: 0, readAgain: 0 });
  });

  it('reads on whole when nothing has a time before the cut', async () => {
    const text = `${Array.from({ length: 2000 }, (_, i) => `InnoDB: Warning: a long semaphore wait number ${i}`).join('\n')}\n${mysqlLog(2000, 5)}`;
    expect(await sameInParts(file('late.err', text))).toMatchObject({ readAgain: 0 });
  });

  it('copes with parts that hold no line to restart at', async () => {
    const trace = Array.from({ length: 3000 }, (_, i) => `stack_bottom = 0x${i}a thread_stack 0x40000`).join('\n');
    const text = `${mysqlLog(500, 6)}160101 10:00:00 - mysqld got signal 11 ;\n${trace}\n${mysqlLog(500, 7)}`;
    expect((await sameInParts(file('trace.err', text), [2, 4, 9])).absorbed).toBeGreaterThan(0);
  });

  it('carries 5.0 allocation sizes into the part that needs them', async () => {
    const lines = [
      '160101 10:00:00 InnoDB: Fatal error: cannot allocate 137363456 bytes of memory with malloc!',
      ...Array.from({ length: 3000 }, (_, i) => `160101 10:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)} [Warning] Aborted connection ${i} to db: 'wp'`),
      '160101 11:00:00 InnoDB: Operating system errno: 12',
    ];
    expect(await sameInParts(file('old.err', `${lines.join('\n')}\n`))).toEqual({ absorbed: 1 + 2 + 4, readAgain: 0 });
  });
});
