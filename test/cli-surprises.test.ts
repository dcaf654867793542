// The CLI as a sysadmin tries it, through the built bin/oomtrail.js in a child process: -h / -V,
// "did you mean" for options and commands, one-line usage errors with a hint, repeated options,
// colour rules, journalctl-style --since/--until, --fail-on saying what matched, timeline -f text,
// inert echoes of hostile option values, and a progress bar over every phase on a real pty.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../src/time/when.js';
import { ROOT, SEED } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'oomtrail.js');
const SEED_ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21'];
const HINT = "Try 'oomtrail --help' for the options.";
const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-surprises-'));
/** script(1) (util-linux, in every Debian) gives a child a real pty; without it those checks skip. */
const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

async function bin(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env, CI: 'true', FORCE_COLOR: '', NO_COLOR: '', COLUMNS: '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: dir, env: { ...base, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A usage error: exit 2, nothing on stdout, the message line then the hint line. */
async function usage(args: string[]): Promise<string> {
  const r = await bin(args);
  expect(r.code, args.join(' ')).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines, r.stderr).toHaveLength(3);
  expect(lines[1]).toBe(HINT);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
  return lines[0];
}

describe('help and version', () => {
  it('-h and --help print the help on stdout and exit 0; -V and --version the version', async () => {
    for (const flag of ['-h', '--help']) {
      const r = await bin([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^oomtrail \[analyze\] <input\.\.\.> \[options\]/);
      expect(r.stdout).toContain('--since');
    }
    for (const flag of ['-V', '--version']) expect(await bin([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('help wraps to the terminal width ($COLUMNS off a terminal, 80 when unknown)', async () => {
    const widest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));
    const narrow = (await bin(['-h'])).stdout;
    const wide = (await bin(['-h'], { COLUMNS: '120' })).stdout;
    expect(widest(narrow)).toBeLessThanOrEqual(80);
    expect(widest(wide)).toBeGreaterThan(80);
    expect(widest(wide)).toBeLessThanOrEqual(120);
  });
});

describe('usage errors: one line plus the hint', () => {
  it('suggests the option or command meant', async () => {
    expect(await usage(['--fromat', 'json', SEED])).toBe('oomtrail: unknown option --fromat (did you mean --format?)');
    expect(await usage(['timelin', SEED])).toBe('oomtrail: unknown command timelin (did you mean timeline?)');
    expect(await usage(['-f', 'jsn', SEED])).toBe('oomtrail: --format wants one of text, markdown, html, json, ndjson, junit; got jsn (did you mean json?)');
  });

  it('-x path names the unknown option instead of taking path as its value', async () => {
    expect(await usage(['-x', SEED])).toBe('oomtrail: unknown option -x');
  });

  it('says what is wrong with a value, never NaN', async () => {
    expect(await usage(['--year', 'abc', SEED])).toBe('oomtrail: --year wants a four-digit year like 2016, got abc');
    expect(await usage([])).toBe('oomtrail: no input given: name a file, a folder, an archive or - for stdin');
    expect(await usage(['--since', 'someday', SEED])).toMatch(/^oomtrail: --since someday: expected a time like 2016-05-21 18:00/);
  });

  it('refuses --since after --until', async () => {
    expect(await usage([SEED, ...SEED_ARGS, '--since', '2016-05-21 18:00', '--until', '2016-05-21 10:00'])).toBe(
      'oomtrail: --since 2016-05-21T18:00:00.000+08:00 is after --until 2016-05-21T10:00:00.000+08:00: nothing could be reported',
    );
  });

  it('echoes hostile option values inert (no escape or bidi character reaches the terminal)', async () => {
    for (const args of [['--tz', 'X\u001b[31m\u202e', SEED], ['--since', '\u001b]0;pwn\u0007', SEED], ['--\u001b[2Jx', SEED]]) {
      const line = await usage(args);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      expect(line).toContain('\\x1b');
    }
  });
});

describe('repeated options: the last one wins', () => {
  it('-f json -f junit gives JUnit; -o a -o b writes b only', async () => {
    const r = await bin([SEED, ...SEED_ARGS, '-f', 'json', '-f', 'junit']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml/);
    const r2 = await bin([SEED, ...SEED_ARGS, '-o', 'a.txt', '-o', 'b.txt']);
    expect(r2).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toMatch(/^oomtrail: 2 memory failures/);
    expect(() => readFileSync(path.join(dir, 'a.txt'))).toThrow();
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it.skipIf(!HAS_SCRIPT)('FORCE_COLOR colours stdout but never a file (-o); --color and --no-color decide; TERM=dumb gets none', async () => {
    expect((await bin([SEED, ...SEED_ARGS], { FORCE_COLOR: '1' })).stdout).toContain(ESC);
    await bin([SEED, ...SEED_ARGS, '-o', 'forced.txt'], { FORCE_COLOR: '1' });
    expect(readFileSync(path.join(dir, 'forced.txt'), 'utf8')).not.toContain(ESC);
    await bin([SEED, ...SEED_ARGS, '--color', '-o', 'flag.txt']);
    expect(readFileSync(path.join(dir, 'flag.txt'), 'utf8')).not.toContain(ESC);
    expect((await bin([SEED, ...SEED_ARGS, '--color'])).stdout).toContain(ESC);
    expect((await bin([SEED, ...SEED_ARGS, '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toContain(ESC);
    // TERM=dumb on a real terminal: no colour (script(1) gives the child a pty)
    const dumb = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${SEED} --tz Asia/Shanghai --date 2016-05-21 --no-progress`, '/dev/null'], { env: { ...process.env, TERM: 'dumb', FORCE_COLOR: '', NO_COLOR: '' }, encoding: 'utf8' });
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${SEED} --tz Asia/Shanghai --date 2016-05-21 --no-progress`, '/dev/null'], { env: { ...process.env, TERM: 'xterm', FORCE_COLOR: '', NO_COLOR: '' }, encoding: 'utf8' });
    expect(tty.stdout).toContain(ESC);
    expect(dumb.stdout).toContain('memory failures');
    expect(dumb.stdout).not.toContain(ESC);
  });
});

describe('--since / --until in journalctl forms', () => {
  it('reads wall times, ISO, named days and relative spans in the report zone', () => {
    const now = Date.UTC(2016, 4, 22, 4, 0, 0); // 12:00 in Shanghai
    const at = (s: string) => {
      const w = parseWhen(s, 'Asia/Shanghai', now);
      return 'ms' in w ? new Date(w.ms).toISOString() : w.reason;
    };
    expect(at('2016-05-21 18:00')).toBe('2016-05-21T10:00:00.000Z');
    expect(at('2016-05-21 18:00:30')).toBe('2016-05-21T10:00:30.000Z');
    expect(at('2016-05-21')).toBe('2016-05-20T16:00:00.000Z');
    expect(at('2016-05-21T18:00:00+08:00')).toBe('2016-05-21T10:00:00.000Z');
    expect(at('2016-05-21T10:00:00Z')).toBe('2016-05-21T10:00:00.000Z');
    expect(at('yesterday')).toBe('2016-05-20T16:00:00.000Z');
    expect(at('today')).toBe('2016-05-21T16:00:00.000Z');
    expect(at('-2h')).toBe('2016-05-22T02:00:00.000Z');
    expect(at('3 days ago')).toBe('2016-05-19T04:00:00.000Z');
    expect(at('+30min')).toBe('2016-05-22T04:30:00.000Z');
    expect(at('09:30')).toBe('2016-05-22T01:30:00.000Z');
    expect(at('@1463824800')).toBe('2016-05-21T10:00:00.000Z');
    expect(at('2016-02-30 10:00')).toMatch(/^not a real date/);
    expect(at('-2 fortnights')).toMatch(/^unknown unit/);
  });

  it('the CLI takes "2016-05-21 18:00" and keeps only the evening failure', async () => {
    const r = await bin([SEED, ...SEED_ARGS, '-f', 'json', '--since', '2016-05-21 18:00']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).failures.map((f: { time: string }) => f.time)).toEqual(['2016-05-21T18:49:28.000+08:00']);
    expect((await bin([SEED, ...SEED_ARGS, '-f', 'json', '--since', '-2h'])).code).toBe(0);
  });
});

describe('--fail-on and timeline -f text', () => {
  it('--fail-on says on stderr what matched', async () => {
    const r = await bin([SEED, ...SEED_ARGS, '-f', 'json', '--fail-on', 'failure,kernel.*,mysql.abort']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('oomtrail: --fail-on matched: failure (2 memory failures), mysql.abort (2 events)\n');
    expect((await bin([SEED, ...SEED_ARGS, '-f', 'json', '--fail-on', 'kernel.*'])).stderr).toBe('');
  });

  it('timeline -f text is the timeline as text, not the full report', async () => {
    const r = await bin(['timeline', SEED, ...SEED_ARGS, '-f', 'text']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Times are in Asia\/Shanghai/);
    // every row starts with its time, or `as found` for a config file's settings (undated states)
    expect(lines.slice(1).every((l) => /^ {2}(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|as found {12})/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}as found {13}php-fpm config: pm\.max_children = 50/.test(l))).toBe(true);
    expect(r.stdout).not.toMatch(/What happened|Advice/);
    expect(r.stdout).toContain('mmap(137363456 bytes) failed');
  });
});

describe('progress over every phase (on a pty)', () => {
  it.skipIf(!HAS_SCRIPT)('shows reading with bytes and an ETA, then the later phases, and clears itself', () => {
    const big = path.join(dir, 'big.err');
    writeFileSync(big, '160521 14:09:57 [Note] /usr/local/mysql/bin/mysqld: ready for connections.\n'.repeat(300_000));
    const env = { ...process.env, CI: '', TERM: 'xterm' };
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${big} --tz UTC -f json -o ${path.join(dir, 'big.json')}`, '/dev/null'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout).toMatch(/oomtrail reading \[[█░]+\] \d+% \| [\d.]+ [KM]iB of 2[12] MiB \| ETA /);
    expect(r.stdout).toMatch(/oomtrail (dating|correlating|reporting|writing)… \| 2[12] MiB read/);
    expect(JSON.parse(readFileSync(path.join(dir, 'big.json'), 'utf8')).stats.lines).toBe(300_000);
  }, 130_000);
});

describe('the answer first (npm start on the seed)', () => {
  it('is at most ~60 lines, answers the five questions, names each verdict once, in plain words', async () => {
    const r = await bin([SEED, ...SEED_ARGS]);
    const lines = r.stdout.trimEnd().split('\n');
    // the answer rows (with one row each for the trend and the tables that leave memory out; the
    // whole "Memory explained" lists only with --verbose), failures, incidents, advice and key
    // timeline rows: 66 lines today, most of them the one verdict, the advice's reasons and the timeline
    expect(lines.length).toBeLessThanOrEqual(66);
    const answer = lines.slice(3, 18).join('\n');
    expect(answer).toMatch(/What failed +mysqld could not get 131 MiB for its InnoDB buffer pool,\s+twice/);
    expect(answer).toMatch(/When +2016-05-21 11:06:36, 2016-05-21 18:49:28/);
    expect(answer).toMatch(/For how long +down 7 h 44 m in all: 3 h 03 m \(back at 14:09:57\), 4 h\s+41 m \(back at 23:30:27\)/);
    // nothing was captured before either failure: the culprit comes from the release found later
    expect(answer).toMatch(/What held the memory +php-fpm, likely \(low confidence\): at least 761 MiB freed\s+as its processes went away, 12 h 35 m after the failure[\s\S]*not captured before it/);
    expect(answer).toMatch(/Still growing +memory in use \+23 MiB\/h since `service php-fpm restart`/);
    expect(answer).toMatch(/Not in the tables +848 MiB of 908 MiB in use/);
    expect(r.stdout).not.toMatch(/^Memory explained/m);
    expect(answer).toMatch(/What to change +pm\.max_children 50 → 22; pm\.max_spare_servers 35 → 22/);
    expect(r.stdout.match(/run a watcher/g)).toHaveLength(1);
    expect(r.stdout).toContain('Same verdict as 1.');
    expect(r.stdout).not.toMatch(/to be had|could be had|0 deaths|mysql\.buffer_pool_alloc_failed|mysql\.mmap_failed/);
    expect(r.stdout).not.toContain('samples/2016-05-21-php-fpm-starves-mysqld/'); // paths relative to the bundle
    expect(r.stdout).not.toMatch(/995 MiB/); // one RAM figure: 994 MiB, as free -m printed it
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect((await bin([SEED, ...SEED_ARGS, '--verbose'])).stdout.split('\n').length).toBeGreaterThan(120);
  });

  it('counts php-fpm workers without the master (40 with pm.max_children = 40, where top shows 41 php-fpm processes)', async () => {
    const lab = path.join(ROOT, 'samples', '2026-11-24-lab-mariadb-buffer-pool-ulimit');
    const s = JSON.parse((await bin([lab, '--tz', 'UTC', '-f', 'json'])).stdout);
    expect(s.failures[0].before.php_fpm.processes).toBe(40);
    expect(s.failures[0].before.top.map((g: { command: string }) => g.command)).toContain('php-fpm master');
  });
});
