// The command line as CI uses it: exit codes (0 analysed, 1 --fail-on matched, 2 usage error or an
// unreadable input, the rest still reported), --since/--until, --each over several bundles on
// worker threads (through the built bin/oomtrail.js, as users run it), colour and progress rules.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colorWanted } from '../src/cli/color.js';
import { parseFailOn } from '../src/cli/fail-on.js';
import { main } from '../src/cli/main.js';
import { progressWanted } from '../src/cli/progress.js';
import { ROOT, SEED } from './helpers.js';

const SEED_ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];
const CLEAN_LOG = [
  '160521 14:09:53 mysqld_safe Starting mysqld daemon with databases from /usr/local/mysql/data',
  '160521 14:09:53 [Note] /usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process 7082 ...',
  '160521 14:09:57 [Note] /usr/local/mysql/bin/mysqld: ready for connections.',
  "Version: '5.5.49-log'  socket: '/tmp/mysql.sock'  port: 3306  Source distribution",
  '',
].join('\n');

const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-cli-'));
const clean = path.join(dir, 'clean');
mkdirSync(clean);
writeFileSync(path.join(clean, 'mysqld.err'), CLEAN_LOG);
const missing = path.join(dir, 'no-such-bundle');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const sink = (k: 'stdout' | 'stderr') =>
    new Writable({
      write(c, _e, done) {
        out[k] += c.toString();
        done();
      },
    });
  const code = await main(args, { stdout: sink('stdout'), stderr: sink('stderr'), stdin: Readable.from([Buffer.from(stdin)]), env });
  return { code, ...out };
}

