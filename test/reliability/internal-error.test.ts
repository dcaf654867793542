// A parser that throws is a bug, not bad input: the input says "internal error at line N" in one
// line (a stack only with --debug), its other lines are still kept, and the other inputs are read.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Format } from '../../src/formats/types.js';
import { unrecognized } from '../../src/formats/types.js';
import { SEED, expectConserved, run } from '../helpers.js';
import { cli, stderrLines, tempDir } from './cli.js';

vi.mock('../../src/formats/index.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/formats/index.js')>();
  const boom: Format = {
    id: 'boom',
    dataset: 'boom',
    sniff: () => 0,
    samples: [],
    kinds: [],
    create: (ctx) => ({
      line(l) {
        if (l.text === 'BOOM') throw new Error('planted bug');
        if (l.text.trim()) ctx.emit(unrecognized(ctx, 'boom', l));
      },
      end() {},
    }),
  };
  return { ...orig, sniffFormat: (lines: readonly string[]) => (lines[0] === 'BOOM-FILE' ? boom : orig.sniffFormat(lines)) };
});

const dir = tempDir();
const file = path.join(dir, 'boom.log');
writeFileSync(file, 'BOOM-FILE\nbefore\nBOOM\nafter\n');
const good = path.join(SEED, 'mysqld.err');

describe('an internal error in a parser', () => {
  it('is one line naming the input and line, exit 2, no stack; the rest is still read', async () => {
    const r = await cli([file, good, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${file}: internal error at line 3: planted bug (a bug: please report it; --debug shows where)`]);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(JSON.parse(r.stdout).failures).toHaveLength(2);
    const a = await run([file]);
    expect(a.inputs[0].lines).toBe(4);
    expectConserved(a);
  });

  it('shows its stack with --debug', async () => {
    const r = await cli([file, '-f', 'json', '--debug']);
    expect(r.stderr).toMatch(/^ {4}at /m);
    expect(r.stderr).toContain('planted bug');
  });
});
