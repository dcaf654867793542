// GNU sparse tar entries, made by real GNU tar at test time from a real sparse file (a log with a
// hole, as a preallocating logger leaves it): the old GNU 'S' type and PAX sparse 0.0, 0.1 and
// 1.0 are read under their real names, without their holes, with a note; never "no files to read".
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../helpers.js';
import { type CliResult, cli, stderrLines, tempDir } from '../reliability/cli.js';

const TEXT = readFileSync(path.join(SEED, 'mysqld.err'));
const LINES = TEXT.toString().split('\n').length - 1;
const dir = tempDir('oomtrail-sparse-');

interface Summary {
  inputs: { path: string; lines: number; error: string | null }[];
  failures: unknown[];
}
const json = (r: CliResult) => JSON.parse(r.stdout) as Summary;

/** The good log split at a line boundary with a 1 MiB hole between its halves. */
function sparseLog(folder: string): void {
  const cut = TEXT.indexOf('\n', 2000) + 1;
  const fd = openSync(path.join(folder, 'error.log'), 'w');
  writeSync(fd, TEXT.subarray(0, cut), 0, cut, 0);
  writeSync(fd, TEXT.subarray(cut), 0, TEXT.length - cut, cut + (1 << 20)); // written past the end: a hole
  closeSync(fd);
}

describe('GNU sparse entries', () => {
  const src = path.join(dir, 'src');
  mkdirSync(src);
  sparseLog(src);

  it.each([
    ['old GNU (S)', ['--format=gnu']],
    ['PAX 0.0', ['--format=pax', '--sparse-version=0.0']],
    ['PAX 0.1', ['--format=pax', '--sparse-version=0.1']],
    ['PAX 1.0', ['--format=pax', '--sparse-version=1.0']],
  ])('%s: read under its name, without its hole, with a note', async (name, flags) => {
    const archive = path.join(dir, `${name.replace(/\W+/g, '-')}.tar`);
    execFileSync('tar', ['--sparse', ...flags, '-cf', archive, '-C', src, 'error.log']);
    const raw = readFileSync(archive);
    expect(raw[156] === 0x53 || raw.includes('GNU.sparse')).toBe(true); // tar did make a sparse entry
    const r = await cli([archive, '-f', 'json']);
    const shown = `${archive}:error.log`;
    const why = name.startsWith('old') ? 'an entry of another type (a GNU sparse file?): read as a regular file, without holes' : 'a sparse file: read without its holes';
    expect(stderrLines(r)).toEqual([`oomtrail: note: ${shown}: ${why}`]);
    expect(json(r).inputs).toMatchObject([{ path: shown, lines: LINES, error: null }]);
    expect(json(r).failures).toHaveLength(2);
    expect(r.code).toBe(0);
  });
});