const run = promisify(execFile);
async function bin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'oomtrail.js'), ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('exit codes', () => {
  it('--fail-on failure exits 1 on the seed incident', async () => {
    const r = await cli([SEED, ...SEED_ARGS, '--fail-on', 'failure', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).failures).toHaveLength(2);
  });

  it('--fail-on failure exits 0 on a log with no failure, and 0 without --fail-on', async () => {
    expect((await cli([clean, '--tz', 'UTC', '--fail-on', 'failure'])).code).toBe(0);
    expect((await cli([SEED, ...SEED_ARGS])).code).toBe(0);
  });

  it('--fail-on takes kinds and families', async () => {
    expect((await cli([clean, '--tz', 'UTC', '--fail-on', 'mysql.ready'])).code).toBe(1);
    expect((await cli([clean, '--tz', 'UTC', '--fail-on', 'kernel.oom_kill,mysql.abort'])).code).toBe(0);
    expect((await cli([clean, '--tz', 'UTC', '--fail-on', 'mysqld_safe.*'])).code).toBe(1);
    expect((await cli([clean, '--tz', 'UTC', '--fail-on', 'kernel.*'])).code).toBe(0);
    expect(parseFailOn('failure, mysql.mmap_failed')).toEqual({ items: ['failure', 'mysql.mmap_failed'] });
    // a typo in a CI gate must not pass silently forever
    expect(parseFailOn('mysql.mmap_faild')).toEqual({ bad: 'mysql.mmap_faild' });
    expect(parseFailOn('nosuch.*')).toEqual({ bad: 'nosuch.*' });
    expect(parseFailOn('kernel.*')).toEqual({ items: ['kernel.*'] });
    const bad = await cli([clean, '--fail-on', 'oops']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("oomtrail: --fail-on wants event kinds (mysql.mmap_failed), families (kernel.*) or failure, got oops\nTry 'oomtrail --help' for the options.\n");
  });

  it('a missing input gives exit 2, one stderr line naming it, and the other inputs still reported', async () => {
    const r = await cli([missing, SEED, ...SEED_ARGS, '--fail-on', 'failure', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oomtrail: ${missing}: no such file or directory\noomtrail: --fail-on matched: failure (2 memory failures)\n`);
    const s = JSON.parse(r.stdout);
    expect(s.failures).toHaveLength(2);
    expect(s.inputs[0]).toMatchObject({ path: missing, error: 'no such file or directory' });
  });

  it('reads stdin as -', async () => {
    const r = await cli(['-', '--tz', 'UTC', '-f', 'json', '--fail-on', 'mysql.ready'], {}, CLEAN_LOG);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).inputs[0]).toMatchObject({ path: '-', lines: 4, blank: 0, unrecognized: 0 });
  });

  it.skipIf(!existsSync('/dev/full'))('a report that cannot be written (a full disk) exits 2 with one line naming the file, for every path', async () => {
    for (const args of [[SEED, ...SEED_ARGS], [SEED, ...SEED_ARGS, '-f', 'ndjson'], [SEED, clean, '--each', ...SEED_ARGS, '-f', 'ndjson'], [SEED, clean, '--each', ...SEED_ARGS]]) {
      const r = await bin([...args, '-o', '/dev/full']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toEqual(['oomtrail: cannot write /dev/full: no space left on device']);
    }
  });

  it('usage errors exit 2 with one line (and the usage hint) and no stack', async () => {
    for (const args of [['--tz', 'Mars/Base', SEED], ['--since', 'someday', SEED], ['--format', 'pdf', SEED], ['--date', '21/05/2016', SEED]]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(2);
      expect(r.stderr.trim().split('\n')[1]).toBe("Try 'oomtrail --help' for the options.");
      expect(r.stdout).toBe('');
    }
  });
});

describe('--since / --until', () => {
  it('drop events outside the window before correlation', async () => {
    const morning = JSON.parse((await cli([SEED, ...SEED_ARGS, '-f', 'json', '--until', '2016-05-21T15:00:00+08:00'])).stdout);
    expect(morning.failures.map((f: { time: string }) => f.time)).toEqual(['2016-05-21T11:06:36.000+08:00']);
    const evening = JSON.parse((await cli([SEED, ...SEED_ARGS, '-f', 'json', '--since', '2016-05-21T18:00:00', '--until', '2016-05-21T20:00:00'])).stdout);
    expect(evening.failures.map((f: { time: string }) => f.time)).toEqual(['2016-05-21T18:49:28.000+08:00']);
    expect(evening.incidents[0].outcome).toBe('down'); // the ready line at 23:30 is outside the window
    const r = await cli([SEED, ...SEED_ARGS, '--since', '2016-05-21T18:00:00', '--until', '2016-05-21T20:00:00', '--fail-on', 'failure', '-f', 'ndjson']);
    expect(r.code).toBe(1);
    // configs are kept whatever the window: their time is only when the file was last written
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const times = events.filter((e) => !e.event.action.startsWith('config.')).map((e) => e['@timestamp']);
    expect(times.every((t: string) => t >= '2016-05-21T18:00' && t <= '2016-05-21T20:00')).toBe(true);
  });
});

describe('--each over several bundles (built CLI, worker threads)', () => {
  const inputs = [path.relative(ROOT, SEED), clean, missing];

  it('json: one oomtrail.sweep/1 document with one summary per bundle; exit code the worst', async () => {
    const r = await bin([...inputs, '--each', ...SEED_ARGS, '-f', 'json', '--fail-on', 'failure']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oomtrail: ${missing}: no such file or directory\noomtrail: --fail-on matched in ${inputs[0]}: failure (2 memory failures)\n`);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('oomtrail.sweep/1');
    // `input`: the bundle as given; `bundle`: its id (its own name)
    expect(doc.bundles.map((b: { input: string; bundle: string; failures: unknown[] }) => [b.input, b.bundle, b.failures.length])).toEqual([
      [inputs[0], path.basename(inputs[0]), 2],
      [clean, 'clean', 0],
      [missing, 'no-such-bundle', 0],
    ]);
    expect(doc.bundles[0].schema).toBe('oomtrail.summary/1');
  });

  it('exit 1 when only --fail-on matched in one bundle, 0 when none did', async () => {
    expect((await bin([inputs[0], clean, '--each', ...SEED_ARGS, '-f', 'json', '--fail-on', 'failure'])).code).toBe(1);
    expect((await bin([clean, clean, '--each', ...SEED_ARGS, '-f', 'json', '--fail-on', 'failure'])).code).toBe(0);
  });

  it('junit: one <testsuite> per bundle inside one <testsuites>', async () => {
    const r = await bin([...inputs, '--each', ...SEED_ARGS, '-f', 'junit']);
    expect(r.stdout.match(/<testsuites /g)).toHaveLength(1);
    expect([...r.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1])).toEqual(inputs);
    // the seed's two mmap failures are one stable test (kind, victim, bundle)
    expect(r.stdout).toMatch(/<testsuites name="oomtrail" tests="4" failures="1" errors="1" time="\d+\.\d{3}">/);
  });

  it('markdown and text: one section per bundle, in input order', async () => {
    const md = (await bin([...inputs, '--each', ...SEED_ARGS, '-f', 'markdown'])).stdout;
    expect(md.match(/^## oomtrail: /gm)).toHaveLength(3);
    expect(md.indexOf(`\`${inputs[0]}\``)).toBeLessThan(md.indexOf(`\`${clean}\``));
    const text = (await bin([...inputs, '--each', ...SEED_ARGS])).stdout;
    expect(text.match(/^━━━ \d\/3 {2}/gm)).toHaveLength(3);
    expect(text).toMatch(/^oomtrail sweep: 3 bundles, 1 with memory failures/);
  });

  it('ndjson: each bundle\'s events, bundle after bundle, as analysing each alone gives them', async () => {
    const each = (await bin([inputs[0], clean, '--each', ...SEED_ARGS, '-f', 'ndjson'])).stdout.trim().split('\n');
    const first = (await cli([inputs[0], ...SEED_ARGS, '-f', 'ndjson'])).stdout.trim().split('\n');
    const second = (await cli([clean, ...SEED_ARGS, '-f', 'ndjson'])).stdout.trim().split('\n');
    expect(each.map((l) => JSON.parse(l).event.action)).toEqual([...first, ...second].map((l) => JSON.parse(l).event.action));
  });

  it('gives the same summaries as analysing each bundle alone', async () => {
    const sweep = JSON.parse((await bin([inputs[0], clean, '--each', ...SEED_ARGS, '-f', 'json'])).stdout);
    const alone = JSON.parse((await cli([inputs[0], ...SEED_ARGS, '-f', 'json'])).stdout);
    const { input, ...first } = sweep.bundles[0];
    expect(input).toBe(inputs[0]);
    expect(first.bundle).toBe(alone.bundle);
    // inputs' mtimes may differ from the golden test's pins, so compare what mtimes do not touch
    expect(first.failures).toEqual(alone.failures);
    expect(first.incidents).toEqual(alone.incidents);
    expect(first.stats).toEqual(alone.stats);
  });

  it('refuses stdin as a bundle of its own', async () => {
    const r = await cli(['-', clean, '--each']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--each');
  });
});

describe('colour and progress', () => {
  it('colours text on a TTY only, honouring NO_COLOR and FORCE_COLOR', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '1' }, true, { toFile: true })).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, false, { flag: true })).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1' }, true, { flag: false })).toBe(false);
  });

  it('FORCE_COLOR colours the text report; without it a pipe gets none', async () => {
    expect((await cli([SEED, ...SEED_ARGS], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[1moomtrail:');
    expect((await cli([SEED, ...SEED_ARGS])).stdout).not.toContain('\u001b[');
  });

  it('shows progress only on a TTY, not under CI, not with --no-progress', () => {
    const tty = Object.assign(new Writable(), { isTTY: true });
    expect(progressWanted(true, tty, {})).toBe(true);
    expect(progressWanted(true, tty, { CI: 'true' })).toBe(false);
    expect(progressWanted(false, tty, {})).toBe(false);
    expect(progressWanted(true, new Writable(), {})).toBe(false);
  });
});
