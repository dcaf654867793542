// Goldens: every format of the report on every samples/ bundle, run through the CLI as a user
// would (relative paths, no colour), compared with test/golden/<sample>/ (toMatchFileSnapshot;
// `vitest -u` rewrites them, and the diff is reviewed like code). A checkout gives files fresh
// mtimes, and lines with no time are placed at their file's mtime, so the sample files' mtimes
// are pinned first: the outputs are then the same on every machine and every day.
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

/** JUnit's run attributes (when, where, how long it ran) differ each run: pinned for the golden. */
function runFree(xml: string): string {
  expect(xml).toMatch(/<testsuite [^>]* time="\d+\.\d{3}" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d" hostname="[^"]+"/);
  return xml.replace(/ time="\d+\.\d{3}"/g, ' time="RUN"').replace(/ timestamp="[^"]*"/g, ' timestamp="RUN"').replace(/ hostname="[^"]*"/g, ' hostname="RUN"');
}

const samples = readdirSync(path.join(ROOT, 'samples')).filter((d) => statSync(path.join(ROOT, 'samples', d)).isDirectory());

describe.each(samples)('golden %s', (sample) => {
  const opts = SAMPLE_OPTIONS[sample] ?? DEFAULT;
  const input = path.relative(process.cwd(), path.join(ROOT, 'samples', sample));
  pinMtimes(path.join(ROOT, 'samples', sample), new Date(opts.mtime));

  it.each(OUTPUTS)('%s', async (file, format) => {
    const { stdout, stderr } = await cli([input, ...opts.args, '--format', format, '--no-progress']);
    expect(stderr).toBe('');
    expect(stdout).not.toContain(ROOT); // no absolute path
    await expect(format === 'junit' ? runFree(stdout) : stdout).toMatchFileSnapshot(path.join(ROOT, 'test', 'golden', sample, file));
  });
});
