// Worker threads are optional: under `ulimit -v 1500000` a worker thread cannot reserve its code
// range and V8 aborts the whole process (empty output, exit 133). The limit is read first and the
// run falls back to one thread: a big log read in parts and an `--each` run still give full reports.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { LONG_TESTS, SEED } from '../helpers.js';
import { addressSpaceLimit, workerBudget } from '../../src/sweep/threads.js';
import { expectNoStack, shellCli, tempDir } from './cli.js';

const dir = tempDir('oomtrail-threads-');
const LIMITED = 'ulimit -v 1500000';

describe('the address-space limit', () => {
  const limits = (v: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax address space         ${v}            unlimited            bytes\n`;
  it('is read from /proc/self/limits: no workers at 1.5 GB, some at 4 GB, any number unlimited', () => {
    expect(addressSpaceLimit(limits('1536000000'))).toBe(1536000000);
    expect(workerBudget(limits('1536000000'))).toBe(0);
    expect(workerBudget(limits(String(4 * 1024 ** 3)))).toBeGreaterThanOrEqual(2);
    expect(workerBudget(limits('unlimited'))).toBe(Infinity);
  });
});

describe('under ulimit -v 1500000', () => {
  it('--each over three bundles: a full report of each, with a note', async () => {
    const r = await shellCli(LIMITED, [SEED, SEED, SEED, '--each', '--tz', 'Asia/Shanghai', '--date', '2016-05-21', '-f', 'json', '--no-progress']);
    expectNoStack(r);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { bundles: { failures: unknown[] }[] };
    expect(doc.bundles).toHaveLength(3);
    expect(r.stderr).toMatch(/note: the address space is limited \(ulimit -v\): bundles are read on 1 thread/);
    for (const b of doc.bundles) expect(b.failures).toHaveLength(2);
  }, 120_000);

  const sizes: [string, number, number][] = LONG_TESTS ? [['~100 MB', 800_000, 32]] : [['~25 MB', 200_000, 8]];
  for (const [what, lines, partsMinMb] of sizes) {
    it(`a ${what} log that would be read in parts: every line read, the failures found`, async () => {
      const file = path.join(dir, `big-${lines}.log`);
      await generate(file, lines, 7);
      // OOMTRAIL_PARTS_MIN_MB makes this size one that is cut into parts for worker threads
      const r = await shellCli(LIMITED, [file, '--tz', 'UTC', '-f', 'json', '--no-progress'], { env: { OOMTRAIL_PARTS_MIN_MB: String(partsMinMb) }, timeoutMs: 240_000 });
      expectNoStack(r);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { stats: { lines: number }; failures: unknown[] };
      expect(doc.stats.lines).toBe(lines);
      expect(doc.failures.length).toBeGreaterThan(0);
    }, 300_000);
  }
});
