// The real-stack lab's bundle (lab/run.sh, `npm run lab`): oomtrail must find the buffer pool failure
// MariaDB logged and link it to the watcher frame written just before it, counting php-fpm's workers
// as that frame's `top` shows them. The expectations are read from the raw files here, not from
// oomtrail. Runs only when OOMTRAIL_LAB_BUNDLE names a bundle (.ci/run sets it after running the lab).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analysis, DEFAULT_LOOKBACK_SECONDS } from '../src/analyze.js';
import type { Failure } from '../src/correlate/types.js';
import { expectConserved, run } from '../test/helpers.js';

const BUNDLE = process.env.OOMTRAIL_LAB_BUNDLE;
if (!BUNDLE) {
  console.warn('NOTE: OOMTRAIL_LAB_BUNDLE is not set; the real-stack lab test is skipped (`npm run lab` prints a bundle to set it to).');
}

const FAILURE_LINE = /Cannot map innodb_buffer_pool|mmap\(\d+ bytes\) failed|Cannot allocate memory for the buffer pool/;
const MARIADB_STAMP = /^(\d{4})-(\d\d)-(\d\d) {1,2}(\d{1,2}):(\d\d):(\d\d) /;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// `date` as the lab's watcher prints it (the lab runs in UTC): `Tue Nov 24 05:01:13 UTC 2026`.
const DATE_LINE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) UTC (\d{4})$/;

interface Frame {
  line: number; // 1-based line of the `date` line
  ms: number;
  /** The frame's `top - HH:MM:SS` header time: a loaded machine prints it a second after `date`. */
  topMs: number;
  memTotalMiB: number; // from top's `MiB Mem :  24105.6 total, ...`
  top: string[][]; // the `top` process rows, split on blanks
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n');
}

/** The watcher's frames: a `date` line, then `top -b -n1 -w 200`, then `free -m`. */
function frames(lines: string[]): Frame[] {
  const out: Frame[] = [];
  let inTable = false;
  lines.forEach((l, i) => {
    const d = DATE_LINE.exec(l);
    if (d) {
      const ms = Date.UTC(+d[6], MONTHS.indexOf(d[1]), +d[2], +d[3], +d[4], +d[5]);
      out.push({ line: i + 1, ms, topMs: ms, memTotalMiB: NaN, top: [] });
      inTable = false;
    } else if (/^top - \d\d:\d\d:\d\d /.test(l) && out.length > 0) {
      const f = out[out.length - 1];
      const [h, m, sec] = l.slice(6, 14).split(':').map(Number);
      const day = f.ms - (f.ms % 86_400_000);
      f.topMs = day + ((h * 60 + m) * 60 + sec) * 1000 + (h * 3600 + m * 60 + sec < (f.ms % 86_400_000) / 1000 ? 86_400_000 : 0);
    } else if (/^MiB Mem :/.test(l) && out.length > 0) {
      out[out.length - 1].memTotalMiB = Number(/(\d+(?:\.\d+)?) total/.exec(l)?.[1]);
    } else if (/^\s*PID USER /.test(l)) {
      inTable = true;
    } else if (inTable && /^\s*\d+ /.test(l)) {
      out[out.length - 1]?.top.push(l.trim().split(/\s+/));
    } else {
      inTable = false;
    }
  });
  return out;
}

/** top's RES column (KiB, or scaled with a suffix when it does not fit) in bytes. */
function resBytes(res: string): number {
  const m = /^(\d+(?:\.\d+)?)([mgt]?)$/.exec(res);
  if (!m) throw new Error(`unexpected RES ${res}`);
  return Math.round(+m[1] * 1024 ** (1 + ' mgt'.indexOf(m[2] || ' ')));
}

