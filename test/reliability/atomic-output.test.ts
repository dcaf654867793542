// Evidence is never destroyed by `-o`: a target that is an input (itself, a hard or symbolic link
// to it, a file in an input folder) is refused before anything is read; an unwritable target is
// refused before the analysis, with the real reason; the report replaces the previous one only
// once complete (a temporary file beside it, then a rename), keeping its mode.
import { chmodSync, cpSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SEED } from '../helpers.js';
import { expectNoStack, shellCli, spawnCli, stderrLines, tempDir } from './cli.js';

const dir = tempDir('oomtrail-atomic-');
const ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];

/** A fresh copy of the seed's MySQL error log, and its bytes. */
function evidence(name: string): { file: string; bytes: Buffer } {
  const sub = path.join(dir, name);
  mkdirSync(sub, { recursive: true });
  const file = path.join(sub, 'mysqld.err');
  cpSync(path.join(SEED, 'mysqld.err'), file);
  return { file, bytes: readFileSync(file) };
}

describe('-o naming an input is refused before anything is read', () => {
  const cases: [string, (file: string) => string][] = [
    ['the input itself', (file) => file],
    ['a symbolic link to it', (file) => {
      const link = path.join(path.dirname(file), 'report-link.txt');
      symlinkSync(file, link);
      return link;
    }],
    ['a hard link to it', (file) => {
      const hard = path.join(dir, `hard-${path.basename(path.dirname(file))}.txt`);
      linkSync(file, hard);
      return hard;
    }],
  ];
  for (const [what, target] of cases) {
    it(`${what}: exit 2, one line naming it, the log byte for byte as it was`, async () => {
      const { file, bytes } = evidence(what.replace(/\W+/g, '-'));
      const out = target(file);
      const r = await spawnCli([file, ...ARGS, '-o', out]);
      expect(r.code).toBe(2);
      expectNoStack(r);
      expect(stderrLines(r)).toHaveLength(1);
      expect(r.stderr).toContain(`cannot write ${out}: it is the input ${file}`);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  }

  it('a file inside an input folder (a new one too): refused, nothing created there', async () => {
    const { file, bytes } = evidence('folder');
    const folder = path.dirname(file);
    const before = readdirSync(folder).sort();
    for (const out of [file, path.join(folder, 'report.html'), path.join(folder, 'sub', '..', 'x.json')]) {
      const r = await spawnCli([folder, ...ARGS, '-f', 'html', '-o', out]);
      expect(r.code).toBe(2);
      expect(stderrLines(r)).toHaveLength(1);
      expect(r.stderr).toMatch(/it is (inside the input folder|the input)/);
    }
    expect(readdirSync(folder).sort()).toEqual(before);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('an unwritable -o is refused before the analysis, with the real reason', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a folder that does not exist', () => path.join(dir, 'no-such-folder', 'r.json'), /no such file or directory/],
    ['a directory', () => dir, /is a directory/],
    ['a path through a file', () => path.join(SEED, 'mysqld.err', 'r.json'), /not a directory/],
  ];
  for (const [what, target, reason] of cases) {
    it(`${what}: exit 2 at once, while stdin is still open`, async () => {
      // stdin never ends: a run that read before checking -o would wait forever (the timeout)
      const stdin = new PassThrough();
      stdin.write('160521 14:09:57 [Note] mysqld: ready for connections.\n');
      const r = await spawnCli(['-', ...ARGS, '-o', target()], { input: stdin, timeoutMs: 15_000 });
      stdin.destroy();
      expect(r.code).toBe(2);
      expectNoStack(r);
      expect(stderrLines(r)).toEqual([expect.stringMatching(reason)]);
    });
  }

  it.skipIf(process.getuid?.() !== 0)('a folder another user cannot write: permission denied, for that user', async () => {
    const ro = path.join(dir, 'read-only');
    mkdirSync(ro, { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(ro, 0o755);
    const input = path.join(ro, 'mysqld.err');
    cpSync(path.join(SEED, 'mysqld.err'), input);
    chmodSync(input, 0o644);
    const r = await spawnCli([input, ...ARGS, '-o', path.join(ro, 'r.json')], { uid: 65534, gid: 65534 });
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: cannot write ${path.join(ro, 'r.json')}: permission denied`]);
  });
});

describe('the report replaces the previous one only when complete', () => {
  it('keeps the previous file mode, leaves no temporary file, follows a link to the report', async () => {
    const out = path.join(dir, 'kept', 'report.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, 'yesterday\n');
    chmodSync(out, 0o640);
    const link = path.join(dir, 'kept', 'latest.json');
    symlinkSync(out, link);
    const r = await spawnCli([SEED, ...ARGS, '-f', 'json', '-o', link]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).failures).toHaveLength(2);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['latest.json', 'report.json']);
  });

  it('a write that fails half-way (ulimit -f) leaves yesterday\'s report as it was', async () => {
    const out = path.join(dir, 'limited', 'report.html');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, 'yesterday\n');
    const r = await shellCli('ulimit -f 8', [SEED, ...ARGS, '-f', 'html', '-o', out]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(stderrLines(r)).toEqual([`oomtrail: cannot write ${out}: file too large (a file size limit: ulimit -f)`]);
    expect(readFileSync(out, 'utf8')).toBe('yesterday\n');
    expect(readdirSync(path.dirname(out))).toEqual(['report.html']);
  });
});
