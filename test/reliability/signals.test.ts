// Signals mid-run, sent for real to a real child process: SIGINT, SIGTERM and SIGHUP remove the
// temporary report, leave the previous report untouched, print one line and exit 128 + the signal's
// number. On a real terminal (a pty from script(1)) Ctrl-C while the progress bar is up gives the
// cursor and line wrap back.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { tempDir } from './cli.js';

const dir = tempDir('oomtrail-signals-');
const BIN = path.join(ROOT, 'bin', 'oomtrail.js');
const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const LINE = '160521 14:09:57 [Note] /usr/local/mysql/bin/mysqld: ready for connections.\n';

function closed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

async function until(what: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a signal mid-run', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal}: exit ${code}, one line, the previous report untouched, no temporary file`, async () => {
      const sub = path.join(dir, signal);
      mkdirSync(sub);
      const out = path.join(sub, 'report.json');
      writeFileSync(out, 'yesterday\n');
      // stdin stays open: the run is still reading when the signal comes
      const child = spawn(process.execPath, [BIN, '-', '--tz', 'UTC', '-f', 'json', '--no-progress', '-o', out], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.write(LINE.repeat(100));
      const done = closed(child);
      // the temporary report beside the target shows the run has passed its checks
      await until(() => readdirSync(sub).length > 1);
      child.kill(signal);
      const r = await done;
      expect(r).toEqual({ code, signal: null });
      expect(stderr).toBe(`oomtrail: interrupted by ${signal}\n`);
      expect(readFileSync(out, 'utf8')).toBe('yesterday\n');
      expect(readdirSync(sub)).toEqual(['report.json']);
    });
  }
});

describe('the terminal after Ctrl-C (on a pty)', () => {
  it.skipIf(!HAS_SCRIPT)('the progress bar hid the cursor and turned line wrap off: both come back', async () => {
    const big = path.join(dir, 'big.err');
    writeFileSync(big, LINE.repeat(300_000));
    const out = path.join(dir, 'pty-report.json');
    writeFileSync(out, 'yesterday\n');
    // the big file shows the bar; `-` (the pty) keeps the run going until Ctrl-C
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} ${big} - --tz UTC -f json -o ${out}`, '/dev/null'], { env: { ...process.env, CI: '', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const done = closed(child);
    await until(() => screen.includes('\x1b[?25l') && screen.includes('oomtrail reading'));
    child.stdin.write('\x03'); // Ctrl-C, through the pty's line discipline
    const r = await done;
    expect(r.code).toBe(130);
    const after = screen.slice(screen.lastIndexOf('\x1b[?25l'));
    expect(after).toContain('\x1b[?25h');
    expect(after).toContain('\x1b[?7h');
    expect(after).toMatch(/oomtrail: interrupted by SIGINT\r?\n$/);
    expect(readFileSync(out, 'utf8')).toBe('yesterday\n');
  }, 60_000);
});
