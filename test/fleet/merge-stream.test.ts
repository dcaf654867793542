// `oomtrail merge` of NDJSON shards streams: each shard is scanned for its bundles' byte ranges and
// the ranges copied in the unsharded order, so the merge's memory does not follow the shards'
// size (it read each shard whole into one string, which V8 caps near 512 MB). Shards here are
// synthetic (made by this test, one event line per row), the merge is the real CLI. `-o` is written
// atomically and refused on a shard it reads.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LONG_TESTS, ROOT } from '../helpers.js';

const BIN = path.join(ROOT, 'bin/oomtrail.js');
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-merge-stream-'));

async function oomtrail(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const event = (bundle: string, i: number, pad: string) => `${JSON.stringify({ '@timestamp': null, message: `line ${i} ${pad}`, oomtrail: { bundle: { id: bundle } } })}\n`;

/** Two shards of `perBundle` events for each of 4 bundles (positions 0..3), and the unsharded whole. */
async function shards(name: string, perBundle: number, pad = ''): Promise<{ files: string[]; whole: string }> {
  const ids = ['a', 'b', 'c', 'd'];
  const take = [[0, 2], [1, 3]];
  const files: string[] = [];
  for (let s = 0; s < 2; s++) {
    const file = path.join(dir, `${name}-${s + 1}.ndjson`);
    const out = createWriteStream(file);
    const record = { index: s + 1, count: 2, total: 4, bundles: take[s].map((p) => ({ id: ids[p], position: p })) };
    out.write(`${JSON.stringify({ oomtrail: { shard: record } })}\n`);
    for (const p of take[s]) {
      let chunk = '';
      for (let i = 0; i < perBundle; i++) {
        chunk += event(ids[p], i, pad);
        if (chunk.length > 1 << 20) {
          if (!out.write(chunk)) await once(out, 'drain');
          chunk = '';
        }
      }
      out.write(chunk);
    }
    out.end();
    await once(out, 'finish');
    files.push(file);
  }
  const whole = perBundle <= 1000 ? ids.map((id) => Array.from({ length: perBundle }, (_, i) => event(id, i, pad)).join('')).join('') : '';
  return { files, whole };
}

/** The bytes of the shards' first lines (their records), which the merge leaves out. */
function shardLines(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    const head = readFileSync(f).subarray(0, 4096);
    n += head.indexOf(0x0a) + 1;
  }
  return n;
}

describe('merge of NDJSON shards', () => {
  it('joins them in the unsharded order, byte for byte, multi-byte text across chunk edges included', async () => {
    const { files, whole } = await shards('small', 1000, '内存 ✓ '.repeat(50));
    const r = await oomtrail(['merge', files[1], files[0]]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout === whole).toBe(true);
  }, 120_000);

  it('writes -o atomically and refuses -o on a shard it reads', async () => {
    const { files, whole } = await shards('out', 200);
    const target = path.join(dir, 'merged.ndjson');
    writeFileSync(target, 'the previous merge\n');
    const ok = await oomtrail(['merge', ...files, '-o', target]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(target, 'utf8') === whole).toBe(true);
    // a missing shard: refused, and the previous output stays as it was
    const before = readFileSync(target, 'utf8');
    const missing = await oomtrail(['merge', files[0], '-o', target]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('oomtrail: merge: shard 2/2 missing: merge wants all 2\n');
    expect(readFileSync(target, 'utf8')).toBe(before);
    const onInput = await oomtrail(['merge', ...files, '-o', files[0]]);
    expect(onInput.code).toBe(2);
    expect(onInput.stderr).toMatch(/^oomtrail: cannot write .*: .*input/);
    expect(readFileSync(files[0], 'utf8').startsWith('{"oomtrail":{"shard"')).toBe(true);
    // an unreadable shard: one line naming it
    const gone = await oomtrail(['merge', files[0], path.join(dir, 'no-such-shard.ndjson'), '-f', 'ndjson']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^oomtrail: .*no-such-shard\.ndjson: .*\n$/);
    expect(existsSync(path.join(dir, 'no-such-shard.ndjson'))).toBe(false);
  }, 120_000);

  it.runIf(LONG_TESTS && existsSync('/usr/bin/time'))('merges 300 MB of shards in bounded memory', async () => {
    const { files } = await shards('big', 80_000, 'x'.repeat(400)); // 4 bundles × 80,000 × ~470 B ≈ 150 MB a shard
    const target = path.join(dir, 'big-merged.ndjson');
    const { stderr } = await run('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'merge', ...files, '-o', target], { maxBuffer: 1 << 20 });
    const peakKb = Number(stderr.trim().split('\n').pop());
    // reading the shards whole (as merge did) held them twice over: 600 MB and more
    expect(peakKb).toBeLessThan(150 * 1024);
    expect(statSync(target).size).toBe(statSync(files[0]).size + statSync(files[1]).size - shardLines(files));
    rmSync(target);
    for (const f of files) rmSync(f);
  }, 600_000);
});
