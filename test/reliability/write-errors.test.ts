// Every write is checked: stdout or -o on a full device (/dev/full) or past a file size limit
// (`ulimit -f`, SIGXFSZ ignored so the write fails with EFBIG) ends with exit 2 and one line naming
// the target and the reason, never a stack trace and never exit 1 (the --fail-on code); a reader
// that leaves early (`| head`) ends the run quietly with exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED } from '../helpers.js';
import { expectNoStack, shellCli, stderrLines, tempDir } from './cli.js';

const dir = tempDir('oomtrail-write-');
const ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];
const FULL = existsSync('/dev/full');
const BIN = path.join(ROOT, 'bin', 'oomtrail.js');

describe.skipIf(!FULL)('a full device', () => {
  for (const format of ['text', 'json', 'html', 'ndjson', 'junit']) {
    it(`stdout > /dev/full (-f ${format}): exit 2, one line`, async () => {
      const r = await shellCli('', [SEED, ...ARGS, '-f', format], { stdout: '/dev/full' });
      expect(r.code).toBe(2);
      expectNoStack(r);
      expect(stderrLines(r)).toEqual(['oomtrail: cannot write stdout: no space left on device']);
    });
  }

  it('-o /dev/full, and --each to /dev/full: exit 2, one line', async () => {
    const r = await shellCli('', [SEED, ...ARGS, '-f', 'markdown', '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual(['oomtrail: cannot write /dev/full: no space left on device']);
    const each = await shellCli('', [SEED, SEED, ...ARGS, '--each', '-f', 'json'], { stdout: '/dev/full' });
    expect(each.code).toBe(2);
    expect(stderrLines(each)).toEqual(['oomtrail: cannot write stdout: no space left on device']);
  });

  it('with --fail-on matching, a failed write is still exit 2 (never 1)', async () => {
    const r = await shellCli('', [SEED, ...ARGS, '--fail-on', 'failure'], { stdout: '/dev/full' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write stdout: no space left on device');
  });
});

describe('a file size limit (ulimit -f)', () => {
  it('stdout into a file past the limit: exit 2, one line, not a truncated report with exit 0', async () => {
    const out = path.join(dir, 'stdout.html');
    const r = await shellCli('ulimit -f 8', [SEED, ...ARGS, '-f', 'html'], { stdout: out });
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(stderrLines(r)).toEqual(['oomtrail: cannot write stdout: file too large (a file size limit: ulimit -f)']);
  });

  it('-o past the limit for every format: exit 2, the previous report kept, no temporary file left', async () => {
    const sub = path.join(dir, 'limited');
    mkdirSync(sub, { recursive: true });
    for (const format of ['json', 'html', 'ndjson']) {
      const out = path.join(sub, `report.${format}`);
      writeFileSync(out, 'previous\n');
      // 1 block of 512 bytes: every one of these reports is bigger
      const r = await shellCli('ulimit -f 1', [SEED, ...ARGS, '-f', format, '-o', out]);
      expect(r.code, format).toBe(2);
      expect(stderrLines(r)).toEqual([`oomtrail: cannot write ${out}: file too large (a file size limit: ulimit -f)`]);
      expect(readFileSync(out, 'utf8')).toBe('previous\n');
    }
    expect(readdirSync(sub).sort()).toEqual(['report.html', 'report.json', 'report.ndjson']);
  });
});

describe('a reader that leaves early', () => {
  for (const format of ['html', 'ndjson', 'text']) {
    it(`| head -c 100 (-f ${format}): quiet, exit 0`, () => {
      // the shell reports oomtrail's own exit status on stderr; head takes 100 bytes and leaves
      const r = spawnSync('sh', ['-c', '{ "$0" "$@"; echo "status=$?" >&2; } | head -c 100 > /dev/null', process.execPath, BIN, SEED, ...ARGS, '-f', format], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr.trim()).toBe('status=0');
    });
  }
});
