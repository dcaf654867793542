// `oomtrail compare`: the seed split at its own php-fpm restart (auto), two bundles side by side,
// the JUnit case that fails while the after side still fails, --fail-on, and usage errors.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { SEED } from './helpers.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env: {} });
  return { code, stdout: out, stderr: err };
}

const SEED_OPTS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];

/** A one-file bundle: a MariaDB error log with `count` buffer-pool failures an hour apart, and a free -m. */
function bundle(dir: string, name: string, failures: number, freeMiB: number): string {
  const d = path.join(dir, name);
  const lines: string[] = [];
  for (let h = 0; h < 4; h++) {
    lines.push(`2026-11-24 ${String(10 + h).padStart(2, '0')}:00:00 0 [Note] Starting MariaDB 10.11.14-MariaDB source revision as process ${100 + h}`);
    if (h < failures) lines.push(`2026-11-24 ${String(10 + h).padStart(2, '0')}:00:01 0 [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=1024m`);
  }
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'mysqld.err'), `${lines.join('\n')}\n`);
  const free = ['Tue Nov 24 12:30:00 UTC 2026', '               total        used        free      shared  buff/cache   available', `Mem:            1000         ${1000 - freeMiB}         ${freeMiB - 50}           0          50         ${freeMiB}`, 'Swap:              0           0           0'];
  writeFileSync(path.join(d, 'watch.log'), `${free.join('\n')}\n`);
  return d;
}

describe('oomtrail compare', () => {
  it('splits the seed at its php-fpm restart: no failures after, but memory still grows', async () => {
    const r = await cli(['compare', SEED, '--split-at', 'auto', '-f', 'json', ...SEED_OPTS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.schema).toBe('oomtrail.compare/1');
    expect(s.split_by.message).toBe('service php-fpm restart');
    expect(s.split_at).toBe('2016-05-21T23:43:51.000+08:00');
    expect(s.span_seconds).toBe(12 * 3600 + 6 * 60 + 15); // 23:43:51 → 11:50:06, the shorter side
    expect(s.before.failures.map((f: { time: string }) => f.time)).toEqual(['2016-05-21T18:49:28.000+08:00']);
    expect(s.after.failures).toEqual([]);
    expect(s.before.peak.php_fpm_workers).toBe(2);
    expect(Math.round(s.after.min_available_bytes / 1024 ** 2)).toBe(592);
    expect(s.outcome).toBe('better_but_growing');
    expect(s.verdict).toMatch(/^Better for now, not fixed: after: .*no failures in 12 h 06 m; before: .*1 failure; but memory in use grows about 23 MiB\/h/);
  });

  it('renders text, markdown, html and junit with the verdict', async () => {
    for (const f of ['text', 'markdown', 'html', 'junit']) {
      const r = await cli(['compare', SEED, '--split-at', 'auto', '-f', f, ...SEED_OPTS]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Better for now, not fixed');
    }
    const h = await cli(['compare', SEED, '--split-at', 'auto', '-f', 'html', ...SEED_OPTS]);
    expect(h.stdout).toContain('<figure class="chart" id="compare-chart"');
  });

  it('compares two bundles over equal spans; junit fails and --fail-on exits 1 while the after side fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-compare-'));
    const before = bundle(dir, 'before', 3, 40);
    const after = bundle(dir, 'after', 1, 400);
    const opts = ['--tz', 'UTC', '--no-progress'];
    const j = await cli(['compare', before, after, '-f', 'json', ...opts]);
    expect(j.stderr).toBe('');
    const s = JSON.parse(j.stdout);
    expect(s.before.failures).toHaveLength(3);
    expect(s.after.failures).toHaveLength(1);
    expect(s.outcome).toBe('still_failing');
    expect(s.split_at).toBeNull();
    const x = await cli(['compare', before, after, '-f', 'junit', '--fail-on', 'failure', ...opts]);
    expect(x.code).toBe(1);
    expect(x.stdout).toMatch(/<failure message="Still failing: /);
    const fixed = bundle(dir, 'fixed', 0, 400);
    const ok = await cli(['compare', before, fixed, '-f', 'json', '--fail-on', 'failure', ...opts]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).outcome).toBe('better');
  });

  it('says what is wrong with a bad call, one line, exit 2', async () => {
    const r = await cli(['compare', SEED, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oomtrail: compare wants two bundles/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await cli(['compare', SEED, '--split-at', 'yesterday', '--no-progress']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--split-at wants an ISO time or auto/);
  });
});
