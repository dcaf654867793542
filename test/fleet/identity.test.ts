// Identity (CONTRACT.md "Identity (fleets)"): the same bundle gives byte-identical NDJSON from any
// working directory, every event has its own stable id, a failure's id is its event's, the bundle
// id is the folder's or archive's name, and the host comes from the bundle's own evidence. The CLI
// runs in this process (its main(), from the working directory given): the outputs are the point.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BundleRoots, bundleIdOf } from '../../src/identity/bundle.js';
import { ROOT } from '../helpers.js';

const PTSTALK = 'samples/2026-11-24-lnmp-ptstalk-buffer-pool-failure';
const SEED = 'samples/2016-05-21-php-fpm-starves-mysqld';
const ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];

/** The CLI's stdout, run from `cwd` (exit 0 expected). */
async function oomtrail(args: string[], cwd: string): Promise<string> {
  const out = { stdout: '', stderr: '' };
  const sink = (k: 'stdout' | 'stderr') =>
    new Writable({
      write(c, _e, done) {
        out[k] += c.toString();
        done();
      },
    });
  const home = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main([...args, ...ARGS], { stdout: sink('stdout'), stderr: sink('stderr'), stdin: Readable.from([]), env: {} });
    expect(code, out.stderr).toBe(0);
  } finally {
    process.chdir(home);
  }
  return out.stdout;
}
interface Doc {
  event: { id: string; action: string };
  log: { file: { path: string } };
  host?: { name: string };
  oomtrail: { host_source?: string };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Doc);

describe('identity', () => {
  it('gives byte-identical NDJSON from three working directories', async () => {
    const abs = path.join(ROOT, PTSTALK);
    const here = await oomtrail(['timeline', PTSTALK], ROOT);
    const inside = await oomtrail(['timeline', '.'], abs);
    const elsewhere = await oomtrail(['timeline', abs], tmpdir());
    expect(here.length).toBeGreaterThan(10_000);
    expect(inside).toBe(here);
    expect(elsewhere).toBe(here);
    const docs = lines(here);
    expect(new Set(docs.map((d) => d.log.file.path))).toContain('mysqld.err');
    expect(docs.every((d) => !d.log.file.path.includes('samples/'))).toBe(true);
  });

  it('gives every event its own id, and a failure the id of its event', async () => {
    for (const b of [PTSTALK, SEED]) {
      const docs = lines(await oomtrail(['timeline', b], ROOT));
      const ids = docs.map((d) => d.event.id);
      expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const summary = JSON.parse(await oomtrail([b, '-f', 'json'], ROOT));
      expect(summary.failures.length).toBeGreaterThan(0);
      for (const f of summary.failures) expect(docs.find((d) => d.event.id === f.id)?.event.action).toBe(f.action);
      expect(summary.bundle).toBe(path.basename(b));
    }
  });

  it('names the host from pt-stalk, a shell prompt, or --host, saying where from', async () => {
    const pt = lines(await oomtrail(['timeline', PTSTALK], ROOT));
    expect(new Set(pt.map((d) => `${d.host?.name} ${d.oomtrail.host_source}`))).toEqual(new Set(['vm pt-stalk']));
    const seed = lines(await oomtrail(['timeline', SEED], ROOT));
    expect(seed[0].host).toEqual({ name: 'iZ28l1ca1vhZ' });
    expect(seed[0].oomtrail.host_source).toBe('prompt');
    const given = JSON.parse(await oomtrail([SEED, '-f', 'json', '--host', 'db-7', '--bundle-id', 'case-42'], ROOT));
    expect(given.host).toEqual({ name: 'db-7', source: 'option' });
    expect(given.bundle).toBe('case-42');
  });

  it('takes a syslog line host, and changes ids with the bundle id but not with the path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-id-'));
    const a = path.join(dir, 'web-7');
    mkdirSync(a);
    writeFileSync(path.join(a, 'messages'), 'May 21 18:49:20 web-7 kernel: Out of memory: Kill process 7082 (mysqld) score 128 or sacrifice child\n');
    cpSync(a, path.join(dir, 'copy', 'web-7'), { recursive: true });
    const one = lines(await oomtrail(['timeline', a], ROOT))[0];
    expect(one.host?.name).toBe('web-7');
    expect(one.oomtrail.host_source).toBe('syslog');
    expect(lines(await oomtrail(['timeline', path.join(dir, 'copy', 'web-7')], ROOT))[0].event.id).toBe(one.event.id);
    expect(lines(await oomtrail(['timeline', a, '--bundle-id', 'other'], ROOT))[0].event.id).not.toBe(one.event.id);
  });

  it('makes bundle ids and relative paths from inputs as typed', () => {
    expect(bundleIdOf(['incidents/web-7.tar.gz'])).toBe('web-7');
    expect(bundleIdOf(['/x/db-1/'])).toBe('db-1');
    expect(bundleIdOf(['a', 'b.tgz'])).toBe('a+b');
    expect(bundleIdOf(['a'], 'given')).toBe('given');
    const one = new BundleRoots(['./samples/x/']);
    expect(one.relative('samples/x/mysqld.err')).toBe('mysqld.err');
    expect(one.relative('samples/x/sub/top.txt')).toBe('sub/top.txt');
    expect(new BundleRoots(['b.tar.gz']).relative('b.tar.gz:inner/err.log')).toBe('inner/err.log');
    expect(new BundleRoots(['/abs/err.log']).relative('/abs/err.log')).toBe('err.log');
    const two = new BundleRoots(['a', 'b']);
    expect(two.relative('a/err.log')).toBe('a/err.log');
    expect(two.relative('b/x/top')).toBe('b/x/top');
  });
});
