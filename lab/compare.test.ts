// `oomtrail compare` on two real-stack lab bundles: BEFORE (lab/run.sh: pm.max_children 40, the
// forced buffer pool failure) and AFTER (lab/run.sh --max-children 8 --no-failure: the fix, the
// same load). Expected peaks are counted from the watchers' raw `top` tables here, not by oomtrail.
// Runs only when OOMTRAIL_LAB_BUNDLE and OOMTRAIL_LAB_FIXED name the bundles (.ci/run sets both).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const BEFORE = process.env.OOMTRAIL_LAB_BUNDLE;
const AFTER = process.env.OOMTRAIL_LAB_FIXED;
if (!BEFORE || !AFTER) console.warn('NOTE: OOMTRAIL_LAB_BUNDLE / OOMTRAIL_LAB_FIXED are not both set; the lab compare test is skipped.');

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

/** The most php-fpm rows any one `top` table of the watcher shows (`top` names the master like its workers). */
function peakWorkers(bundle: string): number {
  let peak = 0;
  let cur = 0;
  for (const l of readFileSync(path.join(bundle, 'watcher.log'), 'utf8').split('\n')) {
    if (/^\s*PID USER /.test(l)) cur = 0;
    else if (/^\s*\d+ /.test(l) && /php-fpm/.test(l) && !/master process/.test(l)) peak = Math.max(peak, ++cur);
  }
  return peak;
}

describe.skipIf(!BEFORE || !AFTER)('lab: compare before and after lowering pm.max_children', () => {
  it('says it is better: fewer php-fpm workers after, no failures after, one before', async () => {
    const before = path.resolve(BEFORE ?? '.');
    const after = path.resolve(AFTER ?? '.');
    const r = await cli(['compare', before, after, '-f', 'json', '--tz', 'UTC', '--no-progress', '--fail-on', 'failure']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.schema).toBe('oomtrail.compare/1');
    expect(s.before.failures.length).toBe(1);
    expect(s.after.failures).toEqual([]);
    // top shows the master under the workers' name (`php-fpm8.2`): 8 workers and the master at most
    expect(s.after.peak.php_fpm_workers).toBeLessThanOrEqual(8 + 1);
    expect(s.after.peak.php_fpm_workers).toBe(peakWorkers(after));
    expect(s.before.peak.php_fpm_workers).toBeGreaterThan(s.after.peak.php_fpm_workers);
    expect(s.before.peak.php_fpm_rss_bytes).toBeGreaterThan(s.after.peak.php_fpm_rss_bytes);
    expect(s.outcome).toBe('better');
    expect(s.verdict).toMatch(/^Better: after: php-fpm peaked at \d workers .*; only .* on each side: compare over a busy day to be sure\.$/);
    const j = await cli(['compare', before, after, '-f', 'junit', '--tz', 'UTC', '--no-progress']);
    expect(j.stdout).toContain('<testcase classname="oomtrail.compare" name="after: no memory failure"/>');
  });

  it('fails the junit case and --fail-on when the after side still fails (the incident run against itself)', async () => {
    const before = path.resolve(BEFORE ?? '.');
    const r = await cli(['compare', before, before, '-f', 'junit', '--tz', 'UTC', '--no-progress', '--fail-on', 'failure']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<failure message="Still failing: /);
  });
});
