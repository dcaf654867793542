// Goldens: every format of the report on every samples/ bundle, run through the CLI as a user
// would (relative paths, no colour), compared with test/golden/<sample>/ (toMatchFileSnapshot;
// `vitest -u` rewrites them, and the diff is reviewed like code). A checkout gives files fresh
// mtimes, and lines with no time are placed at their file's mtime, so each sample is copied into
// a temporary folder and the copies' mtimes pinned: the outputs are then the same on every
// machine and every day, and the working tree is left as it was.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers.js';

/** Per sample: the options a person would run it with, and the mtime its files are given. */
const SAMPLE_OPTIONS: Record<string, { args: string[]; mtime: string }> = {
  '2016-05-21-php-fpm-starves-mysqld': { args: ['--tz', 'Asia/Shanghai', '--date', '2016-05-21'], mtime: '2016-05-22T00:00:00+08:00' },
};
const DEFAULT = { args: ['--tz', 'UTC'], mtime: '2000-01-01T00:00:00Z' };

const OUTPUTS: [file: string, format: string][] = [
  ['report.txt', 'text'],
  ['report.md', 'markdown'],
  ['report.html', 'html'],
  ['summary.json', 'json'],
  ['events.ndjson', 'ndjson'],
  ['report.junit.xml', 'junit'],
];

function pinMtimes(dir: string, when: Date): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) pinMtimes(p, when);
    else utimesSync(p, when, when);
  }
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const chunks = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _enc, done) {
        chunks[key] += chunk.toString();
        done();
      },
    });
  const code = await main(args, { stdout: sink('stdout'), stderr: sink('stderr'), stdin: process.stdin, env: {} });
  return { code, ...chunks };
}

const samples = readdirSync(path.join(ROOT, 'samples')).filter((d) => statSync(path.join(ROOT, 'samples', d)).isDirectory());

// The CLI runs in the copy's folder, so reports name `samples/<sample>` as a user's would.
const copy = mkdtempSync(path.join(os.tmpdir(), 'oomtrail-golden-'));
const home = process.cwd();
beforeAll(() => process.chdir(copy));
afterAll(() => {
  process.chdir(home);
  rmSync(copy, { recursive: true, force: true });
});

describe.each(samples)('golden %s', (sample) => {
  const opts = SAMPLE_OPTIONS[sample] ?? DEFAULT;
  const input = path.join('samples', sample);
  cpSync(path.join(ROOT, 'samples', sample), path.join(copy, input), { recursive: true });
  pinMtimes(path.join(copy, input), new Date(opts.mtime));

  it.each(OUTPUTS)('%s', async (file, format) => {
    const { stdout, stderr } = await cli([input, ...opts.args, '--format', format, '--no-progress']);
    expect(stderr).toBe('');
    expect(stdout).not.toContain(ROOT); // no absolute path
    expect(stdout).not.toContain(copy);
    await expect(stdout).toMatchFileSnapshot(path.join(ROOT, 'test', 'golden', sample, file));
  });
});