describe.skipIf(!BUNDLE)('real-stack lab bundle', () => {
  const dir = path.resolve(BUNDLE ?? '.');
  let a: Analysis;
  let failure: Failure;
  let expectedLine = 0;
  let expectedMs = NaN;
  let frame: Frame;
  let next: Frame | undefined;
  let afterNext: Frame | undefined;
  let found: Failure[] = [];

  beforeAll(async () => {
    a = await run([dir], { tz: 'UTC' });
    const err = readLines(path.join(dir, 'mysqld.err'));
    const i = err.findIndex((l) => FAILURE_LINE.test(l));
    expect(i, 'mysqld.err has a buffer pool failure line').toBeGreaterThanOrEqual(0);
    expectedLine = i + 1;
    const s = MARIADB_STAMP.exec(err[i]);
    expect(s, 'the failure line is stamped').not.toBeNull();
    if (s) expectedMs = Date.UTC(+s[1], +s[2] - 1, +s[3], +s[4], +s[5], +s[6]);
    const all = frames(readLines(path.join(dir, 'watcher.log')));
    let k = -1;
    all.forEach((f, j) => {
      if (f.topMs <= expectedMs) k = j; // the frame's top, not its date line, must precede the failure
    });
    expect(k, 'the watcher wrote a frame before the failure').toBeGreaterThanOrEqual(0);
    frame = all[k];
    next = all[k + 1];
    afterNext = all[k + 2];
    found = a.failures.filter((f) => f.event.kind === 'mysql.buffer_pool_alloc_failed' || f.event.kind === 'mysql.mmap_failed');
    failure = found[0];
  });

  it('finds the one buffer pool failure mysqld.err logged, at its line and time', () => {
    expect(found.map((f) => [path.basename(f.event.src.path), f.event.src.line])).toEqual([['mysqld.err', expectedLine]]);
    expect(failure.event.time.ms).toBe(expectedMs);
  });

  it('links it to the watcher frame written just before it, within the default lookback', () => {
    const before = failure?.before;
    expect(before, 'failure.before').not.toBeNull();
    if (!before) return;
    expect(path.basename(before.event.src.path)).toBe('watcher.log');
    expect(before.event.src.line).toBeGreaterThanOrEqual(frame.line);
    if (next) expect(before.event.src.line).toBeLessThan(next.line);
    const gap = failure.event.time.ms - before.event.time.ms;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThanOrEqual(DEFAULT_LOOKBACK_SECONDS * 1000);
    // The lab keeps the watcher running after the failure: the next frame is the `after`.
    expect(next, 'a frame after the failure').toBeDefined();
    const after = failure.after?.event.src;
    expect(after && path.basename(after.path)).toBe('watcher.log');
    expect(after?.line).toBeGreaterThanOrEqual(next?.line ?? Infinity);
    if (afterNext) expect(after?.line).toBeLessThan(afterNext.line);
  });

  it("counts php-fpm's workers and their RSS as that frame's top shows them", () => {
    // the master (owned by root among workers that are not) is not a worker, as php-fpm counts them
    const all = frame.top.filter((r) => /^php-fpm/.test(r.slice(11).join(' ')));
    const fpm = all.some((r) => r[1] !== 'root') ? all.filter((r) => r[1] !== 'root') : all;
    const db = frame.top.filter((r) => /^(?:mariadbd|mysqld)\b/.test(r.slice(11).join(' ')));
    expect(fpm.length, 'the load had php-fpm near pm.max_children').toBeGreaterThan(10);
    expect(failure?.before?.php_fpm?.processes).toBe(fpm.length);
    expect(failure?.before?.php_fpm?.rss_bytes).toBe(fpm.reduce((n, r) => n + resBytes(r[5]), 0));
    expect(failure?.before?.mysqld?.processes).toBe(db.length);
    const procs = failure?.before?.processSnapshot?.src.line ?? NaN;
    expect(procs).toBeGreaterThanOrEqual(frame.line);
    if (next) expect(procs).toBeLessThan(next.line);
  });

  it("reads that frame's memory total as top and free printed it (`free -m` is MiB)", () => {
    const MiB = 1024 * 1024;
    expect(frame.memTotalMiB, "the frame's top has a `MiB Mem :` line").toBeGreaterThan(0);
    const total = failure?.before?.memory?.total_bytes ?? NaN;
    expect(Math.abs(total - frame.memTotalMiB * MiB), `total_bytes ${total}`).toBeLessThan(MiB);
  });

  it('loses no line', () => {
    expectConserved(a);
  });
});
