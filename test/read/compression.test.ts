// Rotated logs in every compression logrotate offers, made at test time by the real tools (xz,
// bzip2, zstd, lz4, GNU tar) in a temporary folder: each is read by its magic bytes, not called
// "binary data"; lz4 is named; a zstd bomb stops at the budget; gzip followed by junk keeps every
// line with one note; concatenated gzip members are all read; UTF-16 logs with a BOM are decoded.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEED } from '../helpers.js';
import { type CliResult, cli, spawnCli, stderrLines, tempDir } from '../reliability/cli.js';

const GOOD = path.join(SEED, 'mysqld.err');
const TEXT = readFileSync(GOOD);
const LINES = TEXT.toString().split('\n').length - 1;
const dir = tempDir('oomtrail-compression-');

/** A tool on this machine; CI installs them all (.ci/run), so there a missing one fails instead of skipping. */
const has = (tool: string) => process.env.CI !== undefined || spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

interface Summary {
  inputs: { path: string; lines: number; error: string | null; formats: string[] }[];
  failures: { path: string }[];
}
const json = (r: CliResult) => JSON.parse(r.stdout) as Summary;

/** The good log through `tool args`, into `name`. */
function compressed(name: string, tool: string, args: string[], input: Buffer = TEXT): string {
  const out = path.join(dir, name);
  writeFileSync(out, execFileSync(tool, args, { input, maxBuffer: 1 << 30 }));
  return out;
}

describe('rotated logs in other compressions', () => {
  it.each([
    ['error.log.1.xz', 'xz', ['-c']],
    ['error.log.2.bz2', 'bzip2', ['-c']],
    ['error.log.3.zst', 'zstd', ['-q', '-c']],
  ])('%s (%s): read by its magic bytes, every line, both failures', async (name, tool, args) => {
    if (!has(tool)) return;
    const file = compressed(name, tool, args);
    const r = await cli([file, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r).inputs).toMatchObject([{ path: file, lines: LINES, error: null, formats: ['mysql-error'] }]);
    expect(json(r).failures).toHaveLength(2);
  });

  it.each([
    ['bundle.tar.xz', '-J'],
    ['bundle.tar.bz2', '-j'],
    ['bundle.tar.zst', '--zstd'],
  ])('%s made by GNU tar %s: its entries read', async (name, flag) => {
    if (!has(flag === '-J' ? 'xz' : flag === '-j' ? 'bzip2' : 'zstd')) return;
    const src = path.join(dir, `src-${name}`);
    mkdirSync(src);
    copyFileSync(GOOD, path.join(src, 'mysqld.err'));
    const archive = path.join(dir, name);
    execFileSync('tar', ['-c', flag, '-f', archive, '-C', src, '.']);
    const r = await cli([archive, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(json(r).inputs.map((i) => [i.path, i.lines])).toEqual([[`${archive}:mysqld.err`, LINES]]);
    expect(json(r).failures).toHaveLength(2);
  });

  it('lz4: named, not called binary data; exit 2, the other input still analysed', async () => {
    if (!has('lz4')) return;
    const file = compressed('error.log.4.lz4', 'lz4', ['-q', '-c']);
    const r = await cli([file, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${file}: lz4 compressed: not supported (decompress it with lz4 -d, or recompress it with gzip)`]);
    expect(json(r).failures).toHaveLength(2);
  });

  it('a corrupt xz and a cut bzip2: one line each, no stack, exit 2', async () => {
    if (!has('xz') || !has('bzip2')) return;
    const xz = compressed('cut.xz', 'xz', ['-c']);
    writeFileSync(xz, readFileSync(xz).subarray(0, 200));
    const bz = compressed('cut.bz2', 'bzip2', ['-c']);
    writeFileSync(bz, readFileSync(bz).subarray(0, 300));
    const r = await cli([xz, bz, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    const said = stderrLines(r);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(new RegExp(`^oomtrail: ${xz}: corrupt or truncated xz data`));
    expect(said[1]).toMatch(new RegExp(`^oomtrail: ${bz}: corrupt or truncated bzip2 data`));
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a zstd bomb (1 GiB of zeros): stops at the budget in bounded memory, one line', async () => {
    if (!has('zstd')) return;
    const bomb = path.join(dir, 'bomb.log.zst');
    execFileSync('sh', ['-c', 'head -c 1073741824 /dev/zero | zstd -q -c > "$1"', 'sh', bomb]);
    const r = await spawnCli([bomb, GOOD, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${bomb}: decompresses past 256 MiB, over 200 times its size; stopped reading it (a zstd bomb?)`]);
    expect(json(r).failures).toHaveLength(2);
    expect(r.maxRss).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);
});

describe('gzip as rotations leave it', () => {
  it('a small .gz followed by junk: every line kept, one note', async () => {
    const file = path.join(dir, 'junk.log.gz');
    writeFileSync(file, Buffer.concat([gzipSync(TEXT), Buffer.from('this is not gzip\n')]));
    const r = await cli([file, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(stderrLines(r)).toEqual([`oomtrail: note: ${file}: trailing garbage after gzip data ignored (17 bytes)`]);
    expect(json(r).inputs[0]).toMatchObject({ lines: LINES, error: null });
    expect(json(r).failures).toHaveLength(2);
  });

  it('a large .gz followed by junk: its newest lines kept', async () => {
    const big = Buffer.concat([Buffer.from(Array.from({ length: 60000 }, (_, i) => `160521 10:00:00 [Warning] Aborted connection ${i} to db: 'wp'`).join('\n') + '\n'), TEXT]);
    const file = path.join(dir, 'big-junk.log.gz');
    writeFileSync(file, Buffer.concat([gzipSync(big), Buffer.alloc(3000, 0x41)]));
    const r = await cli([file, '-f', 'json']);
    expect(json(r).inputs[0]).toMatchObject({ lines: 60000 + LINES, error: null });
    expect(json(r).failures).toHaveLength(2); // the good log is its last lines
  });

  it('concatenated members (rotations glued with cat) are all read; NUL padding after them says nothing', async () => {
    const lines = TEXT.toString().split('\n');
    const half = Math.floor(lines.length / 2);
    const file = path.join(dir, 'members.log.gz');
    writeFileSync(file, Buffer.concat([gzipSync(lines.slice(0, half).join('\n') + '\n'), gzipSync(lines.slice(half).join('\n')), Buffer.alloc(512)]));
    const r = await cli([file, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(json(r).inputs[0]).toMatchObject({ lines: LINES, error: null });
    expect(json(r).failures).toHaveLength(2);
  });
});

describe('UTF-16 logs with a byte-order mark (Windows)', () => {
  it.each(['le', 'be'])('UTF-16 %s: decoded, both failures found', async (order) => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.toString().replace(/\n/g, '\r\n'), 'utf16le')]);
    const bytes = order === 'le' ? le : Buffer.from(le).swap16();
    const file = path.join(dir, `mysqld-utf16${order}.err`);
    writeFileSync(file, bytes);
    const r = await cli([file, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(json(r).inputs[0]).toMatchObject({ lines: LINES, error: null, formats: ['mysql-error'] });
    expect(json(r).failures).toHaveLength(2);
  });
});
