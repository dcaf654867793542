// Control and bidi characters from logs and from the command line reach no terminal raw: every
// report format (JSON and NDJSON strings too: JSON.stringify leaves bidi and C1 as they are) and
// every echoed option value shows them escaped. Every option given twice: the last wins or a usage
// error, never an internal error.
import { describe, expect, it } from 'vitest';
import { SEED, parseNdjson } from '../helpers.js';
import { cli, expectNoStack } from './cli.js';

/** Terminal controls (C0 but tab and line feed, DEL, C1) and Trojan-Source bidi characters. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = ['\x1b]0;pwn\x07', '\x1b[2J', '\u009b31m', '\u202e', '\u2066', '\u200f', '\u061c', '\x07', '\u0085'];
const LOG = HOSTILE.map((h, i) => `2016-05-21T10:0${i}:00.000000Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137363456 bytes) failed; errno 12 ${h}evil${h}\n`).join('');

describe('log text in every format', () => {
  for (const format of ['text', 'markdown', 'html', 'junit', 'json', 'ndjson']) {
    it(`-f ${format}: no raw control or bidi character`, async () => {
      const r = await cli(['-', '--tz', 'UTC', '-f', format, '--verbose'], LOG);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('evil');
      expect(r.stdout).not.toMatch(RAW);
    });
  }

  it('JSON and NDJSON escape them as \\uXXXX, so the parsed text is the log\'s own', async () => {
    const json = await cli(['-', '--tz', 'UTC', '-f', 'json'], LOG);
    // no raw bidi control in the summary; the failures it lists (an episode's first and last) parse back to the log's text
    expect(json.stdout).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    const messages = (JSON.parse(json.stdout) as { failures: { message: string }[] }).failures.map((f) => f.message);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(LOG).toContain(m);
    const nd = await cli(['timeline', '-', '--tz', 'UTC'], LOG);
    expect(nd.stdout).toContain('\\u202e');
    // the reference NDJSON reader (split on \r?\n, one document a line) takes every line whole
    const rows = (await parseNdjson(nd.stdout)) as { message: string }[];
    expect(rows.length).toBe(nd.stdout.trimEnd().split('\n').length);
    const texts = rows.map((r) => r.message);
    expect(texts.some((m) => m.includes('\u2066evil\u2066'))).toBe(true);
  });
});

describe('option values echoed in errors', () => {
  const evil = '\x1b]0;pwn\x07\u202e';
  const cases: [string, string[]][] = [
    ['--tz', ['--tz', evil]],
    ['--since', ['--since', evil]],
    ['--until', ['--until', evil]],
    ['--date', ['--date', evil]],
    ['--year', ['--year', evil]],
    ['--lookback', ['--lookback', evil]],
    ['--fail-on', ['--fail-on', evil]],
    ['--as', ['--as', evil]],
    ['-f', ['-f', evil]],
    ['an unknown option', [`--${evil}`]],
    ['an unknown short option', ['-\u009b']],
    ['an unknown command', [`timelin${evil}`]],
    ['a missing input', [`/nonexistent/${evil}`]],
  ];
  for (const [what, args] of cases) {
    it(`${what}: exit 2, escaped on stderr`, async () => {
      const r = await cli([SEED, ...args]);
      expect(r.code).toBe(2);
      expectNoStack(r);
      expect(r.stderr).not.toMatch(RAW);
      expect(r.stderr).toMatch(/\\x1b|\\x9b|\\u202e/);
    });
  }
});

describe('every option given twice', () => {
  const twice: string[][] = [
    ['-f', 'json', '-f', 'junit'],
    ['--format', 'html', '-f', 'json'],
    ['--tz', 'UTC', '--tz', 'Asia/Shanghai'],
    ['--date', '2016-05-20', '--date', '2016-05-21'],
    ['--year', '2015', '--year', '2016'],
    ['--lookback', '1m', '--lookback', '15m'],
    ['--since', '2016-05-20', '--since', '2016-05-21'],
    ['--until', '2016-05-20', '--until', '2016-05-23'],
    ['--fail-on', 'kernel.*', '--fail-on', 'failure'],
    ['--as', 'top', '--as', 'mysql-error'],
    ['--color', '--no-color'],
    ['--progress', '--no-progress'],
    ['--each', '--each'],
    ['--verbose', '--verbose'],
    ['--debug', '--debug'],
  ];
  for (const args of twice) {
    it(`${args.join(' ')}: the last wins or a usage error, never an internal error`, async () => {
      const r = await cli([SEED, '--tz', 'Asia/Shanghai', ...args, '-f', 'json']);
      expectNoStack(r);
      expect([0, 1, 2]).toContain(r.code);
      if (r.code === 2) expect(r.stderr).toMatch(/Try 'oomtrail --help'|cannot read|: /);
      else expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  }

  it('-o twice: the last one gets the report', async () => {
    const { mkdtempSync, readFileSync, existsSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const d = mkdtempSync(path.join(os.tmpdir(), 'oomtrail-twice-'));
    try {
      const r = await cli([SEED, '--tz', 'Asia/Shanghai', '-f', 'json', '-o', path.join(d, 'a.json'), '-o', path.join(d, 'b.json')]);
      expect(r.code).toBe(0);
      expect(existsSync(path.join(d, 'a.json'))).toBe(false);
      expect(JSON.parse(readFileSync(path.join(d, 'b.json'), 'utf8')).failures.length).toBeGreaterThan(0);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
