// Progress and the sweep pool: byte counting adds up to the size on disk (gzip or not), the bar
// appears only after a moment and ends at 100%, the stat walk totals what will be read, and the
// built sweep pool runs on worker threads while the source tree falls back to in-process.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { PROGRESS_DELAY_MS, startProgress, totalBytes } from '../src/cli/progress.js';
import { sweep, workersAvailable } from '../src/sweep/pool.js';
import { ROOT, SEED } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-progress-'));
const plainLog = '160521 14:09:57 [Note] /usr/local/mysql/bin/mysqld: ready for connections.\n'.repeat(2000);
writeFileSync(path.join(dir, 'a.err'), plainLog);
writeFileSync(path.join(dir, 'b.err.gz'), gzipSync(plainLog));
writeFileSync(path.join(dir, '.hidden'), 'skipped');

describe('progress', () => {
  it('counts bytes on disk: the sum over all inputs equals the stat walk total', async () => {
    let read = 0;
    await analyze({ inputs: [dir, SEED], tz: 'UTC', onBytes: (n) => (read += n) });
    const total = await totalBytes([dir, SEED, path.join(dir, 'missing')]);
    expect(read).toBe(total);
    expect(total).toBeLessThan(plainLog.length * 2); // the gzip counts compressed
  });

  it('draws a bar only after a moment, and finishes it', async () => {
    let out = '';
    const tty = Object.assign(
      new Writable({
        write(c, _e, done) {
          out += c.toString();
          done();
        },
      }),
      { isTTY: true, columns: 100 },
    );
    const quick = startProgress(tty, 1000, 'oomtrail');
    quick.add(1000);
    quick.stop();
    expect(out).toBe(''); // a quick run never flashes a bar
    const slow = startProgress(tty, 4 * 1024 * 1024, 'oomtrail');
    slow.add(1024 * 1024);
    await new Promise((r) => setTimeout(r, PROGRESS_DELAY_MS + 150));
    expect(out).toMatch(/oomtrail reading \[.*\] 25% \| 1 MiB of 4 MiB \| ETA /);
    slow.add(3 * 1024 * 1024);
    slow.stop();
  });
});

describe('sweep pool', () => {
  const jobs = [SEED, dir].map((input) => ({ inputs: [input], analyze: { tz: 'UTC' }, report: { bundle: input } }));

  it('runs in-process from the TypeScript sources, with the same Reports', async () => {
    expect(workersAvailable()).toBe(false);
    const reports = await sweep(jobs);
    expect(reports.map((r) => [r.bundle, r.summary.failures.length])).toEqual([
      [SEED, 2],
      [dir, 0],
    ]);
  });

  it('runs on worker threads when built, and returns plain-data Reports in input order', async () => {
    const script = `
      import { sweep, workersAvailable } from ${JSON.stringify(path.join(ROOT, 'dist', 'bundle', 'pool.js'))};
      import { threadId } from 'node:worker_threads';
      const reports = await sweep(${JSON.stringify(jobs)}, { threads: 2 });
      console.log(JSON.stringify({ workers: workersAvailable(), threadId, bundles: reports.map((r) => [r.bundle, r.summary.failures.length, r.schema]) }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual({
      workers: true,
      threadId: 0,
      bundles: [
        [SEED, 2, 'oomtrail.report/1'],
        [dir, 0, 'oomtrail.report/1'],
      ],
    });
  });
});
