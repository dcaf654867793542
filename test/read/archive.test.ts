// Archives read as streams: a .tar.gz of the seed gives the folder's summary; hostile entries
// (`../../x`, absolute names, links, devices) are display names and notes, nothing is written or
// followed; bombs, truncation, zip and deep nesting end with one line each.
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { isTar } from '../../src/read/archive.js';
import { summary } from '../../src/report/summary.js';
import { SEED, expectConserved, run } from '../helpers.js';
import { cli, expectNoStack, spawnCli, stderrLines, tempDir } from '../reliability/cli.js';

type Entry = { name: string; body?: Buffer | string; type?: 'file' | 'symlink' | 'link' | 'directory' | 'character-device'; linkname?: string; mtime?: Date };

/** A tar in memory, built with tar-stream (the library that reads it, used the other way). */
async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const { body, ...header } = e;
    if (body === undefined) pack.entry({ mode: 0o644, devmajor: 1, devminor: 3, ...header });
    else pack.entry({ mode: 0o644, ...header }, body);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const dir = tempDir();
const GOOD = readFileSync(path.join(SEED, 'mysqld.err'));
const opts = { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } };

describe('a .tar.gz of the seed', async () => {
  // A copy with whole-second mtimes (tar keeps seconds), so the folder and the archive agree.
  const folder = path.join(dir, 'seed');
  cpSync(SEED, folder, { recursive: true });
  const names = readdirSync(folder).sort();
  for (const n of names) utimesSync(path.join(folder, n), 1463800000, 1463800000);
  const tgz = path.join(dir, 'seed.tgz');
  const entries = names.map((n) => ({ name: `./${n}`, body: readFileSync(path.join(folder, n)), mtime: statSync(path.join(folder, n)).mtime }));
  writeFileSync(tgz, gzipSync(await tarOf(entries)));
  const normal = (s: unknown, from: string) => JSON.parse(JSON.stringify(s).replaceAll(from, `${folder}/`));

  it('gives the same summary as the folder, paths aside', async () => {
    const fromFolder = summary(await run([folder], opts));
    const a = await run([tgz], opts);
    expect(a.inputs.map((i) => i.path)).toEqual(names.map((n) => `${tgz}:${n}`));
    expect(a.inputs.map((i) => i.mtimeMs)).toEqual(names.map(() => 1463800000_000));
    expect(normal(summary(a), `${tgz}:`)).toEqual(fromFolder);
    expect(fromFolder.failures).toHaveLength(2);
    expectConserved(a);
  });

  it('and the same from stdin, and as a plain .tar', async () => {
    const fromFolder = summary(await run([folder], opts));
    // stdin has no name of its own: the bundle id is given, as a user would to load it into a store
    const r = await cli(['-', '-f', 'json', '--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--bundle-id', 'seed'], readFileSync(tgz));
    expect(r.code).toBe(0);
    expect(normal(JSON.parse(r.stdout), '-:')).toEqual(fromFolder);
    const plainTar = path.join(dir, 'seed.tar');
    writeFileSync(plainTar, await tarOf(entries));
    expect(normal(summary(await run([plainTar], opts)), `${plainTar}:`)).toEqual(fromFolder);
  });
});

