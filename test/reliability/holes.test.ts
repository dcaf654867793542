// NUL holes and long lines (issue 17): a log preallocated and cut by a crash leaves a run of NULs
// glued to the next line; it must not swallow that line. A line cut at 64 KiB inside a known
// format keeps its count of bytes not kept. Splitting stays the same however the bytes arrive.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_BYTES, MIN_NUL_HOLE } from '../../src/read/lines.js';
import { LONG_TESTS, SEED, expectConserved, mulberry32, run } from '../helpers.js';
import { cli, tempDir } from './cli.js';

const GOOD = readFileSync(path.join(SEED, 'mysqld.err'));
const dir = tempDir('oomtrail-holes-');

/** The good log with `nuls` NUL bytes before its line `at` (0-based). */
function withHole(nuls: number, at: number): Buffer {
  const lines = GOOD.toString().split('\n');
  const before = Buffer.from(lines.slice(0, at).join('\n') + '\n');
  return Buffer.concat([before, Buffer.alloc(nuls), Buffer.from(lines.slice(at).join('\n'))]);
}

function split(bytes: Buffer, sizes: () => number) {
  const s = new LineSplitter();
  const out = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.max(1, sizes());
    out.push(...s.push(bytes.subarray(at, at + n)));
    at += n;
  }
  out.push(...s.end());
  return out;
}

describe('NUL holes', () => {
  it('200,000 NULs before the mmap failure (a preallocated log after a crash): the line after the hole is read, both failures found', async () => {
    const lines = GOOD.toString().split('\n');
    const at = lines.findIndex((l) => l.includes('mmap('));
    const file = path.join(dir, 'prealloc.err');
    writeFileSync(file, withHole(200_000, at));
    const a = await run([file], { keep: 'all' });
    expect(a.failures.filter((f) => f.event.kind === 'mysql.mmap_failed')).toHaveLength(2);
    expectConserved(a);
    expect(a.stats.lines).toBe(lines.length - (lines.at(-1) === '' ? 1 : 0));
  });

  it('a short NUL run stays in the text; a hole is skipped and counted, whatever the chunking', () => {
    const rnd = mulberry32(17);
    for (let round = 0; round < (LONG_TESTS ? 400 : 60); round++) {
      const nuls = Math.floor(rnd() * 3 * MIN_NUL_HOLE);
      const bytes = Buffer.concat([Buffer.from('first\n'), Buffer.alloc(nuls), Buffer.from('after the hole\nlast\n')]);
      const whole = split(bytes, () => bytes.length);
      const pieces = split(bytes, () => 1 + Math.floor(rnd() * 700));
      expect(pieces).toEqual(whole);
      expect(whole.map((l) => l.no)).toEqual([1, 2, 3]);
      if (nuls >= MIN_NUL_HOLE) expect(whole[1]).toMatchObject({ text: 'after the hole', hole: nuls });
      else expect(whole[1].text).toBe('\u0000'.repeat(nuls) + 'after the hole');
    }
  });

  it('a file of nothing but a hole: one blank line, counted', async () => {
    const file = path.join(dir, 'only-hole.err');
    writeFileSync(file, Buffer.concat([Buffer.alloc(300_000), Buffer.from('\n')]));
    const a = await run([file, path.join(SEED, 'mysqld.err')], { keep: 'all' });
    expectConserved(a);
    expect(a.inputs[0]).toMatchObject({ lines: 1, blank: 1 });
  });
});

describe('long lines in a known format', () => {
  it('a MySQL line cut at 64 KiB keeps truncated_bytes in the timeline', async () => {
    const long = `160521 18:49:20 [Warning] Aborted connection 1 to db: '${'x'.repeat(100_000)}'`;
    const file = path.join(dir, 'long.err');
    writeFileSync(file, Buffer.concat([GOOD, Buffer.from(`${long}\n`)]));
    const r = await cli(['timeline', file]);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: { action: string }; oomtrail: { line: number; truncated_bytes?: number } });
    const cut = events.filter((e) => e.oomtrail.truncated_bytes !== undefined);
    expect(cut).toHaveLength(1);
    expect(cut[0].event.action).not.toBe('line.unrecognized');
    expect(cut[0].oomtrail.truncated_bytes).toBe(Buffer.byteLength(long) - MAX_LINE_BYTES);
  });
});
