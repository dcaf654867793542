// Bounded by design, whatever the numbers and dates in the logs: absurd totals
// (`Mem: 99999999999999999999 total`), RSS near 2^64, years 1970 and 9999 are said on stderr as
// implausible (kept as read) and keep the HTML axes and tick loops to pixels and the reports small, and every run here is made under a 512 MB heap cap
// (NODE_OPTIONS=--max-old-space-size=512): the seed, the shared bundles, a fixed absurd bundle and
// a seeded random mix of hostile inputs (FC_SEED to replay; more runs with OOMTRAIL_LONG_TESTS=1).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_TESTS, SEED, SHARED, mulberry32 } from '../helpers.js';
import { expectNoStack, shellCli, tempDir } from './cli.js';

const dir = tempDir('oomtrail-bounds-');
const CAP = { NODE_OPTIONS: '--max-old-space-size=512' };
const ARGS = ['--tz', 'UTC', '--date', '2016-05-21', '--no-progress'];

const HUGE = ['99999999999999999999', '18446744073709551615', '1e308', '-5', '0', '340282366920938463463374607431768211456'];
const YEARS = ['1970', '9999', '2016', '0001', '2038', '2106'];

/** A `free`, `top`, MySQL error log and kernel log with the numbers and dates given. */
function absurdBundle(name: string, pick: (xs: readonly string[]) => string): string {
  const b = path.join(dir, name);
  mkdirSync(b);
  const y = () => pick(YEARS);
  const n = () => pick(HUGE);
  writeFileSync(path.join(b, 'free.txt'), `Thu May 21 18:40:00 UTC 2016\n              total        used        free      shared  buff/cache   available\nMem:    ${n()}  ${n()}   ${n()}       1000     ${n()}     ${n()}\nSwap:             ${n()}           0           0\n`);
  writeFileSync(
    path.join(b, 'top.txt'),
    `top - 18:41:00 up 10 days,  1:00,  1 user,  load average: 0.00, 0.01, 0.05\nTasks: 100 total,   1 running,  99 sleeping,   0 stopped,   0 zombie\nKiB Mem : ${n()} total,   ${n()} free,  ${n()} used,   ${n()} buff/cache\nKiB Swap:        0 total,        0 free,        0 used.   ${n()} avail Mem\n\n  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND\n 1234 mysql     20   0 ${n()} ${n()}   1000 S   0.0 99.0   0:01.00 mysqld\n 2345 www-data  20   0 ${n()} ${n()}   1000 S   0.0 99.0   0:01.00 php-fpm\n`,
  );
  writeFileSync(
    path.join(b, 'mysqld.err'),
    [0, 1, 2, 3].map(() => `${y()}-12-31T10:00:00.000000Z 0 [ERROR] [MY-012681] [InnoDB] mmap(${n()} bytes) failed; errno 12\n`).join('') + `${y()}-01-01T00:00:01.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections.\n`,
  );
  writeFileSync(path.join(b, 'kern.log'), `${y()}-05-21T18:49:20.000000+00:00 db1 kernel: Out of memory: Killed process 1234 (mysqld) total-vm:${n()}kB, anon-rss:${n()}kB, file-rss:0kB, shmem-rss:0kB\n`);
  return b;
}

async function capped(input: string, format: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await shellCli('', [input, ...ARGS, '-f', format], { env: CAP, timeoutMs: 120_000 });
  expectNoStack(r);
  expect([0, 2], r.stderr).toContain(r.code);
  return r;
}

describe('absurd numbers and far-off dates', () => {
  it('HTML stays small and quick; JSON parses; years 1970 and 9999 together', async () => {
    let i = 0;
    const b = absurdBundle('fixed', (xs) => xs[i++ % xs.length]);
    const started = Date.now();
    const html = await capped(b, 'html');
    expect(html.code).toBe(0);
    expect(html.stdout.length).toBeLessThan(1_000_000);
    const json = await capped(b, 'json');
    const doc = JSON.parse(json.stdout) as { failures: unknown[] };
    expect(doc.failures.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    // said once per input, where it is, and kept as read
    expect(json.stderr).toContain(`oomtrail: note: ${path.join(b, 'top.txt')}: line 3: an implausible process size (over 1 PiB or below 0), kept as read`);
    expect(json.stderr).toMatch(/mysqld\.err: line \d+: an implausible time \(\d{4}-\d\d-\d\d\), kept as read \(\d+ events in all\)/);
  }, 130_000);
});

describe('under a 512 MB heap cap', () => {
  const bundles = existsSync(path.join(SHARED, 'bundles')) ? readdirSync(path.join(SHARED, 'bundles')).map((n) => path.join(SHARED, 'bundles', n)) : [];
  for (const b of [SEED, ...bundles]) {
    it(`${path.basename(b)}: a full report`, async () => {
      const r = await capped(b, 'html');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('</html>');
    }, 130_000);
  }

  const seed = Number(process.env.FC_SEED ?? 20261202);
  const runs = LONG_TESTS ? 12 : 2;
  it(`a seeded random mix of hostile inputs (seed ${seed}, ${runs} runs)`, async () => {
    const rand = mulberry32(seed);
    const pick = (xs: readonly string[]) => xs[Math.floor(rand() * xs.length)];
    for (let run = 0; run < runs; run++) {
      const b = absurdBundle(`mix-${seed}-${run}`, pick);
      // and the lines that tried the reader before: controls, bidi, a long line, NUL runs
      const junk = ['\x1b]0;pwn\x07', '\u202e', '\u0000'.repeat(1000), 'x'.repeat(70_000), '<script>', '\u009b2J'];
      writeFileSync(path.join(b, 'junk.log'), Array.from({ length: 50 }, () => `${pick(YEARS)}-05-21 18:49:20 ${pick(junk)} ${pick(HUGE)}\n`).join(''));
      const r = await capped(b, run % 2 === 0 ? 'html' : 'json');
      if (run % 2 === 1) expect(() => JSON.parse(r.stdout)).not.toThrow();
      else expect(r.stdout).toContain('</html>');
    }
  }, 600_000);
});
