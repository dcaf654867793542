// Sharded sweeps for CI matrices: `--shard I/N` over the samples and a generated set of bundles
// (200 with OOMTRAIL_LONG_TESTS=1, CI's setting; 12 otherwise), then `oomtrail merge` of the shard
// outputs, gives what one unsharded run gives: the same bytes for JSON and NDJSON (nested and
// --flat), the same JUnit but for when and where it ran. A missing shard, a shard given twice and
// a bundle seen twice are refused with one line, exit 2. Shards do not depend on input order.
// The CLI runs in this process (its main(), as cli.test.ts does): the test is about the outputs,
// not the process, and some 30 runs each starting node and its workers cost minutes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseShard, shardOf, takeShard } from '../../src/sweep/shard.js';
import { LONG_TESTS, ROOT } from '../helpers.js';

const N = LONG_TESTS ? 200 : 12;
const SHARDS = 4;

const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-shards-'));
const bundles: string[] = ['2016-05-21-php-fpm-starves-mysqld', '2026-11-24-lab-mariadb-buffer-pool-ulimit', '2026-11-24-lnmp-ptstalk-buffer-pool-failure'].map((b) => path.join(ROOT, 'samples', b));
for (let i = 0; i < N; i++) {
  const b = path.join(dir, `host-${String(i).padStart(3, '0')}`);
  mkdirSync(b);
  const day = String(1 + (i % 28)).padStart(2, '0');
  const lines = [`1605${day} 14:09:53 mysqld_safe Starting mysqld daemon with databases from /var/lib/mysql`, `1605${day}  3:09:5${i % 10} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${1000 + i} ...`];
  if (i % 3 === 0) lines.push(`1605${day}  3:09:59 InnoDB: Initializing buffer pool, size = 128.0M`, `InnoDB: mmap(${137363456 + i} bytes) failed; errno 12`);
  else lines.push(`1605${day}  3:10:01 [Note] /usr/sbin/mysqld: ready for connections.`);
  writeFileSync(path.join(b, 'mysqld.err'), `${lines.join('\n')}\n`);
  bundles.push(b);
}

async function oomtrail(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const sink = (k: 'stdout' | 'stderr') =>
    new Writable({
      write(c, _e, done) {
        out[k] += c.toString();
        done();
      },
    });
  const code = await main(args, { stdout: sink('stdout'), stderr: sink('stderr'), stdin: Readable.from([]), env: {} });
  return { code, ...out };
}

const SWEEP = ['--each', '--tz', 'UTC', '--date', '2016-05-21', '--no-progress'];

async function shardsOf(format: string, extra: string[] = []): Promise<{ whole: string; files: string[] }> {
  const whole = (await oomtrail([...bundles, ...SWEEP, '-f', format, ...extra])).stdout;
  const files: string[] = [];
  for (let i = 1; i <= SHARDS; i++) {
    const file = path.join(dir, `shard-${i}-${format}${extra.join('')}.out`);
    const r = await oomtrail([...bundles, ...SWEEP, '-f', format, ...extra, '--shard', `${i}/${SHARDS}`, '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    files.push(file);
  }
  return { whole, files };
}

describe('--shard and merge', () => {
  it('hashes bundle ids to the same shard whatever the order, and every bundle to one shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(parseShard(bad)).toBeNull();
    const ids = bundles.map((b) => path.basename(b));
    const taken = Array.from({ length: SHARDS }, (_, i) => takeShard(bundles, { index: i + 1, count: SHARDS }).record.bundles.map((b) => b.id));
    expect(taken.flat().sort()).toEqual([...ids].sort());
    expect(taken.every((t) => t.length > 0)).toBe(true);
    const reversed = takeShard([...bundles].reverse(), { index: 2, count: SHARDS }).record.bundles.map((b) => b.id);
    expect(reversed.sort()).toEqual([...taken[1]].sort());
    expect(shardOf('host-007', SHARDS)).toBe(shardOf('host-007', SHARDS));
  });

  it('merges JSON, NDJSON and --flat NDJSON into the unsharded run, byte for byte', async () => {
    for (const [format, extra] of [['json', []], ['ndjson', []], ['ndjson', ['--flat']]] as [string, string[]][]) {
      const { whole, files } = await shardsOf(format, extra);
      expect(whole.length).toBeGreaterThan(1000);
      const merged = await oomtrail(['merge', ...[...files].reverse()]);
      expect(merged.code, merged.stderr).toBe(0);
      expect(merged.stdout === whole, `${format} ${extra.join(' ')}`).toBe(true);
    }
  }, 600_000);

  it('merges JUnit into the unsharded run but for when and where it ran', async () => {
    const { whole, files } = await shardsOf('junit');
    const merged = await oomtrail(['merge', ...files, '-f', 'junit']);
    expect(merged.code, merged.stderr).toBe(0);
    const runless = (x: string) => x.replace(/ (time|timestamp|hostname)="[^"]*"/g, '');
    expect(runless(merged.stdout)).toBe(runless(whole));
    expect((merged.stdout.match(/<testsuite /g) ?? []).length).toBe(bundles.length);
  }, 600_000);

  it('refuses a missing shard, a shard given twice and a bundle seen twice, saying which', async () => {
    const files = [1, 2, 3, 4].map((i) => path.join(dir, `shard-${i}-json.out`));
    const missing = await oomtrail(['merge', files[0], files[1], files[3]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`oomtrail: merge: shard 3/${SHARDS} missing: merge wants all ${SHARDS}\n`);
    const twice = await oomtrail(['merge', ...files, files[2]]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 3\/4 is given twice/);
    // the same bundle id in two shards (two runs over inputs with the same name)
    const doc = JSON.parse(readFileSync(files[0], 'utf8'));
    const other = JSON.parse(readFileSync(files[1], 'utf8'));
    other.shard.bundles[0].id = doc.shard.bundles[0].id;
    const forged = path.join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(other, null, 2));
    const dup = await oomtrail(['merge', files[0], forged, files[2], files[3]]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain(`bundle ${JSON.stringify(doc.shard.bundles[0].id)} is in`);
    const notShard = await oomtrail(['merge', path.join(ROOT, 'package.json')]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toMatch(/not the json output of an --each --shard I\/N run/);
  }, 600_000);
});
