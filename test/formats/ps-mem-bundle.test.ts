// A bundle where the only process table before a kill is a ps_mem or smem one: the failure's
// `before` and culprit come from it (php-fpm), whatever tool printed the table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const MiB = 1024 ** 2;
// SYNTHETIC: a watcher round and a kernel kill made for this test, laid out as ps_mem, smem and
// syslog print them (the real layouts are in test/formats/ps-mem/, smem/ and kernel/)
const KERNEL = [
  'May 21 18:49:20 web kernel: [12345.678901] Out of memory: Kill process 7082 (mysqld) score 128 or sacrifice child',
  'May 21 18:49:20 web kernel: [12345.678950] Killed process 7082 (mysqld) total-vm:1048576kB, anon-rss:98304kB, file-rss:0kB',
  '',
].join('\n');
const PS_MEM = [
  'Sat May 21 18:48:01 CST 2016',
  ' Private  +   Shared  =  RAM used\tProgram',
  '',
  '  1.2 MiB +   3.0 MiB =   4.2 MiB\tnginx (3)',
  ' 96.0 MiB +  12.0 MiB = 108.0 MiB\tmysqld',
  '560.0 MiB + 120.0 MiB = 680.0 MiB\tphp-fpm (28)',
  '---------------------------------',
  '                        792.2 MiB',
  '=================================',
  '',
].join('\n');
const SMEM = [
  'Sat May 21 18:48:01 CST 2016',
  '  PID User     Command                         Swap      USS      PSS      RSS ',
  ' 7082 mysql    /usr/sbin/mysqld --basedir=/        0    98304   100000   110592 ',
  ' 7101 www-data php-fpm: pool www                   0    20480    24576    30720 ',
  ' 7102 www-data php-fpm: pool www                   0    20480    24576    30720 ',
  ' 7103 www-data php-fpm: pool www                   0    20480    24576    30720 ',
  ' 7104 www-data php-fpm: pool www                   0    20480    24576    30720 ',
  '',
].join('\n');

function bundle(table: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-ps-mem-'));
  writeFileSync(path.join(dir, 'watch.log'), table);
  writeFileSync(path.join(dir, 'syslog'), KERNEL);
  return dir;
}

describe('a kill after a ps_mem or smem table', () => {
  const opts = { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 }, year: 2016 };

  it('names php-fpm from a ps_mem table: 28 workers holding 680 MiB before mysqld was killed', async () => {
    const a = await run([bundle(PS_MEM)], opts);
    expect(a.stats.unrecognized).toBe(0);
    expect(a.failures).toHaveLength(1);
    const [f] = a.failures;
    expect(f.culprit).toBe('php-fpm');
    expect(f.before?.php_fpm).toMatchObject({ processes: 28, rss_bytes: 680 * MiB });
    expect(f.before?.mysqld).toEqual({ processes: 1, rss_bytes: 108 * MiB });
  });

  it('names php-fpm from an smem table by its RSS column', async () => {
    const a = await run([bundle(SMEM)], opts);
    expect(a.stats.unrecognized).toBe(0);
    const [f] = a.failures;
    expect(f.culprit).toBe('php-fpm');
    expect(f.before?.php_fpm).toMatchObject({ processes: 4, rss_bytes: 4 * 30720 * 1024 });
  });
});
