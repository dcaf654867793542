// The bad-input matrix: the worst files a server (or an attacker) leaves, each run through the
// real CLI next to a good log. Whatever happens, the tool ends in bounded time and memory, says
// what was wrong in one line per input with no stack trace, and still reports the good evidence.
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readFileSync, readSync, symlinkSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEED, expectConserved, run } from '../helpers.js';
import { type CliResult, cli, expectNoStack, spawnCli, stderrLines, tempDir } from './cli.js';

const GOOD = path.join(SEED, 'mysqld.err');
const GOOD_TEXT = readFileSync(GOOD);
const dir = tempDir();

interface Summary {
  inputs: { path: string; lines: number; blank: number; events: number; unrecognized: number; error: string | null; formats: string[] }[];
  stats: { lines: number; blank: number; events: number };
  failures: { action: string; path: string }[];
}

const json = (r: CliResult) => JSON.parse(r.stdout) as Summary;

/** The good log's two mmap failures are still found, next to whatever went wrong. */
function expectGoodStillFound(s: Summary, goodPath = GOOD) {
  expect(s.failures.filter((f) => f.path === goodPath && f.action === 'mysql.mmap_failed')).toHaveLength(2);
}

/** Deterministic bytes that look like nothing (xorshift), never starting like gzip, tar or zip. */
function junk(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x7f; // not 1f 8b, not PK
  return b;
}

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