describe('hostile archives', () => {
  it('reads ../../x and /etc/passwd as names only, follows no link, writes nothing', async () => {
    const work = path.join(dir, 'hostile');
    mkdirSync(work);
    const archive = path.join(work, 'evil.tar');
    writeFileSync(
      archive,
      await tarOf([
        { name: '../../escape.err', body: GOOD },
        { name: '/etc/passwd', body: 'not the real passwd\n' },
        { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
        { name: 'hard', type: 'link', linkname: '../../escape.err' },
        { name: 'dev/null', type: 'character-device' },
        { name: 'logs', type: 'directory' },
        { name: '.hidden/secret.log', body: 'hidden\n' },
        { name: '._mysqld.err', body: 'AppleDouble junk\n' },
        { name: 'logs/inner.err.gz', body: gzipSync(GOOD) },
      ]),
    );
    const before = readdirSync(dir).sort();
    const r = await spawnCli([archive, '-f', 'json', '--tz', 'UTC'], { cwd: work });
    expect(r.code).toBe(0);
    expect(stderrLines(r)).toEqual([
      `oomtrail: note: ${archive}:link: a symbolic link to /etc/passwd: not followed`,
      `oomtrail: note: ${archive}:hard: a hard link to ../../escape.err: not followed`,
      `oomtrail: note: ${archive}:dev/null: a character device: not followed`,
    ]);
    const s = JSON.parse(r.stdout);
    expect(s.inputs.map((i: { path: string }) => i.path)).toEqual([`${archive}:../../escape.err`, `${archive}:/etc/passwd`, `${archive}:logs/inner.err.gz`]);
    expect(s.failures.map((f: { path: string }) => f.path).sort()).toEqual([`${archive}:../../escape.err`, `${archive}:../../escape.err`, `${archive}:logs/inner.err.gz`, `${archive}:logs/inner.err.gz`].sort());
    const t = await spawnCli(['timeline', archive, '--tz', 'UTC'], { cwd: work });
    // log.file.path is the entry's name inside the bundle: a label, never a path read
    const passwd = t.stdout
      .split('\n')
      .filter((l) => l !== '' && JSON.parse(l).log.file.path === '/etc/passwd')
      .map((l) => JSON.parse(l).message);
    expect(passwd).toEqual(['not the real passwd']);
    expect(readdirSync(work)).toEqual(['evil.tar']);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a gzip bomb inside a tar: one line on that entry, the entries after it still read', async () => {
    // 300 gzip members of 1 MiB of zeros each: 300 MiB out of ~300 KiB (gunzip reads all members).
    const member = gzipSync(Buffer.alloc(1 << 20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 300 }, () => member));
    const archive = path.join(dir, 'bomb.tar');
    writeFileSync(archive, await tarOf([{ name: 'a/bomb.log.gz', body: bomb }, { name: 'z/mysqld.err', body: GOOD }]));
    const r = await spawnCli([archive, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${archive}:a/bomb.log.gz: decompresses past 256 MiB, over 200 times its size; stopped reading it (a gzip bomb?)`]);
    expectNoStack(r);
    const s = JSON.parse(r.stdout);
    expect(s.failures.filter((f: { path: string }) => f.path === `${archive}:z/mysqld.err`)).toHaveLength(2);
    expect(r.maxRss).toBeLessThan(300 * 1024 * 1024);
  });

  it('a truncated .tar.gz: the entries before the cut are read, one line, exit 2', async () => {
    const big = Buffer.concat(Array.from({ length: 40 }, () => GOOD));
    const tgz = gzipSync(await tarOf([{ name: 'first.err', body: GOOD }, { name: 'second.err', body: big }, { name: 'third.err', body: GOOD }]));
    const cut = path.join(dir, 'cut.tar.gz');
    writeFileSync(cut, tgz.subarray(0, Math.floor(tgz.length * 0.5)));
    const r = await cli([cut, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^oomtrail: ${cut}:second.err: corrupt or truncated gzip data`));
    expectNoStack(r);
    const s = JSON.parse(r.stdout);
    expect(s.inputs.map((i: { path: string }) => i.path)).toEqual([`${cut}:first.err`, `${cut}:second.err`]);
    expect(s.failures.filter((f: { path: string }) => f.path === `${cut}:first.err`)).toHaveLength(2);
  });

  it('a tar cut inside a header, and a tar of junk after a good entry', async () => {
    const t = await tarOf([{ name: 'first.err', body: GOOD }, { name: 'second.err', body: GOOD }]);
    const firstEnd = 512 + Math.ceil(GOOD.length / 512) * 512;
    const cut = path.join(dir, 'cut.tar');
    writeFileSync(cut, t.subarray(0, firstEnd + 300));
    const r = await cli([cut, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^oomtrail: ${cut}: .*; the entries after it were not read$`));
    const junk = path.join(dir, 'junk.tar');
    writeFileSync(junk, Buffer.concat([t.subarray(0, firstEnd), Buffer.alloc(512, 0x41)]));
    const j = await cli([junk, '-f', 'json']);
    expect(stderrLines(j)).toEqual([`oomtrail: ${junk}: not a valid tar archive (an invalid header); the entries after it were not read`]);
    expect(JSON.parse(j.stdout).failures).toHaveLength(2);
  });

  it('a zip: one clear line, exit 2', async () => {
    const zip = path.join(dir, 'bundle.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]));
    const r = await cli([zip, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${zip}: a zip archive: not supported (unzip it, or pack it as .tar.gz)`]);
  });

  it('gzip nested past the depth bound (a gzip quine would never end)', async () => {
    let body: Buffer = GOOD;
    for (let i = 0; i < 6; i++) body = gzipSync(body);
    const deep = path.join(dir, 'deep.gz');
    writeFileSync(deep, body);
    const r = await cli([deep, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`oomtrail: ${deep}: archives or gzip nested more than 4 deep; skipped`]);
    let ok: Buffer = GOOD;
    for (let i = 0; i < 3; i++) ok = gzipSync(ok);
    writeFileSync(deep, ok);
    expect(JSON.parse((await cli([deep, '-f', 'json'])).stdout).failures).toHaveLength(2);
  });
});

describe('tar detection by content', () => {
  it('knows a ustar header and an old v7 header by checksum, and nothing else', async () => {
    const t = await tarOf([{ name: 'a.log', body: 'x\n' }]);
    expect(isTar(t)).toBe(true);
    const v7 = Buffer.from(t.subarray(0, 512));
    v7.fill(0, 257, 512); // no ustar magic
    v7.fill(32, 148, 156);
    let sum = 0;
    for (const b of v7) sum += b;
    v7.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(isTar(v7)).toBe(true);
    v7[0] ^= 1;
    expect(isTar(v7)).toBe(false);
    expect(isTar(Buffer.alloc(512))).toBe(false);
    expect(isTar(GOOD.subarray(0, 512))).toBe(false);
  });
});
