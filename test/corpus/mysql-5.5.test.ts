// Every MySQL 5.5-style file of the shared corpus: at most 1% unrecognized lines, every
// `errno 12` line a `mysql.mmap_failed` event, and no line lost. Skips when ../shared is absent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_CORPUS, corpusFiles, expectConserved, run } from '../helpers.js';

const files = corpusFiles('mysql-5.5');

describe.skipIf(!HAS_CORPUS)('corpus: mysql-5.5', () => {
  it('has files to read', () => expect(files.length).toBeGreaterThan(10));

  it.each(files.map((f) => [path.basename(f), f]))('%s', async (_name, file) => {
    const a = await run([file]);
    expectConserved(a);
    const input = a.inputs[0];
    expect(input.formats).toEqual(['mysql-error']);
    expect(input.unrecognized / input.lines).toBeLessThanOrEqual(0.01);
    const errno12Lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((l, i) => [l, i + 1] as const)
      .filter(([l]) => /errno:? 12\b/.test(l))
      .map(([, n]) => n);
    const mmapLines = a.events.filter((e) => e.kind === 'mysql.mmap_failed').map((e) => e.src.line);
    expect(mmapLines).toEqual(errno12Lines);
  });
});