describe('bad input: each is reported in one line and the good log is still analysed', () => {
  it('a missing path: exit 2, exactly one stderr line naming it', async () => {
    const missing = path.join(dir, 'no-such.log');
    const r = await cli([GOOD, missing, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${missing}: no such file or directory`]);
    expectNoStack(r);
    expectGoodStillFound(json(r));
    expect(json(r).inputs.find((i) => i.path === missing)?.error).toBe('no such file or directory');
  });

  // As root, chmod 000 blocks nothing: the same case then runs as the user `nobody`.
  it(`a directory and a file that cannot be read: exit 2, one line each${IS_ROOT ? ' (run as nobody: root reads through chmod 000)' : ''}`, async () => {
    const top = path.join(dir, 'perm');
    const locked = path.join(top, 'locked');
    mkdirSync(locked, { recursive: true });
    writeFileSync(path.join(locked, 'inside.log'), 'secret\n');
    const good = path.join(top, 'mysqld.err');
    copyFileSync(GOOD, good);
    const unreadable = path.join(top, 'unreadable.log');
    writeFileSync(unreadable, 'secret\n');
    chmodSync(dir, 0o755);
    chmodSync(top, 0o755);
    chmodSync(good, 0o644);
    chmodSync(locked, 0o000);
    chmodSync(unreadable, 0o000);
    const args = [top, '-f', 'json'];
    const r = IS_ROOT ? await spawnCli(args, { uid: NOBODY, gid: NOBODY }) : await cli(args);
    chmodSync(locked, 0o755);
    expect(r.code).toBe(2);
    expect(stderrLines(r).sort()).toEqual([`oomtrail: ${locked}: cannot read directory: permission denied`, `oomtrail: ${unreadable}: permission denied`]);
    expectNoStack(r);
    expectGoodStillFound(json(r), good);
  });

  it('a binary file (an ELF executable): exit 2, one line, the others analysed', async () => {
    const elf = path.join(dir, 'mysqld-binary');
    const fd = openSync(process.execPath, 'r');
    const head = Buffer.alloc(256 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    writeFileSync(elf, head.subarray(0, n));
    const r = await cli([elf, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${elf}: binary data, not a text log (skipped)`]);
    expectNoStack(r);
    expectGoodStillFound(json(r));
    expect(json(r).inputs[0]).toMatchObject({ events: 0, error: 'binary data, not a text log (skipped)' });
  });

  it('a truncated .gz: exit 2, the lines before the cut are kept', async () => {
    const gz = gzipSync(GOOD_TEXT);
    const cut = path.join(dir, 'mysqld.err.1.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await cli([cut, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^oomtrail: ${cut}: corrupt or truncated gzip data`));
    expectNoStack(r);
    const s = json(r);
    expectGoodStillFound(s);
    const partial = s.inputs.find((i) => i.path === cut);
    expect(partial?.formats).toEqual(['mysql-error']);
    expect(partial?.lines).toBeGreaterThan(20);
    expect(partial?.blank).toBeDefined();
  });

  it('random bytes named .tar.gz: exit 2, one line (read by content, not by name)', async () => {
    const fake = path.join(dir, 'bundle.tar.gz');
    writeFileSync(fake, junk(100_000));
    const r = await cli([fake, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${fake}: binary data, not a text log (skipped)`]);
    expectNoStack(r);
    expectGoodStillFound(json(r));
  });

  it('random bytes behind a gzip magic: exit 2, one line', async () => {
    const fake = path.join(dir, 'fake.gz');
    writeFileSync(fake, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), junk(5000)]));
    const r = await cli([fake, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^oomtrail: ${fake}: corrupt or truncated gzip data`));
    expectGoodStillFound(json(r));
  });

  it('a 50 MB line with no newline: capped at 64 KiB, the rest counted, memory bounded', async () => {
    const big = path.join(dir, 'one-line.log');
    const chunk = Buffer.alloc(1 << 20, 'x');
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < 50; i++) yield chunk;
      })()),
      createWriteStream(big),
    );
    const r = await spawnCli(['timeline', big, '--tz', 'UTC']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(1);
    expect(events[0].event.action).toBe('line.unrecognized');
    expect(events[0].message).toHaveLength(64 * 1024);
    expect(events[0].oomtrail.unrecognized.truncated_bytes).toBe(50 * (1 << 20) - 64 * 1024);
    // The input is 50 MB; holding it would show. Node itself takes ~50 MB.
    expect(r.maxRss).toBeLessThan(160 * 1024 * 1024);
  });

  it('NUL blocks, invalid UTF-8 and GBK bytes mixed into a good log: the failures are still found', async () => {
    const lines = GOOD_TEXT.toString('utf8').split('\n').map((l) => Buffer.from(l));
    const gbk = Buffer.from([0xca, 0xfd, 0xbe, 0xdd, 0xbf, 0xe2, 0xb4, 0xed, 0xce, 0xf3]); // 数据库错误 in GBK
    const mixed: Buffer[] = [Buffer.alloc(4096, 0)]; // a crashed log's zeroed block, glued to line 1
    lines.forEach((l, i) => {
      if (i % 7 === 3) mixed.push(Buffer.concat([gbk, Buffer.from(' '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80]), Buffer.from('\n')]));
      if (i % 11 === 5) mixed.push(Buffer.concat([Buffer.from('junk\u0000in\u0000line '), gbk, Buffer.from('\n')]));
      mixed.push(l, Buffer.from('\n'));
    });
    const file = path.join(dir, 'dirty.err');
    writeFileSync(file, Buffer.concat(mixed));
    const r = await cli([file, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const s = json(r);
    expectGoodStillFound(s, file);
    expect(s.inputs[0].formats).toEqual(['mysql-error']);
    expectConserved(await run([file]));
  });

  it('CRLF line ends: the same findings as LF, no stray \\r', async () => {
    const file = path.join(dir, 'crlf.err');
    writeFileSync(file, GOOD_TEXT.toString('utf8').replace(/\n/g, '\r\n'));
    const lf = json(await cli([GOOD, '-f', 'json', '--tz', 'UTC']));
    const r = await cli([file, '-f', 'json', '--tz', 'UTC']);
    expect(r.code).toBe(0);
    const crlf = json(r);
    expect(crlf.stats).toEqual(lf.stats);
    // a failure's id is made of its file's name and place, so it differs with the file, by design
    expect(crlf.failures.map((f) => ({ ...f, path: '', id: '' }))).toEqual(lf.failures.map((f) => ({ ...f, path: '', id: '' })));
    const t = await cli(['timeline', file, '--tz', 'UTC']);
    expect(t.stdout).not.toContain('\\r');
  });

  it('an empty file and an empty directory: exit 0, the folder gets a note', async () => {
    const empty = path.join(dir, 'empty.log');
    writeFileSync(empty, '');
    const emptyDir = path.join(dir, 'empty-dir');
    mkdirSync(emptyDir);
    const r = await cli([empty, emptyDir, GOOD, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(stderrLines(r)).toEqual([`oomtrail: note: ${emptyDir}: no files to read in it (hidden files are skipped)`]);
    const s = json(r);
    expect(s.inputs[0]).toMatchObject({ path: empty, lines: 0, events: 0, error: null });
    expectGoodStillFound(s);
  });

  it('a directory symlink loop: links noted and not followed; with --follow-links each file read once, and it ends', async () => {
    const loop = path.join(dir, 'loop');
    mkdirSync(path.join(loop, 'sub'), { recursive: true });
    copyFileSync(GOOD, path.join(loop, 'sub', 'mysqld.err'));
    symlinkSync('..', path.join(loop, 'sub', 'up'));
    symlinkSync('.', path.join(loop, 'self'));
    symlinkSync('self-link', path.join(loop, 'self-link')); // a link to itself: ELOOP
    const quiet = await cli([loop, '-f', 'json']);
    expect(json(quiet).failures).toHaveLength(2);
    expect(stderrLines(quiet)).toEqual([
      `oomtrail: note: ${path.join(loop, 'self')}: a symbolic link to .: not followed (--follow-links follows it)`,
      `oomtrail: note: ${path.join(loop, 'self-link')}: a symbolic link to self-link: not followed (--follow-links follows it)`,
      `oomtrail: note: ${path.join(loop, 'sub', 'up')}: a symbolic link to ..: not followed (--follow-links follows it)`,
    ]);
    expect(quiet.code).toBe(0);
    const r = await cli([loop, '--follow-links', '-f', 'json']);
    const s = json(r);
    expect(s.inputs.filter((i) => i.path.endsWith('mysqld.err'))).toHaveLength(1);
    expect(s.failures).toHaveLength(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${path.join(loop, 'self-link')}: too many levels of symbolic links`]);
    expect(r.code).toBe(2);
  });

  it('a gzip bomb (1 GB of zeros): stops in bounded time and memory with one line, exit 2', async () => {
    const bomb = path.join(dir, 'error.log.gz');
    const zero = Buffer.alloc(1 << 20);
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < 1024; i++) yield zero;
      })()),
      createGzip({ level: 9 }),
      createWriteStream(bomb),
    );
    const r = await spawnCli([bomb, GOOD, '-f', 'json']); // bounded: the test's timeout catches a runaway
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^oomtrail: ${bomb}: decompresses past 256 MiB, over 200 times its size; stopped reading it \\(a gzip bomb\\?\\)$`));
    expectNoStack(r);
    expectGoodStillFound(json(r));
    expect(r.maxRss).toBeLessThan(300 * 1024 * 1024);
  });

  it('stdin (-), plain and gzipped, next to a file', async () => {
    const plain = await spawnCli(['-', '-f', 'json'], { input: GOOD_TEXT });
    expect(plain.code).toBe(0);
    expect(json(plain).inputs.map((i) => i.path)).toEqual(['-']);
    expectGoodStillFound(json(plain), '-');
    const gz = await spawnCli([GOOD, '-', '-f', 'json'], { input: gzipSync(GOOD_TEXT) });
    expect(gz.code).toBe(0);
    expectGoodStillFound(json(gz), '-');
    expectGoodStillFound(json(gz));
  });
});
